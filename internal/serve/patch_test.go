package serve

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"docsgen/internal/browsertest"
)

// TestPatch runs DocsgenPatch.apply (patch.js) in Chromium on small pages:
// old and next are the page before and after an edit, as sent; live is old
// after the given script changed it, as the site's scripts would. want is
// a JavaScript expression over live (and ok, apply's answer) that must hold
// afterwards.
func TestPatch(t *testing.T) {
	ctx := browsertest.New(t, browsertest.Options{})
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	eval[any](t, ctx, patchJS+"\nwindow.DocsgenPatch = DocsgenPatch; null")
	for _, c := range patchCases() {
		t.Run(c.name, func(t *testing.T) {
			js := `(function () {
				var parse = function (s) { return new DOMParser().parseFromString(s, "text/html"); };
				var old = parse(` + strconv.Quote(c.old) + `), next = parse(` + strconv.Quote(c.next) + `);
				var live = parse(` + strconv.Quote(c.old) + `);
				` + c.script + `
				var ok = DocsgenPatch.apply(old, next, live);
				return !!(` + c.want + `);
			})()`
			if !eval[bool](t, ctx, js) {
				t.Errorf("after the patch, %s does not hold", c.want)
			}
		})
	}
}

// patchCase is one page edit for TestPatch.
type patchCase struct {
	name      string
	old, next string
	script    string // run on live before the patch
	want      string
}

// patchCases are TestPatch's edits: text, nodes and attributes patched in
// place, and the changes that must reload instead.
func patchCases() []patchCase {
	const head = `<!doctype html><html><head><title>T</title><link rel="stylesheet" href="/a.css"></head><body>`
	return []patchCase{
		{
			name: "changed text, attributes set by scripts kept",
			old:  head + `<main><p id="a">one</p><p id="b">two</p></main>`,
			next: head + `<main><p id="a">one</p><p id="b">three</p></main>`,
			script: `live.getElementById("a").hidden = true; live.getElementById("b").hidden = true;
				live.getElementById("a").mark = 1; live.getElementById("b").mark = 2;`,
			want: `ok && live.getElementById("b").textContent === "three" && live.getElementById("b").hidden &&
				live.getElementById("a").hidden && live.getElementById("a").mark === 1 && live.getElementById("b").mark === 2`,
		},
		{
			name:   "inserted paragraph, the other nodes are the same nodes",
			old:    head + `<main><h2 id="h">H</h2><p>one</p><details id="d"><summary>S</summary>x</details></main>`,
			next:   head + `<main><h2 id="h">H</h2><p>new</p><p>one</p><details id="d"><summary>S</summary>x</details></main>`,
			script: `live.getElementById("d").open = true; live.getElementById("d").mark = 1; live.getElementById("h").mark = 2;`,
			want: `ok && live.querySelector("main").textContent === "Hnewone" + "Sx" && live.getElementById("d").open &&
				live.getElementById("d").mark === 1 && live.getElementById("h").mark === 2`,
		},
		{
			name:   "removed paragraph",
			old:    head + `<main><p>one</p><p>two</p><p>three</p></main>`,
			next:   head + `<main><p>one</p><p>three</p></main>`,
			script: ``,
			want:   `ok && live.querySelector("main").textContent === "onethree"`,
		},
		{
			name:   "changed attribute merged with one a script set",
			old:    head + `<main><div id="e" class="entry" data-search="a b">x</div></main>`,
			next:   head + `<main><div id="e" class="entry" data-search="a c">x</div></main>`,
			script: `live.getElementById("e").classList.add("is-target"); live.getElementById("e").hidden = true;`,
			want:   `ok && live.getElementById("e").dataset.search === "a c" && live.getElementById("e").className === "entry is-target" && live.getElementById("e").hidden`,
		},
		{
			name:   "nodes scripts added are skipped and kept",
			old:    head + `<main><p>one</p></main><footer>f</footer>`,
			next:   head + `<main><p>two</p></main><footer>f</footer>`,
			script: `var d = live.createElement("dialog"); d.id = "search"; live.body.insertBefore(d, live.querySelector("footer")); live.body.appendChild(live.createElement("div"));`,
			want:   `ok && live.querySelector("main").textContent === "two" && live.getElementById("search") !== null && live.body.children.length === 4`,
		},
		{
			name:   "changed title is set without a reload",
			old:    head + `<main><p>one</p></main>`,
			next:   strings.Replace(head, "<title>T</title>", "<title>U</title>", 1) + `<main><p>one</p></main>`,
			script: ``,
			want:   `ok && live.title === "U"`,
		},
		{
			name:   "changed head reloads",
			old:    head + `<main><p>one</p></main>`,
			next:   strings.Replace(head, "/a.css", "/b.css", 1) + `<main><p>two</p></main>`,
			script: ``,
			want:   `!ok && live.querySelector("main").textContent === "one"`,
		},
		{
			name:   "added script reloads",
			old:    head + `<main><p>one</p></main>`,
			next:   head + `<main><p>one</p><script src="/x.js"></script></main>`,
			script: ``,
			want:   `!ok && live.querySelectorAll("script").length === 0`,
		},
		{
			name:   "a live document that lost old's nodes reloads",
			old:    head + `<main><p id="a">one</p></main>`,
			next:   head + `<main><p id="a">two</p></main>`,
			script: `live.getElementById("a").remove();`,
			want:   `!ok`,
		},
	}
}

package fidelity

import (
	"context"
	"fmt"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"docsgen/internal/browsertest"
	"docsgen/internal/output"
)

// shotDir receives the screenshots for a person to look at.
const shotDir = "/tmp/docsgen-shots/fidelity"

// serveMemory serves a built site from memory: /a/ is a/index.html.
func serveMemory(mem *output.Memory) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/")
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		b, ok := mem.Get(name)
		if !ok {
			http.NotFound(w, r)
			return
		}
		if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		w.Write(b)
	})
}

// layoutProblems lists every visible element of the page that reaches past
// the viewport, and every table cell that is not wholly inside it. Elements
// inside a horizontal scroller (a code block) are judged by the scroller.
const layoutProblems = `(() => {
  const vw = document.documentElement.clientWidth, out = [];
  if (document.documentElement.scrollWidth > vw) out.push("page scrolls sideways: " + document.documentElement.scrollWidth + " > " + vw);
  const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && typeof e.className == "string" ? "." + e.className.trim().split(/\s+/).join(".") : "");
  const scrolled = e => { for (let p = e.parentElement; p; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o == "auto" || o == "scroll" || o == "hidden") return p; } return null; };
  for (const e of document.querySelectorAll("body *")) {
    if (!e.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    const r = e.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue; // screen-reader text
    const cell = e.matches("td, th");
    if (!cell && scrolled(e)) continue;
    if (r.left < -0.5 || r.right > vw + 0.5) out.push((cell ? "table cell " : "") + name(e) + " spans " + Math.round(r.left) + ".." + Math.round(r.right) + " of " + vw + ": " + (e.textContent || "").trim().slice(0, 40));
  }
  return out.slice(0, 30);
})()`

// tab is a browser tab of a test.
type tab struct{ ctx context.Context }

// do runs steps and fails the test on error.
func (b tab) do(t *testing.T, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// eval evaluates a JavaScript expression into a T.
func eval[T any](t *testing.T, b tab, expr string) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// TestPhoneAndDesktopLayout loads the two reference pages at 390 and 1,400
// px wide, light and dark, checks that nothing overflows the viewport and
// that every table cell is inside it, checks "On this page", and saves
// screenshots to /tmp/docsgen-shots/fidelity; then follows the skip link.
func TestPhoneAndDesktopLayout(t *testing.T) {
	srv := httptest.NewServer(serveMemory(buildSite(t)))
	defer srv.Close()
	b := tab{browsertest.New(t, browsertest.Options{Width: 1400, Height: 900})}
	if err := os.MkdirAll(shotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, width := range []int64{390, 1400} {
		for _, theme := range []string{"light", "dark"} {
			for _, page := range []string{"/reference/errors/", "/reference/rate-limits/"} {
				t.Run(fmt.Sprintf("%d %s %s", width, theme, page), func(t *testing.T) {
					b.do(t, chromedp.EmulateViewport(width, 844), chromedp.Navigate(srv.URL+page))
					eval[any](t, b, `localStorage.setItem("docsgen.theme", "`+theme+`")`)
					b.do(t, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS("body")))
					if got := eval[string](t, b, `document.documentElement.dataset.theme`); got != theme {
						t.Errorf("theme %q, want %s", got, theme)
					}
					for _, p := range eval[[]string](t, b, layoutProblems) {
						t.Error(p)
					}
					checkOnThisPage(t, b, width)
					if page == "/reference/errors/" {
						checkColours(t, b)
					}
					shoot(t, b, fmt.Sprintf("%d-%s-%s", width, theme, strings.Trim(strings.ReplaceAll(page, "/", "-"), "-")))
				})
			}
		}
	}
	t.Run("the skip link reaches the entries", func(t *testing.T) {
		b.do(t, chromedp.EmulateViewport(390, 844), chromedp.Navigate(srv.URL+"/reference/errors/"), chromedp.WaitReady(chromedp.CSS("body")))
		presses := 1
		for ; presses <= 40; presses++ {
			b.do(t, chromedp.KeyEvent(kb.Tab))
			if eval[string](t, b, `document.activeElement.textContent.trim()`) == "Skip to the error entries" {
				break
			}
		}
		t.Logf("the skip link is tab stop %d", presses)
		if presses > 12 {
			t.Fatalf("the skip link is not among the first 12 tab stops")
		}
		b.do(t, chromedp.KeyEvent(kb.Enter))
		hash := eval[string](t, b, `location.hash`)
		top := eval[float64](t, b, `document.getElementById("scraping-errors").getBoundingClientRect().top`)
		if hash != "#scraping-errors" || top < 0 || top > 200 {
			t.Errorf("after the skip link: hash %q, entries heading at %v px", hash, top)
		}
	})
}

// checkColours checks the page's one colour language, which its legend
// explains: each retry verdict has its own dot colour and nothing else on
// the page wears a dot; every entry's status badge looks the same, so that
// TIMEOUT (504) and REQUIRES_AUTH (401) share one neutral look; the Refunded
// badge's colour is none of the dots'.
func checkColours(t *testing.T, b tab) {
	t.Helper()
	type colours struct {
		Dots      map[string][]string // retry class -> distinct dot colours
		Badges    []string            // distinct looks of the status badges
		BadgeDots int                 // status badges with a dot
		Refunded  []string            // distinct colours of the Refunded badges
		Others    []string            // dotted elements outside the Retry column (a callout's icon is no dot)
	}
	c := eval[colours](t, b, `(() => {
		const uniq = a => [...new Set(a)];
		const dot = e => { const s = getComputedStyle(e, "::before"); return s.content != "none" && s.display != "none" && s.width != "0px" ? s.backgroundColor : ""; };
		const dots = {};
		for (const v of ["yes", "maybe", "no", "na"]) dots[v] = uniq([...document.querySelectorAll(".retry-" + v)].map(dot));
		const badges = [...document.querySelectorAll(".error-entry .badge-status")];
		return {
			Dots: dots,
			Badges: uniq(badges.map(e => { const s = getComputedStyle(e); return s.color + " " + s.backgroundColor + " " + s.borderColor; })),
			BadgeDots: badges.filter(e => dot(e) != "").length,
			Refunded: uniq([...document.querySelectorAll(".badge-refunded")].map(e => getComputedStyle(e).color)),
			Others: [...document.querySelectorAll(".content *:not(.retry):not(.callout-title)")].filter(e => dot(e) != "" && /rgb/.test(dot(e)) && getComputedStyle(e, "::before").borderRadius == "50%").map(e => e.tagName + "." + e.className),
		};
	})()`)
	seen := map[string]string{}
	for _, v := range []string{"yes", "maybe", "no"} {
		if len(c.Dots[v]) != 1 || c.Dots[v][0] == "" {
			t.Errorf("retry %s: dot colours %q, want one", v, c.Dots[v])
			continue
		}
		if other, ok := seen[c.Dots[v][0]]; ok {
			t.Errorf("retry %s and %s share the dot colour %s", v, other, c.Dots[v][0])
		}
		seen[c.Dots[v][0]] = v
	}
	if len(c.Dots["na"]) != 1 || c.Dots["na"][0] != "" {
		t.Errorf("n/a rows show dots %q, want none", c.Dots["na"])
	}
	if len(c.Badges) != 1 || c.BadgeDots != 0 || len(c.Others) != 0 {
		t.Errorf("status badges have %d looks (%q) and %d dots; other dots on %q; want one look and no dots", len(c.Badges), c.Badges, c.BadgeDots, c.Others)
	}
	if len(c.Refunded) != 1 {
		t.Errorf("Refunded badges in %d colours: %q", len(c.Refunded), c.Refunded)
	}
	for _, r := range c.Refunded {
		if v, ok := seen[r]; ok {
			t.Errorf("the Refunded badge wears the %s dot's colour %s", v, r)
		}
	}
}

// checkOnThisPage checks that a narrow screen has the collapsed "On this
// page" above the content, which opens on a click, and a wide one the aside.
func checkOnThisPage(t *testing.T, b tab, width int64) {
	t.Helper()
	type state struct{ Inline, Aside, Open, Above bool }
	s := eval[state](t, b, `(() => {
		const d = document.querySelector(".toc-inline"), a = document.querySelector("aside.toc");
		const c = document.querySelector(".content");
		return {Inline: !!d && d.checkVisibility(), Aside: !!a && a.checkVisibility(), Open: !!d && d.open,
			Above: !!d && d.getBoundingClientRect().bottom <= c.getBoundingClientRect().top};
	})()`)
	narrow := width < 1100
	if s.Inline != narrow || s.Aside == narrow || (narrow && (s.Open || !s.Above)) {
		t.Errorf("On this page at %d px: inline %t (open %t, above the content %t), aside %t", width, s.Inline, s.Open, s.Above, s.Aside)
	}
	if !narrow {
		return
	}
	b.do(t, chromedp.Click(chromedp.CSS(".toc-inline summary")))
	links := eval[int](t, b, `[...document.querySelectorAll(".toc-inline a")].filter(a => a.checkVisibility()).length`)
	b.do(t, chromedp.Click(chromedp.CSS(".toc-inline summary")))
	if links < 2 {
		t.Errorf("opened On this page shows %d links", links)
	}
}

// shoot saves the top of the page, each table and the first entry as PNGs.
func shoot(t *testing.T, b tab, name string) {
	t.Helper()
	b.do(t, chromedp.Evaluate[chromedp.Void](`scrollTo(0, 0)`))
	top, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	write(t, name+"-top.png", top)
	for _, sel := range []string{".status-table", "#blocked-by-antibot", ".rate-headers", ".rate-plans", ".error-fields"} {
		if eval[int](t, b, `document.querySelectorAll("`+sel+`").length`) == 0 {
			continue
		}
		shot, err := chromedp.Run(b.ctx, chromedp.Screenshot(chromedp.CSS(sel)))
		if err != nil {
			t.Fatal(err)
		}
		write(t, name+strings.NewReplacer(".", "-", "#", "-").Replace(sel)+".png", shot)
	}
}

func write(t *testing.T, name string, b []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(shotDir, name), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

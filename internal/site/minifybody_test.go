package site

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"docsgen/internal/markdown"
)

// TestMinifyBodyEqualsWholeMinify renders the Markdown of the real site,
// the basic fixture and bodies made to stress code blocks (every fence
// form, tabs, containers, lists, block quotes, raw-looking text, a body
// holding the placeholder character) and wants minifyBody to give exactly
// what minifying each whole body gives.
func TestMinifyBodyEqualsWholeMinify(t *testing.T) {
	var bodies [][]byte
	fs.WalkDir(os.DirFS("../../content"), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			b, _ := os.ReadFile(filepath.Join("../../content", p))
			bodies = append(bodies, b)
		}
		return err
	})
	ar, err := txtar.ParseFile("testdata/basic.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		if strings.HasSuffix(f.Name, ".md") {
			bodies = append(bodies, f.Data)
		}
	}
	fence := "```"
	bodies = append(bodies,
		[]byte("Text before.\n\n"+fence+"python title=\"a.py\" {2}\nx = \"<b>\" & 1\n\n  y\n"+fence+"\nText between.\n"+fence+"\nplain\t<tab>\n"+fence+"\n\n- item\n\n  "+fence+"go\n  func f() {}\n  "+fence+"\n\n> quote\n>\n> "+fence+"bash\n> echo \"$X\" > /dev/null\n> "+fence+"\n"),
		[]byte(":::tabs\n"+fence+"json title=\"JSON\"\n{\"a\": [1, 2]}\n"+fence+"\n"+fence+"javascript title=\"JS\"\nconst a = `x${y}` < 3;\n"+fence+"\n:::\n\n:::note\n"+fence+"yaml\nkey: value # c\n"+fence+"\n:::\n"),
		[]byte("Placeholder \uE000 in text.\n\n"+fence+"python\nprint(1)\n"+fence+"\n"),
		[]byte("Inline `code` and <code>raw</code> with no block.\n"),
	)
	md := markdown.New(markdown.Options{}, nil)
	m := htmlMinifier()
	blocks := 0
	for i, body := range bodies {
		res, _ := md.Render(body, markdown.Source{File: "test.md"})
		blocks += strings.Count(string(res.HTML), "<pre class=\"chroma\"")
		orig := bytes.Clone(res.HTML)
		got, err := minifyBody(m, res.HTML)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(res.HTML, orig) {
			t.Errorf("body %d: minifyBody changed its input", i)
		}
		want, err := m.Bytes("text/html", bytes.Clone(res.HTML))
		if err != nil {
			t.Fatal(err)
		}
		if at, ok := sameMarkup(got, want); !ok || !bytes.Equal(got, want) {
			t.Errorf("body %d differs from the whole body minified at byte %d:\n  got:  %q\n  want: %q", i, at, around(got, at), around(want, at))
		}
	}
	if blocks < 10 {
		t.Errorf("only %d code blocks checked", blocks)
	}
}

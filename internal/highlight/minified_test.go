package highlight

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tdewolff/minify/v2"
	mhtml "github.com/tdewolff/minify/v2/html"
)

// TestBlocksAreMinified holds Highlight's markup to what the package
// comment promises: an HTML minifier keeping quotes, end tags and default
// attribute values leaves every block unchanged, so a build may copy
// blocks past the minifier. The code covers every language of the
// benchmarks, escapes, entities written as text, tabs, trailing spaces,
// blank lines, non-ASCII and unknown languages, with and without line
// numbers and highlighted lines.
func TestBlocksAreMinified(t *testing.T) {
	m := minify.New()
	m.Add("text/html", &mhtml.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	tricky := "x = {\"a\": 'b<c>&d'}  \n\n\tif a > b && c < d:   \n    print(f\"{x}\")  # &amp; &#34; &lt;/pre&gt; \u00a0nbsp é 日本 \r\n</code></pre>\n  \n"
	codes := []struct{ lang, code string }{{"python", tricky}, {"bash", tricky}, {"json", tricky}, {"go", tricky}, {"javascript", tricky}, {"yaml", tricky}, {"html", "<p class=\"x\">a &amp; b</p>\n<!-- c -->\n"}, {"text", tricky}, {"", tricky}, {"no-such-language", tricky}}
	for _, s := range benchSnippets {
		codes = append(codes, struct{ lang, code string }{s.lang, s.code})
	}
	h := newHighlighter(t)
	for _, c := range codes {
		for _, o := range []Block{{}, {LineNumbers: true, Lines: [][2]int{{1, 2}, {4, 4}}}} {
			var buf bytes.Buffer
			if _, err := h.Highlight(&buf, c.code, c.lang, o); err != nil {
				t.Fatal(err)
			}
			out, err := m.Bytes("text/html", bytes.Clone(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out, buf.Bytes()) {
				t.Errorf("%s %+v: the minifier changed the block:\n  written:  %q\n  minified: %q", c.lang, o, buf.String(), out)
			}
			if inner := strings.TrimSuffix(strings.TrimPrefix(buf.String(), BlockOpen), BlockClose); strings.Contains(inner, BlockClose) || len(inner) != buf.Len()-len(BlockOpen)-len(BlockClose) {
				t.Errorf("%s: the block is not BlockOpen ... BlockClose with no BlockClose inside: %q", c.lang, buf.String())
			}
		}
	}
}

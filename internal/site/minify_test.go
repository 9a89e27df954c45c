package site

import (
	"bytes"
	"context"
	"io"
	"os"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"docsgen/internal/output"
)

// TestLayoutIsMinified holds the templates to writing minified markup: a
// build minifies only each Markdown body, so every HTML file it writes must
// come out of the minifier unchanged (but for the quote character around an
// attribute value that holds a double quote, which the minifier swaps to
// save an escape). A template edit that adds whitespace the minifier would
// drop fails here, with the spot.
func TestLayoutIsMinified(t *testing.T) {
	real := output.NewMemory()
	if _, err := Build(context.Background(), Options{Content: os.DirFS("../../content"), Minify: true}, real); err != nil {
		t.Fatal(err)
	}
	basic, _ := buildTxtar(t, "basic", Options{Minify: true})
	for site, mem := range map[string]*output.Memory{"content/": real, "basic.txtar": basic} {
		n := 0
		for _, name := range mem.Names() {
			if !strings.HasSuffix(name, ".html") {
				continue
			}
			n++
			page, _ := mem.Get(name)
			// The minifier rewrites its input in place: give it a copy.
			min, err := htmlMinifier().Bytes("text/html", bytes.Clone(page))
			if err != nil {
				t.Fatalf("%s %s: %v", site, name, err)
			}
			if at, ok := sameMarkup(page, min); !ok {
				t.Errorf("%s %s is not minified at byte %d:\n  written:  %q\n  minified: %q",
					site, name, at, around(page, at), around(min, at))
			}
		}
		if n < 4 {
			t.Errorf("%s: only %d HTML files checked", site, n)
		}
	}
}

// TestMinifiedBuildKeepsEveryWord checks the other half: the minified
// build has the same text as the unminified one, whitespace aside.
func TestMinifiedBuildKeepsEveryWord(t *testing.T) {
	plain, _ := buildTxtar(t, "basic", Options{})
	min, _ := buildTxtar(t, "basic", Options{Minify: true})
	for _, name := range plain.Names() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		a, _ := plain.Get(name)
		b, ok := min.Get(name)
		if !ok {
			t.Fatalf("minified build has no %s", name)
		}
		if wa, wb := words(a), words(b); wa != wb {
			t.Errorf("%s: text differs after minifying:\n  plain:    %.300s\n  minified: %.300s", name, wa, wb)
		}
	}
}

// words is a document's text between tags, with runs of spaces collapsed
// and asset fingerprints (which differ with minification) dropped.
func words(html []byte) string {
	var b strings.Builder
	inTag := false
	for _, c := range string(html) {
		switch {
		case c == '<':
			inTag = true
			b.WriteByte(' ')
		case c == '>':
			inTag = false
			b.WriteByte(' ')
		case !inTag:
			b.WriteRune(c)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// sameMarkup compares two documents token by token: the same tags with the
// same attribute values, the same text byte for byte. If they differ, it
// returns the offset in a of the first token that does.
func sameMarkup(a, b []byte) (int, bool) {
	ta, tb := html.NewTokenizer(bytes.NewReader(a)), html.NewTokenizer(bytes.NewReader(b))
	off := 0
	for {
		ka, kb := ta.Next(), tb.Next()
		rawA := len(ta.Raw())
		if ka != kb {
			return off, false
		}
		if ka == html.ErrorToken {
			return off, ta.Err() == io.EOF && tb.Err() == io.EOF
		}
		x, y := ta.Token(), tb.Token()
		if x.Data != y.Data || !slices.Equal(x.Attr, y.Attr) {
			return off, false
		}
		off += rawA
	}
}

package markdown

import (
	"os"
	"testing"
)

// readBenchPage returns testdata/bench-page.md: a realistic ~200-line page
// with a table, two code blocks, a callout, lists, links and a footnote.
func readBenchPage(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("testdata/bench-page.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

package templates_test

import (
	"bytes"
	"compress/gzip"
	"testing"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"
)

// TestAssetBudget keeps the theme small: the bundled stylesheet (without
// chroma's token colours) and script, minified as `docsgen build` does and
// gzip-compressed as they are served, stay within the page-weight budget.
// The catalog filter and the search loader have budgets of their own, so
// only this theme's files count.
func TestAssetBudget(t *testing.T) {
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("text/javascript", js.Minify)
	tests := []struct {
		dir, ext, mime string
		others         []string // files of other engineers, not counted
		limit          int
	}{
		{"css", ".css", "text/css", []string{"css/50-catalog.css"}, 6 * 1024},
		{"js", ".js", "text/javascript", []string{"js/50-catalog-filter.js"}, 4 * 1024},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			src := concatExcept(t, tt.dir, tt.ext, tt.others)
			min, err := m.Bytes(tt.mime, src)
			if err != nil {
				t.Fatalf("minifying: %v", err)
			}
			var z bytes.Buffer
			w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
			w.Write(min)
			w.Close()
			t.Logf("%s: %d bytes, %d minified, %d gzip", tt.dir, len(src), len(min), z.Len())
			if z.Len() > tt.limit {
				t.Errorf("%s is %d bytes gzip-compressed, over the budget of %d", tt.dir, z.Len(), tt.limit)
			}
		})
	}
}

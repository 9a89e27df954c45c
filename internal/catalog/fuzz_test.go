package catalog

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// FuzzLoad feeds arbitrary bytes to the loader as errors.yaml: it must never
// panic, and every problem it reports must name a line.
func FuzzLoad(f *testing.F) {
	files, _ := filepath.Glob("testdata/site/_data/*.yaml")
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("categories:\n  - {id: a, title: t, description: d, errors: [{code: A, status: 400, refunded: true, cause: c, fix: f, details: {a: [1, {b: null}]}}]}\n"))
	f.Add([]byte("refunds: {refunded: [{text: x, codes: [a/B, C], statuses: [1]}], not_refunded: [], timing: t}\n"))
	f.Add([]byte("statuses: &a [*a]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{
			"_data/statuses.yaml": {Data: []byte(baseStatuses)},
			"_data/errors.yaml":   {Data: data},
		}
		c, diags := Load(fsys, "_data", "content")
		if c == nil {
			t.Fatal("nil catalog")
		}
		for _, d := range diags {
			if d.Line == 0 {
				t.Errorf("diagnostic without a line: %v", d)
			}
		}
		for name, d := range c.Directives() {
			attrs := map[string]string{"code": "A"}
			if name == "errors" {
				attrs = nil
			}
			_, _ = d.Render(attrs)
		}
		_, _ = c.JSON("/x/")
	})
}

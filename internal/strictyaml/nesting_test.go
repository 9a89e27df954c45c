package strictyaml

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestYAMLNesting(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // "" when the text passes
	}{
		{"flow at the limit", "x: " + strings.Repeat("[1,", 100) + strings.Repeat("]", 100), ""},
		{"flow past the limit", "x: " + strings.Repeat("[1,", 101), "f.yaml:3:304: error: YAML nested more than 100 deep; flatten the data; no docsgen setting needs this depth"},
		{"mappings", "a: " + strings.Repeat("{a: ", 200), "f.yaml:3:404: error:"},
		{"JSON", strings.Repeat(`{"a":`, 200), "f.yaml:3:501: error:"},
		{"flow over lines", "x:\n" + strings.Repeat("[\n", 150), "f.yaml:104:1: error:"},
		{"sequence entries on one line", strings.Repeat("- ", 150) + "x", "f.yaml:3:201: error:"},
		{"entries on separate lines", strings.Repeat("- x\n", 500), ""},
		{"brackets in a plain scalar", "x: a" + strings.Repeat("[", 300), ""},
		{"brackets in quotes", `x: "` + strings.Repeat("[", 300) + `"` + "\ny: '" + strings.Repeat("{", 300) + "''s'", ""},
		{"brackets in a comment", "x: 1 # " + strings.Repeat("[", 300), ""},
		{"dashes in a scalar", "x: " + strings.Repeat("-a ", 300), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ok := nesting("f.yaml", 2, []byte(tt.src))
			if tt.want == "" {
				if !ok {
					t.Fatalf("refused: %v", d)
				}
				return
			}
			if ok || !strings.HasPrefix(d.Error(), tt.want) {
				t.Fatalf("got %q (ok %v), want %q", d.Error(), ok, tt.want)
			}
		})
	}
}

// TestYAMLNestingPassesSiteData checks real-world files: testdata holds a
// copy of the data files and site.yaml of the site this repository
// publishes (a copy, so that editing the docs cannot break this test).
func TestYAMLNestingPassesSiteData(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.yaml")
	if len(files) < 6 {
		t.Fatal("no data files found")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if d, ok := nesting(f, 0, src); !ok {
			t.Errorf("%v", d)
		}
	}
}

// FuzzYAMLNesting checks that the guard never panics and that a refusal
// points inside the text.
func FuzzYAMLNesting(f *testing.F) {
	for _, s := range []string{"a: [1, {b: c}]", "- - - x", `x: "[\"["`, "x: 'it''s'", "# [[[", "[\n[\n]]"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		d, ok := nesting("f.yaml", 0, src)
		if ok {
			return
		}
		lines := strings.Count(string(src), "\n") + 1
		if d.Line < 1 || d.Line > lines || d.Col < 1 || d.Hint == "" {
			t.Fatalf("bad refusal %+v", d)
		}
	})
}

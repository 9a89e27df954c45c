package markdown

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"docsgen/internal/diag"
)

var update = flag.Bool("update", false, "rewrite golden files")

// testDirectives are the directives the tests configure.
func testDirectives() map[string]Directive {
	return map[string]Directive{
		"errors": {
			Attrs: []string{"category", "limit"},
			Render: func(a map[string]string) (Output, error) {
				cat := a["category"]
				if cat == "" {
					cat = "all"
				}
				id := "err-" + cat
				return Output{
					HTML:     `<section class="errors" id="` + id + `">` + cat + `</section>`,
					IDs:      []string{id},
					Sections: []Section{{HeadingID: id, Heading: "Errors: " + cat, Text: "entries of " + cat}},
				}, nil
			},
		},
		"status-table": {
			Render: func(map[string]string) (Output, error) {
				return Output{HTML: "<table class=\"status\"></table>\n", IDs: []string{"status-429"}}, nil
			},
		},
		"needs-id": {
			Attrs:    []string{"id", "note"},
			Required: []string{"id"},
			Render: func(a map[string]string) (Output, error) {
				return Output{HTML: `<p id="` + a["id"] + `">` + a["note"] + `</p>`, IDs: []string{a["id"]}}, nil
			},
		},
		"broken": {
			Attrs: []string{"why"},
			Render: func(a map[string]string) (Output, error) {
				if a["why"] == "diag" {
					return Output{}, diag.Diagnostic{Msg: "no such category", Hint: "use one of: auth, billing"}
				}
				return Output{}, errors.New("data not loaded")
			},
		},
	}
}

// TestGolden renders every testdata/*.txtar case: "in.md" is the body,
// "out.html" the expected HTML, "diags" the expected diagnostics (one per
// line; none when absent). An "options" section holding "rawHTML: true"
// allows raw HTML. Run with -update to rewrite out.html and diags.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	plain := New(Options{Directives: testDirectives()}, nil)
	raw := New(Options{Directives: testDirectives(), AllowRawHTML: true}, nil)
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			sections := map[string][]byte{}
			for _, f := range ar.Files {
				sections[f.Name] = f.Data
			}
			in, ok := sections["in.md"]
			if !ok {
				t.Fatal("no in.md section")
			}
			r := plain
			if bytes.Contains(sections["options"], []byte("rawHTML: true")) {
				r = raw
			}
			res, diags := r.Render(in, Source{File: "page.md"})
			var got bytes.Buffer
			for _, d := range diags {
				got.WriteString(d.Error())
				got.WriteByte('\n')
			}
			if *update {
				var files []txtar.File
				for _, f := range ar.Files {
					if f.Name != "out.html" && f.Name != "diags" {
						files = append(files, f)
					}
				}
				files = append(files, txtar.File{Name: "out.html", Data: res.HTML})
				if got.Len() > 0 {
					files = append(files, txtar.File{Name: "diags", Data: got.Bytes()})
				}
				ar.Files = files
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := sections["out.html"]; !bytes.Equal(res.HTML, want) {
				t.Errorf("HTML differs (run go test -update to accept)\ngot:\n%s\nwant:\n%s", res.HTML, want)
			}
			if want := sections["diags"]; !bytes.Equal(got.Bytes(), want) {
				t.Errorf("diagnostics differ\ngot:\n%s\nwant:\n%s", got.Bytes(), want)
			}
		})
	}
}

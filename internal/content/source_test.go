package content

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
)

// TestDropSources checks that a Site loaded with DropSources holds no
// page source, gives each back as Load read it (cleaned, body split at the
// same place), quotes it for excerpts, and refuses a file that changed or
// went away since it was parsed.
func TestDropSources(t *testing.T) {
	files := map[string]string{
		"index.md":        "---\ntitle: Home\n---\n# Home\n\nWelcome.\n",
		"guide/setup.md":  "\ufeff---\r\ntitle: Setup\r\n---\r\nInstall it.\r\n",
		"guide/plain.md":  "# Plain\n\nNo front matter.\n",
		"guide/_index.md": "---\ntitle: Guide\nweight: 2\n---\n",
	}
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	kept, diags := Load(fsys, Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	lean, diags := Load(fsys, Options{DropSources: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, want := range kept.Pages {
		p := lean.ByPath[want.Path]
		if p.Source != nil || p.Body != nil {
			t.Errorf("%s: source kept with DropSources", p.Path)
		}
		if p.Title != want.Title || p.BodyLine != want.BodyLine {
			t.Errorf("%s: title %q line %d, want %q line %d", p.Path, p.Title, p.BodyLine, want.Title, want.BodyLine)
		}
		src, body, err := lean.Source(p)
		if err != nil {
			t.Fatalf("%s: %v", p.Path, err)
		}
		if !bytes.Equal(src, want.Source) || !bytes.Equal(body, want.Body) {
			t.Errorf("%s: read again as %q / %q, want %q / %q", p.Path, src, body, want.Source, want.Body)
		}
		if text, ok := lean.Text(p.File); !ok || !bytes.Equal(text, want.Source) {
			t.Errorf("%s: Text = %q, %v", p.File, text, ok)
		}
		// A kept source is returned as it is.
		if src, body, err := kept.Source(want); err != nil || !bytes.Equal(src, want.Source) || !bytes.Equal(body, want.Body) {
			t.Errorf("%s: Source of a kept page = %q, %q, %v", want.Path, src, body, err)
		}
	}

	changes := []struct {
		name   string
		change func()
		want   string
	}{
		{"same length, other bytes", func() { fsys["guide/plain.md"].Data = []byte("# Plain\n\nNo front matteR.\n") },
			"guide/plain.md changed while the build was running; build again"},
		{"longer", func() { fsys["index.md"].Data = []byte(files["index.md"] + "More.\n") },
			"index.md changed while the build was running; build again"},
		{"gone", func() { delete(fsys, "guide/setup.md") }, "guide/setup.md: cannot read the page again"},
	}
	for _, c := range changes {
		t.Run(c.name, func(t *testing.T) {
			c.change()
			for _, p := range lean.Pages {
				_, _, err := lean.Source(p)
				if err != nil && strings.Contains(err.Error(), c.want) {
					return
				}
			}
			t.Errorf("no page read again gave %q", c.want)
		})
	}
}

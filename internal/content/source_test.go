package content

import (
	"bytes"
	"io/fs"
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

// TestDropSourcesReload checks that a Site loaded with DropSources, which
// keeps no reading to reload from, reloads by loading the folder again:
// the new Site sees every change, says that anything may differ, and
// shares no page with the old one, which stays as it was.
func TestDropSourcesReload(t *testing.T) {
	files := fstest.MapFS{
		"index.md":       {Data: []byte("# Home\n")},
		"guide/setup.md": {Data: []byte("---\ntitle: Setup\n---\nInstall it.\n")},
	}
	fsys := &breakableFS{files: files}
	lean, diags := Load(fsys, Options{DropSources: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	old := lean.ByPath["guide/setup.md"]
	files["guide/setup.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Set up\n---\nInstall it.\n")}
	files["guide/more.md"] = &fstest.MapFile{Data: []byte("# More\n")}
	next, ch := lean.Reload([]string{"guide/setup.md"})
	if !ch.Full() || !ch.Structure || !ch.Config || !ch.Data || !ch.Files {
		t.Errorf("change = %+v, want everything", ch)
	}
	if got := next.ByPath["guide/setup.md"]; got == nil || got.Title != "Set up" || got == old {
		t.Errorf("reloaded page = %+v, want a new page titled Set up", got)
	}
	if next.ByPath["guide/more.md"] == nil {
		t.Error("the new page is missing: the folder was not listed again")
	}
	if old.Title != "Setup" || lean.ByPath["guide/more.md"] != nil {
		t.Errorf("the old Site changed: title %q, pages %d", old.Title, len(lean.Pages))
	}
	// The new Site reloads the same way; a folder that can no longer be
	// read gives a Site with the problem, not a nil Site.
	again, ch := next.Reload(nil)
	if !ch.Full() || again.ByPath["guide/more.md"] == nil {
		t.Errorf("second reload: %+v, %d pages", ch, len(again.Pages))
	}
	fsys.broken = true
	gone, _ := again.Reload(nil)
	if gone == nil || len(gone.Pages) != 0 || !gone.Diags.HasErrors() || !strings.Contains(gone.Diags.Err().Error(), "cannot read") {
		t.Fatalf("reload of an unreadable folder = %v", gone)
	}
}

// breakableFS serves files until broken is set, and then nothing.
type breakableFS struct {
	files  fstest.MapFS
	broken bool
}

func (b *breakableFS) Open(name string) (fs.File, error) {
	if b.broken {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return b.files.Open(name)
}

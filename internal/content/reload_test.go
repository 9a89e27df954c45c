package content

import (
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
)

// reloadSite is the tree the Reload tests start from.
func reloadSite() fstest.MapFS {
	return fstest.MapFS{
		"index.md":            {Data: []byte("---\ntitle: Home\n---\nWelcome.\n")},
		"guide/_index.md":     {Data: []byte("---\ntitle: Guide\nweight: 10\n---\n")},
		"guide/intro.md":      {Data: []byte("---\ntitle: Intro\nweight: 1\n---\nBody.\n")},
		"guide/setup.md":      {Data: []byte("---\ntitle: Setup\nweight: 2\n---\nSteps.\n")},
		"guide/img/a.png":     {Data: []byte("png")},
		"guide/draft.md":      {Data: []byte("---\ntitle: Later\ndraft: true\n---\nLater.\n")},
		"notes/README.md":     {Data: []byte("---\ntitle: Notes\n---\nNotes.\n")},
		"_data/errors.yaml":   {Data: []byte("statuses: []\n")},
		"_data/notes.yml":     {Data: []byte("x: 1\n")},
		"site.yaml":           {Data: []byte("title: Docs\n")},
		".git/config":         {Data: []byte("[core]\n")},
		"guide/.intro.md.swp": {Data: []byte("swap")},
	}
}

// countingFS counts the files read through it.
type countingFS struct {
	fs.FS
	opened *atomic.Int64
}

func (c countingFS) Open(name string) (fs.File, error) {
	f, err := c.FS.Open(name)
	if err != nil {
		return nil, err
	}
	return &countingFile{File: f, reads: c.opened}, nil
}

// countingFile counts itself once, on its first Read.
type countingFile struct {
	fs.File
	reads   *atomic.Int64
	counted bool
}

func (f *countingFile) Read(b []byte) (int, error) {
	if !f.counted {
		f.counted = true
		f.reads.Add(1)
	}
	return f.File.Read(b)
}

// ReadDir passes listing through, so the walk sees folders.
func (f *countingFile) ReadDir(n int) ([]fs.DirEntry, error) {
	if d, ok := f.File.(fs.ReadDirFile); ok {
		return d.ReadDir(n)
	}
	return nil, &fs.PathError{Op: "readdir", Err: fs.ErrInvalid}
}

// reloadCase is an edit of reloadSite and what Reload must answer.
type reloadCase struct {
	name    string
	edit    func(fstest.MapFS)
	changed []string
	want    Change // Pages compared by path
	pages   []string
	reads   int64 // files read by Reload
}

// reloadCases are TestReload's edits.
func reloadCases() []reloadCase {
	return []reloadCase{
		{"body edit", func(m fstest.MapFS) { set(m, "guide/intro.md", "---\ntitle: Intro\nweight: 1\n---\nNew body.\n") },
			[]string{"guide/intro.md"}, Change{}, []string{"guide/intro.md"}, 1},
		{"body edit of a README section page", func(m fstest.MapFS) { set(m, "notes/README.md", "---\ntitle: Notes\n---\nMore notes.\n") },
			[]string{"notes/README.md"}, Change{}, []string{"notes/README.md"}, 1},
		{"body edit of a draft", func(m fstest.MapFS) { set(m, "guide/draft.md", "---\ntitle: Later\ndraft: true\n---\nStill later.\n") },
			[]string{"guide/draft.md"}, Change{}, nil, 1},
		{"description edit", func(m fstest.MapFS) {
			set(m, "guide/intro.md", "---\ntitle: Intro\nweight: 1\ndescription: First steps.\n---\nBody.\n")
		},
			[]string{"guide/intro.md"}, Change{Structure: true}, []string{"guide/intro.md"}, 1},
		{"title edit", func(m fstest.MapFS) { set(m, "guide/intro.md", "---\ntitle: Start\nweight: 1\n---\nBody.\n") },
			[]string{"guide/intro.md"}, Change{Structure: true}, []string{"guide/intro.md"}, 1},
		{"new page", func(m fstest.MapFS) { set(m, "guide/more.md", "# More\n") },
			[]string{"guide/more.md"}, Change{Structure: true}, nil, 1},
		{"removed page", func(m fstest.MapFS) { delete(m, "guide/setup.md") },
			[]string{"guide/setup.md"}, Change{Structure: true}, nil, 0},
		{"data edit", func(m fstest.MapFS) { set(m, "_data/errors.yaml", "statuses: [{code: 404}]\n") },
			[]string{"_data/errors.yaml"}, Change{Data: true}, nil, 1},
		{"site.yaml edit", func(m fstest.MapFS) { set(m, "site.yaml", "title: Other\n") },
			[]string{"site.yaml"}, Change{Config: true}, nil, 1},
		{"file beside a page", func(m fstest.MapFS) { set(m, "guide/img/b.png", "png") },
			[]string{"guide/img/b.png"}, Change{Files: true}, nil, 0},
		{"nav list edit", func(m fstest.MapFS) {
			set(m, "guide/_index.md", "---\ntitle: Guide\nweight: 10\nnav: [setup.md]\n---\n")
		},
			[]string{"guide/_index.md"}, Change{Structure: true}, []string{"guide/_index.md"}, 1},
		{"new SUMMARY.md", func(m fstest.MapFS) { set(m, "SUMMARY.md", "- [Guide](guide/_index.md)\n- [Home](index.md)\n") },
			[]string{"SUMMARY.md"}, Change{Structure: true}, nil, 1},
		{"file under a _ folder", func(m fstest.MapFS) { set(m, "_assets/logo.svg", "svg") },
			[]string{"_assets/logo.svg"}, Change{Files: true}, nil, 0},
		{"Markdown under a _ folder", func(m fstest.MapFS) { set(m, "_partials/note.md", "# Note") },
			[]string{"_partials/note.md"}, Change{}, nil, 0},
		{"hidden files only", func(m fstest.MapFS) { set(m, "guide/.intro.md.swp", "more swap") },
			[]string{"guide/.intro.md.swp", ".git/config"}, Change{}, nil, 0},
		{"broken front matter", func(m fstest.MapFS) { set(m, "guide/setup.md", "---\ntitle: [\n---\n") },
			[]string{"guide/setup.md"}, Change{Structure: true}, nil, 1},
		{"folder renamed", func(m fstest.MapFS) {
			for p, f := range maps.Clone(m) {
				if rest, ok := strings.CutPrefix(p, "guide/"); ok {
					m["manual/"+rest] = f
					delete(m, p)
				}
			}
		}, []string{"guide", "manual"}, Change{Structure: true, Files: true}, nil, 4},
	}
}

// TestReload edits the tree, asks Reload what changed, and checks the
// answer, that the new Site equals a fresh Load of the edited tree, that
// only the changed files were read, and that the old Site is untouched.
func TestReload(t *testing.T) {
	for _, tt := range reloadCases() {
		t.Run(tt.name, func(t *testing.T) {
			m := reloadSite()
			var opened atomic.Int64
			fsys := countingFS{FS: m, opened: &opened}
			old, _ := Load(fsys, Options{Display: "content"})
			before := describeSite(old)
			tt.edit(m)
			opened.Store(0)
			next, ch := old.Reload(tt.changed)
			if got := opened.Load(); got != tt.reads {
				t.Errorf("Reload read %d files, want %d", got, tt.reads)
			}
			checkChange(t, next, ch, tt.want, tt.pages)
			fresh, _ := Load(m, Options{Display: "content"})
			if a, b := describeSite(next), describeSite(fresh); a != b {
				t.Errorf("reloaded site:\n%s\nfresh load:\n%s", a, b)
			}
			if after := describeSite(old); after != before {
				t.Errorf("Reload changed the old site:\n%s\nwas:\n%s", after, before)
			}
			// Pages never change once a Site holds them, so unchanged
			// ones may be shared; a page read again never is. A body
			// edit shares every other page: it costs what it changed.
			for path, pg := range next.ByPath {
				changed := slices.Contains(tt.changed, path)
				if shared := old.ByPath[path] == pg; changed && shared {
					t.Errorf("page %s, read again, is shared between the old and the new site", path)
				} else if !changed && !shared && !ch.Full() {
					t.Errorf("page %s is made anew after a body edit elsewhere", path)
				}
			}
		})
	}
}

// checkChange checks Reload's answer ch against the flags of want and the
// paths of the pages that must be re-rendered, and that those pages are
// the new Site's.
func checkChange(t *testing.T, next *Site, ch Change, want Change, pages []string) {
	t.Helper()
	var paths []string
	for _, p := range ch.Pages {
		paths = append(paths, p.Path)
		if next.ByPath[p.Path] != p {
			t.Errorf("Change.Pages holds %s, which is not the new Site's page", p.Path)
		}
	}
	flags := func(c Change) [5]bool { return [5]bool{c.Structure, c.Config, c.Data, c.Files, c.Full()} }
	if flags(ch) != flags(want) || !slices.Equal(paths, pages) {
		t.Errorf("Change %+v pages %v, want %+v pages %v", flags(ch), paths, flags(want), pages)
	}
}

func set(m fstest.MapFS, name, text string) { m[name] = &fstest.MapFile{Data: []byte(text)} }

// describeSite is everything a build reads of a Site, as text.
func describeSite(s *Site) string {
	var b strings.Builder
	fmt.Fprintf(&b, "config %q\n", s.Config.Title)
	for _, p := range s.Pages {
		fmt.Fprintf(&b, "page %s %s %q in %q body %q\n", p.Path, p.URL, p.Title, p.Section.Dir, p.Body)
	}
	describeTree(&b, s.Root, "")
	for _, f := range s.Files {
		fmt.Fprintf(&b, "file %s %s\n", f.Path, f.File)
	}
	for _, d := range s.Data {
		fmt.Fprintf(&b, "data %s %s %q\n", d.Path, d.File, d.Source)
	}
	for _, d := range s.Diags {
		fmt.Fprintf(&b, "diag %s\n", d.Error())
	}
	return b.String()
}

// describeTree writes what the section tree is for (order, titles, URLs,
// descriptions), which a body edit leaves as it was.
func describeTree(b *strings.Builder, sec *Section, indent string) {
	fmt.Fprintf(b, "%ssection %q %q\n", indent, sec.Dir, sec.Title())
	if sec.Page != nil {
		fmt.Fprintf(b, "%s  index %s %s\n", indent, sec.Page.Path, sec.Page.URL)
	}
	for _, e := range sec.Children {
		if e.Section != nil {
			describeTree(b, e.Section, indent+"  ")
			continue
		}
		fmt.Fprintf(b, "%s  page %s %s %q %q\n", indent, e.Page.Path, e.Page.URL, e.Page.NavTitle(), e.Page.Front.Description)
	}
}

// TestLoadListsFilesBesidePagesAndData checks what Load reads besides the
// pages: the files beside them, in path order, and the raw data files with
// the data folder's own problems.
func TestLoadListsFilesBesidePagesAndData(t *testing.T) {
	s, diags := Load(reloadSite(), Options{Display: "content"})
	if s == nil {
		t.Fatal(diags)
	}
	var files []string
	for _, f := range s.Files {
		files = append(files, f.Path+"="+f.File)
	}
	if want := []string{"guide/img/a.png=content/guide/img/a.png"}; !slices.Equal(files, want) {
		t.Errorf("files %v, want %v", files, want)
	}
	if len(s.Data) != 1 || s.Data[0].File != "content/_data/errors.yaml" || string(s.Data[0].Source) != "statuses: []\n" {
		t.Errorf("data %+v", s.Data)
	}
	if len(diags) != 1 || !strings.Contains(diags[0].Error(), "content/_data/notes.yml: warning: ignored: data files must end in .yaml") {
		t.Errorf("diags %v", diags)
	}
	if p := s.ByPath["guide/intro.md"]; p == nil || p.URL != "/guide/intro/" {
		t.Errorf("ByPath: %+v", p)
	}
}

// vanishingFS is a tree that can be made to vanish: while gone is set,
// nothing in it can be opened, as when the content folder is deleted. It
// has only Open, so that every read goes through it.
type vanishingFS struct {
	tree fstest.MapFS
	gone *atomic.Bool
}

func (v vanishingFS) Open(name string) (fs.File, error) {
	if v.gone.Load() {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return v.tree.Open(name)
}

// TestReloadAfterDropSources checks Reload on a Site loaded with
// DropSources, which kept nothing to reload from: it loads the whole tree
// again and says everything changed. When the folder has vanished, it
// returns an empty Site whose Diags say the content folder cannot be read
// (not "check the file's permissions", which is for a file in it); once
// the folder is back, reloading that Site finds the pages again.
func TestReloadAfterDropSources(t *testing.T) {
	tests := []struct {
		name      string
		gone      bool
		wantPages int
		wantError string
	}{
		{name: "folder still there", wantPages: 5}, // reloadSite's pages but the draft
		{name: "folder gone", gone: true, wantError: "cannot read the content folder: file does not exist; check that the folder exists and can be read (-content DIR)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree := reloadSite()
			fsys := vanishingFS{tree: tree, gone: &atomic.Bool{}}
			opts := Options{DropSources: true, Display: "content"}
			old, diags := Load(fsys, opts)
			if old == nil || diags.HasErrors() {
				t.Fatalf("Load: %v", diags)
			}
			tree["guide/intro.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Intro\nweight: 1\n---\nNew body.\n")}
			fsys.gone.Store(tt.gone)
			next, ch := old.Reload([]string{"guide/intro.md"})
			if next == nil {
				t.Fatal("Reload returned a nil Site")
			}
			if !ch.Full() || len(ch.Pages) != 0 {
				t.Errorf("Change = %+v, want every flag set and no pages (a full rebuild)", ch)
			}
			if got := len(next.Pages); got != tt.wantPages {
				t.Errorf("%d pages, want %d", got, tt.wantPages)
			}
			var errs []string
			for _, d := range next.Diags {
				errs = append(errs, d.Error())
			}
			switch {
			case tt.wantError == "" && next.Diags.HasErrors():
				t.Errorf("unexpected errors: %s", strings.Join(errs, "; "))
			case tt.wantError != "" && !strings.Contains(strings.Join(errs, "\n"), tt.wantError):
				t.Errorf("Diags = %q, want an error saying %q", errs, tt.wantError)
			}
			if next.Root == nil || next.ByURL == nil || next.ByPath == nil {
				t.Fatalf("Reload's Site has nil Root, ByURL or ByPath: %+v", next)
			}
			if !tt.gone {
				p := next.ByPath["guide/intro.md"]
				if p == nil {
					t.Fatal("guide/intro.md is missing after Reload")
				}
				if _, body, err := next.Source(p); err != nil || !strings.Contains(string(body), "New body.") {
					t.Errorf("guide/intro.md reads %q (%v), want the edited body", body, err)
				}
				return
			}
			// The folder comes back: reloading the empty Site finds it.
			fsys.gone.Store(false)
			again, _ := next.Reload([]string{""})
			if again == nil || len(again.Pages) != 5 || again.Diags.HasErrors() {
				t.Fatalf("after the folder came back: site %v, diags %v", again != nil, again.Diags)
			}
		})
	}
}

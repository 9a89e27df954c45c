package site

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"docsgen/internal/output"
)

// changingFS is a content folder whose file at path reads as changed once
// it has been read same times (default once): a page saved again while a
// build runs.
type changingFS struct {
	fstest.MapFS
	path string
	same int
	mu   sync.Mutex
	read int
}

func (c *changingFS) ReadFile(name string) ([]byte, error) {
	data, err := c.MapFS.ReadFile(name)
	if name != c.path || err != nil {
		return data, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.read++
	if c.read > max(c.same, 1) {
		return append(data, "Saved again.\n"...), nil
	}
	return data, nil
}

func (c *changingFS) Open(name string) (fs.File, error) { return c.MapFS.Open(name) }

// TestOneShotBuildReadsBodiesAgain checks the one-shot build's memory
// plan: it lets each page's source go after loading (Result.Content holds
// none) and reads the body again to render it, and a page that changed in
// between stops the build with an error naming the file, never a page
// built from one version with the front matter of another.
func TestOneShotBuildReadsBodiesAgain(t *testing.T) {
	files := fstest.MapFS{
		"index.md":       {Data: []byte("---\ntitle: Home\n---\nSee [setup](guide/setup.md).\n")},
		"guide/setup.md": {Data: []byte("---\ntitle: Setup\n---\n## Install\n\nRun it.\n")},
	}
	mem, res := buildInto(t, Options{Content: files})
	if res.Diags.HasErrors() {
		t.Fatal(res.Diags)
	}
	for _, p := range res.Content.Pages {
		if p.Source != nil || p.Body != nil {
			t.Errorf("%s: the build kept its source", p.Path)
		}
	}
	for name, want := range map[string]string{"guide/setup/index.html": "Run it.", "guide/setup/index.md": "title: Setup", "llms-full.txt": "Run it."} {
		if got := page(t, mem, name); !strings.Contains(got, want) {
			t.Errorf("%s lacks %q", name, want)
		}
	}

	_, err := Build(context.Background(), Options{Content: &changingFS{MapFS: files, path: "guide/setup.md"}}, output.NewMemory())
	if err == nil || !strings.Contains(err.Error(), "content/guide/setup.md changed while the build was running; build again") {
		t.Errorf("a page changed during the build gave %v", err)
	}
}

// TestOneShotBuildIntoFolderFailsWhole checks the end of a one-shot build
// into a folder, where llms-full.txt is made while the search index is
// built: a page saved again after it rendered (its third read, for
// llms-full.txt) fails the build with the file named, and the previous
// output is left as it was.
func TestOneShotBuildIntoFolderFailsWhole(t *testing.T) {
	files := fstest.MapFS{
		"index.md":       {Data: []byte("---\ntitle: Home\n---\nSee [setup](guide/setup.md).\n")},
		"guide/setup.md": {Data: []byte("---\ntitle: Setup\n---\n## Install\n\nRun it.\n")},
	}
	final := filepath.Join(t.TempDir(), "build")
	build := func(fsys fs.FS) error {
		t.Helper()
		d, err := output.NewDir(final)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Build(context.Background(), Options{Content: fsys}, d)
		if err == nil && res.Diags.HasErrors() {
			t.Fatal(res.Diags)
		}
		if err != nil {
			d.Abort()
			return err
		}
		return d.Commit()
	}
	if err := build(files); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(filepath.Join(final, "llms-full.txt"))
	if err != nil || !strings.Contains(string(before), "Run it.") {
		t.Fatalf("llms-full.txt: %q, %v", before, err)
	}
	err = build(&changingFS{MapFS: files, path: "guide/setup.md", same: 2})
	if err == nil || !strings.Contains(err.Error(), "content/guide/setup.md changed while the build was running; build again") {
		t.Fatalf("a page changed after it rendered gave %v", err)
	}
	if after, _ := os.ReadFile(filepath.Join(final, "llms-full.txt")); string(after) != string(before) {
		t.Errorf("the failed build changed llms-full.txt")
	}
}

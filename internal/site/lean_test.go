package site

import (
	"context"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"docsgen/internal/output"
)

// changingFS is a content folder whose file at path reads as changed from
// its second read on: a page saved again while a build runs.
type changingFS struct {
	fstest.MapFS
	path string
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
	if c.read > 1 {
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

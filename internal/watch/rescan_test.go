package watch

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestRescan checks the recovery from a kernel queue overflow, which a
// test cannot cause reliably: every file is listed, new and deleted files
// with their own op, and folders made meanwhile are watched.
func TestRescan(t *testing.T) {
	dir := t.TempDir()
	mk := func(rel string) {
		t.Helper()
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(rel), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mk("a.md")
	mk("sub/b.md")
	w, err := New([]string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()

	// Changes whose events are taken to be lost.
	if err := os.Remove(filepath.Join(dir, "a.md")); err != nil {
		t.Fatal(err)
	}
	mk("new/c.md")

	p := newPending()
	w.rescan(p)
	b, ok := w.flush(p)
	if !ok || !b.Rescan {
		t.Fatalf("flush after rescan = %+v, %v; want a Rescan batch", b, ok)
	}
	var got []string
	for _, c := range b.Changes {
		got = append(got, c.Op.String()+" "+c.Rel)
	}
	want := []string{"remove a.md", "create new/c.md", "write sub/b.md"}
	if !slices.Equal(got, want) {
		t.Errorf("changes = %q, want %q", got, want)
	}
	if !w.dirs[filepath.Join(dir, "new")] {
		t.Errorf("folder made before the rescan is not watched: %v", w.dirs)
	}
}

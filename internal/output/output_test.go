package output

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDirCommitReplacesAtomically(t *testing.T) {
	root := t.TempDir()
	final := filepath.Join(root, "build")
	write := func(files map[string]string, commit bool) {
		t.Helper()
		d, err := NewDir(final)
		if err != nil {
			t.Fatal(err)
		}
		for n, c := range files {
			if err := d.WriteFile(n, []byte(c)); err != nil {
				t.Fatal(err)
			}
		}
		if commit {
			if err := d.Commit(); err != nil {
				t.Fatal(err)
			}
		} else {
			d.Abort()
		}
	}
	write(map[string]string{"index.html": "one", "a/b/index.html": "ab"}, true)
	write(map[string]string{"index.html": "two"}, false)
	if b, _ := os.ReadFile(filepath.Join(final, "index.html")); string(b) != "one" {
		t.Fatalf("aborted build changed output: %q", b)
	}
	write(map[string]string{"index.html": "three"}, true)
	if b, _ := os.ReadFile(filepath.Join(final, "index.html")); string(b) != "three" {
		t.Fatalf("got %q", b)
	}
	if _, err := os.Stat(filepath.Join(final, "a/b/index.html")); !os.IsNotExist(err) {
		t.Fatal("a file of the old build survived the swap")
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 1 {
		t.Fatalf("temporary folders left behind: %v", entries)
	}
}

func TestNewDirRemovesStaleTemporaryFolders(t *testing.T) {
	root := t.TempDir()
	stale := filepath.Join(root, "build.tmp-123")
	os.MkdirAll(stale, 0o755)
	d, err := NewDir(filepath.Join(root, "build"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Fatal("stale temporary folder kept")
	}
}

func TestWriterRejectsBadNames(t *testing.T) {
	m := NewMemory()
	for _, n := range []string{"", "/abs", "../up", "a/../../b"} {
		if err := m.WriteFile(n, nil); err == nil {
			t.Errorf("%q accepted", n)
		}
	}
}

package output

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestDirLinksUnchangedFiles rebuilds a folder and wants each file whose
// bytes did not change to be the previous build's file (same inode), every
// other file written anew with its new bytes, and the previous output
// untouched until the swap, even by a file written twice.
func TestDirLinksUnchangedFiles(t *testing.T) {
	final := filepath.Join(t.TempDir(), "build")
	first := map[string]string{
		"index.html":     "home",
		"a/index.html":   "page a",
		"b/index.html":   "page b",
		"same-size.html": "abcd",
		"longer.html":    "short",
		"empty.txt":      "",
		"gone.html":      "removed next time",
	}
	commitFirst(t, final, first)
	before := inodes(t, final)

	second := []struct {
		name, data string
		linked     bool
	}{
		{"index.html", "home", true},
		{"a/index.html", "page a", true},
		{"b/index.html", "page B", false},
		{"same-size.html", "abce", false},
		{"longer.html", "short and longer", false},
		{"empty.txt", "", true},
		{"new.html", "new", false},
		// Linked, then written again: the second write must not go
		// through the link into the previous output.
		{"twice.html", "x", false},
	}
	d, err := NewDir(final)
	if err != nil {
		t.Fatal(err)
	}
	d.WriteFile("a/index.html", []byte("page a"))
	d.WriteFile("index.html", []byte("home"))
	d.WriteFile("twice.html", []byte("page b")) // not in the old output: written
	for _, f := range second[3:] {
		d.WriteFile(f.name, []byte(f.data))
	}
	d.WriteFile("b/index.html", []byte("page b")) // unchanged at first...
	d.WriteFile("b/index.html", []byte("page B")) // ...then changed
	if err := d.finish(); err != nil {
		t.Fatal(err)
	}
	for n, c := range first {
		if got, err := os.ReadFile(filepath.Join(final, n)); err != nil || string(got) != c {
			t.Errorf("previous output %s changed before the swap: %q, %v", n, got, err)
		}
	}
	if err := d.swap(); err != nil {
		t.Fatal(err)
	}
	after := inodes(t, final)
	for _, f := range second {
		got, err := os.ReadFile(filepath.Join(final, f.name))
		if err != nil || string(got) != f.data {
			t.Errorf("%s: %q, %v; want %q", f.name, got, err, f.data)
		}
		if linked := before[f.name] != 0 && before[f.name] == after[f.name]; linked != f.linked {
			t.Errorf("%s: linked %v, want %v", f.name, linked, f.linked)
		}
	}
	if _, ok := after["gone.html"]; ok {
		t.Error("a file of the previous build survived")
	}
	if reused, _ := d.Counts(); reused != 4 { // index, a, empty, and b's first write
		t.Errorf("reused %d files, want 4", reused)
	}
}

// commitFirst writes files as a first build into final, where nothing can
// be reused: every file is written.
func commitFirst(t *testing.T, final string, files map[string]string) {
	t.Helper()
	d, err := NewDir(final)
	if err != nil {
		t.Fatal(err)
	}
	for n, c := range files {
		d.WriteFile(n, []byte(c))
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if reused, written := d.Counts(); reused != 0 || written != len(files) {
		t.Fatalf("first build: reused %d, written %d; want 0, %d", reused, written, len(files))
	}
}

// inodes maps each file under root to its inode number.
func inodes(t *testing.T, root string) map[string]uint64 {
	t.Helper()
	out := map[string]uint64{}
	filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = fi.Sys().(*syscall.Stat_t).Ino
		return nil
	})
	return out
}

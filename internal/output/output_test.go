package output

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
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

func TestCompactMemory(t *testing.T) {
	m := NewCompactMemory()
	page := []byte(strings.Repeat("<p>Rate limits and error codes.</p>\n", 200))
	small := []byte("tiny")
	bin := append([]byte{0, 1, 2}, page...)
	m.WriteFile("a/index.html", page)
	m.WriteFile("b/index.html", small)
	m.WriteFile("img.png", bin)
	for name, want := range map[string][]byte{"a/index.html": page, "b/index.html": small, "img.png": bin} {
		if got, ok := m.Get(name); !ok || !bytes.Equal(got, want) {
			t.Errorf("%s: got %d bytes, want %d", name, len(got), len(want))
		}
	}
	if stored := m.files["a/index.html"]; len(stored) > len(page)/4 {
		t.Errorf("page stored in %d bytes, not compacted (%d raw)", len(stored), len(page))
	}
	c := m.Clone()
	if !m.Equal(c) {
		t.Error("a clone is not equal")
	}
	c.WriteFile("a/index.html", append(page, '!'))
	if m.Equal(c) {
		t.Error("a changed page is equal")
	}
}

// TestSameBytes checks the piecewise comparison that decides whether a
// previous output's file can be linked: equal only when the file holds
// exactly the data, across and at the edges of its 1 MiB pieces.
func TestSameBytes(t *testing.T) {
	big := bytes.Repeat([]byte("0123456789abcdef"), 3<<16) // 3 MiB
	other := bytes.Clone(big)
	other[len(other)-1] = 'x'
	for _, tt := range []struct {
		name       string
		file, data []byte
		want       bool
	}{
		{"empty", nil, nil, true},
		{"same", []byte("abc"), []byte("abc"), true},
		{"shorter file", []byte("ab"), []byte("abc"), false},
		{"longer file", []byte("abcd"), []byte("abc"), false},
		{"other byte", []byte("abd"), []byte("abc"), false},
		{"same, three pieces", big, big, true},
		{"last byte differs", other, big, false},
		{"one piece exactly, file one byte longer", append(bytes.Clone(big[:1<<20]), 'z'), big[:1<<20], false},
		{"one piece exactly", big[:1<<20], big[:1<<20], true},
		{"file a piece shorter", big[:2<<20], big, false},
	} {
		name := filepath.Join(t.TempDir(), "f")
		if err := os.WriteFile(name, tt.file, 0o644); err != nil {
			t.Fatal(err)
		}
		if got := (&Dir{}).sameBytes(name, tt.data); got != tt.want {
			t.Errorf("%s: sameBytes = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestDirMakesFolders checks the folders the writer makes for its files:
// every level of a deep path, folders shared by files written in any
// order, and an error, not a panic or a half-made tree, when a file
// stands where a folder must go.
func TestDirMakesFolders(t *testing.T) {
	for _, tt := range []struct {
		name    string
		files   []string
		wantErr bool
	}{
		{"deep", []string{"a/b/c/d/e/f/g/h/index.html"}, false},
		{"siblings", []string{"a/b/x.html", "a/c/y.html", "a/z.html", "index.html"}, false},
		{"parent after child", []string{"s/p/q/index.html", "s/p/index.html", "s/index.html"}, false},
		{"file in the way", []string{"a/b", "a/b/c.html"}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			final := filepath.Join(t.TempDir(), "build")
			d, err := NewDir(final)
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range tt.files {
				d.WriteFile(n, []byte(n))
			}
			err = d.Commit()
			if tt.wantErr {
				if err == nil || !strings.Contains(err.Error(), "a/b") {
					t.Fatalf("Commit() = %v, want an error naming a/b", err)
				}
				if _, serr := os.Stat(final); !os.IsNotExist(serr) {
					t.Fatalf("a failed build left %s", final)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range tt.files {
				if b, err := os.ReadFile(filepath.Join(final, filepath.FromSlash(n))); err != nil || string(b) != n {
					t.Errorf("%s: %q, %v", n, b, err)
				}
			}
		})
	}
}

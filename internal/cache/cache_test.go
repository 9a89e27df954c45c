package cache

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"
)

func TestPutGet(t *testing.T) {
	d, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	k := sha256.Sum256([]byte("page"))
	if _, ok := d.Get(k); ok {
		t.Fatal("hit in an empty cache")
	}
	if err := d.Put(k, []byte("rendered")); err != nil {
		t.Fatal(err)
	}
	if b, ok := d.Get(k); !ok || string(b) != "rendered" {
		t.Fatalf("got %q %v", b, ok)
	}
}

// A write torn by a kill, or a file damaged later, is a miss and is removed.
func TestDamagedEntriesAreMisses(t *testing.T) {
	d, _ := Open(t.TempDir())
	k := sha256.Sum256([]byte("page"))
	if err := d.Put(k, []byte("a long enough rendered page")); err != nil {
		t.Fatal(err)
	}
	full, _ := os.ReadFile(d.file(k))
	for name, damaged := range map[string][]byte{
		"truncated":   full[:len(full)-5],
		"header only": full[:len(magic)+3],
		"empty":       {},
		"flipped":     append(append([]byte{}, full[:len(full)-1]...), full[len(full)-1]^1),
		"other magic": append([]byte("docsgen-cache-0\n"), full[len(magic):]...),
		"flipped sum": append(append(append([]byte{}, full[:len(magic)]...), full[len(magic)]^0x80), full[len(magic)+1:]...),
		"one more":    append(append([]byte{}, full...), 'x'),
	} {
		t.Run(name, func(t *testing.T) {
			os.WriteFile(d.file(k), damaged, 0o644)
			if b, ok := d.Get(k); ok {
				t.Fatalf("damaged entry served: %q", b)
			}
			if _, err := os.Stat(d.file(k)); !os.IsNotExist(err) {
				t.Error("damaged entry not removed")
			}
		})
	}
	// Temporary files of killed writes are never read as entries.
	os.WriteFile(filepath.Join(filepath.Dir(d.file(k)), ".tmp-123"), []byte("junk"), 0o644)
	if _, ok := d.Get(k); ok {
		t.Fatal("hit after removal")
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("DOCSGEN_CACHE_DIR", "/x/y")
	if p, _ := DefaultPath(); p != "/x/y" {
		t.Fatalf("got %s", p)
	}
	t.Setenv("DOCSGEN_CACHE_DIR", "")
	t.Setenv("XDG_CACHE_HOME", "/c")
	if p, _ := DefaultPath(); p != "/c/docsgen" {
		t.Fatalf("got %s", p)
	}
}

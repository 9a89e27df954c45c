// Package cache is docsgen's content-addressed disk cache: rendered
// Markdown (highlighted code included) stored under the hash of everything
// that produced it, so a second build of unchanged pages skips the work.
//
// The folder is DOCSGEN_CACHE_DIR when set, otherwise docsgen/ in the user's
// cache folder (os.UserCacheDir). It is always safe to delete. Entries are
// never updated in place: a key names its content, so a changed input is a
// new key and an old entry is simply never asked for again.
//
// Each entry is written to a temporary file and renamed into place, and
// starts with a checksum of its payload, so a build killed mid-write leaves
// either no entry or a whole one: a torn or corrupted file fails the check,
// is removed, and counts as a miss.
package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
)

// magic starts every entry; change it when the entry format changes.
const magic = "docsgen-cache-1\n"

// Dir is a cache folder. Its methods are safe for concurrent use.
type Dir struct {
	path string
}

// DefaultPath returns the cache folder: $DOCSGEN_CACHE_DIR, or
// <user cache dir>/docsgen.
func DefaultPath() (string, error) {
	if p := os.Getenv("DOCSGEN_CACHE_DIR"); p != "" {
		return p, nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache folder: %w (set DOCSGEN_CACHE_DIR or pass -no-cache)", err)
	}
	return filepath.Join(base, "docsgen"), nil
}

// Open returns the cache in folder path, creating it if needed.
func Open(path string) (*Dir, error) {
	if err := os.MkdirAll(path, 0o755); err != nil {
		return nil, fmt.Errorf("cache folder: %w", err)
	}
	return &Dir{path: path}, nil
}

// Path returns the cache folder.
func (d *Dir) Path() string { return d.path }

func (d *Dir) file(key [32]byte) string {
	h := hex.EncodeToString(key[:])
	return filepath.Join(d.path, h[:2], h[2:])
}

// Get returns the entry stored under key. A missing, torn or corrupted
// entry is a miss (and a damaged file is removed).
func (d *Dir) Get(key [32]byte) ([]byte, bool) {
	name := d.file(key)
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, false
	}
	payload, ok := verify(b)
	if !ok {
		os.Remove(name)
		return nil, false
	}
	return payload, true
}

// Put stores data under key, atomically.
func (d *Dir) Put(key [32]byte, data []byte) error {
	name := d.file(key)
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	_, err = f.Write(append(append([]byte(magic), sum[:]...), data...))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

func verify(b []byte) ([]byte, bool) {
	if !bytes.HasPrefix(b, []byte(magic)) || len(b) < len(magic)+sha256.Size {
		return nil, false
	}
	sum := b[len(magic) : len(magic)+sha256.Size]
	payload := b[len(magic)+sha256.Size:]
	got := sha256.Sum256(payload)
	return payload, bytes.Equal(sum, got[:])
}

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
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
)

// magic starts every entry; change it when the entry format changes.
// Version 2 checks payloads with CRC-32C instead of SHA-256: the check is
// against torn writes and damage, not tampering, and SHA-256 of every
// entry was 8% of a warm build.
const magic = "docsgen-cache-2\n"

// checksumSize is the length of the CRC-32C that follows magic.
const checksumSize = 4

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

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
	entry := make([]byte, 0, len(magic)+checksumSize+len(data))
	entry = append(entry, magic...)
	entry = binary.BigEndian.AppendUint32(entry, crc32.Checksum(data, castagnoli))
	_, err = f.Write(append(entry, data...))
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
	if !bytes.HasPrefix(b, []byte(magic)) || len(b) < len(magic)+checksumSize {
		return nil, false
	}
	sum := binary.BigEndian.Uint32(b[len(magic):])
	payload := b[len(magic)+checksumSize:]
	return payload, crc32.Checksum(payload, castagnoli) == sum
}

// Package output writes a built site: to a folder on disk, atomically, or
// to memory for the preview server.
//
// Dir never writes into the live output folder. It fills a fresh sibling
// folder (build.tmp-*) and only when the build succeeded swaps it in with a
// single atomic exchange of the two folders. A failed, cancelled or killed
// build leaves the previous output exactly as it was; stale temporary
// folders from killed builds are removed by the next build.
package output

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Writer receives the files of a site. Names are slash-separated paths
// without a leading slash, such as reference/errors/index.html.
// Implementations are safe for concurrent use.
type Writer interface {
	WriteFile(name string, data []byte) error
}

// Memory is an in-memory site, safe for concurrent use.
type Memory struct {
	mu    sync.RWMutex
	files map[string][]byte
}

// NewMemory returns an empty in-memory site.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// WriteFile stores data under name.
func (m *Memory) WriteFile(name string, data []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	m.mu.Lock()
	m.files[name] = data
	m.mu.Unlock()
	return nil
}

// Clone returns a copy of the site that can be changed without touching m.
// File contents are shared, not copied: they are never modified in place.
func (m *Memory) Clone() *Memory {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return &Memory{files: maps.Clone(m.files)}
}

// RemoveFolder removes every file under the folder dir ("search").
func (m *Memory) RemoveFolder(dir string) {
	prefix := strings.TrimSuffix(dir, "/") + "/"
	m.mu.Lock()
	defer m.mu.Unlock()
	for n := range m.files {
		if strings.HasPrefix(n, prefix) {
			delete(m.files, n)
		}
	}
}

// Get returns the file stored under name.
func (m *Memory) Get(name string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, ok := m.files[name]
	return b, ok
}

// Names returns every stored name, sorted.
func (m *Memory) Names() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return slices.Sorted(maps.Keys(m.files))
}

// Len returns the number of files.
func (m *Memory) Len() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.files)
}

func checkName(name string) error {
	if name == "" || strings.HasPrefix(name, "/") || !fs.ValidPath(name) {
		return fmt.Errorf("output: invalid file name %q", name)
	}
	return nil
}

// Dir writes a site into a temporary folder beside its final place and
// swaps it in on Commit.
type Dir struct {
	final string
	tmp   string
	mu    sync.Mutex
	made  map[string]bool
	done  bool
}

const tmpPrefix = ".tmp-"

// NewDir prepares to write the site that will replace the folder final.
// It removes temporary folders left by builds that were killed.
func NewDir(final string) (*Dir, error) {
	final = filepath.Clean(final)
	parent, base := filepath.Dir(final), filepath.Base(final)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	stale, _ := filepath.Glob(filepath.Join(parent, base+tmpPrefix+"*"))
	for _, s := range stale {
		os.RemoveAll(s)
	}
	tmp, err := os.MkdirTemp(parent, base+tmpPrefix)
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return &Dir{final: final, tmp: tmp, made: map[string]bool{".": true}}, nil
}

// WriteFile writes one file into the temporary folder.
func (d *Dir) WriteFile(name string, data []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	dir := path.Dir(name)
	d.mu.Lock()
	if !d.made[dir] {
		if err := os.MkdirAll(filepath.Join(d.tmp, filepath.FromSlash(dir)), 0o755); err != nil {
			d.mu.Unlock()
			return err
		}
		for p := dir; p != "."; p = path.Dir(p) {
			d.made[p] = true
		}
	}
	d.mu.Unlock()
	return os.WriteFile(filepath.Join(d.tmp, filepath.FromSlash(name)), data, 0o644)
}

// Commit makes the written site the folder's content, in one atomic step
// where the operating system allows it.
func (d *Dir) Commit() error {
	if d.done {
		return errors.New("output: commit after commit or abort")
	}
	d.done = true
	if _, err := os.Lstat(d.final); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(d.tmp, d.final)
	}
	if err := exchange(d.tmp, d.final); err != nil {
		// No atomic exchange here: move the old folder aside, then the new in.
		old := d.tmp + ".old"
		if err := os.Rename(d.final, old); err != nil {
			os.RemoveAll(d.tmp)
			return err
		}
		if err := os.Rename(d.tmp, d.final); err != nil {
			os.Rename(old, d.final)
			return err
		}
		return os.RemoveAll(old)
	}
	// d.tmp now holds the previous site.
	return os.RemoveAll(d.tmp)
}

// Abort throws the written files away, leaving the folder untouched.
func (d *Dir) Abort() {
	if d.done {
		return
	}
	d.done = true
	os.RemoveAll(d.tmp)
}

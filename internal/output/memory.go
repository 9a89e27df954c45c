package output

import (
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"maps"
	"path"
	"slices"
	"sync"
)

// Memory is an in-memory site, safe for concurrent use.
//
// A copy made by Clone is a layer over the original: it holds only what
// was written or removed since, so a preview update that rewrites one page
// of a 100,000-page site copies nothing else, and Equal compares only
// that. The original is frozen by Clone (a write to it is an error): it is
// the copy's base. A layer grown past an eighth of its base is flattened
// on its next Clone, so lookups never go more than one layer deep.
type Memory struct {
	mu    sync.RWMutex
	files map[string][]byte
	// base holds the files this layer neither wrote nor removed; it is
	// frozen and has no base of its own. removed hides names of base.
	base    *Memory
	removed map[string]bool
	// frozen is set once m is the base of a copy.
	frozen bool
	// compact stores text files deflated (see NewCompactMemory).
	compact bool
}

// NewMemory returns an empty in-memory site.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// NewCompactMemory returns an empty in-memory site that keeps text files
// (HTML, Markdown, JSON, XML, CSS, JS, plain text) deflated, for the
// preview server of a large site: pages take a fifth of the memory, and
// Get inflates one in well under a millisecond.
func NewCompactMemory() *Memory { return &Memory{files: map[string][]byte{}, compact: true} }

// compactMark starts a stored value that is deflated. Text files never
// start with a NUL byte, so stored raw values cannot be mistaken for it.
const compactMark = 0

func compressible(name string) bool {
	switch path.Ext(name) {
	case ".html", ".md", ".json", ".xml", ".txt", ".css", ".js", ".svg":
		return true
	}
	return false
}

// errFrozen is the error of a write to a Memory that was cloned.
var errFrozen = errors.New("output: write to an in-memory site after Clone; write to the clone")

// WriteFile stores data under name.
func (m *Memory) WriteFile(name string, data []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	if m.compact && compressible(name) && len(data) > 512 && data[0] != compactMark {
		var buf bytes.Buffer
		buf.WriteByte(compactMark)
		fw, _ := flate.NewWriter(&buf, flate.BestSpeed)
		fw.Write(data)
		fw.Close()
		data = bytes.Clone(buf.Bytes())
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.frozen {
		return errFrozen
	}
	m.files[name] = data
	delete(m.removed, name)
	return nil
}

// Remove removes the file stored under name, if any.
func (m *Memory) Remove(name string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.frozen {
		return errFrozen
	}
	delete(m.files, name)
	if _, ok := m.base.stored(name); ok {
		m.removed[name] = true
	}
	return nil
}

// Clone returns a copy of the site that can be changed without touching
// m, and freezes m. File contents are shared, not copied: they are never
// modified in place.
func (m *Memory) Clone() *Memory {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.frozen = true
	switch {
	case m.base == nil:
		return &Memory{files: map[string][]byte{}, base: m, removed: map[string]bool{}, compact: m.compact}
	case len(m.files)+len(m.removed) <= len(m.base.files)/8:
		return &Memory{files: maps.Clone(m.files), base: m.base, removed: maps.Clone(m.removed), compact: m.compact}
	}
	flat := maps.Clone(m.base.files)
	maps.DeleteFunc(flat, func(name string, _ []byte) bool { return m.removed[name] })
	maps.Copy(flat, m.files)
	return &Memory{files: flat, compact: m.compact}
}

// stored returns the bytes stored under name, as stored (deflated in a
// compact site). A nil m holds nothing.
func (m *Memory) stored(name string) ([]byte, bool) {
	if m == nil {
		return nil, false
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	if b, ok := m.files[name]; ok {
		return b, true
	}
	if m.removed[name] {
		return nil, false
	}
	return m.base.stored(name)
}

// Get returns the file stored under name.
func (m *Memory) Get(name string) ([]byte, bool) {
	b, ok := m.stored(name)
	if ok && m.compact && len(b) > 0 && b[0] == compactMark && compressible(name) {
		out, err := io.ReadAll(flate.NewReader(bytes.NewReader(b[1:])))
		if err != nil {
			return nil, false
		}
		return out, true
	}
	return b, ok
}

// Equal reports whether m and o hold the same files with the same
// contents, comparing stored bytes (deflating is deterministic). A clone
// is compared with its base, or with another layer of the same base, by
// what its layer holds only.
func (m *Memory) Equal(o *Memory) bool {
	if m.compact != o.compact {
		return false
	}
	switch {
	case m.base != nil && (m.base == o || m.base == o.base):
		return m.sameLayer(o)
	case o.base != nil && o.base == m:
		return o.sameLayer(m)
	}
	names := m.Names()
	if !slices.Equal(names, o.Names()) {
		return false
	}
	for _, n := range names {
		a, _ := m.stored(n)
		b, _ := o.stored(n)
		if !bytes.Equal(a, b) {
			return false
		}
	}
	return true
}

// sameLayer is Equal for a layer m over o, or over o's base: only the
// names either layer wrote or removed can differ.
func (m *Memory) sameLayer(o *Memory) bool {
	m.mu.RLock()
	names := slices.Collect(maps.Keys(m.files))
	names = slices.AppendSeq(names, maps.Keys(m.removed))
	m.mu.RUnlock()
	if o.base == m.base {
		o.mu.RLock()
		names = slices.AppendSeq(names, maps.Keys(o.files))
		names = slices.AppendSeq(names, maps.Keys(o.removed))
		o.mu.RUnlock()
	}
	for _, n := range names {
		a, aok := m.stored(n)
		b, bok := o.stored(n)
		if aok != bok || !bytes.Equal(a, b) {
			return false
		}
	}
	return true
}

// Names returns every stored name, sorted.
func (m *Memory) Names() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	names := slices.Collect(maps.Keys(m.files))
	if m.base != nil {
		m.base.mu.RLock()
		for n := range m.base.files {
			if _, own := m.files[n]; !own && !m.removed[n] {
				names = append(names, n)
			}
		}
		m.base.mu.RUnlock()
	}
	slices.Sort(names)
	return names
}

// Len returns the number of files.
func (m *Memory) Len() int { return len(m.Names()) }

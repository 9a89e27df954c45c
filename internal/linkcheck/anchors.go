package linkcheck

import (
	"iter"
	"slices"
	"strings"
)

// Anchors is the set of ids on one page, made by NewAnchors. A site
// holds one set a page until its links are checked (100,000 of them in a
// large site), so the set is one string, the sorted ids each followed by
// a NUL: a single allocation the garbage collector never has to look
// into, where a map of a few ids took a table of pointers. The zero value
// is the empty set. Two sets with the same ids are ==.
type Anchors string

// sep ends each id in Anchors; an HTML id never holds it.
const sep = "\x00"

// NewAnchors returns the set of ids (in any order, repeats allowed).
func NewAnchors(ids []string) Anchors {
	if len(ids) == 0 {
		return ""
	}
	sorted := slices.Compact(slices.Sorted(slices.Values(ids)))
	n := 0
	for _, id := range sorted {
		n += len(id) + len(sep)
	}
	var b strings.Builder
	b.Grow(n + len(sep))
	b.WriteString(sep)
	for _, id := range sorted {
		b.WriteString(id)
		b.WriteString(sep)
	}
	return Anchors(b.String())
}

// Has reports whether id is in the set.
func (a Anchors) Has(id string) bool {
	if id == "" || strings.Contains(id, sep) {
		return false
	}
	// An id counts only between two separators, so "time" is not found
	// in "timeout".
	s := string(a)
	for from := 0; ; {
		i := strings.Index(s[from:], id)
		if i < 0 {
			return false
		}
		at, end := from+i, from+i+len(id)
		if at > 0 && s[at-1] == sep[0] && end < len(s) && s[end] == sep[0] {
			return true
		}
		from = at + 1
	}
}

// All yields the ids, sorted.
func (a Anchors) All() iter.Seq[string] {
	return func(yield func(string) bool) {
		rest := strings.TrimPrefix(string(a), sep)
		for rest != "" {
			id, after, _ := strings.Cut(rest, sep)
			if !yield(id) {
				return
			}
			rest = after
		}
	}
}

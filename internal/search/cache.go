package search

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"slices"
)

// cacheKey hashes everything an index is made of: the format, the options
// that shape it, search.js and every document, each field length-prefixed
// so that no two different inputs write the same bytes.
func cacheKey(docs []Doc, opts Options, script []byte) ([32]byte, error) {
	h := sha256.New()
	var buf []byte
	num := func(n int) { buf = binary.AppendUvarint(buf, uint64(n)) }
	str := func(s string) {
		num(len(s))
		buf = append(buf, s...)
	}
	str("docsgen search index")
	num(formatVersion)
	num(scoreVersion)
	num(opts.MaxPostings)
	num(opts.ChunkBytes)
	num(opts.MetaDocs)
	num(opts.Fanout)
	num(opts.ExcerptRunes)
	num(len(script))
	buf = append(buf, script...)
	num(len(docs))
	for i := range docs {
		d := docs[i] // a copy: the text read back from a spool is let go
		if err := d.load(); err != nil {
			return [32]byte{}, err
		}
		for _, f := range [...]string{d.URL, d.Anchor, d.PageTitle, d.Section, d.Text, d.Kind, d.Description, d.Keywords, d.Code} {
			str(f)
		}
		if len(buf) > 1<<16 {
			h.Write(buf)
			buf = buf[:0]
		}
	}
	h.Write(buf)
	var key [32]byte
	h.Sum(key[:0])
	return key, nil
}

// encodeIndex serializes an index: its counts, then each file (in name
// order) as a length-prefixed name and a length-prefixed body.
func encodeIndex(ix *Index) []byte {
	names := make([]string, 0, len(ix.Files))
	size := 0
	for n, d := range ix.Files {
		names = append(names, n)
		size += len(n) + len(d) + 8
	}
	slices.Sort(names)
	buf := make([]byte, 0, size+32)
	buf = binary.AppendUvarint(buf, uint64(ix.Docs))
	buf = binary.AppendUvarint(buf, uint64(ix.Terms))
	buf = binary.AppendUvarint(buf, uint64(len(names)))
	for _, n := range names {
		buf = binary.AppendUvarint(buf, uint64(len(n)))
		buf = append(buf, n...)
		buf = binary.AppendUvarint(buf, uint64(len(ix.Files[n])))
		buf = append(buf, ix.Files[n]...)
	}
	return buf
}

var errCorrupt = errors.New("search: corrupt cached index")

// decodeIndex reads what encodeIndex wrote. File bodies share data's memory.
func decodeIndex(data []byte) (*Index, error) {
	next := func() (int, bool) {
		v, n := binary.Uvarint(data)
		if n <= 0 || v > 1<<40 {
			return 0, false
		}
		data = data[n:]
		return int(v), true
	}
	take := func() ([]byte, bool) {
		n, ok := next()
		if !ok || n > len(data) {
			return nil, false
		}
		b := data[:n:n]
		data = data[n:]
		return b, true
	}
	docs, ok1 := next()
	terms, ok2 := next()
	count, ok3 := next()
	if !ok1 || !ok2 || !ok3 || count > len(data) {
		return nil, errCorrupt
	}
	ix := &Index{Docs: docs, Terms: terms, Files: make(map[string][]byte, count)}
	for range count {
		name, ok := take()
		if !ok {
			return nil, errCorrupt
		}
		body, ok := take()
		if !ok {
			return nil, errCorrupt
		}
		ix.Files[string(name)] = body
	}
	if len(data) != 0 || ix.Files["index.json"] == nil {
		return nil, errCorrupt
	}
	return ix, nil
}

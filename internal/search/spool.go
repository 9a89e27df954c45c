package search

import (
	"encoding/binary"
	"fmt"
	"os"
	"sync"
)

// Spool holds documents' Text and Code in a temporary file, for a build
// that makes its documents long before it indexes them: a large site's
// text then waits on disk, not in memory (300 MB at 100,000 pages), and
// Build reads each document's text back when it tokenizes it, and again
// for its excerpt when it writes the document's chunk. The file is
// removed as soon as it is made, so nothing is left behind, even by a
// build that is killed; it goes when the Spool is closed. A Spool is safe
// for concurrent use. If the file cannot be written, Keep leaves the text
// in memory: a spool only saves memory, it never fails a build.
type Spool struct {
	mu   sync.Mutex
	f    *os.File
	size int64
	err  error // the first write that failed; nothing is spooled after it
}

// spooled is where a document's text and code wait in a Spool.
type spooled struct {
	spool      *Spool
	at         int64
	text, code int32
}

// NewSpool makes a spool in dir (os.TempDir() when dir is "").
func NewSpool(dir string) (*Spool, error) {
	f, err := os.CreateTemp(dir, "docsgen-search-*")
	if err != nil {
		return nil, fmt.Errorf("making the search index's spool: %w", err)
	}
	// An open file lives on after its name is gone, on the systems that
	// allow removing it; elsewhere Close removes it.
	_ = os.Remove(f.Name())
	return &Spool{f: f}, nil
}

// SpooledPage is where one page's documents wait in a Spool: a few
// words of memory, where the documents themselves take a few hundred
// bytes each even without their text.
type SpooledPage struct {
	at         int64 // where the page's record starts
	meta, docs int32 // the record's names part, in bytes, and its documents
	// held keeps the documents in memory when the spool could not write.
	held []Doc
}

// Len is the number of documents of the page.
func (p SpooledPage) Len() int { return int(p.docs) + len(p.held) }

// Keep writes docs, one page's documents, to the spool and returns where
// they are. A record is the documents' names (every field but Text and
// Code, with those two's lengths), then their text and code, so that Docs
// reads the names back and leaves the text where it is until Build
// tokenizes it. If the spool cannot write, the page keeps docs in memory.
func (s *Spool) Keep(docs []Doc) SpooledPage {
	var buf []byte
	for i := range docs {
		d := &docs[i]
		for _, f := range [...]string{d.URL, d.Anchor, d.PageTitle, d.Section, d.Kind, d.Description, d.Keywords} {
			buf = appendField(buf, f)
		}
		buf = binary.AppendUvarint(buf, uint64(len(d.Text)))
		buf = binary.AppendUvarint(buf, uint64(len(d.Code)))
	}
	meta := len(buf)
	for i := range docs {
		buf = append(append(buf, docs[i].Text...), docs[i].Code...)
	}
	if len(buf) > 1<<30 {
		return SpooledPage{held: docs} // offsets are kept in 32 bits
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	at := s.size
	if s.err == nil {
		_, s.err = s.f.WriteAt(buf, at)
	}
	if s.err != nil {
		return SpooledPage{held: docs}
	}
	s.size += int64(len(buf))
	return SpooledPage{at: at, meta: int32(meta), docs: int32(len(docs))}
}

// Docs appends page p's documents to out, their text still in the spool.
func (s *Spool) Docs(p SpooledPage, out []Doc) ([]Doc, error) {
	if p.docs == 0 {
		return append(out, p.held...), nil
	}
	buf := make([]byte, p.meta)
	if _, err := s.f.ReadAt(buf, p.at); err != nil {
		return out, fmt.Errorf("reading the search index's spool: %w", err)
	}
	text := p.at + int64(p.meta)
	first := len(out)
	for range p.docs {
		var d Doc
		var f [7]string
		// The previous document's names: a page's documents share its URL,
		// title and description, read once for all of them.
		var prev [7]string
		if len(out) > first {
			p := &out[len(out)-1]
			prev = [7]string{p.URL, "", p.PageTitle, "", p.Kind, p.Description, p.Keywords}
		}
		for k := range f {
			f[k], buf = readField(buf, prev[k])
		}
		d.URL, d.Anchor, d.PageTitle, d.Section, d.Kind, d.Description, d.Keywords = f[0], f[1], f[2], f[3], f[4], f[5], f[6]
		tl, n1 := binary.Uvarint(buf)
		cl, n2 := binary.Uvarint(buf[max(n1, 0):])
		if n1 <= 0 || n2 <= 0 {
			return out, fmt.Errorf("reading the search index's spool: a damaged record at %d", p.at)
		}
		buf = buf[n1+n2:]
		d.spooled = spooled{spool: s, at: text, text: int32(tl), code: int32(cl)}
		text += int64(tl + cl)
		out = append(out, d)
	}
	return out, nil
}

func appendField(buf []byte, f string) []byte {
	return append(binary.AppendUvarint(buf, uint64(len(f))), f...)
}

// readField reads a field appendField wrote, as prev when it holds the
// same bytes (no copy is made then); a damaged one reads as "".
func readField(buf []byte, prev string) (string, []byte) {
	n, k := binary.Uvarint(buf)
	if k <= 0 || n > uint64(len(buf)-k) {
		return "", nil
	}
	f, rest := buf[k:k+int(n)], buf[k+int(n):]
	if string(f) == prev {
		return prev, rest
	}
	return string(f), rest
}

// Close removes the spool's file. Documents kept in it can no longer be
// indexed.
func (s *Spool) Close() error {
	err := s.f.Close()
	if rerr := os.Remove(s.f.Name()); rerr != nil && !os.IsNotExist(rerr) && err == nil {
		err = rerr
	}
	return err
}

// lengths returns the byte lengths of d's Text and Code, spooled or not.
func (d *Doc) lengths() (text, code int) {
	if d.spooled.spool != nil {
		return int(d.spooled.text), int(d.spooled.code)
	}
	return len(d.Text), len(d.Code)
}

// load reads d's Text and Code back from its spool, if they wait there.
func (d *Doc) load() error {
	sp := d.spooled
	if sp.spool == nil {
		return nil
	}
	buf := make([]byte, int(sp.text)+int(sp.code))
	if _, err := sp.spool.f.ReadAt(buf, sp.at); err != nil {
		return fmt.Errorf("reading the search index's spool: %w", err)
	}
	// Apart, so that an excerpt kept of the text never holds the code.
	d.Text, d.Code = string(buf[:sp.text]), string(buf[sp.text:])
	d.spooled = spooled{}
	return nil
}

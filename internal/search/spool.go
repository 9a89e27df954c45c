package search

import (
	"fmt"
	"os"
	"sync"
)

// Spool holds documents' Text and Code in a temporary file, for a build
// that makes its documents long before it indexes them: a large site's
// text then waits on disk, not in memory (300 MB at 100,000 pages), and
// Build reads each document's text back when it tokenizes it. The file is
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

// Keep writes the Text and Code of docs to the spool and lets them go:
// each document keeps where they are instead.
func (s *Spool) Keep(docs []Doc) {
	n := 0
	for i := range docs {
		n += len(docs[i].Text) + len(docs[i].Code)
	}
	if n > 1<<30 {
		return // lengths are kept in 32 bits: such text stays in memory
	}
	buf := make([]byte, 0, n)
	for i := range docs {
		buf = append(append(buf, docs[i].Text...), docs[i].Code...)
	}
	s.mu.Lock()
	at := s.size
	if s.err == nil {
		_, s.err = s.f.WriteAt(buf, at)
	}
	failed := s.err != nil
	if !failed {
		s.size += int64(len(buf))
	}
	s.mu.Unlock()
	if failed {
		return
	}
	for i := range docs {
		d := &docs[i]
		d.spooled = spooled{spool: s, at: at, text: int32(len(d.Text)), code: int32(len(d.Code))}
		at += int64(len(d.Text) + len(d.Code))
		d.Text, d.Code = "", ""
	}
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

package site

import (
	"encoding/binary"
	"errors"
	"fmt"

	"docsgen/internal/diag"
	"docsgen/internal/markdown"
)

// The disk format of a render-cache entry: a version byte, then every
// field of the Markdown result and its diagnostics in a fixed order,
// strings and byte slices as a uvarint length and the bytes, integers as
// varints, lists as a uvarint count and the items. It decodes several times
// faster than gob, whose decoder compiles the types anew for every entry
// (the largest cost of a warm build's cache reads). The cache key already
// changes with the docsgen binary, so the format may change freely;
// TestEntryCodecCoversEveryField fails when a field is added to one of
// the types and not here.
const entryVersion = 4

func encodeCached(e cached) ([]byte, error) {
	r := e.res
	if r == nil {
		return nil, errors.New("no result to encode")
	}
	w := entryWriter{buf: make([]byte, 0, len(r.HTML)+1024)}
	w.buf = append(w.buf, entryVersion)
	w.bytes(r.HTML)
	w.str(r.Title)
	w.count(len(r.Headings))
	for _, h := range r.Headings {
		w.int(h.Level)
		w.str(h.ID)
		w.str(h.Text)
	}
	w.count(len(r.IDs))
	for _, id := range r.IDs {
		w.str(id)
	}
	w.count(len(r.Links))
	for _, l := range r.Links {
		w.str(l.Dest)
		w.str(l.URL)
		w.int(l.Line)
		w.int(l.Col)
		w.bool(l.Image)
	}
	w.count(len(r.Sections))
	for _, s := range r.Sections {
		w.str(s.HeadingID)
		w.str(s.Heading)
		w.str(s.Text)
		w.str(s.Code)
	}
	w.bytes(r.Markdown)
	w.count(len(e.diags))
	for _, d := range e.diags {
		w.str(d.File)
		w.int(d.Line)
		w.int(d.Col)
		w.int(int(d.Severity))
		w.str(d.Msg)
		w.str(d.Hint)
	}
	return w.buf, nil
}

func decodeCached(data []byte, e *cached) error {
	if len(data) == 0 || data[0] != entryVersion {
		return errors.New("undecodable cache entry: unknown version")
	}
	rd := entryReader{buf: data[1:]}
	r := &markdown.Result{}
	r.HTML = rd.bytes()
	r.Title = rd.str()
	if n := rd.count(); n > 0 {
		r.Headings = make([]markdown.Heading, n)
		for i := range r.Headings {
			r.Headings[i] = markdown.Heading{Level: rd.int(), ID: rd.str(), Text: rd.str()}
		}
	}
	if n := rd.count(); n > 0 {
		r.IDs = make([]string, n)
		for i := range r.IDs {
			r.IDs[i] = rd.str()
		}
	}
	if n := rd.count(); n > 0 {
		r.Links = make([]markdown.Link, n)
		for i := range r.Links {
			r.Links[i] = markdown.Link{Dest: rd.str(), URL: rd.str(), Line: rd.int(), Col: rd.int(), Image: rd.bool()}
		}
	}
	if n := rd.count(); n > 0 {
		r.Sections = make([]markdown.Section, n)
		for i := range r.Sections {
			r.Sections[i] = markdown.Section{HeadingID: rd.str(), Heading: rd.str(), Text: rd.str(), Code: rd.str()}
		}
	}
	if md := rd.bytes(); len(md) > 0 {
		r.Markdown = md
	}
	var diags diag.List
	if n := rd.count(); n > 0 {
		diags = make(diag.List, n)
		for i := range diags {
			diags[i] = diag.Diagnostic{File: rd.str(), Line: rd.int(), Col: rd.int(), Severity: diag.Severity(rd.int()), Msg: rd.str(), Hint: rd.str()}
		}
	}
	if rd.err == nil && len(rd.buf) != 0 {
		rd.err = fmt.Errorf("%d bytes left over", len(rd.buf))
	}
	if rd.err != nil {
		return fmt.Errorf("undecodable cache entry: %w", rd.err)
	}
	e.res, e.diags = r, diags
	return nil
}

type entryWriter struct{ buf []byte }

func (w *entryWriter) count(n int)    { w.buf = binary.AppendUvarint(w.buf, uint64(n)) }
func (w *entryWriter) int(n int)      { w.buf = binary.AppendVarint(w.buf, int64(n)) }
func (w *entryWriter) str(s string)   { w.count(len(s)); w.buf = append(w.buf, s...) }
func (w *entryWriter) bytes(b []byte) { w.count(len(b)); w.buf = append(w.buf, b...) }
func (w *entryWriter) bool(b bool) {
	if b {
		w.buf = append(w.buf, 1)
	} else {
		w.buf = append(w.buf, 0)
	}
}

// entryReader reads what entryWriter wrote. After the first problem every
// read returns a zero value and err says what went wrong; counts are
// checked against the bytes left, so a damaged entry cannot ask for a huge
// allocation.
type entryReader struct {
	buf []byte
	err error
}

func (r *entryReader) fail(msg string) {
	if r.err == nil {
		r.err = errors.New(msg)
	}
	r.buf = nil
}

func (r *entryReader) count() int {
	if r.err != nil {
		return 0
	}
	n, k := binary.Uvarint(r.buf)
	if k <= 0 || n > uint64(len(r.buf)-k) {
		r.fail("bad length")
		return 0
	}
	r.buf = r.buf[k:]
	return int(n)
}

func (r *entryReader) int() int {
	if r.err != nil {
		return 0
	}
	n, k := binary.Varint(r.buf)
	if k <= 0 {
		r.fail("bad integer")
		return 0
	}
	r.buf = r.buf[k:]
	return int(n)
}

func (r *entryReader) bytes() []byte {
	n := r.count()
	if r.err != nil {
		return nil
	}
	b := r.buf[:n:n]
	r.buf = r.buf[n:]
	return b
}

func (r *entryReader) str() string { return string(r.bytes()) }

func (r *entryReader) bool() bool {
	if r.err != nil {
		return false
	}
	if len(r.buf) == 0 || r.buf[0] > 1 {
		r.fail("bad flag")
		return false
	}
	b := r.buf[0] == 1
	r.buf = r.buf[1:]
	return b
}

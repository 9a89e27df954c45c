package search

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// This file writes the index: the postings and document chunks, the
// listing that leads to them (listing.go), all under a folder named by
// their hash, and the manifest.

// write encodes the manifest and the chunks.
func (b *builder) write() (*Index, error) {
	data := map[string][]byte{}
	// Postings chunks.
	var heads []chunkHead
	var buf []byte
	size := 0 // the chunk's weight so far (see weight)
	flush := func() {
		if len(buf) == 0 {
			return
		}
		buf = append(buf, ']')
		data["t/"+strconv.Itoa(len(heads)-1)+".json"] = buf
		buf = nil
	}
	enc := &termEncoder{}
	for i, t := range b.terms {
		if len(buf) == 0 || size >= b.opts.ChunkBytes {
			flush()
			heads = append(heads, chunkHead{first: t, short: utf8.RuneCountInString(t)})
			buf = make([]byte, 0, b.opts.ChunkBytes)
			buf = append(buf, '[')
			size = 1
		} else {
			buf = append(buf, ",\n"...)
			size += 2
			h := &heads[len(heads)-1]
			h.short = min(h.short, utf8.RuneCountInString(t))
		}
		l := &b.postings[i]
		w := idfWeight(len(b.docs), l.df)
		size += enc.weight(t, l, w)
		buf = enc.appendTerm(buf, t, l, w)
	}
	flush()
	// The postings are written: let them go before the documents are.
	terms := len(b.terms)
	b.terms, b.postings = nil, nil
	depth, top, pages := listing(heads, b.opts.Fanout)
	maps.Copy(data, pages)
	docs := len(b.docs)
	chunks, err := b.metaChunks()
	if err != nil {
		return nil, err
	}
	for i, c := range chunks {
		data["d/"+strconv.Itoa(i)+".json"] = c
	}
	// The folder is named by a hash of every chunk, in name order.
	names := make([]string, 0, len(data))
	for n := range data {
		names = append(names, n)
	}
	slices.Sort(names)
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%s %d\n", n, len(data[n]))
		h.Write(data[n])
	}
	dir := "data/" + hex.EncodeToString(h.Sum(nil)[:6]) + "/"
	files := make(map[string][]byte, len(data)+2)
	for n, d := range data {
		files[dir+n] = d
	}
	files["index.json"] = b.manifest(dir, depth, top)
	script, err := Script(b.opts.Minify)
	if err != nil {
		return nil, err
	}
	files["search.js"] = script
	return &Index{Files: files, Docs: docs, Terms: terms}, nil
}

// metaChunks encodes the document chunks, MetaDocs documents each, in the
// workers, each over a contiguous run of chunks. Each spooled document's
// excerpt is read back from its spool here: in one goroutine this was a
// large site's longest step of the index after the tokenizing (2.3 s of
// the 100,000-page corpus). Each chunk's documents are let go once it is
// encoded: the chunks grow as the documents go.
func (b *builder) metaChunks() ([][]byte, error) {
	per := b.opts.MetaDocs
	chunks := make([][]byte, (len(b.docs)+per-1)/per)
	if len(chunks) == 0 {
		return nil, nil
	}
	n := min(b.opts.Workers, len(chunks))
	run := (len(chunks) + n - 1) / n
	errs := make([]error, n)
	var wg sync.WaitGroup
	for w := range n {
		wg.Go(func() {
			for c := w * run; c < min((w+1)*run, len(chunks)); c++ {
				from, to := c*per, min((c+1)*per, len(b.docs))
				if errs[w] = b.excerpts(from, to); errs[w] != nil {
					return
				}
				chunks[c] = b.metaChunk(from, to)
				clear(b.docs[from:to])
			}
		})
	}
	wg.Wait()
	return chunks, errors.Join(errs...)
}

// excerpts reads back the text of the spooled documents [from, to) and
// keeps their excerpts, as index keeps those of the others.
func (b *builder) excerpts(from, to int) error {
	for i := from; i < to; i++ {
		d := &b.docs[i]
		if d.spooled.spool == nil {
			continue
		}
		if err := d.load(); err != nil {
			return err
		}
		d.Text, d.Code = shown(d, b.opts.ExcerptRunes), ""
	}
	return nil
}

// metaChunk writes documents [from, to):
// {"p":[[url,title],...],"d":[[page,anchor,heading,kind,excerpt],...]};
// anchor is 1 when it is headingID(heading), kind the number kindNumber
// gives it, or its name.
func (b *builder) metaChunk(from, to int) []byte {
	size := 32
	for i := from; i < to; i++ {
		d := &b.docs[i]
		size += 48 + len(d.URL) + len(d.PageTitle) + len(d.Anchor) + len(d.Section) + len(d.Text)
	}
	buf := make([]byte, 0, size)
	buf = append(buf, `{"p":[`...)
	page := -1
	pages := 0
	idx := make([]int, to-from)
	for i := from; i < to; i++ {
		d := &b.docs[i]
		if i == from || d.URL != b.docs[i-1].URL {
			if pages > 0 {
				buf = append(buf, ',')
			}
			buf = append(buf, '[')
			buf = appendString(buf, d.URL)
			buf = append(buf, ',')
			buf = appendString(buf, d.PageTitle)
			buf = append(buf, ']')
			page = pages
			pages++
		}
		idx[i-from] = page
	}
	buf = append(buf, `],"d":[`...)
	for i := from; i < to; i++ {
		d := &b.docs[i]
		if i > from {
			buf = append(buf, ",\n"...)
		}
		buf = append(buf, '[')
		buf = strconv.AppendInt(buf, int64(idx[i-from]), 10)
		buf = append(buf, ',')
		if derivedID(d.Section, d.Anchor) {
			buf = append(buf, '1')
		} else {
			buf = appendString(buf, d.Anchor)
		}
		buf = append(buf, ',')
		buf = appendString(buf, d.Section)
		buf = append(buf, ',')
		if n := kindNumber(d.Kind); n >= 0 {
			buf = strconv.AppendInt(buf, int64(n), 10)
		} else {
			buf = appendString(buf, d.Kind)
		}
		buf = append(buf, ',')
		buf = appendString(buf, d.Text) // the excerpt, since index
		buf = append(buf, ']')
	}
	return append(buf, "]}"...)
}

// kindNumber is the number a document chunk writes for kind, or -1 for a
// kind it writes by name; search.js lists the same kinds.
func kindNumber(kind string) int {
	switch kind {
	case KindPage:
		return 0
	case KindSection:
		return 1
	case KindError:
		return 2
	case KindStatus:
		return 3
	}
	return -1
}

// kindName is the kind kindNumber gives n, or "".
func kindName(n int) string {
	for _, k := range []string{KindPage, KindSection, KindError, KindStatus} {
		if kindNumber(k) == n {
			return k
		}
	}
	return ""
}

// headingID is the id most headings get: the heading lower-cased, with
// '-' for each space. search.js computes it the same way.
func headingID(heading string) string {
	return strings.ToLower(strings.ReplaceAll(heading, " ", "-"))
}

// derivedID reports whether a document chunk may leave out anchor: it is
// headingID(heading), and heading has only ASCII letters, digits, spaces,
// '-' and '_', which Go and JavaScript lower-case alike.
func derivedID(heading, anchor string) bool {
	if anchor == "" || len(anchor) != len(heading) {
		return false
	}
	for i := 0; i < len(heading); i++ {
		c := heading[i]
		switch {
		case c == ' ':
			c = '-'
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'):
			return false
		}
		if c != anchor[i] {
			return false
		}
	}
	return true
}

// manifest writes index.json: the settings a query needs and the top of
// the listing.
func (b *builder) manifest(dir string, depth int, top listPage) []byte {
	buf := []byte(`{"v":`)
	buf = strconv.AppendInt(buf, formatVersion, 10)
	buf = append(buf, `,"data":`...)
	buf = appendString(buf, dir)
	buf = append(buf, `,"docs":`...)
	buf = strconv.AppendInt(buf, int64(len(b.docs)), 10)
	buf = append(buf, `,"meta":`...)
	buf = strconv.AppendInt(buf, int64(b.opts.MetaDocs), 10)
	buf = append(buf, `,"expand":`...)
	buf = strconv.AppendInt(buf, maxExpand, 10)
	buf = append(buf, `,"fetch":`...)
	buf = strconv.AppendInt(buf, maxChunks, 10)
	buf = append(buf, `,"fanout":`...)
	buf = strconv.AppendInt(buf, int64(b.opts.Fanout), 10)
	buf = append(buf, `,"depth":`...)
	buf = strconv.AppendInt(buf, int64(depth), 10)
	buf = append(buf, ',')
	// The list's own fields, without its braces.
	buf = append(buf, top.appendJSON(nil)[1:]...)
	return append(buf, '\n')
}

// shown is the text a result shows of d, its first n runes (see
// excerpt): its text, after the description for a page, which says what
// the page is about; its code when it has no text.
func shown(d *Doc, n int) string {
	text := d.Text
	if d.Kind == KindPage {
		text = joinSpace(d.Description, d.Text)
	}
	if text == "" {
		text = d.Code
	}
	return excerpt(text, n)
}

// excerpt returns the first n runes of text, cut at a space when one is
// near, with an ellipsis when text was cut.
func excerpt(text string, n int) string {
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	end := 0
	for i := range text {
		if n == 0 {
			end = i
			break
		}
		n--
	}
	cut := end
	for i := end - 1; i > end-40 && i > 0; i-- {
		if text[i] == ' ' {
			cut = i
			break
		}
	}
	return text[:cut] + "…"
}

// appendString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD.
func appendString(buf []byte, s string) []byte {
	buf = append(buf, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				buf = append(buf, '\\', c)
			case c == '\n':
				buf = append(buf, '\\', 'n')
			case c == '\t':
				buf = append(buf, '\\', 't')
			case c < 0x20:
				buf = append(buf, `\u00`...)
				buf = append(buf, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&0xf])
			default:
				buf = append(buf, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			buf = append(buf, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			buf = append(buf, `\u202`...)
			buf = append(buf, "0123456789abcdef"[r&0xf])
		default:
			buf = append(buf, s[i:i+size]...)
		}
		i += size
	}
	return append(buf, '"')
}

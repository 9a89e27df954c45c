package site

import (
	"bytes"

	"github.com/tdewolff/minify/v2"

	"docsgen/internal/highlight"
)

// placeholder stands in for a code block's content while a body is
// minified: a private-use character the minifier keeps inside <pre>.
const placeholder = "\uE000"

// minifyBody minifies a rendered Markdown body without passing its
// highlighted code blocks through the minifier. The blocks are already
// minified (package highlight holds its markup to that), and their spans
// are most of a body's tags: a cold build of the benchmark corpus spent 7%
// of its CPU minifying bodies, mostly inside code. Each block's content is
// swapped for a placeholder, the rest is minified, and the blocks are put
// back. A body that already holds the placeholder character, or whose
// placeholders do not all come back, is minified whole. body is not
// changed. TestMinifyBodyEqualsWholeMinify holds the two to the same bytes.
func minifyBody(m *minify.M, body []byte) ([]byte, error) {
	whole := func() ([]byte, error) { return m.Bytes("text/html", bytes.Clone(body)) }
	if bytes.Contains(body, []byte(placeholder)) {
		return whole()
	}
	var blocks [][]byte
	var skel bytes.Buffer
	skel.Grow(len(body) / 2)
	rest := body
	for {
		i := bytes.Index(rest, []byte(highlight.BlockOpen))
		if i < 0 {
			break
		}
		start := i + len(highlight.BlockOpen)
		n := bytes.Index(rest[start:], []byte(highlight.BlockClose))
		if n < 0 {
			break
		}
		skel.Write(rest[:start])
		skel.WriteString(placeholder)
		blocks = append(blocks, rest[start:start+n])
		rest = rest[start+n:]
	}
	if len(blocks) == 0 {
		return whole()
	}
	skel.Write(rest)
	min, err := m.Bytes("text/html", skel.Bytes())
	if err != nil {
		return nil, err
	}
	if bytes.Count(min, []byte(placeholder)) != len(blocks) {
		return whole()
	}
	out := make([]byte, 0, len(min)+len(body)-skel.Len())
	for _, b := range blocks {
		i := bytes.Index(min, []byte(placeholder))
		out = append(append(out, min[:i]...), b...)
		min = min[i+len(placeholder):]
	}
	return append(out, min...), nil
}

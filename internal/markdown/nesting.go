package markdown

import "bytes"

// This file bounds how deep one line may nest block quotes and list items.
//
// goldmark measures the column of every container marker from the start of
// its line, so a line that opens n block quotes or list items costs n²
// steps: a line of 10,000 ">" takes half a second, a megabyte of them
// hours. Before parsing, a line whose markers go deeper than
// maxBlockNesting is reported, and its first marker past the limit is
// replaced by a backslash (same length, so every offset stays valid): the
// rest of the line then reads as text. Real pages nest a handful deep.

// maxBlockNesting is how many block quote and list markers one line may
// open.
const maxBlockNesting = 100

// limitNesting applies the limit to d.src, copying it before the first
// change, and returns the source to parse.
func (d *document) limitNesting() []byte {
	src := d.src
	copied := false
	var fenceChar byte
	fenceLen := 0
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		line := src[start:end]
		// Lines of a fenced code block at the top level are code, not
		// markers. (Fences inside containers are not tracked: a code line
		// there would need more than a hundred markers to be misread.)
		if c, n := fenceAt(line); n >= 3 && (fenceLen == 0 || c == fenceChar && n >= fenceLen) {
			if fenceLen == 0 {
				fenceChar, fenceLen = c, n
			} else {
				fenceLen = 0
			}
		} else if fenceLen == 0 {
			if at := tooDeep(line); at >= 0 {
				if !copied {
					src, copied = bytes.Clone(src), true
				}
				src[start+at] = '\\'
				d.errorf(start+at, "nest fewer levels; the rest of this line is shown as text",
					"block quotes and lists nested more than %d deep", maxBlockNesting)
			}
		}
		start = end + 1
	}
	d.src = src
	return src
}

// fenceAt returns the fence character and run length a line opens with,
// after at most three spaces; n is 0 when it does not.
func fenceAt(line []byte) (c byte, n int) {
	i := 0
	for i < len(line) && i < 3 && line[i] == ' ' {
		i++
	}
	c, n = fenceRun(line[i:])
	if n < 3 {
		return 0, 0
	}
	return c, n
}

// tooDeep returns the offset in line of its first block quote or list
// marker past maxBlockNesting, or -1.
func tooDeep(line []byte) int {
	hr := thematicBreakFrom(line)
	depth := 0
	i := 0
	for {
		j := i
		for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
			j++
		}
		if i == 0 && (j >= 4 || bytes.IndexByte(line[:j], '\t') >= 0) {
			return -1 // indented code
		}
		if j >= len(line) || j >= hr {
			return -1
		}
		k := markerLen(line[j:])
		if k == 0 {
			return -1
		}
		depth++
		if depth > maxBlockNesting {
			return j
		}
		i = j + k
	}
}

// markerLen returns the length of the block quote or list marker that rest
// starts with: ">", "-", "+", "*" or up to nine digits and "." or ")",
// a list marker followed by a space, a tab or the end of the line.
func markerLen(rest []byte) int {
	spaceAfter := func(k int) bool { return k == len(rest) || rest[k] == ' ' || rest[k] == '\t' }
	switch c := rest[0]; {
	case c == '>':
		return 1
	case c == '-' || c == '+' || c == '*':
		if spaceAfter(1) {
			return 1
		}
	case c >= '0' && c <= '9':
		k := 0
		for k < len(rest) && k < 9 && rest[k] >= '0' && rest[k] <= '9' {
			k++
		}
		if k < len(rest) && (rest[k] == '.' || rest[k] == ')') && spaceAfter(k+1) {
			return k + 1
		}
	}
	return 0
}

// thematicBreakFrom returns the smallest offset from which the rest of line
// is a thematic break ("- - -", "***", "_ _ _"), or len(line).
func thematicBreakFrom(line []byte) int {
	from := len(line)
	var c byte
	n := 0
	for i := len(line) - 1; i >= 0; i-- {
		b := line[i]
		switch {
		case b == ' ' || b == '\t':
		case (b == '-' || b == '*' || b == '_') && (c == 0 || c == b):
			c = b
			n++
			if n >= 3 {
				from = i
			}
		default:
			return from
		}
	}
	return from
}

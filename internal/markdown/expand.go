package markdown

import "bytes"

// expandDirectives returns the document's source with each rendered
// directive line replaced by its Output.Markdown, or nil when the document
// has no directive. The replacement keeps the line's container: its later
// lines repeat the text before the "::" with every character but '>' and
// tabs turned into spaces, so a directive in a block quote or list item
// stays there. Blank lines are added around it where a neighbour is not
// blank, so a table cannot run into a paragraph. A directive with an error
// keeps its line as written.
func (d *document) expandDirectives() []byte {
	if d.idx == nil || len(d.idx.directives) == 0 {
		return nil
	}
	src := d.src
	var out bytes.Buffer
	out.Grow(len(src) * 2)
	last := 0
	for _, n := range d.idx.directives {
		if n.bad || n.Off < last {
			continue
		}
		start := bytes.LastIndexByte(src[:n.Off], '\n') + 1
		end := len(src)
		if i := bytes.IndexByte(src[n.Off:], '\n'); i >= 0 {
			end = n.Off + i
		}
		prefix := src[start:n.Off]
		indent := continuation(prefix)
		out.Write(src[last:start])
		md := bytes.TrimRight([]byte(n.Output.Markdown), "\n")
		if len(md) > 0 {
			if start > 0 && !blankLine(src, start-1) {
				out.Write(bytes.TrimRight(indent, " \t"))
				out.WriteByte('\n')
			}
			out.Write(prefix)
			for i, line := range bytes.Split(md, []byte("\n")) {
				if i > 0 {
					out.WriteByte('\n')
					if len(line) > 0 {
						out.Write(indent)
					} else {
						out.Write(bytes.TrimRight(indent, " \t"))
					}
				}
				out.Write(line)
			}
			if end < len(src) && !blankLine(src, end+1) {
				out.WriteByte('\n')
				out.Write(bytes.TrimRight(indent, " \t"))
			}
		} else if p := bytes.TrimRight(prefix, " \t"); len(p) > 0 || end == len(src) {
			out.Write(p)
		} else {
			end++ // a line of its own: leave it out, newline and all
		}
		last = end
	}
	out.Write(src[last:])
	return out.Bytes()
}

// continuation is the prefix of a block's later lines inside the container
// whose first line starts with prefix: block quote markers and tabs kept,
// anything else (list markers, indentation) turned into spaces.
func continuation(prefix []byte) []byte {
	out := make([]byte, len(prefix))
	for i, c := range prefix {
		switch c {
		case '>', '\t':
			out[i] = c
		default:
			out[i] = ' '
		}
	}
	return out
}

// blankLine reports whether the line holding byte offset i of src is empty
// or only spaces, tabs and block quote markers.
func blankLine(src []byte, i int) bool {
	if i >= len(src) {
		return true
	}
	start := bytes.LastIndexByte(src[:i], '\n') + 1
	end := len(src)
	if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
		end = i + j
	}
	return len(bytes.Trim(src[start:end], " \t\r>")) == 0
}

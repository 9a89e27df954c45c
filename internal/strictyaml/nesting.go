package strictyaml

import (
	"strings"

	"docsgen/internal/diag"
)

// MaxNesting is how deep YAML collections may nest on one line or in
// flow style ([...] and {...}).
const MaxNesting = 100

// nesting checks YAML text before it is parsed: flow collections
// ([...], {...}) and the sequence entries and keys that open on one line
// ("- - - x") may nest at most MaxNesting deep. The YAML library's
// memory grows with the square of that depth: 100,000 nested "[" (200 KB)
// took 15 GB. It returns an error at the first opening past the limit, with
// lines counted from lineOffset+1, and ok false.
func nesting(file string, lineOffset int, src []byte) (d diag.Diagnostic, ok bool) {
	flow, line := 0, 0 // flow depth; block entries opened on this line
	valueStart := true // a value may begin here
	for i := 0; i < len(src); i++ {
		c := src[i]
		spaceAfter := i+1 == len(src) || strings.IndexByte(" \t\r\n", src[i+1]) >= 0
		opened := false
		switch {
		case c == '\n':
			if flow == 0 {
				line = 0
			}
			valueStart = true
		case c == ' ' || c == '\t' || c == '\r':
		case c == '#' && (i == 0 || strings.IndexByte(" \t\n", src[i-1]) >= 0):
			for i+1 < len(src) && src[i+1] != '\n' {
				i++ // a comment
			}
		case valueStart && (c == '\'' || c == '"'):
			i = skipQuoted(src, i)
			valueStart = false
		case valueStart && (c == '[' || c == '{'):
			flow++
			opened = true
		case valueStart && (c == '-' || c == '?') && spaceAfter:
			line++
			opened = true
		case flow > 0 && (c == ']' || c == '}'):
			flow--
			valueStart = false
		case flow > 0 && c == ',', c == ':' && (spaceAfter || flow > 0):
			valueStart = true
		default:
			valueStart = false // inside a plain scalar
		}
		if opened && flow+line > MaxNesting {
			l, col := diag.Position(src, i)
			return diag.Errorf(file, l+lineOffset, col, "YAML nested more than %d deep", MaxNesting).
				WithHint("flatten the data; no docsgen setting needs this depth"), false
		}
	}
	return diag.Diagnostic{}, true
}

// skipQuoted returns the offset of the quote that closes the quoted scalar
// opening at src[i], or the end of src.
func skipQuoted(src []byte, i int) int {
	q := src[i]
	for j := i + 1; j < len(src); j++ {
		switch {
		case q == '"' && src[j] == '\\':
			j++
		case src[j] == q && q == '\'' && j+1 < len(src) && src[j+1] == '\'':
			j++ // '' is an escaped quote
		case src[j] == q:
			return j
		}
	}
	return len(src)
}

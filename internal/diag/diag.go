// Package diag holds the positioned messages that docsgen shows authors.
//
// Every problem found in an author's input is a Diagnostic: the file it is
// in, the 1-based line and column, what is wrong and what to do about it.
// A build collects all of them in a List instead of stopping at the first,
// so one run shows every mistake. Diagnostics print in the form editors and
// terminals link to:
//
//	content/reference/errors.md:12:3: error: unknown directive "erors" (known: errors, status-table)
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"
)

// Severity tells whether a Diagnostic fails the build.
type Severity int

const (
	// Error fails the build.
	Error Severity = iota
	// Warning is printed but does not fail the build.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one message about an input file, with its position.
// Line and Col are 1-based; zero means unknown (the whole file).
type Diagnostic struct {
	File     string
	Line     int
	Col      int
	Severity Severity
	Msg      string
	// Hint says what to do; it is printed after the message.
	Hint string
}

// Error formats the diagnostic as "file:line:col: severity: msg (hint)".
func (d Diagnostic) Error() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	b.WriteString(": ")
	b.WriteString(d.Severity.String())
	b.WriteString(": ")
	b.WriteString(d.Msg)
	if d.Hint != "" {
		b.WriteString("; ")
		b.WriteString(d.Hint)
	}
	return b.String()
}

// Errorf returns an error-severity Diagnostic at file:line:col.
func Errorf(file string, line, col int, format string, args ...any) Diagnostic {
	return Diagnostic{File: file, Line: line, Col: col, Severity: Error, Msg: fmt.Sprintf(format, args...)}
}

// Warnf returns a warning-severity Diagnostic at file:line:col.
func Warnf(file string, line, col int, format string, args ...any) Diagnostic {
	return Diagnostic{File: file, Line: line, Col: col, Severity: Warning, Msg: fmt.Sprintf(format, args...)}
}

// WithHint returns d with its hint set.
func (d Diagnostic) WithHint(format string, args ...any) Diagnostic {
	d.Hint = fmt.Sprintf(format, args...)
	return d
}

// List is the diagnostics of one build or one file.
type List []Diagnostic

// Add appends diagnostics to the list.
func (l *List) Add(ds ...Diagnostic) { *l = append(*l, ds...) }

// HasErrors reports whether any diagnostic in the list is an Error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Errors returns only the error-severity diagnostics.
func (l List) Errors() List { return l.filter(Error) }

// Warnings returns only the warning-severity diagnostics.
func (l List) Warnings() List { return l.filter(Warning) }

func (l List) filter(s Severity) List {
	var out List
	for _, d := range l {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// Sort orders the list by file, line and column, so output is stable
// whatever order parallel workers found the problems in.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Msg < b.Msg
	})
}

// Err returns nil when the list has no errors, and otherwise an error whose
// message lists every error diagnostic, one per line.
func (l List) Err() error {
	errs := l.Errors()
	if len(errs) == 0 {
		return nil
	}
	return ErrorList(errs)
}

// ErrorList is the error returned by List.Err. errors.As finds it, so callers
// can still reach every Diagnostic.
type ErrorList List

func (e ErrorList) Error() string {
	lines := make([]string, len(e))
	for i, d := range e {
		lines[i] = d.Error()
	}
	return strings.Join(lines, "\n")
}

// Position converts a byte offset in src into a 1-based line and column.
// Columns count bytes, as most editors' "go to line:col" do for ASCII.
func Position(src []byte, offset int) (line, col int) {
	if offset > len(src) {
		offset = len(src)
	}
	if offset < 0 {
		offset = 0
	}
	line = 1
	lineStart := 0
	for i := 0; i < offset; i++ {
		if src[i] == '\n' {
			line++
			lineStart = i + 1
		}
	}
	return line, offset - lineStart + 1
}

// FromYAML converts an error from github.com/goccy/go-yaml into a
// Diagnostic in file. lineOffset is added to the YAML line, for YAML that
// starts below the top of its file (front matter starts on line 2).
func FromYAML(file string, lineOffset int, err error) Diagnostic {
	var yerr yaml.Error
	if errors.As(err, &yerr) {
		d := Diagnostic{File: file, Severity: Error, Msg: cleanYAMLMessage(yerr.GetMessage())}
		if tk := yerr.GetToken(); tk != nil && tk.Position != nil {
			d.Line = tk.Position.Line + lineOffset
			d.Col = tk.Position.Column
		}
		return d
	}
	return Diagnostic{File: file, Severity: Error, Msg: err.Error()}
}

func cleanYAMLMessage(msg string) string {
	msg = strings.TrimSpace(msg)
	if i := strings.Index(msg, "\n"); i >= 0 {
		msg = msg[:i]
	}
	return msg
}

// MaxYAMLNesting is how deep YAML collections may nest on one line or in
// flow style ([...] and {...}).
const MaxYAMLNesting = 100

// YAMLNesting checks YAML text before it is parsed: flow collections
// ([...], {...}) and the sequence entries and keys that open on one line
// ("- - - x") may nest at most MaxYAMLNesting deep. The YAML library's
// memory grows with the square of that depth: 100,000 nested "[" (200 KB)
// took 15 GB. It returns an error at the first opening past the limit, with
// lines counted from lineOffset+1, and ok false.
func YAMLNesting(file string, lineOffset int, src []byte) (d Diagnostic, ok bool) {
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
		if opened && flow+line > MaxYAMLNesting {
			l, col := Position(src, i)
			return Errorf(file, l+lineOffset, col, "YAML nested more than %d deep", MaxYAMLNesting).
				WithHint("flatten the data; no docsgen setting needs this depth"), false
		}
	}
	return Diagnostic{}, true
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

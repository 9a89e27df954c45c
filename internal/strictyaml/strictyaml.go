// Package strictyaml reads the YAML an author writes (a page's front
// matter, site.yaml, the data files under _data/) strictly, and reports
// every problem at the line and column it is about.
//
// # Reading a text
//
// Parse checks and parses a text once, with goccy/go-yaml's parser, and
// returns its body as a syntax tree and a Decoder for it. Before parsing,
// it refuses text nested more than MaxNesting deep (the library's memory
// grows with the square of the depth). A syntax error, more than one YAML
// document, and a tag with no value ("aliases: !x") are reported; the
// parser's own panics are caught and reported too, never passed on. The
// library's messages are used as they are: Source.Invalid may put a prefix
// before them, nothing rewrites them.
//
// # Decoding
//
// Values are read from the tree by hand, not by reflection, so that each
// problem is reported at its own node and decoding goes on after the first
// one (a reflection decoder stops at the first, and picks one of several
// unknown keys at random). Decoder.Mapping checks a mapping against a
// Mapping, which lists the keys it knows:
//
//   - a key given twice is an error at the second one;
//   - a key that is not a name (a list, "<<") is an error;
//   - an unknown key is an error, with "did you mean" when a known key is
//     within two edits of it; with Unknown set to Keep, an unknown key
//     that is not that close is kept in Object.Unknown for the caller to
//     warn about or store;
//   - the Object's getters (Str, Text, Int, Bool, List, Strings) report a
//     value of the wrong type at the value.
//
// Messages come in two wordings. A Mapping with Takes set is a block of
// settings (front matter, site.yaml), worded by its Key noun: `front matter
// key weight has the wrong type; it takes a whole number`. Without Takes
// it is a record (a data file's entry): `code must be a whole number, got a
// string`.
//
// Aliases (*name) are resolved where a whole value is converted (Value,
// JSON refuses them); an alias where a mapping of keys is expected is an
// error. Expanding aliases stops after maxExpansion nodes, so a small text
// cannot grow into a huge value.
package strictyaml

import (
	"errors"
	"fmt"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"docsgen/internal/diag"
)

// Pos is a position in a YAML text's file, kept on decoded values for
// checks that run after decoding (duplicates, references).
type Pos struct {
	File      string
	Line, Col int
}

func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col) }

// Errorf returns an error Diagnostic at p.
func (p Pos) Errorf(format string, args ...any) diag.Diagnostic {
	return diag.Errorf(p.File, p.Line, p.Col, format, args...)
}

// Warnf returns a warning Diagnostic at p.
func (p Pos) Warnf(format string, args ...any) diag.Diagnostic {
	return diag.Warnf(p.File, p.Line, p.Col, format, args...)
}

// Source describes a YAML text for Parse.
type Source struct {
	// File is the path shown to authors.
	File string
	// LineOffset is the number of file lines above the text's first line
	// (1 for front matter, below its opening ---); default 0.
	LineOffset int
	// Name names the text in hints: "front matter", "site.yaml".
	Name string
	// Invalid is put before the YAML library's message for a syntax
	// error, such as "invalid front matter: "; default none.
	Invalid string
	// Syntax is the hint for a syntax error; default "fix the YAML syntax
	// at this position".
	Syntax string
}

// Parse reads src as one YAML document. It returns the document's body
// (nil for an empty text) and a Decoder that adds its problems to diags.
// ok is false when the text cannot be read at all; the problem is then in
// diags.
func Parse(src Source, text []byte, diags *diag.List) (d *Decoder, body ast.Node, ok bool) {
	d = &Decoder{src: src, diags: diags, anchors: map[string]ast.Node{}}
	if dg, fine := nesting(src.File, src.LineOffset, text); !fine {
		diags.Add(dg)
		return d, nil, false
	}
	f, err := parse(text)
	if err != nil {
		hint := src.Syntax
		if hint == "" {
			hint = "fix the YAML syntax at this position"
		}
		dg := d.fromLibrary(err)
		dg.Msg = src.Invalid + dg.Msg
		diags.Add(dg.WithHint("%s", hint))
		return d, nil, false
	}
	for _, doc := range f.Docs {
		if doc == nil || doc.Body == nil {
			continue
		}
		if body != nil {
			diags.Add(d.At(doc.Body).Errorf("more than one YAML document in the file").
				WithHint("remove the \"---\" separator and merge the sections into one mapping"))
			break
		}
		body = doc.Body
	}
	if body == nil {
		return d, nil, true
	}
	if !d.scan(body) {
		return d, nil, false
	}
	return d, body, true
}

// parse runs the YAML library's parser, which panics on some inputs.
func parse(text []byte) (f *ast.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("the YAML library failed to read it (%v)", r)
		}
	}()
	return parser.ParseBytes(text, 0, parser.AllowDuplicateMapKey())
}

// fromLibrary converts an error of the YAML library into a Diagnostic at
// the token it names, keeping the first line of its message.
func (d *Decoder) fromLibrary(err error) diag.Diagnostic {
	dg := diag.Diagnostic{File: d.src.File, Severity: diag.Error, Msg: err.Error()}
	var yerr yaml.Error
	if errors.As(err, &yerr) {
		dg.Msg = yerr.GetMessage()
		if tk := yerr.GetToken(); tk != nil && tk.Position != nil {
			dg.Line, dg.Col = tk.Position.Line+d.src.LineOffset, tk.Position.Column
		}
	}
	dg.Msg, _, _ = strings.Cut(strings.TrimSpace(dg.Msg), "\n")
	return dg
}

// scan walks the whole tree once: it records anchors for aliases and
// reports tags that tag nothing. It returns false when it found any.
func (d *Decoder) scan(n ast.Node) bool {
	ok := true
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		switch v := n.(type) {
		case *ast.TagNode:
			if _, null := v.Value.(*ast.NullNode); v.Value == nil || null {
				hint := "remove the tag"
				if d.src.Name != "" {
					hint += "; " + d.src.Name + " needs no tags"
				}
				d.Add(d.tokenPos(v.Start).Errorf("YAML tag %s has no value", v.Start.Value).WithHint("%s", hint))
				ok = false
				return
			}
			walk(v.Value)
		case *ast.AnchorNode:
			if v.Name != nil {
				d.anchors[v.Name.GetToken().Value] = v.Value
			}
			if v.Value != nil {
				walk(v.Value)
			}
		case *ast.MappingNode:
			for _, mv := range v.Values {
				walk(mv)
			}
		case *ast.MappingValueNode:
			if v.Key != nil {
				walk(v.Key)
			}
			if v.Value != nil {
				walk(v.Value)
			}
		case *ast.SequenceNode:
			for _, item := range v.Values {
				if item != nil {
					walk(item)
				}
			}
		}
	}
	walk(n)
	return ok
}

package content

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"docsgen/internal/diag"
)

// settingsBlock describes a block of YAML settings (a page's front matter,
// site.yaml) so that the YAML library's decoding errors can be told in the
// author's terms: which key is wrong and what it takes.
type settingsBlock struct {
	// what names one key: "front matter key", "site setting".
	what string
	// name names the block: "front matter", "site.yaml".
	name string
	// syntax is the hint for a YAML syntax error.
	syntax string
	// known is the hint for an unknown key.
	known string
	// takes says what each key accepts, by key.
	takes map[string]string
}

var frontMatterBlock = settingsBlock{
	what:   "front matter key",
	name:   "front matter",
	syntax: "front matter is YAML between two --- lines: key: value, one per line",
	known:  "known keys: title, description, weight, draft, slug, badge, toc, lastmod, aliases, params; put your own keys under params:",
	takes: map[string]string{
		"title": "text", "description": "text", "slug": "text", "badge": "text", "lastmod": "a date, YYYY-MM-DD",
		"weight": "a whole number", "draft": "true or false", "toc": "true or false",
		"aliases": "a list of site paths, such as [/old/errors/]", "params": "keys with values, one per line, indented below params:",
	},
}

var siteBlock = settingsBlock{
	what:   "site setting",
	name:   "site.yaml",
	syntax: "site.yaml is YAML: key: value, one per line; lists as indented - items",
	known:  "known settings: title, description, baseURL, headerLinks, footerLinks, editURL, rawHTML, links",
	takes: map[string]string{
		"title": "text", "description": "text", "baseURL": "a URL", "editURL": "a URL", "rawHTML": "true or false",
		"headerLinks": "a list of links, each - {title: Errors, url: /reference/errors/}",
		"footerLinks": "a list of links, each - {title: Errors, url: /reference/errors/}",
		"links":       "a mapping with ignore: (a list of path patterns) and broken: error or warn",
	},
}

var definedAt = regexp.MustCompile(`mapping key "([^"]*)" already defined at \[(\d+):\d+\]`)

// explain rewrites d, made by diag.FromYAML from a decoding error of text,
// whose line 1 is line lineOffset+1 of the file.
func (b settingsBlock) explain(d diag.Diagnostic, text []byte, lineOffset int) diag.Diagnostic {
	msg := d.Msg
	switch {
	case strings.HasPrefix(msg, "unknown field"):
		d.Msg = "unknown " + b.what + " " + strings.TrimPrefix(msg, "unknown field ")
		d.Hint = b.known
	case strings.Contains(msg, "cannot unmarshal") || strings.Contains(msg, "was used where"):
		key := keyAtLine(text, d.Line-lineOffset)
		if key == "" {
			d.Msg = b.name + " must be key: value lines"
			d.Hint = "write one key: value per line, such as title: Rate limits"
			break
		}
		field := structField(msg)
		if field != "" && !strings.EqualFold(field, key) {
			// A nested value: a link's title or url.
			d.Msg = fmt.Sprintf("%s %s: %s has the wrong type", b.what, key, field)
			d.Hint = "it takes text"
			break
		}
		d.Msg = fmt.Sprintf("%s %s has the wrong type", b.what, key)
		if strings.Contains(msg, "overflow") {
			d.Msg = fmt.Sprintf("%s %s is too large", b.what, key)
		}
		if t := b.takes[key]; t != "" {
			d.Hint = "it takes " + t
		} else {
			d.Hint = b.known
		}
	case definedAt.MatchString(msg):
		m := definedAt.FindStringSubmatch(msg)
		first, _ := strconv.Atoi(m[2])
		d.Msg = fmt.Sprintf("%s %s appears twice (first on line %d)", b.what, m[1], first+lineOffset)
		d.Hint = "remove one of the two lines"
	default:
		d.Msg = "invalid " + b.name + ": " + msg
		d.Hint = b.syntax
	}
	return d
}

// structField returns the Go field named in a decoding message ("Go struct
// field FrontMatter.Aliases of type string" gives "aliases"), or "".
func structField(msg string) string {
	i := strings.Index(msg, "struct field ")
	if i < 0 {
		return ""
	}
	rest := msg[i+len("struct field "):]
	if j := strings.Index(rest, " "); j >= 0 {
		rest = rest[:j]
	}
	if k := strings.LastIndex(rest, "."); k >= 0 {
		rest = rest[k+1:]
	}
	return strings.ToLower(rest)
}

// keyAtLine returns the top-level key whose value holds the given 1-based
// line of YAML text, or "" when the line is not under a key.
func keyAtLine(text []byte, line int) string {
	lines := strings.Split(string(text), "\n")
	if line > len(lines) {
		line = len(lines)
	}
	for i := line - 1; i >= 0; i-- {
		l := lines[i]
		if l == "" || strings.ContainsRune(" \t-#", rune(l[0])) {
			continue
		}
		j := strings.Index(l, ":")
		if j <= 0 {
			return ""
		}
		return strings.Trim(strings.TrimSpace(l[:j]), `"'`)
	}
	return ""
}

// precheck reports, before the text is decoded, every top-level key the
// block does not know, in the order written (the YAML library's strict
// decoding reports only one of them, picked in random order, so the same
// file could give a different message on every build), and every tag
// without a value ("aliases: !x" at the end of a line), on which the YAML
// library's decoder panics. Text that does not parse is left to the
// decoder to report.
func (b settingsBlock) precheck(file string, text []byte, lineOffset int) (out diag.List) {
	defer func() {
		if recover() != nil {
			out = nil // the parser failed; decodeSettings reports it
		}
	}()
	f, err := parser.ParseBytes(text, 0)
	if err != nil || len(f.Docs) == 0 || f.Docs[0] == nil {
		return nil
	}
	at := func(n ast.Node) (int, int) {
		if tk := n.GetToken(); tk != nil && tk.Position != nil {
			return tk.Position.Line + lineOffset, tk.Position.Column
		}
		return 0, 0
	}
	for _, tag := range valuelessTags(f.Docs[0].Body, nil) {
		line, col := at(tag)
		out.Add(diag.Errorf(file, line, col, "YAML tag %s has no value", tag.Start.Value).
			WithHint("remove the tag; %s needs no tags", b.name))
	}
	var values []*ast.MappingValueNode
	switch n := unwrapNode(f.Docs[0].Body).(type) {
	case *ast.MappingNode:
		values = n.Values
	case *ast.MappingValueNode:
		values = []*ast.MappingValueNode{n}
	}
	for _, mv := range values {
		key, ok := unwrapNode(mv.Key).(*ast.StringNode)
		if !ok {
			continue // a non-text key: the decoder reports it
		}
		if _, known := b.takes[key.Value]; known {
			continue
		}
		line, col := at(key)
		out.Add(diag.Errorf(file, line, col, "unknown %s %q", b.what, key.Value).WithHint("%s", b.known))
	}
	out.Sort()
	return out
}

// valuelessTags appends to found every tag under n that tags nothing (the
// parser gives it an empty null value).
func valuelessTags(n ast.Node, found []*ast.TagNode) []*ast.TagNode {
	switch v := n.(type) {
	case *ast.TagNode:
		if _, null := v.Value.(*ast.NullNode); v.Value == nil || null {
			return append(found, v)
		}
		return valuelessTags(v.Value, found)
	case *ast.AnchorNode:
		if v.Value != nil {
			return valuelessTags(v.Value, found)
		}
	case *ast.MappingNode:
		for _, mv := range v.Values {
			found = valuelessTags(mv, found)
		}
	case *ast.MappingValueNode:
		if v.Key != nil {
			found = valuelessTags(v.Key, found)
		}
		if v.Value != nil {
			found = valuelessTags(v.Value, found)
		}
	case *ast.SequenceNode:
		for _, item := range v.Values {
			if item != nil {
				found = valuelessTags(item, found)
			}
		}
	}
	return found
}

// decodeSettings decodes text strictly into v. The YAML library panics on
// some inputs; a panic that precheck did not foresee becomes an error
// instead of crashing the build.
func decodeSettings(text []byte, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the YAML library failed to read it (%v)", r)
		}
	}()
	return yaml.UnmarshalWithOptions(text, v, yaml.DisallowUnknownField())
}

// unwrapNode skips tags (!!str) and anchors (&a).
func unwrapNode(n ast.Node) ast.Node {
	for {
		switch v := n.(type) {
		case *ast.TagNode:
			n = v.Value
		case *ast.AnchorNode:
			n = v.Value
		default:
			return n
		}
	}
}

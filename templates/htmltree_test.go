package templates_test

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// node is an element of a parsed document; the functions below are a tiny
// DOM query helper over golang.org/x/net/html for the layout tests.
type node = html.Node

func parse(t *testing.T, doc string) *node {
	t.Helper()
	n, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func attr(n *node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func has(n *node, key, val string) bool {
	v, ok := attr(n, key)
	return ok && (val == "*" || v == val)
}

func hasClass(n *node, class string) bool {
	v, _ := attr(n, "class")
	for _, c := range strings.Fields(v) {
		if c == class {
			return true
		}
	}
	return false
}

// findAll returns the elements under root (in document order) for which
// match is true.
func findAll(root *node, match func(*node) bool) []*node {
	var out []*node
	for n := range root.Descendants() {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
	}
	return out
}

func tag(name string, conds ...func(*node) bool) func(*node) bool {
	return func(n *node) bool {
		if name != "" && n.Data != name {
			return false
		}
		for _, c := range conds {
			if !c(n) {
				return false
			}
		}
		return true
	}
}

func withAttr(key, val string) func(*node) bool {
	return func(n *node) bool { return has(n, key, val) }
}
func withClass(c string) func(*node) bool { return func(n *node) bool { return hasClass(n, c) } }

func text(n *node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func ancestor(n *node, match func(*node) bool) *node {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && match(p) {
			return p
		}
	}
	return nil
}

// one returns the single element matching, failing the test otherwise.
func one(t *testing.T, root *node, what string, match func(*node) bool) *node {
	t.Helper()
	found := findAll(root, match)
	if len(found) != 1 {
		t.Fatalf("%s: found %d elements, want 1", what, len(found))
	}
	return found[0]
}

func none(t *testing.T, root *node, what string, match func(*node) bool) {
	t.Helper()
	if found := findAll(root, match); len(found) != 0 {
		t.Errorf("%s: found %d elements, want none", what, len(found))
	}
}

func attrOr(n *node, key string) string {
	v, _ := attr(n, key)
	return v
}

package mcp_test

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// TestBadInput sends what a confused or hostile agent might: each gets a
// tool error that says what to do, the server keeps running, and nothing
// outside the site is ever read.
func TestBadInput(t *testing.T) {
	f := newFixture(t)
	// A file beside the site that no path may reach.
	secret := "SECRET-outside-the-site"
	if err := os.WriteFile(filepath.Join(filepath.Dir(f.dir), "secret.md"), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, m := range f.modes() {
		t.Run(m.name, func(t *testing.T) {
			cs := start(t, m.flag, m.arg)
			if _, err := cs.CallTool(t.Context(), &sdk.CallToolParams{Name: "delete_site"}); err == nil || !strings.Contains(err.Error(), "delete_site") {
				t.Errorf("unknown tool: %v, want an error naming it", err)
			}
			cases := []struct {
				tool string
				args map[string]any
				want string
			}{
				{"search_docs", map[string]any{"query": ""}, "query is empty"},
				{"search_docs", map[string]any{"query": "   "}, "query is empty"},
				{"search_docs", map[string]any{"query": strings.Repeat("a", 10000)}, "10000 characters"},
				{"search_docs", map[string]any{"query": "x", "limit": 500}, "out of range"},
				{"search_docs", map[string]any{"query": "x", "offset": -1}, "offset is negative"},
				{"search_docs", map[string]any{"query": 42}, "query"},
				{"search_docs", map[string]any{}, "query"},
				{"read_page", map[string]any{"path": "../../etc/passwd"}, "no page"},
				{"read_page", map[string]any{"path": "/reference/../../../etc/passwd"}, "no page"},
				{"read_page", map[string]any{"path": "/../secret.md"}, "no page"},
				{"read_page", map[string]any{"path": "..%2f..%2fsecret.md"}, "no page"},
				{"read_page", map[string]any{"path": "/reference/errors/\x00"}, "no page"},
				{"read_page", map[string]any{"path": "file:///etc/passwd"}, "no page"},
				{"read_page", map[string]any{"path": "/reference/errors/", "anchor": "../../etc/passwd"}, "has no heading"},
				{"read_page", map[string]any{"path": "/reference/errors/", "offset": 10_000_000}, "past the end"},
				{"get_error", map[string]any{"code_or_status": ""}, "empty"},
				{"get_error", map[string]any{"code_or_status": "418"}, "no HTTP status 418"},
				{"list_errors", map[string]any{"category": "nope"}, "no error category"},
				{"list_pages", map[string]any{"section": "nope"}, "no section"},
			}
			for _, c := range cases {
				text, isErr := call(t, cs, c.tool, c.args)
				if !isErr || !strings.Contains(text, c.want) {
					t.Errorf("%s(%s): error=%v %q, want a tool error with %q", c.tool, short(c.args), isErr, text, c.want)
				}
				if strings.Contains(text, secret) || strings.Contains(text, "root:x:0:0") {
					t.Errorf("%s(%s) read outside the site: %q", c.tool, short(c.args), text)
				}
			}
			// Still serving.
			if _, isErr := call(t, cs, "search_docs", map[string]any{"query": "429"}); isErr {
				t.Error("the server stopped answering after bad input")
			}
		})
	}
}

// TestBadSite points -site at a server that is not a docsgen site and at
// an address where nothing listens: docsgen mcp starts, and every tool
// says what is wrong.
func TestBadSite(t *testing.T) {
	notDocs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" {
			w.Write([]byte("<html>a blog</html>"))
			return
		}
		http.NotFound(w, r)
	}))
	defer notDocs.Close()
	garbage := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("- [x](/a/index.md)\n")) // one page, and no search index
	}))
	defer garbage.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close()
	for _, c := range []struct{ name, url, want string }{
		{"not docsgen", notDocs.URL, "not a docsgen site"},
		{"unreachable", closed, "cannot read llms.txt"},
		{"no search index", garbage.URL, "search index"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cs := start(t, "-site", c.url)
			text, isErr := call(t, cs, "search_docs", map[string]any{"query": "429"})
			if !isErr || !strings.Contains(text, c.want) {
				t.Errorf("search_docs: error=%v %q, want %q", isErr, text, c.want)
			}
			if c.name != "no search index" {
				for _, tool := range []string{"list_pages", "list_errors"} {
					if text, isErr := call(t, cs, tool, nil); !isErr || !strings.Contains(text, c.want) {
						t.Errorf("%s: error=%v %q, want %q", tool, isErr, text, c.want)
					}
				}
			}
		})
	}
}

// short prints tool arguments, cutting long values.
func short(args map[string]any) string {
	s := fmt.Sprint(args)
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return s
}

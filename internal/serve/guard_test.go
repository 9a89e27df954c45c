package serve

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"docsgen/internal/site"
	"docsgen/templates"
)

func TestAllowedHost(t *testing.T) {
	tests := []struct {
		host, addr string
		want       bool
	}{
		{"localhost:8080", "127.0.0.1:8080", true},
		{"LOCALHOST", "127.0.0.1:8080", true},
		{"127.0.0.1:8080", "127.0.0.1:8080", true},
		{"127.0.0.1", "localhost:8080", true},
		{"[::1]:8080", "127.0.0.1:8080", true},
		{"evil.example", "127.0.0.1:8080", false},
		{"evil.example:8080", "127.0.0.1:8080", false},
		{"localhost.evil.example", "127.0.0.1:8080", false},
		{"", "127.0.0.1:8080", false},
		{"docs.local:8080", "docs.local:8080", true},
		{"docs.local", "127.0.0.1:8080", false},
		{"192.168.1.20:8080", "192.168.1.20:8080", true},
		{"192.168.1.21:8080", "192.168.1.20:8080", false},
		{"192.168.1.20:8080", "0.0.0.0:8080", true},
		{"[fe80::1]:8080", ":8080", true},
		{"evil.example:8080", "0.0.0.0:8080", false},
	}
	for _, tt := range tests {
		if got := allowedHost(tt.host, tt.addr); got != tt.want {
			t.Errorf("allowedHost(%q, %q) = %v, want %v", tt.host, tt.addr, got, tt.want)
		}
	}
}

// TestForeignHostRefused is the DNS-rebinding attack: a page of
// evil.example whose name now resolves to 127.0.0.1 asks the preview for
// its pages, its data and its live-reload stream (whose error events
// carry file paths and source lines). Every answer is 403.
func TestForeignHostRefused(t *testing.T) {
	_, base, _ := newTestServer(t, basicSite)
	port := base[strings.LastIndex(base, ":")+1:]
	for _, p := range []string{"/", "/guide/page/", "/guide/page/index.md", "/llms.txt", eventsPath, livePath, mcpPath, "/guide/page"} {
		for _, host := range []string{"evil.example", "evil.example:" + port, "127.0.0.1.evil.example:" + port} {
			status, body := get(t, base+p, host, "")
			if status != http.StatusForbidden || strings.Contains(body, "Part one") || strings.Contains(body, "event:") {
				t.Errorf("Host %s, %s: status %d, body %.80q; want 403 and nothing of the site", host, p, status, body)
			}
		}
	}
	for _, host := range []string{"localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port} {
		if status, _ := get(t, base+"/guide/page/", host, ""); status != http.StatusOK {
			t.Errorf("Host %s: status %d, want 200", host, status)
		}
	}
}

// get requests url with the given Host (and Origin, if any) without
// following redirects.
func get(t *testing.T, url, host, origin string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = host
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	return resp.StatusCode, string(body)
}

// noRedirect gives up after 5 s: a live-reload stream served to a stranger
// would otherwise hold the test for ever instead of failing it.
var noRedirect = &http.Client{Timeout: 5 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func TestRedirectsCarrySecurityHeaders(t *testing.T) {
	_, base, _ := newTestServer(t, basicSite)
	for _, p := range []string{"/guide/page", "/old-page/", "/old-page"} {
		resp, err := noRedirect.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		h := resp.Header
		if resp.StatusCode != http.StatusMovedPermanently {
			t.Errorf("%s: status %d, want 301", p, resp.StatusCode)
		}
		if h.Get("Content-Security-Policy") != templates.ContentSecurityPolicy || h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" {
			t.Errorf("%s: redirect lacks the security headers: %v", p, h)
		}
	}
}

// initialize is an MCP initialize request, as a client POSTs it first.
const initialize = `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}`

func TestMCPRefusesForeignOrigins(t *testing.T) {
	_, base, _ := newTestServer(t, basicSite)
	port := base[strings.LastIndex(base, ":")+1:]
	tests := []struct {
		origin string
		want   int
	}{
		{"", http.StatusOK},
		{"http://localhost:" + port, http.StatusOK},
		{"http://127.0.0.1:" + port, http.StatusOK},
		{"http://evil.example", http.StatusForbidden},
		{"http://evil.example:" + port, http.StatusForbidden},
		{"null", http.StatusForbidden},
		{"file://", http.StatusForbidden},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(http.MethodPost, base+mcpPath, strings.NewReader(initialize))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json, text/event-stream")
		if tt.origin != "" {
			req.Header.Set("Origin", tt.origin)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("Origin %q: status %d, want %d (%s)", tt.origin, resp.StatusCode, tt.want, body)
		}
		if tt.want == http.StatusOK && !strings.Contains(string(body), `"serverInfo"`) {
			t.Errorf("Origin %q: no initialize result: %s", tt.origin, body)
		}
	}
}

// TestMCPOverHTTP drives /mcp with the SDK's streamable HTTP client: the
// same tools as docsgen mcp, answering from the site being served, edits
// included.
func TestMCPOverHTTP(t *testing.T) {
	s, base, dir := newTestServer(t, basicSite)
	ctx := context.Background()
	client := sdk.NewClient(&sdk.Implementation{Name: "test", Version: "v0"}, nil)
	cs, err := client.Connect(ctx, &sdk.StreamableClientTransport{Endpoint: base + mcpPath}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	tools, err := cs.ListTools(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(tools.Tools) != 5 {
		t.Errorf("%d tools, want the 5 of docsgen mcp", len(tools.Tools))
	}
	search := func(q string) []string {
		res, err := cs.CallTool(ctx, &sdk.CallToolParams{Name: "search_docs", Arguments: map[string]any{"query": q}})
		if err != nil || res.IsError {
			t.Fatalf("search_docs %q: %v %+v", q, err, res)
		}
		var out struct{ Results []struct{ URL string } }
		json.Unmarshal([]byte(res.Content[0].(*sdk.TextContent).Text), &out)
		var urls []string
		for _, r := range out.Results {
			urls = append(urls, r.URL)
		}
		return urls
	}
	if got := search("part one"); len(got) == 0 || got[0] != "/guide/page/#part-one" {
		t.Errorf("search_docs part one: %v", got)
	}
	writeFiles(t, dir, map[string]string{"guide/page.md": "---\ntitle: Page\naliases: [/old-page/]\n---\n## Part one\n\n## Zebracornucopia\n"})
	if err := s.Build(ctx, site.Changes{Content: []string{"guide/page.md"}}); err != nil {
		t.Fatal(err)
	}
	if got := search("zebracornucopia"); len(got) == 0 || got[0] != "/guide/page/#zebracornucopia" {
		t.Errorf("after the edit, search_docs zebracornucopia: %v", got)
	}
	res, err := cs.CallTool(ctx, &sdk.CallToolParams{Name: "read_page", Arguments: map[string]any{"path": "/guide/page/"}})
	if err != nil || res.IsError || !strings.Contains(res.Content[0].(*sdk.TextContent).Text, "## Zebracornucopia") {
		t.Errorf("read_page after the edit: %v %+v", err, res)
	}
}

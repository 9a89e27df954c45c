package serve

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"docsgen/internal/output"
	"docsgen/internal/site"
)

// newTestServer builds a small site from a temp folder and serves it.
func newTestServer(t *testing.T, files map[string]string) (*Server, string, string) {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, files)
	s := New(Config{Build: site.Options{Content: os.DirFS(dir), Display: dir}})
	if err := s.Build(context.Background(), site.Changes{}); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts.URL, dir
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

var basicSite = map[string]string{
	"index.md":      "---\ntitle: Home\n---\nHello.\n",
	"guide/page.md": "---\ntitle: Page\naliases: [/old-page/]\n---\n## Part one\n",
}

func TestRoutes(t *testing.T) {
	_, base, _ := newTestServer(t, basicSite)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	tests := []struct {
		method, path string
		status       int
		location     string
		bodyHas      string
	}{
		{"GET", "/", 200, "", "<h1"},
		{"GET", "/guide/page/", 200, "", "Part one"},
		{"GET", "/guide/page", 301, "/guide/page/", ""},
		{"GET", "/old-page/", 301, "/guide/page/", ""},
		{"GET", "/nope/", 404, "", "<html"},
		{"HEAD", "/", 200, "", ""},
		{"POST", "/", 405, "", ""},
		{"DELETE", "/", 405, "", ""},
		{"GET", "/guide/page/index.md", 200, "", "## Part one"},
		{"GET", "/../../etc/passwd", 404, "", ""},
		{"GET", "/guide/../guide/page/", 404, "", ""},
		{"GET", "/%2e%2e/%2e%2e/etc/passwd", 404, "", ""},
		{"GET", "/guide%2fpage/", 404, "", ""},
		{"GET", "/..%5c..%5cetc%5cpasswd", 404, "", ""},
		{"GET", "//etc/passwd", 404, "", ""},
		{"GET", "/_docsgen/live.js", 200, "", "EventSource"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, base+tt.path, nil)
			req.URL.RawPath = tt.path // send the path exactly as written
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if tt.location != "" && resp.Header.Get("Location") != tt.location {
				t.Errorf("Location %q, want %q", resp.Header.Get("Location"), tt.location)
			}
			if !strings.Contains(string(body), tt.bodyHas) {
				t.Errorf("body lacks %q", tt.bodyHas)
			}
			if strings.Contains(string(body), "root:") {
				t.Fatal("served a file from outside the site")
			}
			if resp.StatusCode == 200 && resp.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Error("no nosniff header")
			}
		})
	}
}

func TestContentTypesAndInjection(t *testing.T) {
	_, base, _ := newTestServer(t, basicSite)
	resp, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if !strings.Contains(string(body), `<script src="/_docsgen/live.js?v=`) || !strings.Contains(string(body), `" defer></script></body>`) {
		t.Error("live reload script not injected before </body>")
	}
	resp, _ = http.Get(base + "/guide/page/index.md")
	resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/markdown; charset=utf-8" {
		t.Errorf("markdown Content-Type %q", ct)
	}
}

// readEvent reads one server-sent event (name and data).
func readEvent(t *testing.T, r *bufio.Reader) (string, string) {
	t.Helper()
	var name, data string
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("reading events: %v", err)
		}
		line = strings.TrimRight(line, "\n")
		switch {
		case strings.HasPrefix(line, "event: "):
			name = line[len("event: "):]
		case strings.HasPrefix(line, "data: "):
			data = line[len("data: "):]
		case line == "" && name != "":
			return name, data
		}
	}
}

func TestLiveReloadEvents(t *testing.T) {
	s, base, dir := newTestServer(t, basicSite)
	resp, err := http.Get(base + eventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	r := bufio.NewReader(resp.Body)
	name, data := readEvent(t, r)
	v1 := s.snap.Load().version
	if name != "hello" || !strings.Contains(data, fmt.Sprintf(`"version":%d`, v1)) {
		t.Fatalf("first event %s %s", name, data)
	}

	writeFiles(t, dir, map[string]string{"index.md": "---\ntitle: Home\n---\nChanged.\n"})
	if err := s.Build(context.Background(), site.Changes{Content: []string{"index.md"}}); err != nil {
		t.Fatal(err)
	}
	if name, data := readEvent(t, r); name != "reload" || !strings.Contains(data, fmt.Sprintf(`"version":%d`, v1+1)) {
		t.Fatalf("after edit: %s %s", name, data)
	}

	// A broken edit (a typo of a known key is an error): the error event
	// names the position and the old site stays.
	writeFiles(t, dir, map[string]string{"index.md": "---\ntitle: Home\nwieght: 1\n---\n"})
	s.Build(context.Background(), site.Changes{Content: []string{"index.md"}})
	name, data = readEvent(t, r)
	if name != "error" || !strings.Contains(data, `"line":3`) || !strings.Contains(data, "wieght") {
		t.Fatalf("after bad edit: %s %s", name, data)
	}
	page, _ := http.Get(base + "/")
	body, _ := io.ReadAll(page.Body)
	page.Body.Close()
	if !strings.Contains(string(body), "Changed.") {
		t.Error("the last good build is no longer served")
	}

	// Fixing it sends a reload with no errors.
	writeFiles(t, dir, map[string]string{"index.md": "---\ntitle: Home\n---\nFixed.\n"})
	s.Build(context.Background(), site.Changes{Content: []string{"index.md"}})
	if name, data := readEvent(t, r); name != "reload" || strings.Contains(data, "errors") {
		t.Fatalf("after fix: %s %s", name, data)
	}
}

func TestPortInUseIsAClearError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	dir := t.TempDir()
	writeFiles(t, dir, basicSite)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = Run(ctx, Config{Addr: ln.Addr().String(), Build: site.Options{Content: os.DirFS(dir)}})
	if err == nil || !strings.Contains(err.Error(), ln.Addr().String()) || !strings.Contains(err.Error(), "-addr") {
		t.Fatalf("error %v does not name the address and the fix", err)
	}
}

// TestNoDrift checks that every file serve sends equals what build writes
// (unminified), but for the live-reload tag injected into HTML pages.
func TestNoDrift(t *testing.T) {
	_, base, dir := newTestServer(t, map[string]string{
		"index.md":         "---\ntitle: Home\n---\nHello [guide](/guide/page/#part-one).\n",
		"guide/page.md":    "---\ntitle: Page\naliases: [/old-page/]\n---\n## Part one\n\n```go\nfunc main() {}\n```\n",
		"guide/_index.md":  "---\ntitle: Guide\n---\n",
		"site.yaml":        "title: Drift\n",
		"reference/x/y.md": "# Deep\n\n> [!NOTE]\n> A note.\n",
	})
	built := output.NewMemory()
	res, err := site.Build(context.Background(), site.Options{Content: os.DirFS(dir), Display: dir}, built)
	if err != nil || res.Diags.HasErrors() {
		t.Fatal(err, res.Diags)
	}
	tag := regexp.MustCompile(`<script src="/_docsgen/live\.js\?v=\d+" defer></script>`)
	for _, name := range built.Names() {
		want, _ := built.Get(name)
		resp, err := http.Get(base + "/" + name)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("%s: status %d", name, resp.StatusCode)
			continue
		}
		if strings.HasSuffix(name, ".html") {
			if n := len(tag.FindAll(got, -1)); n != 1 {
				t.Errorf("%s: %d live-reload tags", name, n)
			}
			got = tag.ReplaceAll(got, nil)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: serve differs from build", name)
		}
	}
}

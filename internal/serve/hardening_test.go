package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"docsgen/internal/site"
)

// The preview server runs next to a browser on an author's laptop. These
// tests attack it the way a hostile page or a local network peer could:
// crafted paths and odd methods here; slow clients in
// hardening_net_test.go; a flood of live-reload connections and load while
// the site rebuilds in hardening_load_test.go.

// secretMarker is written to a file next to the content folder: no request
// may ever return it.
const secretMarker = "SECRET-7f3a-outside-the-site"

// hardSite is a small site with static files of every kind a docs site
// serves, and a secret file beside its content folder.
type hardSite struct {
	srv     *Server
	addr    string // host:port
	content string
}

func startHardSite(t *testing.T, cfg Config) *hardSite {
	t.Helper()
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	static := filepath.Join(dir, "static")
	writeFiles(t, content, map[string]string{
		"index.md":             "---\ntitle: Home\n---\nHello.\n",
		"guide/page.md":        "---\ntitle: Page\n---\n## Part one\n",
		"site.yaml":            "title: Hard\nbaseURL: https://docs.example.com/\n",
		"_data/errors.yaml":    "categories: []\n",
		"guide/.notes.private": "hidden, not a page",
	})
	writeFiles(t, static, map[string]string{
		"img/logo.png":     string(pngBytes),
		"img/pic.jpg":      "\xff\xd8\xff\xe0\x00\x10JFIF\x00",
		"img/pic.gif":      "GIF89a\x01\x00\x01\x00",
		"img/pic.webp":     "RIFF\x00\x00\x00\x00WEBPVP8 ",
		"img/icon.svg":     `<svg xmlns="http://www.w3.org/2000/svg"></svg>`,
		"favicon.ico":      "\x00\x00\x01\x00",
		"data/sample.json": `{"a": 1}`,
		"notes.txt":        "plain text",
		"feed.xml":         `<?xml version="1.0"?><feed/>`,
		"fonts/a.woff2":    "wOF2",
		"fonts/a.woff":     "wOFF",
		"docs/guide.pdf":   "%PDF-1.4",
		"app.webmanifest":  `{"name": "x"}`,
		"raw/untyped":      "\x00\x01\x02binary",
	})
	writeFiles(t, dir, map[string]string{"secret.txt": secretMarker})
	cfg.Build = site.Options{Content: os.DirFS(content), Display: content, Static: os.DirFS(static)}
	s := New(cfg)
	if err := s.Build(context.Background(), site.Changes{}); err != nil {
		t.Fatal(err)
	}
	if st := s.broker.current(); len(st.Problems) > 0 {
		t.Fatalf("test site has build errors: %+v", st.Problems)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Serve(ctx, ln); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return &hardSite{srv: s, addr: ln.Addr().String(), content: content}
}

// pngBytes is a 1x1 PNG.
var pngBytes = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

// raw sends one request exactly as written (request line included, so no
// client cleans the path) and returns the response and its body.
func raw(t *testing.T, addr, method, target string) (*http.Response, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", method, target)
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
	if err != nil {
		t.Fatalf("%s %q: reading the response: %v", method, target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func TestTraversalIsRefused(t *testing.T) {
	hs := startHardSite(t, Config{})
	tests := []struct {
		name, target string
		status       int
	}{
		{"control: a page", "/guide/page/", 200},
		{"control: its markdown", "/guide/page/index.md", 200},
		{"dot-dot", "/../secret.txt", 404},
		{"dot-dot to /etc", "/../../../../../../etc/passwd", 404},
		{"dot-dot inside", "/guide/../../secret.txt", 404},
		{"dot-dot back into the site", "/guide/../guide/page/", 404},
		{"dot segment", "/guide/./page/", 404},
		{"encoded dot-dot", "/%2e%2e/secret.txt", 404},
		{"encoded dot-dot upper case", "/%2E%2E/%2E%2E/etc/passwd", 404},
		{"half-encoded dot-dot", "/.%2e/secret.txt", 404},
		{"encoded slash", "/guide%2fpage/", 404},
		{"encoded dot-dot and slash", "/%2e%2e%2fsecret.txt", 404},
		{"double-encoded dot-dot", "/%252e%252e/secret.txt", 404},
		{"overlong UTF-8 dots", "/%c0%ae%c0%ae/secret.txt", 404},
		{"backslashes", `/..\..\secret.txt`, 404},
		{"backslash separator", `/guide\page/`, 404},
		{"encoded backslashes", "/..%5c..%5csecret.txt", 404},
		{"double slash", "//etc/passwd", 404},
		{"triple slash", "///secret.txt", 404},
		{"double slash inside", "/guide//page/", 404},
		{"absolute path", "/etc/passwd", 404},
		{"windows path", "/C:/Windows/win.ini", 404},
		{"encoded NUL", "/index.html%00", 404},
		{"encoded NUL before an extension", "/guide/page/index.md%00.html", 404},
		{"absolute-form target with dot-dot", "http://localhost/../secret.txt", 404},
		{"file URL target", "file:///etc/passwd", 404},
		{"content source not published", "/site.yaml", 404},
		{"data file not published", "/_data/errors.yaml", 404},
		{"hidden content file not published", "/guide/.notes.private", 404},
		{"dotfile", "/.git/config", 404},
		// Go's server itself refuses a target that is not a path or a URL.
		{"windows absolute target", `C:\Windows\win.ini`, 404},
		{"relative target", "secret.txt", 400},
		{"raw NUL", "/\x00", 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := raw(t, hs.addr, "GET", tt.target)
			if resp.StatusCode != tt.status {
				t.Errorf("GET %q: status %d, want %d", tt.target, resp.StatusCode, tt.status)
			}
			if strings.Contains(body, secretMarker) || strings.Contains(body, "root:x:") {
				t.Fatalf("GET %q served a file from outside the site", tt.target)
			}
			if tt.status == 404 && !strings.Contains(body, "<html") {
				t.Errorf("GET %q: 404 without the site's 404 page", tt.target)
			}
		})
	}
}

func TestOnlyGetAndHead(t *testing.T) {
	hs := startHardSite(t, Config{})
	for _, target := range []string{"/", "/guide/page/", "/nope/", eventsPath, livePath} {
		for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "MKCOL", "FOO"} {
			t.Run(m+" "+target, func(t *testing.T) {
				resp, _ := raw(t, hs.addr, m, target)
				if resp.StatusCode != http.StatusMethodNotAllowed {
					t.Errorf("status %d, want 405", resp.StatusCode)
				}
				if got := resp.Header.Get("Allow"); got != "GET, HEAD" {
					t.Errorf("Allow %q, want %q", got, "GET, HEAD")
				}
				if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
					t.Error("no nosniff on the 405")
				}
			})
		}
	}
	t.Run("OPTIONS *", func(t *testing.T) {
		resp, _ := raw(t, hs.addr, "OPTIONS", "*")
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("status %d, want 405", resp.StatusCode)
		}
	})
	t.Run("HEAD matches GET without a body", func(t *testing.T) {
		get, gbody := raw(t, hs.addr, "GET", "/guide/page/")
		head, hbody := raw(t, hs.addr, "HEAD", "/guide/page/")
		if head.StatusCode != 200 || hbody != "" {
			t.Fatalf("HEAD: status %d, body %d bytes", head.StatusCode, len(hbody))
		}
		if head.ContentLength != int64(len(gbody)) || get.Header.Get("Content-Type") != head.Header.Get("Content-Type") {
			t.Errorf("HEAD says %d bytes of %q, GET sent %d of %q", head.ContentLength, head.Header.Get("Content-Type"), len(gbody), get.Header.Get("Content-Type"))
		}
	})
	t.Run("HEAD of the event stream returns at once", func(t *testing.T) {
		resp, _ := raw(t, hs.addr, "HEAD", eventsPath)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
			t.Errorf("status %d, Content-Type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	})
}

func TestContentTypeOfEveryKind(t *testing.T) {
	hs := startHardSite(t, Config{})
	snap := hs.srv.snap.Load()
	style, script := snap.styleURL, ""
	for _, n := range snap.files.Names() {
		if strings.HasPrefix(n, "assets/app.") && strings.HasSuffix(n, ".js") {
			script = "/" + n
		}
	}
	if style == "" || script == "" {
		t.Fatalf("no bundles in %v", snap.files.Names())
	}
	tests := []struct{ path, ctype string }{
		{"/", "text/html; charset=utf-8"},
		{"/guide/page/", "text/html; charset=utf-8"},
		{"/nope/", "text/html; charset=utf-8"},
		{style, "text/css; charset=utf-8"},
		{script, "text/javascript; charset=utf-8"},
		{livePath, "text/javascript; charset=utf-8"},
		{liveCSS, "text/css; charset=utf-8"},
		{"/search/index.json", "application/json"},
		{"/data/sample.json", "application/json"},
		{"/sitemap.xml", "application/xml; charset=utf-8"},
		{"/feed.xml", "application/xml; charset=utf-8"},
		{"/notes.txt", "text/plain; charset=utf-8"},
		{"/robots.txt", "text/plain; charset=utf-8"},
		{"/guide/page/index.md", "text/markdown; charset=utf-8"},
		{"/favicon.svg", "image/svg+xml"},
		{"/img/icon.svg", "image/svg+xml"},
		{"/img/logo.png", "image/png"},
		{"/img/pic.jpg", "image/jpeg"},
		{"/img/pic.gif", "image/gif"},
		{"/img/pic.webp", "image/webp"},
		{"/favicon.ico", "image/x-icon"},
		{"/fonts/a.woff2", "font/woff2"},
		{"/fonts/a.woff", "font/woff"},
		{"/docs/guide.pdf", "application/pdf"},
		{"/app.webmanifest", "application/manifest+json"},
		{"/raw/untyped", "application/octet-stream"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			for _, m := range []string{"GET", "HEAD"} {
				resp, _ := raw(t, hs.addr, m, tt.path)
				if resp.StatusCode != 200 && tt.path != "/nope/" {
					t.Fatalf("%s: status %d", m, resp.StatusCode)
				}
				h := resp.Header
				if got := h.Get("Content-Type"); got != tt.ctype {
					t.Errorf("%s: Content-Type %q, want %q", m, got, tt.ctype)
				}
				if h.Get("X-Content-Type-Options") != "nosniff" {
					t.Errorf("%s: no X-Content-Type-Options: nosniff", m)
				}
				if !strings.Contains(h.Get("Content-Security-Policy"), "default-src 'self'") {
					t.Errorf("%s: no Content-Security-Policy", m)
				}
			}
		})
	}
}

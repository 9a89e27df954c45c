package serve

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"docsgen/internal/site"
)

// The preview server runs next to a browser on an author's laptop. These
// tests attack it the way a hostile page or a local network peer could:
// crafted paths, odd methods, slow clients, a flood of live-reload
// connections, and load while the site rebuilds.

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

func TestLoopbackAddresses(t *testing.T) {
	tests := []struct {
		addr string
		want bool
	}{
		{"127.0.0.1:8080", true},
		{"127.0.0.2:8080", true},
		{"localhost:8080", true},
		{"LOCALHOST:1", true},
		{"[::1]:8080", true},
		{"0.0.0.0:8080", false},
		{":8080", false},
		{"[::]:8080", false},
		{"192.168.1.10:8080", false},
		{"10.0.0.1:80", false},
		{"docs.example.com:8080", false},
		{"localhost.example.com:8080", false},
	}
	for _, tt := range tests {
		if got := Loopback(tt.addr); got != tt.want {
			t.Errorf("Loopback(%q) = %v, want %v", tt.addr, got, tt.want)
		}
	}
	if a := New(Config{}).cfg.Addr; a != "127.0.0.1:8080" {
		t.Errorf("default address %q, want 127.0.0.1:8080", a)
	}
}

// syncBuffer is a bytes.Buffer safe for the server's goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func TestRunWarnsWhenNotLoopback(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, basicSite)
	for _, tt := range []struct {
		addr string
		warn bool
	}{
		{"127.0.0.1:0", false},
		{"localhost:0", false},
		{"0.0.0.0:0", true},
	} {
		t.Run(tt.addr, func(t *testing.T) {
			var stdout, stderr syncBuffer
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() {
				done <- Run(ctx, Config{Addr: tt.addr, Build: site.Options{Content: os.DirFS(dir)}, Stdout: &stdout, Stderr: &stderr})
			}()
			deadline := time.Now().Add(10 * time.Second)
			for !strings.Contains(stdout.String(), "serving at") && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			cancel()
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			warned := strings.Contains(stderr.String(), "warning: serving on "+tt.addr)
			if warned != tt.warn {
				t.Fatalf("warned %v, want %v; stderr:\n%s", warned, tt.warn, stderr.String())
			}
			if tt.warn && !strings.Contains(stderr.String(), "-addr 127.0.0.1:") {
				t.Errorf("the warning does not say how to keep the server private: %s", stderr.String())
			}
		})
	}
}

// TestSlowClientsAreCutOff sends headers one byte at a time, well within
// any per-read timeout but never finishing: the server must drop the
// connection once the header time runs out.
func TestSlowClientsAreCutOff(t *testing.T) {
	const limit = 300 * time.Millisecond
	hs := startHardSite(t, Config{Timeouts: Timeouts{ReadHeader: limit, Read: 2 * limit, Idle: limit}})

	t.Run("headers trickled byte by byte", func(t *testing.T) {
		conn, err := net.Dial("tcp", hs.addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		start := time.Now()
		req := "GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + strings.Repeat("a", 1000)
		var werr error
		for i := 0; i < len(req) && werr == nil; i++ {
			_, werr = conn.Write([]byte{req[i]})
			time.Sleep(20 * time.Millisecond)
			if time.Since(start) > 10*limit {
				break
			}
		}
		// The server has closed its end: reading ends (EOF or a reset,
		// perhaps after a 400), it does not time out, and it ended near
		// the limit, long before the 1,000-byte trickle would.
		conn.SetReadDeadline(time.Now().Add(2 * time.Second))
		got, rerr := io.ReadAll(conn)
		elapsed := time.Since(start)
		var ne net.Error
		if errors.As(rerr, &ne) && ne.Timeout() {
			t.Fatalf("the connection is still open after %s", elapsed.Round(time.Millisecond))
		}
		if bytes.HasPrefix(got, []byte("HTTP/1.1 200")) {
			t.Fatalf("the server answered a request that never finished: %q", got)
		}
		if elapsed > 5*limit {
			t.Fatalf("a client trickling headers held the connection for %s (limit %s)", elapsed.Round(time.Millisecond), limit)
		}
	})

	t.Run("connection opened and left silent", func(t *testing.T) {
		conn, err := net.Dial("tcp", hs.addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		start := time.Now()
		conn.SetReadDeadline(time.Now().Add(5 * time.Second))
		_, err = conn.Read(make([]byte, 1))
		var ne net.Error
		if err == nil || (errors.As(err, &ne) && ne.Timeout()) {
			t.Fatalf("a silent connection stayed open %s (read: %v)", time.Since(start).Round(time.Millisecond), err)
		}
		if d := time.Since(start); d > 4*limit {
			t.Errorf("a silent connection was closed after %s, limit %s", d.Round(time.Millisecond), limit)
		}
	})

	t.Run("a prompt client still gets the page", func(t *testing.T) {
		resp, body := raw(t, hs.addr, "GET", "/")
		if resp.StatusCode != 200 || !strings.Contains(body, "Hello.") {
			t.Fatalf("status %d", resp.StatusCode)
		}
	})
}

func TestTimeoutDefaults(t *testing.T) {
	got := Timeouts{}.withDefaults()
	want := Timeouts{ReadHeader: 5 * time.Second, Read: 10 * time.Second, Write: 30 * time.Second, Idle: 60 * time.Second}
	if got != want {
		t.Fatalf("defaults %+v, want %+v", got, want)
	}
	if got := (Timeouts{Read: time.Second}).withDefaults(); got.Read != time.Second || got.ReadHeader != 5*time.Second {
		t.Fatalf("a set field was overwritten: %+v", got)
	}
}

// openStream opens a live-reload stream and reads its hello event.
func openStream(t *testing.T, client *http.Client, base string) (*http.Response, error) {
	t.Helper()
	resp, err := client.Get(base + eventsPath)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == 200 {
		readEvent(t, bufio.NewReader(resp.Body))
	}
	return resp, nil
}

// TestLiveReloadCap fills every live-reload place from one client: the
// next stream still gets its place, the oldest is closed, and the broker
// never holds more than maxClients.
func TestLiveReloadCap(t *testing.T) {
	s, base, _ := newTestServer(t, basicSite)
	client := &http.Client{Transport: &http.Transport{MaxConnsPerHost: 0, DisableKeepAlives: true}}
	var open []*http.Response
	defer func() {
		for _, r := range open {
			r.Body.Close()
		}
	}()
	for i := 0; i < maxClients; i++ {
		resp, err := openStream(t, client, base)
		if err != nil {
			t.Fatal(err)
		}
		open = append(open, resp)
		if resp.StatusCode != 200 {
			t.Fatalf("stream %d: status %d, want 200", i+1, resp.StatusCode)
		}
	}
	// One more: it is served, and the oldest stream ends.
	resp, err := openStream(t, client, base)
	if err != nil {
		t.Fatal(err)
	}
	open = append(open, resp)
	if resp.StatusCode != 200 {
		t.Fatalf("stream %d: status %d, want 200 (the oldest dropped)", maxClients+1, resp.StatusCode)
	}
	ended := make(chan error, 1)
	go func() {
		_, err := io.Copy(io.Discard, open[0].Body)
		ended <- err
	}()
	select {
	case <-ended:
	case <-time.After(5 * time.Second):
		t.Fatal("the oldest stream was not closed when all places were taken")
	}
	if n := s.broker.count(); n > maxClients {
		t.Errorf("broker holds %d streams, cap %d", n, maxClients)
	}
	// The newest stream still gets events.
	s.broker.publish("reload", state{Version: 99})
	if name, _ := readEvent(t, bufio.NewReader(resp.Body)); name != "reload" {
		t.Errorf("the newest stream got %q, want reload", name)
	}
	// Pages are still served while the streams are full.
	page, err := client.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	page.Body.Close()
	if page.StatusCode != 200 {
		t.Fatalf("a page got %d while the streams were full", page.StatusCode)
	}
}

// TestLiveReloadLeaksNoGoroutines connects and disconnects 50 live-reload
// clients, a few at a time, and checks that the goroutine count returns to
// where it started and the broker forgets every client.
func TestLiveReloadLeaksNoGoroutines(t *testing.T) {
	s, base, _ := newTestServer(t, basicSite)
	tr := &http.Transport{DisableKeepAlives: true}
	client := &http.Client{Transport: tr}
	settle := func() int {
		tr.CloseIdleConnections()
		runtime.GC()
		time.Sleep(50 * time.Millisecond)
		return runtime.NumGoroutine()
	}
	before := settle()
	for round := 0; round < 10; round++ {
		var open []*http.Response
		for i := 0; i < 5; i++ {
			resp, err := openStream(t, client, base)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != 200 {
				t.Fatalf("status %d", resp.StatusCode)
			}
			open = append(open, resp)
		}
		// An event reaches the open clients before they go.
		s.broker.publish("reload", state{Version: int64(round)})
		for _, r := range open {
			r.Body.Close()
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	var after int
	for {
		after = settle()
		if (after <= before && s.broker.count() == 0) || time.Now().After(deadline) {
			break
		}
	}
	if s.broker.count() != 0 {
		t.Errorf("the broker still holds %d clients", s.broker.count())
	}
	if after > before {
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		t.Fatalf("goroutines: %d before, %d after 50 clients came and went\n%s", before, after, buf)
	}
}

// TestServesWhileRebuilding hammers pages from 16 goroutines for two
// seconds while the site rebuilds in a loop: every response must be a
// complete 200.
func TestServesWhileRebuilding(t *testing.T) {
	s, base, dir := newTestServer(t, basicSite)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	var requests, failures atomic.Int64
	var firstErr atomic.Value
	fail := func(err error) {
		failures.Add(1)
		firstErr.CompareAndSwap(nil, err)
	}
	var wg sync.WaitGroup
	for w := 0; w < 16; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			paths := []string{"/", "/guide/page/", "/guide/page/index.md", s.snap.Load().styleURL}
			for i := 0; ctx.Err() == nil; i++ {
				p := paths[(w+i)%len(paths)]
				resp, err := client.Get(base + p)
				if err != nil {
					if ctx.Err() == nil {
						fail(err)
					}
					return
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				requests.Add(1)
				switch {
				case err != nil:
					fail(fmt.Errorf("%s: %v", p, err))
				case resp.StatusCode != 200:
					fail(fmt.Errorf("%s: status %d", p, resp.StatusCode))
				case int64(len(body)) != resp.ContentLength:
					fail(fmt.Errorf("%s: %d of %d bytes", p, len(body), resp.ContentLength))
				}
			}
		}(w)
	}
	builds := 0
	for ctx.Err() == nil {
		text := fmt.Sprintf("---\ntitle: Home\n---\nRebuild %d.\n", builds)
		writeFiles(t, dir, map[string]string{"index.md": text})
		if err := s.Build(context.Background(), site.Changes{Content: []string{"index.md"}}); err != nil {
			t.Fatal(err)
		}
		builds++
	}
	wg.Wait()
	t.Logf("%d requests during %d rebuilds, %d failures", requests.Load(), builds, failures.Load())
	if failures.Load() > 0 {
		t.Fatalf("%d of %d requests failed while rebuilding; first: %v", failures.Load(), requests.Load(), firstErr.Load())
	}
	if builds < 5 || requests.Load() < 100 {
		t.Fatalf("too little happened to prove anything: %d builds, %d requests", builds, requests.Load())
	}
}

package serve

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"docsgen/internal/site"
)

// Where the preview server listens and how long it waits: loopback
// addresses, the warning when it is not private, and the timeouts that
// cut off slow clients.

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

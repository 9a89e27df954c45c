package extlinks

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"docsgen/internal/cache"
)

// server is a local test site; every path is a scenario.
type server struct {
	*httptest.Server
	mu       sync.Mutex
	requests map[string][]string // path → methods asked, in order
	inFlight atomic.Int32
	maxSeen  atomic.Int32
}

func newServer(t *testing.T, tls bool) *server {
	s := &server{requests: map[string][]string{}}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := s.inFlight.Add(1)
		defer s.inFlight.Add(-1)
		for m := s.maxSeen.Load(); n > m && !s.maxSeen.CompareAndSwap(m, n); m = s.maxSeen.Load() {
		}
		s.mu.Lock()
		s.requests[r.URL.Path] = append(s.requests[r.URL.Path], r.Method)
		asked := len(s.requests[r.URL.Path])
		s.mu.Unlock()
		switch {
		case r.URL.Path == "/ok", strings.HasPrefix(r.URL.Path, "/many/"):
			if strings.HasPrefix(r.URL.Path, "/many/") {
				time.Sleep(20 * time.Millisecond) // hold the slot so requests overlap
			}
		case r.URL.Path == "/no-head":
			if r.Method == http.MethodHead {
				w.WriteHeader(http.StatusMethodNotAllowed)
			}
		case r.URL.Path == "/moved":
			http.Redirect(w, r, "/ok", http.StatusMovedPermanently)
		case r.URL.Path == "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		case r.URL.Path == "/gone":
			w.WriteHeader(http.StatusNotFound)
		case r.URL.Path == "/busy":
			if asked == 1 {
				w.Header().Set("Retry-After", "7")
				w.WriteHeader(http.StatusTooManyRequests)
			}
		case r.URL.Path == "/slow":
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		}
	})
	if tls {
		s.Server = httptest.NewTLSServer(h)
	} else {
		s.Server = httptest.NewServer(h)
	}
	t.Cleanup(s.Close)
	return s
}

func (s *server) asked(p string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.requests[p]...)
}

func TestCheck(t *testing.T) {
	srv := newServer(t, false)
	tests := []struct {
		name    string
		path    string
		problem string // "" when the link is fine
		methods []string
	}{
		{"ok", "/ok", "", []string{"HEAD"}},
		{"HEAD refused, GET fine", "/no-head", "", []string{"HEAD", "GET"}},
		{"redirect", "/moved", "", []string{"HEAD"}},
		{"redirect loop", "/loop", "too many redirects", nil},
		{"not found", "/gone", "404 Not Found", []string{"HEAD", "GET"}},
		{"429 then 200", "/busy", "", []string{"HEAD", "HEAD"}},
		{"timeout", "/slow", "no answer within 100ms", []string{"HEAD", "GET"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var waits []time.Duration
			c := Checker{sleep: func(_ context.Context, d time.Duration) error {
				waits = append(waits, d)
				return nil
			}}
			if tt.path == "/slow" {
				c.Timeout = 100 * time.Millisecond // the default 10 s, shortened for the test
			}
			ds := c.Check(context.Background(), []Link{{URL: srv.URL + tt.path + "#frag", File: "content/a.md", Line: 3, Col: 7}})
			if tt.problem == "" && len(ds) != 0 {
				t.Fatalf("unexpected: %v", ds)
			}
			if tt.problem != "" {
				if len(ds) != 1 || !strings.Contains(ds[0].Msg, tt.problem) || ds[0].File != "content/a.md" || ds[0].Line != 3 || ds[0].Col != 7 {
					t.Fatalf("got %v, want one error at content/a.md:3:7 saying %q", ds, tt.problem)
				}
			}
			if tt.methods != nil && strings.Join(srv.asked(tt.path), ",") != strings.Join(tt.methods, ",") {
				t.Errorf("requests %v, want %v", srv.asked(tt.path), tt.methods)
			}
			if tt.path == "/busy" && (len(waits) != 1 || waits[0] != 7*time.Second) {
				t.Errorf("waited %v, want the 7s of Retry-After", waits)
			}
		})
	}
}

func TestTLSFailure(t *testing.T) {
	srv := newServer(t, true)
	ds := Checker{}.Check(context.Background(), []Link{{URL: srv.URL + "/ok", File: "content/a.md", Line: 1, Col: 1}})
	if len(ds) != 1 || !strings.Contains(ds[0].Msg, "TLS certificate was refused") {
		t.Fatalf("got %v, want a TLS error", ds)
	}
}

func TestAtMostFourPerHost(t *testing.T) {
	srv := newServer(t, false)
	var links []Link
	for i := range 24 {
		links = append(links, Link{URL: srv.URL + "/many/" + string(rune('a'+i)), File: "content/a.md", Line: i + 1, Col: 1})
	}
	if ds := (Checker{}).Check(context.Background(), links); len(ds) != 0 {
		t.Fatal(ds)
	}
	if m := srv.maxSeen.Load(); m > 4 || m < 2 {
		t.Errorf("at most %d requests at once, want 2 to 4", m)
	}
	t.Logf("at most %d requests at once", srv.maxSeen.Load())
}

func TestOneRequestPerURLEveryPositionReported(t *testing.T) {
	srv := newServer(t, false)
	links := []Link{
		{URL: srv.URL + "/gone#a", File: "content/a.md", Line: 1, Col: 1},
		{URL: srv.URL + "/gone#b", File: "content/b.md", Line: 2, Col: 4},
		{URL: "mailto:someone@example.com", File: "content/b.md", Line: 3, Col: 1},
	}
	ds := Checker{}.Check(context.Background(), links)
	if len(ds) != 2 || ds[0].File != "content/a.md" || ds[1].File != "content/b.md" || ds[1].Line != 2 || ds[1].Col != 4 {
		t.Fatalf("got %v", ds)
	}
	if got := srv.asked("/gone"); len(got) != 2 {
		t.Errorf("asked %v, want one HEAD and one GET", got)
	}
}

func TestCache(t *testing.T) {
	srv := newServer(t, false)
	dir, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	c := Checker{Cache: dir, Now: func() time.Time { return now }}
	links := []Link{{URL: srv.URL + "/ok", File: "a.md", Line: 1, Col: 1}, {URL: srv.URL + "/gone", File: "a.md", Line: 2, Col: 1}}
	steps := []struct {
		name      string
		advance   time.Duration
		wantAsked int // requests to /ok so far
	}{
		{"first run asks", 0, 1},
		{"an hour later, from the cache", time.Hour, 1},
		{"a day later, asks again", 24 * time.Hour, 2},
	}
	for _, s := range steps {
		now = now.Add(s.advance)
		ds := c.Check(context.Background(), links)
		if len(ds) != 1 || !strings.Contains(ds[0].Msg, "404") {
			t.Fatalf("%s: got %v, want the 404 again", s.name, ds)
		}
		if got := len(srv.asked("/ok")); got != s.wantAsked {
			t.Errorf("%s: /ok asked %d times, want %d", s.name, got, s.wantAsked)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		h    string
		want time.Duration
	}{
		{"", time.Second},
		{"3", 3 * time.Second},
		{"garbage", time.Second},
		{now.Add(20 * time.Second).Format(http.TimeFormat), 20 * time.Second},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0},
		{"3600", time.Minute},
	}
	for _, tt := range tests {
		if got := retryAfter(tt.h, now, time.Minute); got != tt.want {
			t.Errorf("retryAfter(%q) = %v, want %v", tt.h, got, tt.want)
		}
	}
}

package watch_test

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	"docsgen/internal/watch"
)

// settle waits, for up to waitLimit, until no more than limit goroutines
// run, and returns how many do.
func settle(limit int) int {
	n := runtime.NumGoroutine()
	for end := time.Now().Add(waitLimit); n > limit && time.Now().Before(end); n = runtime.NumGoroutine() {
		time.Sleep(10 * time.Millisecond)
	}
	return n
}

func TestStop(t *testing.T) {
	base := t.TempDir()
	content := filepath.Join(base, "content")
	write(t, filepath.Join(content, "a/x.md"), "x")

	before := runtime.NumGoroutine()

	t.Run("cancel returns", func(t *testing.T) {
		for i := range 3 {
			w, err := watch.New([]string{content}, watch.Options{})
			must(t, err)
			ctx, cancel := context.WithCancel(context.Background())
			got := make(chan watch.Batch, 10)
			errc := make(chan error, 1)
			go func() { errc <- w.Run(ctx, func(b watch.Batch) { got <- b }) }()
			write(t, filepath.Join(content, fmt.Sprintf("a/new%d/y.md", i)), "y")
			select {
			case <-got:
			case <-time.After(waitLimit):
				t.Fatal("no batch")
			}
			cancel()
			select {
			case err := <-errc:
				must(t, err)
			case <-time.After(waitLimit):
				t.Fatal("Run did not return after cancel")
			}
		}
	})

	t.Run("cancel waits for the callback", func(t *testing.T) {
		w, err := watch.New([]string{content}, watch.Options{})
		must(t, err)
		ctx, cancel := context.WithCancel(context.Background())
		entered, release := make(chan struct{}), make(chan struct{})
		errc := make(chan error, 1)
		go func() {
			errc <- w.Run(ctx, func(watch.Batch) {
				close(entered)
				<-release
			})
		}()
		write(t, filepath.Join(content, "a/x.md"), "x2")
		select {
		case <-entered:
		case <-time.After(waitLimit):
			t.Fatal("no batch")
		}
		cancel()
		select {
		case err := <-errc:
			t.Fatalf("Run returned (%v) while its callback was running", err)
		case <-time.After(50 * time.Millisecond):
		}
		close(release)
		select {
		case err := <-errc:
			must(t, err)
		case <-time.After(waitLimit):
			t.Fatal("Run did not return after the callback did")
		}
	})

	t.Run("close without run", func(t *testing.T) {
		w, err := watch.New([]string{content}, watch.Options{})
		must(t, err)
		must(t, w.Close())
		must(t, w.Close())
	})

	if after := settle(before); after > before {
		var sb strings.Builder
		_ = pprof.Lookup("goroutine").WriteTo(&sb, 1)
		t.Errorf("%d goroutines before, %d after stopping:\n%s", before, after, sb.String())
	}
}

func TestRunMisuse(t *testing.T) {
	dir := t.TempDir()
	w, err := watch.New([]string{dir}, watch.Options{})
	must(t, err)
	if err := w.Run(context.Background(), nil); err == nil {
		t.Error("Run with a nil callback: no error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	must(t, w.Run(ctx, func(watch.Batch) {}))
	if err := w.Run(ctx, func(watch.Batch) {}); err == nil {
		t.Error("second Run: no error")
	}
}

func TestNewErrors(t *testing.T) {
	base := t.TempDir()
	write(t, filepath.Join(base, "content/a.md"), "a")
	content := filepath.Join(base, "content")
	tests := []struct {
		name  string
		roots []string
		opts  watch.Options
		want  string
	}{
		{"debounce above 20ms", []string{content}, watch.Options{Debounce: 21 * time.Millisecond}, "debounce 21ms is out of range"},
		{"negative debounce", []string{content}, watch.Options{Debounce: -time.Millisecond}, "out of range"},
		{"negative latency cap", []string{content}, watch.Options{MaxLatency: -1}, "negative"},
		{"no roots", nil, watch.Options{}, "no roots"},
		{"missing root", []string{filepath.Join(base, "static")}, watch.Options{}, "no such file"},
		{"nested roots", []string{content, filepath.Join(content, "a.md")}, watch.Options{}, "overlap"},
		{"same root twice", []string{content, content + "/"}, watch.Options{}, "overlap"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := watch.New(tt.roots, tt.opts)
			if err == nil {
				w.Close()
				t.Fatalf("New(%q, %+v): no error", tt.roots, tt.opts)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
	// The limits themselves are accepted.
	w, err := watch.New([]string{content}, watch.Options{Debounce: watch.MaxDebounce, MaxLatency: time.Millisecond})
	must(t, err)
	must(t, w.Close())
}

func TestIgnored(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"page.md", false},
		{"content/guide/page.md", false},
		{"_index.md", false},
		{"_data", false},
		{".well-known", false},
		{"static/.well-known/security.txt", false},
		{".htaccess", false},
		{"404.html", false},
		{"404", false},
		{"style.css", false},
		{".logo.svg", false},
		{"movie.swf", false},
		{"page.md~", true},
		{"content/guide/page.md~", true},
		{"old~", true},
		{".page.md.swp", true},
		{".page.md.swo", true},
		{".page.md.swa", true},
		{"page.md.swx", true},
		{"4913", true},
		{"5036", true},
		{"4914", false},
		{"04913", false},
		{"+4913", false},
		{"4790", false},
		{"#page.md#", true},
		{"#", false},
		{".#page.md", true},
		{"page.md___jb_tmp___", true},
		{"page.md___jb_old___", true},
		{"page.md.vsctmp", true},
		{"x.tmp", true},
		{"X.TMP", true},
		{"page.md.crswap", true},
		{"page.md.kate-swp", true},
		{".goutputstream-K3XQ52", true},
		{".DS_Store", true},
		{"Thumbs.db", true},
		{".", false},
		{"/", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := watch.Ignored(tt.name); got != tt.want {
				t.Errorf("Ignored(%q) = %v, want %v", tt.name, got, tt.want)
			}
		})
	}
}

func TestOpString(t *testing.T) {
	for op, want := range map[watch.Op]string{watch.Create: "create", watch.Write: "write", watch.Remove: "remove", watch.Rename: "rename", 0: "Op(0)"} {
		if got := op.String(); got != want {
			t.Errorf("Op(%d).String() = %q, want %q", uint8(op), got, want)
		}
	}
}

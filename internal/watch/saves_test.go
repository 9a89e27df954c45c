package watch_test

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"docsgen/internal/watch"
)

// TestEditorSaves replays the file operations editors make when saving,
// as seen with strace and inotifywait, and checks that each surfaces as one
// write of the real file whose content the callback can read.
func TestEditorSaves(t *testing.T) {
	for _, tt := range editorSaves() {
		t.Run(tt.name, func(t *testing.T) {
			base := t.TempDir()
			page := filepath.Join(base, "content/page.md")
			write(t, page, "old body")
			var mu sync.Mutex
			var read []string
			ch := start(t, []string{filepath.Join(base, "content")}, watch.Options{}, func(b watch.Batch) {
				for _, c := range b.Changes {
					if c.Path == page && c.Op != watch.Remove && c.Op != watch.Rename {
						data, err := os.ReadFile(page)
						if err != nil {
							t.Errorf("reading %s in callback: %v", page, err)
						}
						mu.Lock()
						read = append(read, string(data))
						mu.Unlock()
					}
				}
			})
			tt.save(t, page)
			seen := expect(t, ch, base, state{"content/page.md": watch.Write})
			if len(seen) > 1 {
				t.Logf("save arrived in %d batches", len(seen))
			}
			mu.Lock()
			defer mu.Unlock()
			if len(read) == 0 || read[len(read)-1] != newBody {
				t.Errorf("callback read %q, want last %q", read, newBody)
			}
		})
	}
}

// newBody is what every editor save writes.
const newBody = "new body"

// editorSave is one editor's way of saving page.
type editorSave struct {
	name string
	save func(t *testing.T, page string)
}

// editorSaves are the saves of TestEditorSaves.
func editorSaves() []editorSave {
	return []editorSave{
		{"in place", func(t *testing.T, page string) {
			write(t, page, newBody)
		}},
		{"temp file renamed over", func(t *testing.T, page string) {
			write(t, page+".tmp", newBody)
			must(t, os.Rename(page+".tmp", page))
		}},
		{"unlisted temp name renamed over", func(t *testing.T, page string) {
			tmp := filepath.Join(filepath.Dir(page), ".page.md.3f9a2c")
			write(t, tmp, newBody)
			must(t, os.Rename(tmp, page))
		}},
		{"vim", func(t *testing.T, page string) {
			dir := filepath.Dir(page)
			write(t, filepath.Join(dir, ".page.md.swp"), "swap")
			write(t, filepath.Join(dir, "4913"), "")
			must(t, os.Remove(filepath.Join(dir, "4913")))
			must(t, os.Rename(page, page+"~"))
			write(t, page, newBody)
			must(t, os.Remove(page+"~"))
			must(t, os.Remove(filepath.Join(dir, ".page.md.swp")))
		}},
		{"vscode", func(t *testing.T, page string) {
			write(t, page+".vsctmp", newBody)
			must(t, os.Rename(page+".vsctmp", page))
		}},
		{"jetbrains", func(t *testing.T, page string) {
			write(t, page+"___jb_tmp___", newBody)
			must(t, os.Rename(page, page+"___jb_old___"))
			must(t, os.Rename(page+"___jb_tmp___", page))
			must(t, os.Remove(page+"___jb_old___"))
		}},
		{"emacs", func(t *testing.T, page string) {
			dir := filepath.Dir(page)
			lock := filepath.Join(dir, ".#page.md")
			must(t, os.Symlink("author@host.1234:1700000000", lock))
			write(t, filepath.Join(dir, "#page.md#"), "autosave")
			must(t, os.Rename(page, page+"~"))
			write(t, page, newBody)
			must(t, os.Remove(filepath.Join(dir, "#page.md#")))
			must(t, os.Remove(lock))
		}},
		{"gedit", func(t *testing.T, page string) {
			tmp := filepath.Join(filepath.Dir(page), ".goutputstream-K3XQ52")
			write(t, tmp, newBody)
			must(t, os.Rename(tmp, page))
		}},
	}
}

func TestFileRoot(t *testing.T) {
	base := t.TempDir()
	content := filepath.Join(base, "content")
	config := filepath.Join(base, "site.yaml")
	write(t, filepath.Join(content, "a.md"), "a")
	write(t, config, "title: one")
	write(t, filepath.Join(base, "other.txt"), "x")
	ch := start(t, []string{content, config}, watch.Options{}, nil)

	write(t, config+".tmp", "title: two")
	must(t, os.Rename(config+".tmp", config))
	seen := expect(t, ch, base, state{"site.yaml": watch.Write})
	c := seen[len(seen)-1].Changes[0]
	if c.Root != config || c.Rel != "." {
		t.Errorf("change of a file root = %+v, want Root %s and Rel \".\"", c, config)
	}

	write(t, filepath.Join(base, "other.txt"), "y")
	write(t, filepath.Join(base, "site.yml"), "y")
	write(t, filepath.Join(content, "b.md"), "b")
	expect(t, ch, base, state{"content/b.md": watch.Create})

	must(t, os.Remove(config))
	expect(t, ch, base, state{"site.yaml": watch.Remove})
	write(t, config, "title: three")
	expect(t, ch, base, state{"site.yaml": watch.Create})
}

// TestManySaves saves one file 200 times, 5 ms apart, and checks that the
// net change is one write and that the last batch delivers the final
// content. How many batches arrived during the stream (the latency cap at
// work) is logged: it depends on the machine's load; TestSchedule asserts
// the cap on a simulated clock.
func TestManySaves(t *testing.T) {
	tests := []struct {
		name string
		save func(page, content string) error
	}{
		{"in place", func(page, content string) error {
			return os.WriteFile(page, []byte(content), 0o644)
		}},
		{"atomic", func(page, content string) error {
			if err := os.WriteFile(page+".tmp", []byte(content), 0o644); err != nil {
				return err
			}
			return os.Rename(page+".tmp", page)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := t.TempDir()
			page := filepath.Join(base, "content/page.md")
			write(t, page, "initial")
			r := &reader{page: page}
			ch := start(t, []string{filepath.Join(base, "content")}, watch.Options{}, func(b watch.Batch) { r.read(t, b) })
			const saves = 200
			begin := time.Now()
			for i := range saves {
				if err := tt.save(page, fmt.Sprintf("save %d", i)); err != nil {
					t.Fatal(err)
				}
				time.Sleep(5 * time.Millisecond)
			}
			during := r.end()
			final := fmt.Sprintf("save %d", saves-1)
			got := r.waitFor(t, ch, base, final)
			if want := (state{"content/page.md": watch.Write}); !maps.Equal(got, want) {
				t.Errorf("net changes %v, want %v", got, want)
			}
			if last := r.latest(); last != final {
				t.Errorf("after the end, the last batch read %q, want %q", last, final)
			}
			t.Logf("%d saves in %v; %d batches delivered during the stream (latency cap %v)",
				saves, time.Since(begin).Round(time.Millisecond), during, watch.DefaultMaxLatency)
		})
	}
}

// reader is the callback of TestManySaves: it reads the page whenever a
// batch lists it, and counts the batches that arrive before end.
type reader struct {
	page   string
	mu     sync.Mutex
	last   string // content read by the latest callback
	during int    // batches delivered before end
	ended  bool
}

func (r *reader) read(t *testing.T, b watch.Batch) {
	for _, c := range b.Changes {
		if c.Path != r.page {
			continue
		}
		data, err := os.ReadFile(r.page)
		if err != nil {
			t.Errorf("callback: %v", err)
		}
		r.mu.Lock()
		r.last = string(data)
		if !r.ended {
			r.during++
		}
		r.mu.Unlock()
	}
}

// end marks the end of the stream and returns the batches seen during it.
func (r *reader) end() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.ended = true
	return r.during
}

func (r *reader) latest() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.last
}

// waitFor folds batches until the callback has read final, then keeps
// folding until no batch comes for well past the debounce cap.
func (r *reader) waitFor(t *testing.T, ch <-chan delivery, base, final string) state {
	t.Helper()
	got := state{}
	deadline := time.After(waitLimit)
	for r.latest() != final {
		select {
		case d := <-ch:
			got.add(t, base, d.Batch)
		case <-time.After(5 * time.Millisecond):
		case <-deadline:
			t.Fatalf("final content never delivered: last read %q, want %q", r.latest(), final)
		}
	}
	for {
		select {
		case d := <-ch:
			got.add(t, base, d.Batch)
		case <-time.After(150 * time.Millisecond):
			return got
		}
	}
}

// TestBursts writes bursts of saves, each ending with a new file, and
// checks that each burst is delivered and that a batch waits out its quiet
// period unless the latency cap cut it short (a timer never fires early,
// so a loaded machine cannot break that). The latency from the last write
// to the callback is logged; BenchmarkLatency measures it.
func TestBursts(t *testing.T) {
	base := t.TempDir()
	page := filepath.Join(base, "content/page.md")
	write(t, page, "0")
	ch := start(t, []string{filepath.Join(base, "content")}, watch.Options{}, nil)

	const bursts = 20
	var lat []time.Duration
	for i := range bursts {
		for j := range 4 {
			write(t, page, fmt.Sprintf("burst %d write %d", i, j))
		}
		marker := filepath.Join(base, fmt.Sprintf("content/b%02d.md", i))
		write(t, marker, "end")
		lastWrite := time.Now()
		d := awaitPath(t, ch, marker)
		lat = append(lat, d.at.Sub(lastWrite))
		if d.Last.Sub(d.First)+watch.DefaultDebounce <= watch.DefaultMaxLatency {
			if q := d.at.Sub(d.Last); q < watch.DefaultDebounce {
				t.Errorf("burst %d: delivered %v after its last event, before the %v quiet period", i, q, watch.DefaultDebounce)
			}
		}
		time.Sleep(30 * time.Millisecond)
	}
	slices.Sort(lat)
	t.Logf("write-to-callback latency over %d bursts: median %v, min %v, max %v (debounce %v)",
		bursts, lat[len(lat)/2].Round(10*time.Microsecond), lat[0].Round(10*time.Microsecond),
		lat[len(lat)-1].Round(10*time.Microsecond), watch.DefaultDebounce)
}

// awaitPath reads deliveries until one lists path, and returns it.
func awaitPath(tb testing.TB, ch <-chan delivery, path string) delivery {
	tb.Helper()
	var d delivery
	for !slices.ContainsFunc(d.Changes, func(c watch.Change) bool { return c.Path == path }) {
		select {
		case d = <-ch:
		case <-time.After(waitLimit):
			tb.Fatalf("no batch lists %s", path)
		}
	}
	return d
}

// BenchmarkLatency times one save, from the write to the callback that
// reports it: the debounce (10 ms) plus fsnotify and scheduling. ns/op is
// that latency.
func BenchmarkLatency(b *testing.B) {
	base := b.TempDir()
	page := filepath.Join(base, "content/page.md")
	if err := os.MkdirAll(filepath.Dir(page), 0o755); err != nil {
		b.Fatal(err)
	}
	w, err := watch.New([]string{filepath.Join(base, "content")}, watch.Options{})
	if err != nil {
		b.Fatal(err)
	}
	ch := make(chan delivery, 100)
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- w.Run(ctx, func(bt watch.Batch) { ch <- delivery{bt, time.Now()} }) }()
	i := 0
	for b.Loop() {
		i++
		if err := os.WriteFile(page, []byte(fmt.Sprint(i)), 0o644); err != nil {
			b.Fatal(err)
		}
		awaitPath(b, ch, page)
	}
	cancel()
	if err := <-errc; err != nil {
		b.Fatal(err)
	}
}

// TestSlowCallback checks that callbacks never overlap and that events
// arriving while one runs are delivered afterwards, none lost.
func TestSlowCallback(t *testing.T) {
	base := t.TempDir()
	must(t, os.Mkdir(filepath.Join(base, "content"), 0o755))
	var inside atomic.Int32
	ch := start(t, []string{filepath.Join(base, "content")}, watch.Options{}, func(watch.Batch) {
		if n := inside.Add(1); n != 1 {
			t.Errorf("%d callbacks running at once", n)
		}
		time.Sleep(30 * time.Millisecond)
		inside.Add(-1)
	})
	want := state{}
	for i := range 40 {
		rel := fmt.Sprintf("content/p%02d.md", i)
		write(t, filepath.Join(base, rel), "x")
		want[rel] = watch.Create
		time.Sleep(2 * time.Millisecond)
	}
	seen := expect(t, ch, base, want)
	t.Logf("40 files in %d batches", len(seen))
}

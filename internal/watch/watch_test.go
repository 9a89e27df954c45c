package watch_test

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"docsgen/internal/watch"
)

// These tests use real fsnotify on temporary folders. Timeouts are long
// (seconds) because the machine may be loaded; they only bound a failure.
const waitLimit = 5 * time.Second

// delivery is a batch and the moment the callback received it.
type delivery struct {
	watch.Batch
	at time.Time
}

// start runs a Watcher over roots until the test ends, and returns the
// channel its batches arrive on. hook, if not nil, runs inside the
// callback before the batch is sent on.
func start(t *testing.T, roots []string, opts watch.Options, hook func(watch.Batch)) <-chan delivery {
	t.Helper()
	w, err := watch.New(roots, opts)
	if err != nil {
		t.Fatal(err)
	}
	ch := make(chan delivery, 1000)
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		errc <- w.Run(ctx, func(b watch.Batch) {
			at := time.Now()
			if hook != nil {
				hook(b)
			}
			ch <- delivery{b, at}
		})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-errc:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(time.Second):
			t.Error("Run did not return within 1s of cancel")
		}
	})
	return ch
}

// state folds batches into one net op per file, keyed by the file's path
// relative to base with forward slashes, the way the watcher folds events:
// by whether the file existed before the first batch and exists after the
// last. Several batches where one was expected (a loaded machine can pause
// the test between two steps of an editor's save) fold to the same result.
type state map[string]watch.Op

func (s state) add(t *testing.T, base string, b watch.Batch) {
	t.Helper()
	for _, c := range b.Changes {
		if got := filepath.Join(c.Root, filepath.FromSlash(c.Rel)); got != c.Path {
			t.Errorf("change %+v: Root+Rel = %s, not Path", c, got)
		}
		if watch.Ignored(c.Path) {
			t.Errorf("ignored file reported: %+v", c)
		}
		k, err := filepath.Rel(base, c.Path)
		if err != nil {
			t.Fatal(err)
		}
		k = filepath.ToSlash(k)
		prev, seen := s[k]
		if !seen {
			s[k] = c.Op
			continue
		}
		existed := prev != watch.Create
		exists := c.Op == watch.Create || c.Op == watch.Write
		switch {
		case existed && exists:
			s[k] = watch.Write
		case exists:
			s[k] = watch.Create
		case existed:
			s[k] = c.Op
		default:
			delete(s, k)
		}
	}
}

func (s state) String() string {
	var lines []string
	for _, k := range slices.Sorted(maps.Keys(s)) {
		lines = append(lines, fmt.Sprintf("%s %s", s[k], k))
	}
	return "{" + strings.Join(lines, ", ") + "}"
}

// expect reads batches until their folded state equals want, then keeps
// reading for a while to make sure nothing else arrives. It returns the
// batches read.
func expect(t *testing.T, ch <-chan delivery, base string, want state) []delivery {
	t.Helper()
	got := state{}
	var seen []delivery
	deadline := time.After(waitLimit)
	for !maps.Equal(got, want) {
		select {
		case d := <-ch:
			seen = append(seen, d)
			got.add(t, base, d.Batch)
		case <-deadline:
			t.Fatalf("after %v: got %v, want %v (%d batches: %v)", waitLimit, got, want, len(seen), seen)
		}
	}
	// Anything more would arrive within the debounce cap; wait well past it.
	settle := time.After(150 * time.Millisecond)
	for {
		select {
		case d := <-ch:
			seen = append(seen, d)
			got.add(t, base, d.Batch)
			if !maps.Equal(got, want) {
				t.Fatalf("late batch %v: got %v, want %v", d.Changes, got, want)
			}
		case <-settle:
			return seen
		}
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// step is one action of a test and the net changes it must produce.
type step struct {
	do   func(t *testing.T, base string)
	want state
}

// runSteps watches base/content (after setup) and checks each step.
func runSteps(t *testing.T, setup func(t *testing.T, base string), steps []step) {
	t.Helper()
	base := t.TempDir()
	must(t, os.Mkdir(filepath.Join(base, "content"), 0o755))
	if setup != nil {
		setup(t, base)
	}
	ch := start(t, []string{filepath.Join(base, "content")}, watch.Options{}, nil)
	for i, s := range steps {
		t.Logf("step %d", i)
		s.do(t, base)
		expect(t, ch, base, s.want)
	}
}

func TestFiles(t *testing.T) {
	page := func(t *testing.T, base string) { write(t, filepath.Join(base, "content/a.md"), "old") }
	tests := []struct {
		name  string
		setup func(t *testing.T, base string)
		do    func(t *testing.T, base string)
		want  state
	}{
		{
			name: "create",
			do:   func(t *testing.T, base string) { write(t, filepath.Join(base, "content/a.md"), "new") },
			want: state{"content/a.md": watch.Create},
		},
		{
			name:  "write",
			setup: page,
			do:    func(t *testing.T, base string) { write(t, filepath.Join(base, "content/a.md"), "new") },
			want:  state{"content/a.md": watch.Write},
		},
		{
			name:  "append",
			setup: page,
			do: func(t *testing.T, base string) {
				f, err := os.OpenFile(filepath.Join(base, "content/a.md"), os.O_APPEND|os.O_WRONLY, 0)
				must(t, err)
				_, err = f.WriteString(" more")
				must(t, err)
				must(t, f.Close())
			},
			want: state{"content/a.md": watch.Write},
		},
		{
			name:  "remove",
			setup: page,
			do:    func(t *testing.T, base string) { must(t, os.Remove(filepath.Join(base, "content/a.md"))) },
			want:  state{"content/a.md": watch.Remove},
		},
		{
			name:  "rename inside the root",
			setup: page,
			do: func(t *testing.T, base string) {
				must(t, os.Rename(filepath.Join(base, "content/a.md"), filepath.Join(base, "content/b.md")))
			},
			want: state{"content/a.md": watch.Rename, "content/b.md": watch.Create},
		},
		{
			name:  "rename out of the root",
			setup: page,
			do: func(t *testing.T, base string) {
				must(t, os.Rename(filepath.Join(base, "content/a.md"), filepath.Join(base, "a.md")))
			},
			want: state{"content/a.md": watch.Rename},
		},
		{
			name:  "move in from outside",
			setup: func(t *testing.T, base string) { write(t, filepath.Join(base, "a.md"), "x") },
			do: func(t *testing.T, base string) {
				must(t, os.Rename(filepath.Join(base, "a.md"), filepath.Join(base, "content/a.md")))
			},
			want: state{"content/a.md": watch.Create},
		},
		{
			name: "created and deleted before delivery is not reported",
			do: func(t *testing.T, base string) {
				write(t, filepath.Join(base, "content/t.md"), "x")
				must(t, os.Remove(filepath.Join(base, "content/t.md")))
				write(t, filepath.Join(base, "content/z.md"), "sentinel")
			},
			want: state{"content/z.md": watch.Create},
		},
		{
			name:  "chmod alone is not reported",
			setup: page,
			do: func(t *testing.T, base string) {
				must(t, os.Chmod(filepath.Join(base, "content/a.md"), 0o600))
				write(t, filepath.Join(base, "content/z.md"), "sentinel")
			},
			want: state{"content/z.md": watch.Create},
		},
		{
			name: "ignored names are not reported",
			do: func(t *testing.T, base string) {
				for _, n := range []string{"a.md~", ".a.md.swp", "4913", "x.tmp", ".DS_Store", "#a.md#", "a.md___jb_tmp___"} {
					write(t, filepath.Join(base, "content", n), "x")
				}
				must(t, os.Remove(filepath.Join(base, "content/4913")))
				write(t, filepath.Join(base, "content/z.md"), "sentinel")
			},
			want: state{"content/z.md": watch.Create},
		},
		{
			name: "siblings of the root are not reported",
			do: func(t *testing.T, base string) {
				write(t, filepath.Join(base, "other.md"), "x")
				write(t, filepath.Join(base, "contents/x.md"), "x")
				write(t, filepath.Join(base, "content/z.md"), "sentinel")
			},
			want: state{"content/z.md": watch.Create},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runSteps(t, tt.setup, []step{{tt.do, tt.want}})
		})
	}
}

func TestFolders(t *testing.T) {
	tree := func(t *testing.T, base string) {
		write(t, filepath.Join(base, "content/a/x.md"), "x")
		write(t, filepath.Join(base, "content/a/b/y.md"), "y")
	}
	writeTo := func(rel, content string) func(t *testing.T, base string) {
		return func(t *testing.T, base string) { write(t, filepath.Join(base, rel), content) }
	}
	tests := []struct {
		name  string
		setup func(t *testing.T, base string)
		steps []step
	}{
		{
			name: "new nested folder with files made at once",
			steps: []step{
				{func(t *testing.T, base string) {
					write(t, filepath.Join(base, "content/a/b/c/x.md"), "x")
					write(t, filepath.Join(base, "content/a/y.md"), "y")
				}, state{"content/a/b/c/x.md": watch.Create, "content/a/y.md": watch.Create}},
				// The new folders are watched: later writes are seen.
				{writeTo("content/a/b/c/x.md", "x2"), state{"content/a/b/c/x.md": watch.Write}},
				{writeTo("content/a/b/c/d/z.md", "z"), state{"content/a/b/c/d/z.md": watch.Create}},
			},
		},
		{
			name: "folder tree moved in from outside",
			setup: func(t *testing.T, base string) {
				write(t, filepath.Join(base, "outside/d/e/f.md"), "f")
				write(t, filepath.Join(base, "outside/d/g.md"), "g")
			},
			steps: []step{
				{func(t *testing.T, base string) {
					must(t, os.Rename(filepath.Join(base, "outside/d"), filepath.Join(base, "content/d")))
				}, state{"content/d/e/f.md": watch.Create, "content/d/g.md": watch.Create}},
				{writeTo("content/d/e/f.md", "f2"), state{"content/d/e/f.md": watch.Write}},
			},
		},
		{
			name:  "folder removed and made again",
			setup: tree,
			steps: []step{
				{func(t *testing.T, base string) {
					must(t, os.RemoveAll(filepath.Join(base, "content/a")))
				}, state{"content/a/x.md": watch.Remove, "content/a/b/y.md": watch.Remove}},
				{writeTo("content/a/b/y.md", "y2"), state{"content/a/b/y.md": watch.Create}},
				{writeTo("content/a/b/y.md", "y3"), state{"content/a/b/y.md": watch.Write}},
			},
		},
		{
			name:  "folder renamed",
			setup: tree,
			steps: []step{
				{func(t *testing.T, base string) {
					must(t, os.Rename(filepath.Join(base, "content/a"), filepath.Join(base, "content/z")))
				}, state{
					"content/a/x.md": watch.Rename, "content/a/b/y.md": watch.Rename,
					"content/z/x.md": watch.Create, "content/z/b/y.md": watch.Create,
				}},
				// Writes under the new name carry the new name, never the old.
				{writeTo("content/z/b/y.md", "y2"), state{"content/z/b/y.md": watch.Write}},
				// A folder made under the old name is a new folder.
				{writeTo("content/a/b/n.md", "n"), state{"content/a/b/n.md": watch.Create}},
			},
		},
		{
			name:  "folder moved out of the root",
			setup: tree,
			steps: []step{
				{func(t *testing.T, base string) {
					must(t, os.Rename(filepath.Join(base, "content/a"), filepath.Join(base, "gone")))
				}, state{"content/a/x.md": watch.Rename, "content/a/b/y.md": watch.Rename}},
				{func(t *testing.T, base string) {
					write(t, filepath.Join(base, "gone/b/y.md"), "y2")
					write(t, filepath.Join(base, "content/s.md"), "sentinel")
				}, state{"content/s.md": watch.Create}},
			},
		},
		{
			name:  "root removed and made again",
			setup: tree,
			steps: []step{
				{func(t *testing.T, base string) {
					must(t, os.RemoveAll(filepath.Join(base, "content")))
				}, state{"content/a/x.md": watch.Remove, "content/a/b/y.md": watch.Remove}},
				{writeTo("content/n.md", "n"), state{"content/n.md": watch.Create}},
				{writeTo("content/sub/m.md", "m"), state{"content/sub/m.md": watch.Create}},
			},
		},
		{
			name: "ignored folder is not walked",
			steps: []step{
				{func(t *testing.T, base string) {
					write(t, filepath.Join(base, "content/old~/x.md"), "x")
					write(t, filepath.Join(base, "content/s.md"), "sentinel")
				}, state{"content/s.md": watch.Create}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { runSteps(t, tt.setup, tt.steps) })
	}
}

// TestEditorSaves replays the file operations editors make when saving,
// as seen with strace and inotifywait, and checks that each surfaces as one
// write of the real file whose content the callback can read.
func TestEditorSaves(t *testing.T) {
	const old, next = "old body", "new body"
	tests := []struct {
		name string
		save func(t *testing.T, page string)
	}{
		{"in place", func(t *testing.T, page string) {
			write(t, page, next)
		}},
		{"temp file renamed over", func(t *testing.T, page string) {
			write(t, page+".tmp", next)
			must(t, os.Rename(page+".tmp", page))
		}},
		{"unlisted temp name renamed over", func(t *testing.T, page string) {
			tmp := filepath.Join(filepath.Dir(page), ".page.md.3f9a2c")
			write(t, tmp, next)
			must(t, os.Rename(tmp, page))
		}},
		{"vim", func(t *testing.T, page string) {
			dir := filepath.Dir(page)
			write(t, filepath.Join(dir, ".page.md.swp"), "swap")
			write(t, filepath.Join(dir, "4913"), "")
			must(t, os.Remove(filepath.Join(dir, "4913")))
			must(t, os.Rename(page, page+"~"))
			write(t, page, next)
			must(t, os.Remove(page+"~"))
			must(t, os.Remove(filepath.Join(dir, ".page.md.swp")))
		}},
		{"vscode", func(t *testing.T, page string) {
			write(t, page+".vsctmp", next)
			must(t, os.Rename(page+".vsctmp", page))
		}},
		{"jetbrains", func(t *testing.T, page string) {
			write(t, page+"___jb_tmp___", next)
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
			write(t, page, next)
			must(t, os.Remove(filepath.Join(dir, "#page.md#")))
			must(t, os.Remove(lock))
		}},
		{"gedit", func(t *testing.T, page string) {
			tmp := filepath.Join(filepath.Dir(page), ".goutputstream-K3XQ52")
			write(t, tmp, next)
			must(t, os.Rename(tmp, page))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := t.TempDir()
			page := filepath.Join(base, "content/page.md")
			write(t, page, old)
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
			if len(read) == 0 || read[len(read)-1] != next {
				t.Errorf("callback read %q, want last %q", read, next)
			}
		})
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

// TestManySaves saves one file 200 times in about a second and checks
// that batches keep coming during the stream (the latency cap) and that
// the last one delivers the final content.
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
			var (
				mu     sync.Mutex
				last   string      // content read by the latest callback
				during []time.Time // deliveries before the stream ended
				end    time.Time   // set when the last save is done
			)
			ch := start(t, []string{filepath.Join(base, "content")}, watch.Options{}, func(b watch.Batch) {
				for _, c := range b.Changes {
					if c.Path != page {
						continue
					}
					data, err := os.ReadFile(page)
					if err != nil {
						t.Errorf("callback: %v", err)
					}
					mu.Lock()
					last = string(data)
					if end.IsZero() {
						during = append(during, time.Now())
					}
					mu.Unlock()
				}
			})
			const saves = 200
			begin := time.Now()
			for i := range saves {
				if err := tt.save(page, fmt.Sprintf("save %d", i)); err != nil {
					t.Fatal(err)
				}
				time.Sleep(5 * time.Millisecond)
			}
			mu.Lock()
			end = time.Now()
			mu.Unlock()
			final := fmt.Sprintf("save %d", saves-1)

			// Wait for the final content, then for anything still to come.
			got := state{}
			deadline := time.After(waitLimit)
			for waiting := true; waiting; {
				select {
				case d := <-ch:
					got.add(t, base, d.Batch)
				case <-time.After(5 * time.Millisecond):
					mu.Lock()
					waiting = last != final
					mu.Unlock()
				case <-deadline:
					mu.Lock()
					t.Fatalf("final content never delivered: last read %q, want %q", last, final)
				}
			}
			for settle := time.After(150 * time.Millisecond); ; {
				select {
				case d := <-ch:
					got.add(t, base, d.Batch)
					continue
				case <-settle:
				}
				break
			}
			if want := (state{"content/page.md": watch.Write}); !maps.Equal(got, want) {
				t.Errorf("net changes %v, want %v", got, want)
			}
			mu.Lock()
			defer mu.Unlock()
			if last != final {
				t.Errorf("after the end, the last batch read %q, want %q", last, final)
			}
			t.Logf("%d saves in %v; %d batches delivered during the stream", saves, end.Sub(begin).Round(time.Millisecond), len(during))
			if len(during) < 2 {
				t.Errorf("%d batches during a %v stream of saves, want several (latency cap %v)", len(during), end.Sub(begin), watch.DefaultMaxLatency)
			}
		})
	}
}

// TestLatency times bursts of writes: from the end of a burst to the
// callback. The design gives the debounce (10 ms) plus scheduling; the
// bounds asserted are loose because on a loaded machine a single burst has
// been seen to take 170 ms: the median must stay under 100 ms (a fixed
// tick or a long debounce fails that) and no burst may take 500 ms.
func TestLatency(t *testing.T) {
	base := t.TempDir()
	page := filepath.Join(base, "content/page.md")
	write(t, page, "0")
	ch := start(t, []string{filepath.Join(base, "content")}, watch.Options{}, nil)

	const bursts, limit, medianLimit = 20, 500 * time.Millisecond, 100 * time.Millisecond
	var lat []time.Duration
	for i := range bursts {
		// The burst ends with a new file, so the batch holding the
		// burst's last event is the one that lists that file.
		for j := range 4 {
			write(t, page, fmt.Sprintf("burst %d write %d", i, j))
		}
		marker := filepath.Join(base, fmt.Sprintf("content/b%02d.md", i))
		write(t, marker, "end")
		lastWrite := time.Now()
		var d delivery
		for !slices.ContainsFunc(d.Changes, func(c watch.Change) bool { return c.Path == marker }) {
			select {
			case d = <-ch:
			case <-time.After(waitLimit):
				t.Fatalf("burst %d: no batch", i)
			}
		}
		l := d.at.Sub(lastWrite)
		lat = append(lat, l)
		if l > limit {
			t.Errorf("burst %d: batch %v after the last write, want < %v", i, l, limit)
		}
		// The quiet period is waited out unless the latency cap cut it.
		if d.Last.Sub(d.First)+watch.DefaultDebounce <= watch.DefaultMaxLatency {
			if q := d.at.Sub(d.Last); q < watch.DefaultDebounce {
				t.Errorf("burst %d: delivered %v after its last event, before the %v quiet period", i, q, watch.DefaultDebounce)
			}
		}
		time.Sleep(30 * time.Millisecond)
	}
	slices.Sort(lat)
	if m := lat[len(lat)/2]; m > medianLimit {
		t.Errorf("median latency %v, want < %v", m, medianLimit)
	}
	t.Logf("write-to-callback latency over %d bursts: median %v, min %v, max %v (debounce %v)",
		bursts, lat[len(lat)/2].Round(10*time.Microsecond), lat[0].Round(10*time.Microsecond),
		lat[len(lat)-1].Round(10*time.Microsecond), watch.DefaultDebounce)
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

func TestStop(t *testing.T) {
	base := t.TempDir()
	content := filepath.Join(base, "content")
	write(t, filepath.Join(content, "a/x.md"), "x")

	settle := func(limit int) int {
		n := runtime.NumGoroutine()
		for end := time.Now().Add(2 * time.Second); n > limit && time.Now().Before(end); n = runtime.NumGoroutine() {
			time.Sleep(10 * time.Millisecond)
		}
		return n
	}
	before := runtime.NumGoroutine()

	t.Run("cancel returns promptly", func(t *testing.T) {
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
			case <-time.After(time.Second):
				t.Fatal("Run did not return within 1s of cancel")
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
		case <-time.After(time.Second):
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

package watch_test

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
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
		case <-time.After(waitLimit):
			t.Error("Run did not return after cancel")
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

// fileCase is one action on files and the net change it must produce.
type fileCase struct {
	name  string
	setup func(t *testing.T, base string)
	do    func(t *testing.T, base string)
	want  state
}

// oldPage is the setup of the cases that act on an existing page.
func oldPage(t *testing.T, base string) { write(t, filepath.Join(base, "content/a.md"), "old") }

func TestFiles(t *testing.T) {
	for _, tt := range slices.Concat(changedFiles(), unreportedFiles()) {
		t.Run(tt.name, func(t *testing.T) {
			runSteps(t, tt.setup, []step{{tt.do, tt.want}})
		})
	}
}

// changedFiles are the cases of files made, written, removed and moved.
func changedFiles() []fileCase {
	return []fileCase{

		{
			name: "create",
			do:   func(t *testing.T, base string) { write(t, filepath.Join(base, "content/a.md"), "new") },
			want: state{"content/a.md": watch.Create},
		},
		{
			name:  "write",
			setup: oldPage,
			do:    func(t *testing.T, base string) { write(t, filepath.Join(base, "content/a.md"), "new") },
			want:  state{"content/a.md": watch.Write},
		},
		{
			name:  "append",
			setup: oldPage,
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
			setup: oldPage,
			do:    func(t *testing.T, base string) { must(t, os.Remove(filepath.Join(base, "content/a.md"))) },
			want:  state{"content/a.md": watch.Remove},
		},
		{
			name:  "rename inside the root",
			setup: oldPage,
			do: func(t *testing.T, base string) {
				must(t, os.Rename(filepath.Join(base, "content/a.md"), filepath.Join(base, "content/b.md")))
			},
			want: state{"content/a.md": watch.Rename, "content/b.md": watch.Create},
		},
		{
			name:  "rename out of the root",
			setup: oldPage,
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
	}
}

// unreportedFiles are the cases of events that must not be reported; each
// ends with a sentinel file, whose batch shows that nothing else came.
func unreportedFiles() []fileCase {
	return []fileCase{

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
			setup: oldPage,
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
}

// folderCase is a tree, then steps on its folders and the net changes
// each must produce.
type folderCase struct {
	name  string
	setup func(t *testing.T, base string)
	steps []step
}

// tree makes content/a/x.md and content/a/b/y.md.
func tree(t *testing.T, base string) {
	write(t, filepath.Join(base, "content/a/x.md"), "x")
	write(t, filepath.Join(base, "content/a/b/y.md"), "y")
}

// writeTo is a step that writes content to base/rel.
func writeTo(rel, content string) func(t *testing.T, base string) {
	return func(t *testing.T, base string) { write(t, filepath.Join(base, rel), content) }
}

func TestFolders(t *testing.T) {
	for _, tt := range slices.Concat(newFolders(), movedFolders()) {
		t.Run(tt.name, func(t *testing.T) { runSteps(t, tt.setup, tt.steps) })
	}
}

// newFolders are the cases of folders made, moved in, or removed and made
// again.
func newFolders() []folderCase {
	return []folderCase{

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
	}
}

// movedFolders are the cases of folders renamed, moved away or replaced,
// a root removed and made again, and a folder with an ignored name.
func movedFolders() []folderCase {
	return []folderCase{

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
}

// Package watch tells the preview server which source files changed.
//
// A Watcher is created over a few roots, usually "content", "static" and
// "site.yaml". A root that is a folder is watched recursively: fsnotify
// watches single folders only, so New walks the tree and watches every
// folder, and while running, a folder that appears (made, moved in, or a
// root that is deleted and made again) is walked at once: its folders are
// watched and every file already in it is reported, including files written
// before its watch was in place. A folder that is deleted or moved away
// stops being watched and every file that was known in it is reported gone.
// A root that is a file is watched through its parent folder (only that
// name is reported), so replacing it by a rename, as editors do, is seen.
// The parent folder of every root is watched the same way, so a root that
// is deleted and made again is picked up.
//
// Only files are reported, never folders, and names that Ignored accepts
// (editor swap, backup, lock and temporary files) are never reported nor
// walked into. Symbolic links inside a root are reported as files and not
// followed. Attribute-only changes (chmod, touch) are not reported.
//
// # Batches
//
// Events are coalesced into a Batch. The first event starts a timer of
// Options.Debounce (10 ms unless set, never above 20 ms); each further event
// restarts it; when it expires, the batch is delivered. So that a steady
// stream of events (an editor saving on every keystroke, a copy of a large
// tree) still shows progress, a batch is delivered at the latest
// Options.MaxLatency (50 ms unless set) after its first event. There is no
// fixed tick: with no events nothing happens.
//
// A Batch holds one Change per file, with the net effect of all of that
// file's events since the previous batch, judged against the file's state
// when the previous batch was delivered and its state now (New counts as
// the first delivery):
//
//   - Create: the file did not exist then and exists now;
//   - Write: it existed and exists, and was written, truncated or replaced;
//     an editor's atomic save (write a temporary file, rename it over the
//     real one) is a Write of the real file;
//   - Remove, Rename: it existed and is gone; Rename when the last thing
//     that happened to it was a move away (its new name, if under a root,
//     is reported as a Create, normally in the same batch).
//
// A file created and deleted between two batches is not reported.
//
// Run calls its callback with one batch at a time, never concurrently: the
// next batch is delivered only after the callback for the previous one has
// returned. Events that arrive meanwhile are collected
// into the next batch, which is delivered as soon as the callback returns
// if its quiet period has passed. No event is lost; if the kernel's event
// queue overflows, the Watcher walks all roots again and delivers a batch
// with Rescan set that lists every file.
package watch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Default and limit values of Options.
const (
	// DefaultDebounce is the quiet period used when Options.Debounce is 0.
	DefaultDebounce = 10 * time.Millisecond
	// MaxDebounce is the longest quiet period New accepts.
	MaxDebounce = 20 * time.Millisecond
	// DefaultMaxLatency is the cap used when Options.MaxLatency is 0.
	DefaultMaxLatency = 50 * time.Millisecond
)

// Options configures a Watcher. The zero value gives the defaults.
type Options struct {
	// Debounce is the quiet period after the last event before a batch is
	// delivered. Default DefaultDebounce (10 ms); New rejects a negative
	// value or one above MaxDebounce (20 ms).
	Debounce time.Duration

	// MaxLatency is the longest a batch waits after its first event while
	// events keep arriving. Default DefaultMaxLatency (50 ms); a value below
	// Debounce is raised to Debounce; New rejects a negative value.
	MaxLatency time.Duration
}

// Op is the net effect of a batch's events on one file; see the package
// comment for the exact meaning of each.
type Op uint8

// The ops a Change can carry.
const (
	// Create means the file is new since the previous batch.
	Create Op = iota + 1
	// Write means the file existed and was changed or replaced.
	Write
	// Remove means the file was deleted.
	Remove
	// Rename means the file was moved away.
	Rename
)

// String returns the op's lower-case name, such as "write".
func (o Op) String() string {
	switch o {
	case Create:
		return "create"
	case Write:
		return "write"
	case Remove:
		return "remove"
	case Rename:
		return "rename"
	}
	return fmt.Sprintf("Op(%d)", uint8(o))
}

// Change is what happened to one file in a Batch.
type Change struct {
	// Path is the file's absolute, cleaned path.
	Path string
	// Root is the root the file lies under, exactly as it was passed to New.
	Root string
	// Rel is Path relative to Root with forward slashes ("guide/intro.md"),
	// or "." when the root is the file itself.
	Rel string
	// Op is the net effect on the file.
	Op Op
}

// Batch is a set of changes delivered together.
type Batch struct {
	// Changes holds one entry per file, sorted by Path. It can be empty
	// when only Err is set.
	Changes []Change
	// First and Last are when the batch's first and last events were read.
	First, Last time.Time
	// Rescan is set when events were lost (the kernel's queue overflowed):
	// Changes then lists every file under the roots, and the receiver should
	// treat everything as changed.
	Rescan bool
	// Err reports problems met while watching, such as a new folder that
	// could not be watched; nil if none. Watching goes on regardless.
	Err error
}

// Watcher watches a set of roots; see the package comment. Create one with
// New and start it with Run.
type Watcher struct {
	fsw        *fsnotify.Watcher
	roots      []root
	debounce   time.Duration
	maxLatency time.Duration

	// files holds the files known to exist as of the last delivered batch;
	// dirs the folders being watched recursively. Both are used only by
	// New and then by the goroutine running Run.
	files map[string]bool
	dirs  map[string]bool

	started   atomic.Bool
	closeOnce sync.Once
	closeErr  error
}

type root struct {
	name string // as passed to New
	path string // absolute and clean
	dir  bool
}

// New watches roots, which are folders or files, and returns a Watcher
// that has taken a snapshot of the files under them: every change from the
// moment New returns is reported once Run is called. Each root must exist
// and no root may lie inside another. The caller must call Run or Close.
func New(roots []string, opts Options) (*Watcher, error) {
	if opts.Debounce < 0 || opts.Debounce > MaxDebounce {
		return nil, fmt.Errorf("watch: debounce %v is out of range: use 0 (default %v) up to %v", opts.Debounce, DefaultDebounce, MaxDebounce)
	}
	if opts.MaxLatency < 0 {
		return nil, fmt.Errorf("watch: max latency %v is negative", opts.MaxLatency)
	}
	if opts.Debounce == 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.MaxLatency == 0 {
		opts.MaxLatency = DefaultMaxLatency
	}
	opts.MaxLatency = max(opts.MaxLatency, opts.Debounce)
	if len(roots) == 0 {
		return nil, errors.New("watch: no roots to watch")
	}

	w := &Watcher{
		debounce:   opts.Debounce,
		maxLatency: opts.MaxLatency,
		files:      make(map[string]bool),
		dirs:       make(map[string]bool),
	}
	for _, name := range roots {
		abs, err := filepath.Abs(name)
		if err != nil {
			return nil, fmt.Errorf("watch: root %s: %w", name, err)
		}
		fi, err := os.Stat(abs)
		if err != nil {
			return nil, fmt.Errorf("watch: root %w", err)
		}
		r := root{name: name, path: abs, dir: fi.IsDir()}
		for _, o := range w.roots {
			if within(r.path, o.path) || within(o.path, r.path) {
				return nil, fmt.Errorf("watch: roots %s and %s overlap: pass each folder once", o.name, r.name)
			}
		}
		w.roots = append(w.roots, r)
	}

	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	w.fsw = fsw
	var errs []error
	parents := make(map[string]bool)
	for _, r := range w.roots {
		if p := filepath.Dir(r.path); !parents[p] {
			parents[p] = true
			if err := fsw.Add(p); err != nil {
				errs = append(errs, addError(p, err))
			}
		}
	}
	for _, r := range w.roots {
		if !r.dir {
			w.files[r.path] = true
			continue
		}
		errs = append(errs, w.addTree(r.path, func(p string) { w.files[p] = true })...)
	}
	if err := errors.Join(errs...); err != nil {
		fsw.Close()
		return nil, err
	}
	return w, nil
}

// Close stops watching and releases the watcher's resources. Run closes
// the Watcher itself when it returns; Close is for a Watcher that is never
// run. Calling Close while Run is running makes Run return an error.
func (w *Watcher) Close() error {
	w.closeOnce.Do(func() { w.closeErr = w.fsw.Close() })
	return w.closeErr
}

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
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
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

// errClosed is returned by Run when the Watcher was closed under it.
var errClosed = errors.New("watch: watcher closed while running")

// Run delivers batches of changes to onChange until ctx is cancelled, then
// closes the Watcher and returns nil. onChange is called from one goroutine
// at a time, never concurrently; when ctx is cancelled while it runs, Run
// waits for it to return (events not yet delivered then are dropped). Run
// may be called once per Watcher.
func (w *Watcher) Run(ctx context.Context, onChange func(Batch)) error {
	if onChange == nil {
		return errors.New("watch: Run needs a callback")
	}
	if !w.started.CompareAndSwap(false, true) {
		return errors.New("watch: Run called twice")
	}
	defer w.Close()

	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	var (
		p    = newPending()
		busy bool // onChange is running
		due  bool // the batch is ready but onChange is still busy
		done = make(chan struct{})
	)
	deliver := func() {
		b, ok := w.flush(p)
		p = newPending()
		due = false
		if !ok {
			return
		}
		busy = true
		go func() {
			onChange(b)
			done <- struct{}{}
		}()
	}
	touched := func() {
		now := time.Now()
		if p.first.IsZero() {
			p.first = now
		}
		p.last = now
		if due {
			return // delivered as soon as onChange returns
		}
		timer.Reset(max(0, min(w.debounce, p.first.Add(w.maxLatency).Sub(now))))
	}
	stop := func(err error) error {
		if busy {
			<-done
		}
		return err
	}
	for {
		select {
		case <-ctx.Done():
			return stop(nil)
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return stop(errClosed)
			}
			if w.handle(ev, p) {
				touched()
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return stop(errClosed)
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				w.rescan(p)
			} else {
				p.errs = append(p.errs, fmt.Errorf("watch: %w", err))
			}
			touched()
		case <-timer.C:
			if busy {
				due = true
			} else {
				deliver()
			}
		case <-done:
			busy = false
			if due {
				deliver()
			}
		}
	}
}

// pending collects the events of the batch being built.
type pending struct {
	ops         map[string]Op // last op seen per path
	first, last time.Time
	rescan      bool
	errs        []error
}

func newPending() *pending { return &pending{ops: make(map[string]Op)} }

// handle records one fsnotify event into p and keeps the set of watched
// folders in step. It reports whether the event concerned a root at all.
func (w *Watcher) handle(ev fsnotify.Event, p *pending) bool {
	path := filepath.Clean(ev.Name)
	r, ok := w.rootOf(path)
	if !ok || (path != r.path && Ignored(path)) {
		return false
	}
	if !ev.Has(fsnotify.Create | fsnotify.Write | fsnotify.Remove | fsnotify.Rename) {
		return false // chmod only
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		op := Remove
		if ev.Has(fsnotify.Rename) {
			op = Rename
		}
		w.forget(path, op, p)
	}
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Lstat(path); err == nil && fi.IsDir() {
			if r.dir {
				p.errs = append(p.errs, w.addTree(path, func(f string) { p.ops[f] = Create })...)
			}
			if w.files[path] {
				p.ops[path] = Create // a file replaced by a folder: gone
			}
		} else {
			p.ops[path] = Create
		}
	}
	if ev.Has(fsnotify.Write) {
		p.ops[path] = Write
	}
	return true
}

// forget handles path being deleted or moved away: if it was a watched
// folder, its watches are dropped and each file known in it is recorded
// with op.
func (w *Watcher) forget(path string, op Op, p *pending) {
	p.ops[path] = op
	if !w.dirs[path] {
		return
	}
	for d := range w.dirs {
		if within(d, path) {
			delete(w.dirs, d)
			// fsnotify may have dropped the watch already (the folder is
			// gone); an error here only says so.
			_ = w.fsw.Remove(d)
		}
	}
	// Known files under path are gone; so are files seen in this batch,
	// which flush will find missing.
	for f := range w.files {
		if within(f, path) {
			p.ops[f] = op
		}
	}
	for f := range p.ops {
		if within(f, path) {
			p.ops[f] = op
		}
	}
}

// addTree watches dir and every folder under it that is not ignored, and
// calls found with each file in them. Each folder is watched before it is
// listed, so no file can slip between the two. Folders that vanish during
// the walk are skipped; the errors returned are the folders that could not
// be watched or listed for another reason.
func (w *Watcher) addTree(dir string, found func(path string)) []error {
	if err := w.fsw.Add(dir); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return []error{addError(dir, err)}
	}
	w.dirs[dir] = true
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return []error{fmt.Errorf("watch: %w", err)}
	}
	var errs []error
	for _, e := range entries {
		if Ignored(e.Name()) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if e.IsDir() {
			errs = append(errs, w.addTree(p, found)...)
		} else {
			found(p)
		}
	}
	return errs
}

// addError words a failure to watch dir, with the usual cure when the
// system's limit on watches is the cause.
func addError(dir string, err error) error {
	if errors.Is(err, syscall.ENOSPC) {
		return fmt.Errorf("watch: cannot watch %s: %w (the limit of watched folders is reached: raise fs.inotify.max_user_watches)", dir, err)
	}
	return fmt.Errorf("watch: cannot watch %s: %w", dir, err)
}

// rescan recovers from lost events: every known file and every file found
// by walking the roots again goes into the batch, and folders that were
// missed are watched.
func (w *Watcher) rescan(p *pending) {
	p.rescan = true
	for d := range w.dirs {
		if fi, err := os.Lstat(d); err != nil || !fi.IsDir() {
			delete(w.dirs, d)
			_ = w.fsw.Remove(d) // may be gone already
		}
	}
	for f := range w.files {
		p.ops[f] = Write
	}
	for _, r := range w.roots {
		if !r.dir {
			p.ops[r.path] = Write
			continue
		}
		p.errs = append(p.errs, w.addTree(r.path, func(f string) { p.ops[f] = Write })...)
	}
}

// flush turns p into a Batch by comparing each file's known state with its
// state on disk now, and records the new state. It reports false when
// there is nothing to deliver.
func (w *Watcher) flush(p *pending) (Batch, bool) {
	b := Batch{First: p.first, Last: p.last, Rescan: p.rescan, Err: errors.Join(p.errs...)}
	for path, last := range p.ops {
		r, ok := w.rootOf(path)
		if !ok {
			continue
		}
		existed := w.files[path]
		fi, err := os.Lstat(path)
		exists := err == nil && !fi.IsDir()
		var op Op
		switch {
		case existed && exists:
			op = Write
		case exists:
			op = Create
		case existed && last == Rename:
			op = Rename
		case existed:
			op = Remove
		default:
			continue // came and went, or a folder
		}
		if exists {
			w.files[path] = true
		} else {
			delete(w.files, path)
		}
		rel := "."
		if path != r.path {
			rel, _ = filepath.Rel(r.path, path)
			rel = filepath.ToSlash(rel)
		}
		b.Changes = append(b.Changes, Change{Path: path, Root: r.name, Rel: rel, Op: op})
	}
	slices.SortFunc(b.Changes, func(a, b Change) int { return strings.Compare(a.Path, b.Path) })
	return b, len(b.Changes) > 0 || b.Rescan || b.Err != nil
}

// rootOf returns the root that path belongs to: a folder root it lies in,
// or a file root it names.
func (w *Watcher) rootOf(path string) (root, bool) {
	for _, r := range w.roots {
		if path == r.path || (r.dir && within(path, r.path)) {
			return r, true
		}
	}
	return root{}, false
}

// within reports whether path is dir or lies under it.
func within(path, dir string) bool {
	if path == dir {
		return true
	}
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		dir += string(filepath.Separator)
	}
	return strings.HasPrefix(path, dir)
}

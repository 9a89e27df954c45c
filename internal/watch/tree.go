package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// This file turns fsnotify events into the files a batch reports: the
// pending batch, the watched folder tree, rescans and the net op per file.

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

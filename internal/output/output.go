// Package output writes a built site: to a folder on disk, atomically, or
// to memory for the preview server.
//
// Dir never writes into the live output folder. It fills a fresh sibling
// folder (build.tmp-*) and only when the build succeeded swaps it in with a
// single atomic exchange of the two folders. A failed, cancelled or killed
// build leaves the previous output exactly as it was; stale temporary
// folders from killed builds are removed by the next build.
//
// A file whose bytes equal the previous output's file of the same name is
// not written again: the new folder gets a hard link to the old file. A
// rebuild of an unchanged site then creates no file data at all (on a
// slow disk, creating tens of thousands of files is most of a warm
// build), the previous output stays untouched until the swap, and removing
// it afterwards only drops link counts. Where the file system refuses hard
// links, files are written as usual.
package output

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// Writer receives the files of a site. Names are slash-separated paths
// without a leading slash, such as reference/errors/index.html.
// Implementations are safe for concurrent use.
type Writer interface {
	WriteFile(name string, data []byte) error
}

func checkName(name string) error {
	if name == "" || strings.HasPrefix(name, "/") || !fs.ValidPath(name) {
		return fmt.Errorf("output: invalid file name %q", name)
	}
	return nil
}

// Dir writes a site into a temporary folder beside its final place and
// swaps it in on Commit. Files are written by one goroutine of its own, in
// the order they arrive: on the file systems measured here, creating files
// from several goroutines at once is slower than from one, and rendering
// goes on while the writer waits for the disk.
type Dir struct {
	final string
	tmp   string
	made  map[string]bool // folders created, used by the writer only
	// reuse is set while files of the previous output may be linked;
	// seen holds every name written so far, true for a link (used by the
	// writer only), and scratch is its buffer for reading previous files.
	reuse   bool
	seen    map[string]bool
	scratch []byte
	// reused counts linked files, written counts files written.
	reused, written int
	queue           chan file
	done            chan struct{}
	mu              sync.Mutex
	err             error // the first write error
	ended           bool
}

type file struct {
	name string
	data []byte
	// stream, when set, makes the file's bytes instead of data, and done
	// receives the outcome (see WriteStream).
	stream func(io.Writer) error
	done   chan error
}

const tmpPrefix = ".tmp-"

// NewDir prepares to write the site that will replace the folder final.
// It removes temporary folders left by builds that were killed.
func NewDir(final string) (*Dir, error) {
	final = filepath.Clean(final)
	parent, base := filepath.Dir(final), filepath.Base(final)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	stale, _ := filepath.Glob(filepath.Join(parent, base+tmpPrefix+"*"))
	for _, s := range stale {
		os.RemoveAll(s)
	}
	tmp, err := os.MkdirTemp(parent, base+tmpPrefix)
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	d := &Dir{final: final, tmp: tmp, made: map[string]bool{".": true}, seen: map[string]bool{}, queue: make(chan file, 256), done: make(chan struct{})}
	if fi, err := os.Lstat(final); err == nil && fi.IsDir() {
		d.reuse = true
	}
	go d.writer()
	return d, nil
}

// WriteFile queues one file for the temporary folder. It returns the error
// of an earlier write, if one failed; data must not be changed afterwards.
func (d *Dir) WriteFile(name string, data []byte) error {
	if err := d.writable(name); err != nil {
		return err
	}
	d.queue <- file{name: name, data: data}
	return nil
}

// writable returns why name cannot be queued: a bad name, an earlier
// write that failed, or a Dir already committed or aborted.
func (d *Dir) writable(name string) error {
	if err := checkName(name); err != nil {
		return err
	}
	d.mu.Lock()
	err, ended := d.err, d.ended
	d.mu.Unlock()
	if err != nil {
		return err
	}
	if ended {
		return errors.New("output: write after commit or abort")
	}
	return nil
}

func (d *Dir) writer() {
	defer close(d.done)
	for f := range d.queue {
		d.mu.Lock()
		err := d.err
		d.mu.Unlock()
		if err == nil {
			if err = d.write(f); err != nil {
				d.mu.Lock()
				d.err = err
				d.mu.Unlock()
			}
		}
		if f.done != nil {
			f.done <- err
		}
	}
}

func (d *Dir) write(f file) error {
	if err := d.mkdirs(path.Dir(f.name)); err != nil {
		return err
	}
	name := filepath.Join(d.tmp, filepath.FromSlash(f.name))
	if linked, again := d.seen[f.name]; again {
		// Written twice: the last write wins, and never through a link
		// into the previous output.
		if linked {
			if err := os.Remove(name); err != nil {
				return err
			}
		}
	} else if f.stream == nil && d.reuse && d.linkUnchanged(f, name) {
		d.seen[f.name] = true
		return nil
	}
	d.seen[f.name] = false
	d.written++
	if f.stream != nil {
		return writeStream(name, f.stream)
	}
	return os.WriteFile(name, f.data, 0o644)
}

// mkdirs makes the folder dir of the temporary folder and those of its
// parents the writer has not made yet, top down: one mkdir each, where
// os.MkdirAll would first look for each (a site of 100,000 pages has over
// 100,000 folders).
func (d *Dir) mkdirs(dir string) error {
	if d.made[dir] {
		return nil
	}
	if err := d.mkdirs(path.Dir(dir)); err != nil {
		return err
	}
	full := filepath.Join(d.tmp, filepath.FromSlash(dir))
	if err := os.Mkdir(full, 0o755); err != nil {
		if fi, serr := os.Stat(full); serr != nil || !fi.IsDir() {
			return err
		}
	}
	d.made[dir] = true
	return nil
}

// linkUnchanged links name to the previous output's file of the same name
// when that file holds exactly f.data, and reports whether it did. The
// first link the file system refuses turns reuse off for the build.
func (d *Dir) linkUnchanged(f file, name string) bool {
	old := filepath.Join(d.final, filepath.FromSlash(f.name))
	fi, err := os.Lstat(old)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(f.data)) || !d.sameBytes(old, f.data) {
		return false
	}
	if err := os.Link(old, name); err != nil {
		d.reuse = false
		return false
	}
	d.reused++
	return true
}

// sameBytes reports whether the file old holds exactly data. It reads the
// file a piece at a time: a site's largest file (llms-full.txt, 350 MB at
// 100,000 pages) is never held twice.
func (d *Dir) sameBytes(old string, data []byte) bool {
	fh, err := os.Open(old)
	if err != nil {
		return false
	}
	defer fh.Close()
	if d.scratch == nil {
		d.scratch = make([]byte, 1<<20)
	}
	for {
		n, err := io.ReadFull(fh, d.scratch[:min(len(d.scratch), len(data)+1)])
		if n > len(data) || !bytes.Equal(d.scratch[:n], data[:n]) {
			return false // longer, or other bytes
		}
		data = data[n:]
		switch {
		case err == io.EOF || err == io.ErrUnexpectedEOF:
			return len(data) == 0 // else shorter
		case err != nil:
			return false // unreadable
		}
	}
}

// Counts reports, once Commit or Abort has returned, how many files the
// build linked from the previous output and how many it wrote.
func (d *Dir) Counts() (reused, written int) { return d.reused, d.written }

// finish stops the writer and returns the first write error.
func (d *Dir) finish() error {
	d.mu.Lock()
	if d.ended {
		d.mu.Unlock()
		return errors.New("output: commit after commit or abort")
	}
	d.ended = true
	d.mu.Unlock()
	close(d.queue)
	<-d.done
	return d.err
}

// Commit makes the written site the folder's content, in one atomic step
// where the operating system allows it.
func (d *Dir) Commit() error {
	if err := d.finish(); err != nil {
		os.RemoveAll(d.tmp)
		return err
	}
	return d.swap()
}

// swap puts the finished temporary folder in the final one's place.
func (d *Dir) swap() error {
	if _, err := os.Lstat(d.final); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(d.tmp, d.final)
	}
	if err := exchange(d.tmp, d.final); err != nil {
		// No atomic exchange here: move the old folder aside, then the new in.
		old := d.tmp + ".old"
		if err := os.Rename(d.final, old); err != nil {
			os.RemoveAll(d.tmp)
			return err
		}
		if err := os.Rename(d.tmp, d.final); err != nil {
			os.Rename(old, d.final)
			return err
		}
		return os.RemoveAll(old)
	}
	// d.tmp now holds the previous site.
	return os.RemoveAll(d.tmp)
}

// Abort throws the written files away, leaving the folder untouched.
func (d *Dir) Abort() {
	if d.finish() != nil && d.err == nil {
		return // already committed or aborted
	}
	os.RemoveAll(d.tmp)
}

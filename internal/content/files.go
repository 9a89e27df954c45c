package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strings"
	"syscall"

	"docsgen/internal/diag"
)

// DataDir is the data folder at the top of the content folder.
const DataDir = "_data"

// DataFile is one file of the data folder, as read.
type DataFile struct {
	// Path is the file's path in the content FS: _data/errors.yaml.
	Path string
	// File is the path shown to authors: content/_data/errors.yaml.
	File string
	// Source is the file's bytes, unchanged.
	Source []byte
}

// ReadData reads every *.yaml file under dir in fsys, in path order; display
// prefixes the paths shown in diagnostics. A missing dir gives no files and
// no problems; a *.yml file is left out with a warning, and a file that is
// not a regular file is an error (opening a named pipe would block).
func ReadData(fsys fs.FS, dir, display string) ([]DataFile, diag.List) {
	return readData(fsys, dir, display, Confine{})
}

// readData is ReadData with symbolic links kept to where c allows: a data
// file linked from outside the project is an error and is not read.
func readData(fsys fs.FS, dir, display string, c Confine) ([]DataFile, diag.List) {
	dir = path.Clean(dir)
	shown := func(p string) string { return path.Join(display, p) }
	var diags diag.List
	info, err := fs.Stat(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		diags.Add(diag.Errorf(shown(dir), 0, 0, "cannot read the data folder: %v", err).
			WithHint("check that the folder is readable"))
		return nil, diags
	}
	if !info.IsDir() {
		diags.Add(diag.Errorf(shown(dir), 0, 0, "the data folder is a file").
			WithHint("move the file away; %s must be a folder of *.yaml files", shown(dir)))
		return nil, diags
	}
	var names []string
	walkErr := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			diags.Add(diag.Errorf(shown(p), 0, 0, "cannot read: %v", err).
				WithHint("check the file's permissions"))
			return nil
		}
		switch {
		case d.IsDir():
		case strings.HasSuffix(p, ".yaml"):
			if d.Type()&fs.ModeSymlink != 0 {
				if target, out := c.Outside(fsys, p); out {
					diags.Add(OutsideProblem(shown(p), target))
					return nil
				}
			}
			if fi, err := fs.Stat(fsys, p); err == nil && !fi.Mode().IsRegular() {
				diags.Add(diag.Errorf(shown(p), 0, 0, "not a regular file").
					WithHint("replace it with a YAML file or remove it"))
				return nil
			}
			names = append(names, p)
		case strings.HasSuffix(p, ".yml"):
			diags.Add(diag.Warnf(shown(p), 0, 0, "ignored: data files must end in .yaml").
				WithHint("rename it to %s", strings.TrimSuffix(path.Base(p), ".yml")+".yaml"))
		}
		return nil
	})
	if walkErr != nil {
		diags.Add(diag.Errorf(shown(dir), 0, 0, "cannot list the data folder: %v", walkErr).
			WithHint("check the folder's permissions"))
	}
	sort.Strings(names)
	files := make([]DataFile, 0, len(names))
	for _, p := range names {
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			diags.Add(diag.Errorf(shown(p), 0, 0, "cannot read: %v", err).
				WithHint("check the file's permissions"))
			continue
		}
		files = append(files, DataFile{Path: p, File: shown(p), Source: src})
	}
	return files, diags
}

// Text returns the text of the file shown to authors as file (a page,
// site.yaml, a data file or any other file of the content folder), read
// through the content FS: what error excerpts quote. A page's text is its
// source as loaded (byte order mark removed, line ends as LF), so its lines
// match the positions reported. ok is false for a file outside the content
// folder or one that cannot be read.
func (s *Site) Text(file string) ([]byte, bool) {
	if s == nil || s.src == nil {
		return nil, false
	}
	p := file
	if d := s.src.opts.Display; d != "" {
		rest, found := strings.CutPrefix(file, d+"/")
		if !found {
			return nil, false
		}
		p = rest
	}
	if !fs.ValidPath(p) {
		return nil, false
	}
	if pg := s.ByPath[p]; pg != nil {
		src, _, err := s.Source(pg)
		return src, err == nil
	}
	for _, d := range s.Data {
		if d.Path == p {
			return d.Source, true
		}
	}
	fi, err := fs.Lstat(s.src.fsys, p)
	if err != nil {
		return nil, false
	}
	if msg, _ := Unreadable(s.src.fsys, p, fs.FileInfoToDirEntry(fi)); msg != "" {
		return nil, false // a named pipe would block the read
	}
	if _, out := s.src.opts.Confine.Outside(s.src.fsys, p); out {
		return nil, false
	}
	data, err := fs.ReadFile(s.src.fsys, p)
	if err != nil {
		return nil, false
	}
	return bytes.Clone(data), true
}

// FileURL returns the site path the file beside the pages at p (a path in
// the content FS, guide/img/d.png) is published at, /guide/img/d.png, and
// true; false when p is no such file: Markdown, hidden, site.yaml, in the
// data folder, a link out of the project, or not there.
func (s *Site) FileURL(p string) (string, bool) {
	if _, ok := s.fileAt[p]; !ok {
		return "", false
	}
	return (&url.URL{Path: "/" + p}).EscapedPath(), true
}

// ReadFile returns the bytes of f, a file of s.Files, read through the
// content FS.
func (s *Site) ReadFile(f File) ([]byte, error) {
	if _, ok := s.fileAt[f.Path]; !ok || s.src == nil {
		return nil, fmt.Errorf("%s: not a file beside the pages", f.File)
	}
	return fs.ReadFile(s.src.fsys, f.Path)
}

// Unreadable tells why the entry d at p in fsys cannot be read as a file,
// with a hint, or returns "" for a regular file or a symbolic link to one.
// Symbolic links may lead nowhere, in a loop or to a folder (folders are
// not followed); named pipes, sockets and devices are not files at all,
// and opening a named pipe would block until something writes to it.
func Unreadable(fsys fs.FS, p string, d fs.DirEntry) (msg, hint string) {
	mode := d.Type()
	if mode.IsRegular() {
		return "", ""
	}
	if mode&fs.ModeSymlink != 0 {
		fi, err := fs.Stat(fsys, p)
		switch {
		case errors.Is(err, syscall.ELOOP):
			return "symbolic link loop: following the link leads back to it",
				"remove the link or point it at a file"
		case errors.Is(err, fs.ErrNotExist):
			return "symbolic link to a file that does not exist",
				"remove the link or point it at an existing file"
		case err != nil:
			return fmt.Sprintf("cannot follow the symbolic link: %v", unwrapPathError(err)),
				"remove the link or point it at a readable file"
		case fi.IsDir():
			return "symbolic link to a folder: linked folders are not read",
				"copy the folder here, or link its files one by one"
		}
		mode = fi.Mode()
		if mode.IsRegular() {
			return "", ""
		}
	}
	kind := "special file"
	switch {
	case mode&fs.ModeNamedPipe != 0:
		kind = "named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		kind = "socket"
	case mode&fs.ModeDevice != 0:
		kind = "device"
	case mode.IsDir():
		kind = "folder"
	}
	return "not a regular file but a " + kind, "replace it with a regular file or remove it"
}

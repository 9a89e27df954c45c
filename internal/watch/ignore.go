package watch

import (
	"path/filepath"
	"strconv"
	"strings"
)

// Ignored reports whether a file or folder name is one of the scratch files
// that editors and desktops leave next to the files an author really edits.
// name may be a bare name or a path; only its last element is looked at, so
// folders above it never matter. The rules, all on that last element:
//
//   - ends in "~": backups of vim, emacs, gedit and kate ("page.md~");
//   - ".#…" (emacs lock links) and "#…#" (emacs auto-save files);
//   - ends in ".swp", ".swo" or ".swx", or is a hidden name whose extension
//     is ".sw" and one more letter: vim swap files (".page.md.swp");
//   - a number 4913, 5036, 5159, … (4913 + k·123): the probe vim creates to
//     learn whether it may write in the folder;
//   - ends in "___jb_tmp___" or "___jb_old___": JetBrains "safe write";
//   - extension ".tmp" (any case), ".vsctmp" (VS Code atomic save),
//     ".crswap" (Chromium's file system access), ".kate-swp" (kate);
//   - begins with ".goutputstream-": GNOME's (gedit's) atomic save;
//   - ".DS_Store" and "Thumbs.db": folder metadata of macOS and Windows.
//
// Everything else is reported, hidden files included: a site may publish
// "static/.well-known/…".
func Ignored(name string) bool {
	base := filepath.Base(name)
	if base == "." || base == string(filepath.Separator) {
		return false
	}
	switch base {
	case ".DS_Store", "Thumbs.db":
		return true
	}
	if strings.HasSuffix(base, "~") ||
		strings.HasPrefix(base, ".#") ||
		(len(base) > 1 && strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#")) ||
		strings.HasSuffix(base, "___jb_tmp___") ||
		strings.HasSuffix(base, "___jb_old___") ||
		strings.HasPrefix(base, ".goutputstream-") {
		return true
	}
	ext := filepath.Ext(base)
	switch strings.ToLower(ext) {
	case ".tmp", ".swp", ".swo", ".swx", ".vsctmp", ".crswap", ".kate-swp":
		return true
	}
	// Vim names further swap files .swo, .swn, … down to .swa when the
	// first ones are taken; they are hidden files next to the edited one.
	if strings.HasPrefix(base, ".") && ext != base && len(ext) == 4 &&
		strings.HasPrefix(ext, ".sw") && ext[3] >= 'a' && ext[3] <= 'z' {
		return true
	}
	return vimProbe(base)
}

// vimProbe reports whether name is one of the files vim creates to test
// that it may write in a folder: it tries 4913 and adds 123 until the name
// is free.
func vimProbe(name string) bool {
	if len(name) < 4 || len(name) > 9 || name[0] == '0' {
		return false
	}
	n, err := strconv.Atoi(name)
	if err != nil || n < 4913 {
		return false
	}
	for _, c := range name {
		if c < '0' || c > '9' {
			return false // Atoi accepts a sign
		}
	}
	return (n-4913)%123 == 0
}

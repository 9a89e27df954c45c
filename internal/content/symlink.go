package content

// This file keeps symbolic links inside the project: a link in content/ or
// static/ that leads outside the project folder is never read, published
// or served (GitHub Pages' safe mode refuses such links too), so a
// contributed link cannot publish a file of the build machine.

import (
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"docsgen/internal/diag"
)

// Confine says where the symbolic links of a folder may lead. The zero
// value keeps links inside the file system they are read from.
type Confine struct {
	// Dir is where the file system lies on disk; default "" (not on disk:
	// a link must then lead to a file inside the file system).
	Dir string
	// Project is the folder links may lead into; default the folder that
	// holds Dir. Links into Dir itself are always allowed.
	Project string
}

// maxLinkHops bounds how many links in a row are followed inside a file
// system that is not on disk, as the operating system bounds loops.
const maxLinkHops = 40

// Outside reports whether the symbolic link at p in fsys leads outside the
// project, with the link's target as written (for messages). A link that
// cannot be followed at all is not outside: Unreadable says what is wrong
// with it.
func (c Confine) Outside(fsys fs.FS, p string) (target string, outside bool) {
	target, err := fs.ReadLink(fsys, p)
	if err != nil {
		return "", false
	}
	if c.Dir != "" {
		return target, !c.onDiskInside(p)
	}
	cur := p
	for range maxLinkHops {
		t, err := fs.ReadLink(fsys, cur)
		if err != nil {
			return target, false // not a link any more: a file inside
		}
		if path.IsAbs(t) || strings.HasPrefix(t, "\\") {
			return target, true
		}
		cur = path.Join(path.Dir(cur), t)
		if cur == ".." || strings.HasPrefix(cur, "../") {
			return target, true
		}
	}
	return target, false // a loop: Unreadable reports it
}

// onDiskInside follows the link at p on disk and reports whether its final
// target lies inside the project folder or inside Dir.
func (c Confine) onDiskInside(p string) bool {
	dir, err := filepath.Abs(c.Dir)
	if err != nil {
		return false
	}
	real, err := filepath.EvalSymlinks(filepath.Join(dir, filepath.FromSlash(p)))
	if err != nil {
		return true // leads nowhere: Unreadable reports it
	}
	project := c.Project
	if project == "" {
		project = filepath.Dir(dir)
	}
	for _, root := range []string{project, dir} {
		abs, err := filepath.Abs(root)
		if err != nil {
			continue
		}
		if r, err := filepath.EvalSymlinks(abs); err == nil {
			abs = r
		}
		if rel, err := filepath.Rel(abs, real); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// OutsideProblem is the error for the link shown as file that leads to
// target, outside the project.
func OutsideProblem(file, target string) diag.Diagnostic {
	return diag.Errorf(file, 0, 0, "symbolic link to %s, outside the project folder: it is not published", target).
		WithHint("copy the file into the project instead of linking to it, or remove the link")
}

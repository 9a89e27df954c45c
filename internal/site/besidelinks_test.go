package site

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// TestRelativeLinksToFilesBesidePages is issue 12's example:
// ![d](img/d.png) in content/guide/intro.md shows the image on
// /guide/intro/, because the link is written as the file's own URL; a
// missing file is an error at the link, and a file linked from outside
// the project is neither published nor linked.
func TestRelativeLinksToFilesBesidePages(t *testing.T) {
	fsys := mapFS(map[string]string{
		"index.md":          "# Home\n",
		"guide/intro.md":    "# Intro\n\n![d](img/d.png) [spec](../files/spec%20v2.pdf#page=2)\n\n![gone](img/gone.png)\n",
		"guide/img/d.png":   "png",
		"files/spec v2.pdf": "pdf",
	})
	mem, res := buildInto(t, Options{Content: fsys})
	html := page(t, mem, "guide/intro/index.html")
	for _, want := range []string{`src="/guide/img/d.png"`, `href="/files/spec%20v2.pdf#page=2"`} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if got, ok := mem.Get("guide/img/d.png"); !ok || string(got) != "png" {
		t.Errorf("guide/img/d.png = %q, %v", got, ok)
	}
	errs := errorTexts(res)
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "content/guide/intro.md:5:1: error: ") || !strings.Contains(errs[0], "img/gone.png") {
		t.Errorf("errors:\n%s", strings.Join(errs, "\n"))
	}
}

// TestRelativeLinkToAFileLinkedFromOutside: a link to a file whose
// symbolic link leads out of the project is not rewritten to a URL that
// would serve it; it is reported like a missing file.
func TestRelativeLinkToAFileLinkedFromOutside(t *testing.T) {
	fsys := mapFS(map[string]string{
		"index.md": "# Home\n\n![pw](pw.txt)\n",
	})
	fsys["pw.txt"] = &fstest.MapFile{Data: []byte("/etc/passwd"), Mode: fs.ModeSymlink}
	mem, res := buildInto(t, Options{Content: fsys})
	if html := page(t, mem, "index.html"); strings.Contains(html, `src="/pw.txt"`) {
		t.Error("the link was rewritten to the refused file's URL")
	}
	errs := errorTexts(res)
	if len(errs) != 2 || !strings.HasPrefix(errs[0], "content/index.md:3:1: error: ") || !strings.HasPrefix(errs[1], "content/pw.txt: error: symbolic link to /etc/passwd") {
		t.Errorf("errors:\n%s", strings.Join(errs, "\n"))
	}
}

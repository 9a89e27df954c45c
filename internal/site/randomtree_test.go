package site

import (
	"fmt"
	"math/rand"
	"path"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"docsgen/internal/diag"
)

// This file generates the random trees of TestRandomTreesRelativeLinks:
// folders with pages, section pages (index.md or README.md), images in an
// img/ folder and PDFs beside the pages, and on each page relative links
// of every form GitHub reads: setup.md, ./setup.md, setup, a folder (./,
// ../, api/), ../ into other folders, an image, a file, and
// reference-style [x][id] whose error belongs on the definition line.
// Some name what exists, some do not.

// randomLink is one link written into a generated page.
type randomLink struct {
	from   string // the page's content path
	dest   string // as written
	target string // the URL it must be written as; "" when broken
	line   int    // where it is, or its definition, on the page
	image  bool   // written as ![...](...)
}

// randomTree is a generated content folder and the links written in it.
type randomTree struct {
	fsys  fstest.MapFS
	pages []string // content paths of the pages
	links []randomLink
}

var (
	randomFolders = []string{".", "a", "a/b", "c", "c/d/e"}
	randomNames   = []string{"one", "two", "three", "setup", "intro"}
)

// fileTag names a folder's image and PDF, different in every folder, so
// a broken link read against the page's URL cannot land on another
// folder's file.
func fileTag(folder string) string {
	if folder == "." {
		return "top"
	}
	return strings.ReplaceAll(folder, "/", "-")
}

func newRandomTree(rng *rand.Rand) *randomTree {
	tr := &randomTree{fsys: fstest.MapFS{}}
	exists := map[string]bool{}
	sectionOf := map[string]string{} // folder → its section page
	for _, f := range randomFolders {
		switch rng.Intn(3) {
		case 0:
			sectionOf[f] = path.Join(f, "index.md")
		case 1:
			sectionOf[f] = path.Join(f, "README.md")
		}
		if p, ok := sectionOf[f]; ok {
			tr.pages = append(tr.pages, p)
		}
		for _, n := range randomNames {
			if rng.Intn(3) == 0 {
				tr.pages = append(tr.pages, path.Join(f, n+".md"))
			}
		}
		tag := fileTag(f)
		if rng.Intn(2) == 0 {
			tr.add(path.Join(f, "img", tag+".png"), "\x89PNG\r\n\x1a\n")
			exists[path.Join(f, "img", tag+".png")] = true
		}
		if rng.Intn(2) == 0 {
			tr.add(path.Join(f, tag+".pdf"), "%PDF-1.4\n")
			exists[path.Join(f, tag+".pdf")] = true
		}
	}
	if len(tr.pages) == 0 {
		tr.pages = append(tr.pages, "one.md")
	}
	sort.Strings(tr.pages)
	for _, p := range tr.pages {
		exists[p] = true
	}
	for _, p := range tr.pages {
		body := "---\ntitle: " + p + "\n---\n"
		line := 4
		for range 1 + rng.Intn(5) {
			l := tr.randomLink(rng, p, exists, sectionOf)
			l.line = line
			switch {
			case l.image:
				body += fmt.Sprintf("![L%d](%s)\n\n", line, l.dest)
			case rng.Intn(4) == 0:
				// Reference-style: an error belongs on the definition.
				l.line = line + 2
				body += fmt.Sprintf("[L%d][r%d]\n\n[r%d]: %s\n\n", l.line, line, line, l.dest)
				line += 2
			default:
				body += fmt.Sprintf("[L%d](%s)\n\n", line, l.dest)
			}
			tr.links = append(tr.links, l)
			line += 2
		}
		tr.add(p, body)
	}
	return tr
}

func (tr *randomTree) add(p, body string) {
	tr.fsys[p] = &fstest.MapFile{Data: []byte(body)}
}

// randomLink picks a target and a form for a link on page p.
func (tr *randomTree) randomLink(rng *rand.Rand, p string, exists map[string]bool, sectionOf map[string]string) randomLink {
	dir := path.Dir(p)
	folder := randomFolders[rng.Intn(len(randomFolders))]
	switch rng.Intn(6) {
	case 0: // a folder with a section page: ./, ../, a/b/
		if _, ok := sectionOf[folder]; ok {
			return randomLink{from: p, dest: relDir(dir, folder), target: folderURL(folder)}
		}
	case 1: // an image in the folder's img/
		file := path.Join(folder, "img", fileTag(folder)+".png")
		return randomLink{from: p, dest: relPath(dir, file), target: fileTarget(exists, file), image: true}
	case 2: // a file beside the pages
		file := path.Join(folder, fileTag(folder)+".pdf")
		return randomLink{from: p, dest: relPath(dir, file), target: fileTarget(exists, file)}
	}
	to := path.Join(folder, randomNames[rng.Intn(len(randomNames))]+".md")
	rel := relPath(dir, to)
	if !exists[to] {
		return randomLink{from: p, dest: rel}
	}
	target := "/" + strings.TrimSuffix(to, ".md") + "/"
	switch rng.Intn(3) {
	case 0:
		if !strings.HasPrefix(rel, "../") {
			rel = "./" + rel
		}
	case 1:
		// Without .md, as GitHub's preview accepts. (Only to pages that
		// exist: a broken one would be read against the page's URL.)
		rel = strings.TrimSuffix(rel, ".md")
	}
	return randomLink{from: p, dest: rel, target: target}
}

// folderURL is the URL of a folder's section page.
func folderURL(folder string) string {
	if folder == "." {
		return "/"
	}
	return "/" + folder + "/"
}

func fileTarget(exists map[string]bool, file string) string {
	if !exists[file] {
		return ""
	}
	return "/" + file
}

// relDir is the relative link from folder dir to folder to: "./", "../",
// "b/" or "../../c/".
func relDir(dir, to string) string {
	if dir == to {
		return "./"
	}
	if to == "." {
		return strings.Repeat("../", strings.Count(dir, "/")+1)
	}
	return relPath(dir, to) + "/"
}

// outPath is the HTML file of the page at content path p.
func outPath(p string) string {
	dir, base := path.Dir(p), path.Base(p)
	if base == "index.md" || base == "README.md" {
		return strings.TrimPrefix(path.Join(dir, "index.html"), "./")
	}
	return strings.TrimPrefix(strings.TrimSuffix(p, ".md")+"/index.html", "./")
}

// randomTreeProperty builds a random tree: every link to something that
// exists is written as its URL (and the file is published), and every
// broken one is reported exactly once, at its line.
func randomTreeProperty(t *testing.T, rng *rand.Rand) {
	tr := newRandomTree(rng)
	mem, res := buildInto(t, Options{Content: tr.fsys})
	reported := map[string]int{}
	for _, d := range res.Diags {
		if d.Severity == diag.Error {
			reported[fmt.Sprintf("%s:%d", d.File, d.Line)]++
		}
	}
	for _, l := range tr.links {
		at := fmt.Sprintf("content/%s:%d", l.from, l.line)
		if l.target == "" {
			if reported[at] != 1 {
				t.Errorf("broken %s at %s reported %d times", l.dest, at, reported[at])
			}
			delete(reported, at)
			continue
		}
		out := page(t, mem, outPath(l.from))
		want := fmt.Sprintf(`href="%s">L%d<`, l.target, l.line)
		if l.image {
			want = fmt.Sprintf(`<img src="%s" alt="L%d">`, l.target, l.line)
			if _, ok := mem.Get(strings.TrimPrefix(l.target, "/")); !ok {
				t.Errorf("%s: %s is not published", l.from, l.target)
			}
		}
		if !strings.Contains(out, want) {
			t.Errorf("%s: link %s should be written as %s", l.from, l.dest, want)
		}
	}
	for at, n := range reported {
		t.Errorf("%d unexpected errors at %s", n, at)
	}
}

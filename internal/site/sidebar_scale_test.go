package site

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

// pageBudget is issue 16's bound: any page's HTML minus its own body.
const pageBudget = 40 << 10

// TestPageSizeIndependentOfSiteSize builds generated sites of the shapes
// that made every page grow with the site (a folder of 5,000 pages, 100
// sections of 1,000 pages, a tree 8 levels deep) and wants every page's
// HTML but its body within 40 KB, the page's own sidebar link marked
// current, a windowed list's link to its full index on the page, and each
// full index listing every entry of its section. With -short the shapes
// are smaller but still windowed and trimmed.
func TestPageSizeIndependentOfSiteSize(t *testing.T) {
	flat, sections, perSection := 5000, 100, 1000
	if testing.Short() {
		flat, sections, perSection = 1200, 12, 120
	}
	shapes := []struct {
		name string
		fsys fstest.MapFS
		// indexes are some full indexes and their entry counts.
		indexes map[string]int
	}{
		{fmt.Sprintf("one folder of %d pages", flat), flatSite(flat), map[string]int{"/guide/all/": flat}},
		{fmt.Sprintf("%d sections of %d pages", sections, perSection), sectionsSite(sections, perSection),
			map[string]int{"/s000/all/": perSection, fmt.Sprintf("/s%03d/all/", sections-1): perSection}},
		{"a tree 8 levels deep", deepSite(8), map[string]int{"/all/": 60, "/d00/d00/d00/d00/d00/d00/d00/all/": 60}},
	}
	for _, shape := range shapes {
		t.Run(shape.name, func(t *testing.T) {
			w := buildMeasured(t, shape.fsys)
			pages := len(shape.fsys) // every file is a page
			if w.pages != pages {
				t.Fatalf("%d pages written, want %d", w.pages, pages)
			}
			if len(w.indexes) == 0 {
				t.Fatal("no list was windowed: the shape does not test the bound")
			}
			for url, want := range shape.indexes {
				if got, ok := w.indexes[url]; !ok || got != want {
					t.Errorf("full index %s: %d entries (written: %v), want %d", url, got, ok, want)
				}
			}
			for _, e := range w.errs {
				t.Error(e)
			}
			t.Logf("%d pages, %d full indexes; largest page without its body: %d bytes (%s); total output %d bytes",
				w.pages, len(w.indexes), w.largest, w.largestName, w.total)
		})
	}
}

// TestOutputGrowsLinearly builds one folder of n and of 4n pages and
// wants the output 4 times as large, give or take 10%: no part of a page
// grows with the site.
func TestOutputGrowsLinearly(t *testing.T) {
	n := 1000
	if testing.Short() {
		n = 400
	}
	small := buildMeasured(t, flatSite(n))
	large := buildMeasured(t, flatSite(4*n))
	ratio := float64(large.total) / float64(small.total)
	t.Logf("%d pages: %d bytes; %d pages: %d bytes; ratio %.3f", n, small.total, 4*n, large.total, ratio)
	if ratio < 3.6 || ratio > 4.4 {
		t.Errorf("4x the pages gave %.2fx the output, want 3.6-4.4x", ratio)
	}
}

// flatSite is a home page and one folder of n pages.
func flatSite(n int) fstest.MapFS {
	fsys := fstest.MapFS{"index.md": page1("Home", "home")}
	fsys["guide/_index.md"] = page1("The guide", "guide")
	for i := range n {
		fsys[fmt.Sprintf("guide/p%05d.md", i)] = page1(fmt.Sprintf("Handling rate limit error number %d", i), fmt.Sprintf("g%d", i))
	}
	return fsys
}

// sectionsSite is a home page and sections folders of perSection pages.
func sectionsSite(sections, perSection int) fstest.MapFS {
	fsys := fstest.MapFS{"index.md": page1("Home", "home")}
	for s := range sections {
		fsys[fmt.Sprintf("s%03d/_index.md", s)] = page1(fmt.Sprintf("Section number %d of the reference", s), fmt.Sprintf("s%d", s))
		for i := range perSection {
			fsys[fmt.Sprintf("s%03d/p%05d.md", s, i)] = page1(fmt.Sprintf("Error code explained, part %d", i), fmt.Sprintf("s%dp%d", s, i))
		}
	}
	return fsys
}

// deepSite nests depth levels; each level has 30 pages and 30 small
// sub-sections (60 entries, a windowed list), and its first sub-section
// holds the next level.
func deepSite(depth int) fstest.MapFS {
	fsys := fstest.MapFS{"index.md": page1("Home", "home")}
	dir := ""
	for level := range depth {
		for i := range 30 {
			fsys[fmt.Sprintf("%sp%02d.md", dir, i)] = page1(fmt.Sprintf("Level %d page about retries %d", level, i), fmt.Sprintf("l%dp%d", level, i))
			sub := fmt.Sprintf("%sd%02d/", dir, i)
			fsys[sub+"_index.md"] = page1(fmt.Sprintf("Level %d topic %d", level+1, i), fmt.Sprintf("l%dd%d", level, i))
			if i > 0 || level == depth-1 {
				for j := range 3 {
					fsys[fmt.Sprintf("%sq%d.md", sub, j)] = page1(fmt.Sprintf("Detail %d of topic %d", j, i), fmt.Sprintf("l%dd%dq%d", level, i, j))
				}
			}
		}
		dir += "d00/"
	}
	return fsys
}

// page1 is a page with a title and a one-line body naming id.
func page1(title, id string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\n---\nBody " + id + ".\n")}
}

// buildMeasured builds fsys (search index left out) into a measuring
// writer that keeps no page.
func buildMeasured(t *testing.T, fsys fstest.MapFS) *measuringWriter {
	t.Helper()
	s := NewSession(Options{Content: fsys, Minify: true}, SessionOptions{DeferSlowOutputs: true})
	w := &measuringWriter{indexes: map[string]int{}}
	res, err := s.Build(context.Background(), w)
	if err != nil {
		t.Fatal(err)
	}
	if res.Diags.HasErrors() {
		t.Fatal(res.Diags)
	}
	return w
}

// measuringWriter checks each page as it is written and keeps only
// figures.
type measuringWriter struct {
	mu          sync.Mutex
	total       int
	pages       int
	largest     int
	largestName string
	indexes     map[string]int // full index pages written, by URL, and their entries
	errs        []string
}

var (
	bodyRe  = regexp.MustCompile(`<p>Body [a-z0-9]+\.</p>`)
	indexRe = regexp.MustCompile(`<ol class="section-index">.*?</ol>`)
	moreRe  = regexp.MustCompile(`<li class="nav-more"><a href="([^"]+)"`)
)

func (w *measuringWriter) WriteFile(name string, data []byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.total += len(data)
	if !strings.HasSuffix(name, "index.html") {
		return nil
	}
	html := string(data)
	url := "/" + strings.TrimSuffix(name, "index.html")
	var body string
	if idx := indexRe.FindString(html); idx != "" {
		w.indexes[url] = strings.Count(idx, "<li>")
		body = idx
	} else {
		w.pages++
		body = bodyRe.FindString(html)
		if body == "" {
			w.errs = append(w.errs, fmt.Sprintf("%s: body not found", url))
		}
	}
	if size := len(html) - len(body); size > w.largest {
		w.largest, w.largestName = size, url
	}
	if size := len(html) - len(body); size > pageBudget {
		w.errs = append(w.errs, fmt.Sprintf("%s: %d bytes without the body, over %d", url, size, pageBudget))
	}
	if url != "/" && !strings.Contains(html, `<a href="`+url+`" aria-current="page">`) { // home is the site title's link
		w.errs = append(w.errs, fmt.Sprintf("%s: its own sidebar link is not marked current", url))
	}
	if m := moreRe.FindStringSubmatch(html); m != nil && !strings.HasSuffix(m[1], "/all/") {
		w.errs = append(w.errs, fmt.Sprintf("%s: full index link %s", url, m[1]))
	}
	return nil
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 41: "41", 999: "999", 1000: "1,000", 5000: "5,000", 100000: "100,000", 1234567: "1,234,567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

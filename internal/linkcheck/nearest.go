package linkcheck

import (
	"sort"
	"strings"

	"docsgen/internal/suggest"
)

// paths proposes the path a broken link meant, in two steps:
//
//  1. A page or file whose path is the same but for letter case, a
//     trailing .md, index.md, index.html or the slash (/Guide/Setup.md
//     for /guide/setup/).
//  2. Else the nearest path by segments: one whose last segment is the
//     same (a page moved to another folder, or a typo in a folder name),
//     or one in the same folder whose last segment is within a few edits.
//
// It compares a broken link with the few paths that share its folder or
// its last segment, not with every path of the site, so a site with
// thousands of broken links stays as fast as one without; answers are
// kept per path, as the same broken link is often written many times.
type paths struct {
	byNorm   map[string][]string // normalised path → paths
	byName   map[string][]string // last segment → paths
	byFolder map[string][]string // folder → paths
	memo     map[string][]string // broken path → ranked answers
}

func newPaths(pages map[string]Anchors, files map[string]bool) *paths {
	x := &paths{byNorm: map[string][]string{}, byName: map[string][]string{}, byFolder: map[string][]string{}, memo: map[string][]string{}}
	add := func(p string) {
		n := normPath(p)
		x.byNorm[n] = append(x.byNorm[n], p)
		folder, name := splitPath(p)
		x.byName[name] = append(x.byName[name], p)
		x.byFolder[folder] = append(x.byFolder[folder], p)
	}
	for p := range pages {
		add(p)
	}
	for p := range files {
		add(p)
	}
	for _, m := range []map[string][]string{x.byNorm, x.byName, x.byFolder} {
		for _, v := range m {
			sort.Strings(v)
		}
	}
	return x
}

// normPath folds what authors get wrong without meaning another page.
func normPath(p string) string {
	p = strings.ToLower(p)
	for _, s := range []string{"/index.html", "/index.md", "/_index.md", ".md", ".html"} {
		if strings.HasSuffix(p, s) {
			p = strings.TrimSuffix(p, s)
			break
		}
	}
	return strings.TrimSuffix(p, "/")
}

// splitPath returns the folder and the last segment of a site path
// (/reference/errors/ → /reference/, errors).
func splitPath(p string) (folder, name string) {
	t := strings.TrimSuffix(p, "/")
	i := strings.LastIndexByte(t, '/')
	return t[:i+1], t[i+1:]
}

// nearest returns the best guess for broken path p that is not the page
// self, or "".
func (x *paths) nearest(p, self string) string {
	ranked, ok := x.memo[p]
	if !ok {
		ranked = x.rank(p)
		x.memo[p] = ranked
	}
	for _, c := range ranked {
		if c != self {
			return c
		}
	}
	return ""
}

// rank lists the guesses for p, best first (at most two, so that one can
// be the linking page itself).
func (x *paths) rank(p string) []string {
	if same := x.byNorm[normPath(p)]; len(same) > 0 {
		return same
	}
	folder, name := splitPath(p)
	var top topTwo
	for _, c := range x.byName[name] {
		cf, _ := splitPath(c)
		top.offer(c, segmentDistance(folder, cf))
	}
	limit := max(2, len(name)/3)
	lower := strings.ToLower(name)
	for _, c := range x.byFolder[folder] {
		_, cn := splitPath(c)
		// At most half the name may change: /b/ is not a typo of /c/.
		if d, ok := suggest.Within(lower, strings.ToLower(cn), min(limit, top.worst())); ok && cn != name && 2*d <= len(name) {
			top.offer(c, d)
		}
	}
	return top.list()
}

// topTwo keeps the two best-scored paths (lowest score, then first in
// sort order).
type topTwo struct {
	p [2]string
	d [2]int
	n int
}

func (t *topTwo) offer(p string, d int) {
	for i := 0; i < t.n; i++ {
		if t.p[i] == p {
			return
		}
	}
	better := func(i int) bool { return d < t.d[i] || (d == t.d[i] && p < t.p[i]) }
	switch {
	case t.n == 0 || better(0):
		t.p[1], t.d[1] = t.p[0], t.d[0]
		t.p[0], t.d[0] = p, d
		t.n = min(t.n+1, 2)
	case t.n == 1 || better(1):
		t.p[1], t.d[1] = p, d
		t.n = 2
	}
}

// worst is the score a path must match to get in.
func (t *topTwo) worst() int {
	if t.n < 2 {
		return 1 << 30
	}
	return t.d[1]
}

func (t *topTwo) list() []string { return t.p[:t.n] }

// segmentDistance counts the folder segments that differ between two
// folders (/a/b/ and /a/c/d/ differ in 2).
func segmentDistance(a, b string) int {
	as := strings.Split(strings.Trim(a, "/"), "/")
	bs := strings.Split(strings.Trim(b, "/"), "/")
	n := max(len(as), len(bs))
	for i := 0; i < min(len(as), len(bs)); i++ {
		if as[i] == bs[i] {
			n--
		}
	}
	return n
}

// nearestID returns the id of ids closest to frag, if it is a likely typo.
func nearestID(frag string, ids Anchors) string {
	limit := max(2, len(frag)/3)
	best, bestD := "", limit+1
	lower := strings.ToLower(frag)
	for id := range ids.All() {
		d, ok := suggest.Within(lower, strings.ToLower(id), min(limit, bestD))
		if ok && (d < bestD || (d == bestD && id < best)) {
			best, bestD = id, d
		}
	}
	return best
}

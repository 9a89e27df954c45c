package site

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"docsgen/internal/output"
)

// realContent loads the repository's content/ into a MapFS that tests may edit.
func realContent(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	root := os.DirFS("../../content")
	err := fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(root, p)
		fsys[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

// TestUpdateEqualsFullBuild applies random edit sequences and checks after
// every step that the incrementally updated site equals a fresh full build.
func TestUpdateEqualsFullBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("long: random edit sequences")
	}
	for seed := int64(1); seed <= 4; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			rng := rand.New(rand.NewSource(seed))
			fsys := realContent(t)
			deferred := seed%2 == 0 // the preview server's way: slow outputs written on demand
			sess := NewSession(Options{Content: fsys}, SessionOptions{DeferSlowOutputs: deferred})
			if _, _, err := sess.Update(context.Background(), Changes{}); err != nil {
				t.Fatal(err)
			}
			for step := 0; step < 12; step++ {
				desc, changed := randomEdit(rng, fsys, step)
				res, got, err := sess.Update(context.Background(), Changes{Content: changed})
				if err != nil {
					t.Fatal(err)
				}
				if deferred != (res.Deferred != nil) {
					t.Fatalf("Deferred set: %v, want %v", res.Deferred != nil, deferred)
				}
				if res.Deferred != nil {
					if err := res.Deferred.Write(got); err != nil {
						t.Fatal(err)
					}
				}
				want := output.NewMemory()
				fresh, err := Build(context.Background(), Options{Content: fsys}, want)
				if err != nil {
					t.Fatal(err)
				}
				if d := diffSites(got, want); d != "" {
					t.Fatalf("step %d (%s): update differs from a full build: %s", step, desc, d)
				}
				if a, b := len(res.Diags), len(fresh.Diags); a != b {
					t.Fatalf("step %d (%s): %d diagnostics after update, %d after a full build:\n%v\n---\n%v", step, desc, a, b, res.Diags, fresh.Diags)
				}
			}
			if sess.pageUpdates == 0 {
				t.Error("no edit took the page-by-page path; the test proves nothing about it")
			}
		})
	}
}

func pages(fsys fstest.MapFS) []string {
	var out []string
	for p := range fsys {
		if strings.HasSuffix(p, ".md") {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// randomEdit changes the content the way an author would and returns what
// changed, as paths in the content FS.
func randomEdit(rng *rand.Rand, fsys fstest.MapFS, step int) (string, []string) {
	ps := pages(fsys)
	p := ps[rng.Intn(len(ps))]
	src := string(fsys[p].Data)
	set := func(name, s string) { fsys[name] = &fstest.MapFile{Data: []byte(s)} }
	switch rng.Intn(7) {
	case 0, 1: // body edit: a paragraph at the end
		set(p, src+fmt.Sprintf("\n\nEdit number %d adds this sentence.\n", step))
		return "body " + p, []string{p}
	case 2: // a new heading, which changes the TOC and the ids
		set(p, src+fmt.Sprintf("\n\n## Added section %d\n\nText.\n", step))
		return "heading " + p, []string{p}
	case 3: // a title change, which changes every sidebar
		if strings.HasPrefix(src, "---\ntitle: ") {
			set(p, strings.Replace(src, "---\ntitle: ", fmt.Sprintf("---\ntitle: Renamed %d ", step), 1))
			return "title " + p, []string{p}
		}
		set(p, src+"\n")
		return "newline " + p, []string{p}
	case 4: // a new page
		name := fmt.Sprintf("reference/new-%d.md", step)
		set(name, fmt.Sprintf("---\ntitle: New page %d\nweight: %d\n---\nLinks to [errors](/reference/errors/#insufficient-credits).\n", step, rng.Intn(50)))
		return "new " + name, []string{name}
	case 5: // a data edit, which changes every page that shows the data
		for name, f := range fsys {
			if strings.HasPrefix(name, "_data/errors") {
				set(name, strings.Replace(string(f.Data), "cause: ", fmt.Sprintf("cause: Edit %d. ", step), 1))
				return "data " + name, []string{name}
			}
		}
	case 6: // a broken link, then its fix on a later step
		set(p, src+fmt.Sprintf("\n\nSee [nothing](/no-such-page-%d/).\n", step))
		return "broken link " + p, []string{p}
	}
	return "none", nil
}

// diffSites describes the first difference between two built sites, with
// the text around it.
func diffSites(a, b *output.Memory) string {
	an, bn := a.Names(), b.Names()
	if strings.Join(an, "\n") != strings.Join(bn, "\n") {
		return fmt.Sprintf("file lists differ: %d vs %d files", len(an), len(bn))
	}
	for _, n := range an {
		x, _ := a.Get(n)
		y, _ := b.Get(n)
		if !bytes.Equal(x, y) {
			at := 0
			for at < len(x) && at < len(y) && x[at] == y[at] {
				at++
			}
			return fmt.Sprintf("%s differs at byte %d:\n  %q\n  %q", n, at, around(x, at), around(y, at))
		}
	}
	return ""
}

// around is the text of b within 60 bytes of offset at.
func around(b []byte, at int) string {
	lo, hi := max(0, at-60), min(len(b), at+60)
	return string(b[lo:hi])
}

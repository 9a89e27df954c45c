package site

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"docsgen/internal/linkcheck"
	"docsgen/internal/output"
)

// docsContent loads testdata/docs.txtar, a frozen copy of the site's
// content, into a MapFS that tests may edit; editing the docs cannot
// change what the tests see.
func docsContent(t *testing.T) fstest.MapFS {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "docs.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
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
			fsys := docsContent(t)
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
					// As the preview server does: into a site of its own,
					// here a layer over the session's.
					got = got.Clone()
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
				if a, b := fmt.Sprint(res.Diags), fmt.Sprint(fresh.Diags); a != b {
					t.Fatalf("step %d (%s): diagnostics after update:\n%v\n---\nafter a full build:\n%v", step, desc, a, b)
				}
				if a, b := refSet(res.External), refSet(fresh.External); a != b {
					t.Fatalf("step %d (%s): links to other sites after update:\n%v\n---\nafter a full build:\n%v", step, desc, a, b)
				}
			}
			if sess.pageUpdates == 0 {
				t.Error("no edit took the page-by-page path; the test proves nothing about it")
			}
		})
	}
}

// refSet is links as text, in order: a build lists them in no order.
func refSet(refs []linkcheck.Ref) string {
	var out []string
	for _, r := range refs {
		out = append(out, fmt.Sprint(r))
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
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
	switch rng.Intn(8) {
	case 0, 1: // body edit: a paragraph at the end
		set(p, src+fmt.Sprintf("\n\nEdit number %d adds this sentence.\n", step))
		return "body " + p, []string{p}
	case 2: // a new heading, which changes the TOC and the ids; or a problem in the body
		if rng.Intn(3) == 0 {
			set(p, src+fmt.Sprintf("\n\n::no-such-directive-%d\n", step))
			return "unknown directive " + p, []string{p}
		}
		set(p, src+fmt.Sprintf("\n\n## Added section %d\n\nText.\n", step))
		return "heading " + p, []string{p}
	case 3: // a title or description change, which changes every sidebar or the section's index
		if strings.HasPrefix(src, "---\ntitle: ") && rng.Intn(2) == 0 {
			set(p, strings.Replace(src, "---\ntitle: ", fmt.Sprintf("---\ndescription: Described %d.\ntitle: ", step), 1))
			return "description " + p, []string{p}
		}
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
	case 6: // a broken link, and a link to another site
		set(p, src+fmt.Sprintf("\n\nSee [nothing](/no-such-page-%d/) and [elsewhere](https://example.com/%d).\n", step, step))
		return "broken link " + p, []string{p}
	case 7: // a file beside the pages comes or goes
		name := "reference/img/chart.png"
		if _, ok := fsys[name]; ok {
			delete(fsys, name)
			return "removed " + name, []string{name}
		}
		set(name, fmt.Sprintf("png %d", step))
		return "added " + name, []string{name}
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

// TestUpdateRendersWhatAnEditTouched edits a small site and counts the
// pages each update lays out: a body edit renders that page alone, a title
// edit (every sidebar shows it) or a data edit renders them all. The result
// of the previous update is left as it was: its pages keep their sources.
func TestUpdateRendersWhatAnEditTouched(t *testing.T) {
	fsys := fstest.MapFS{
		"index.md":         {Data: []byte("---\ntitle: Home\n---\nSee [a](/a/).\n")},
		"a.md":             {Data: []byte("---\ntitle: A\nweight: 1\n---\nAlpha.\n")},
		"b.md":             {Data: []byte("---\ntitle: B\nweight: 2\n---\n::rate-limit-plans\n")},
		"_data/plans.yaml": {Data: []byte("rate_limit_plans:\n  - {name: Free, per_minute: 30, burst_per_second: 5}\n")},
	}
	tests := []struct {
		name     string
		file     string
		text     string
		rendered int
	}{
		{"body edit", "a.md", "---\ntitle: A\nweight: 1\n---\nAlpha, edited.\n", 1},
		{"title edit", "a.md", "---\ntitle: A renamed\nweight: 1\n---\nAlpha, edited.\n", 3},
		{"data edit", "_data/plans.yaml", "rate_limit_plans:\n  - {name: Pro, per_minute: 60, burst_per_second: 9}\n", 3},
		{"nothing rendered changes", "index.md", "---\ntitle: Home\n---\nSee [a](/a/).\n", 1},
	}
	sess := NewSession(Options{Content: fsys}, SessionOptions{})
	prev, _, err := sess.Update(context.Background(), Changes{})
	if err != nil || prev.Diags.HasErrors() || prev.Rendered != 3 {
		t.Fatalf("first build: %v, %v, %d rendered", err, prev.Diags, prev.Rendered)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := map[string]string{}
			for _, p := range prev.Content.Pages {
				before[p.Path] = string(p.Source)
			}
			fsys[tt.file] = &fstest.MapFile{Data: []byte(tt.text)}
			res, _, err := sess.Update(context.Background(), Changes{Content: []string{tt.file}})
			if err != nil || res.Diags.HasErrors() {
				t.Fatalf("%v %v", err, res.Diags)
			}
			if res.Rendered != tt.rendered {
				t.Errorf("%d pages rendered, want %d", res.Rendered, tt.rendered)
			}
			for _, p := range prev.Content.Pages {
				if string(p.Source) != before[p.Path] {
					t.Errorf("the previous build's page %s changed", p.Path)
				}
			}
			prev = res
		})
	}
}

package linkcheck

import (
	"reflect"
	"testing"
)

// FuzzCheck checks any link from any page: the checker never panics, every
// problem is reported at the link's position with a message and a hint,
// the verdict does not change between runs, links that may not be
// published are always refused, and the site's own pages and anchors
// always resolve.
func FuzzCheck(f *testing.F) {
	for _, s := range [][2]string{
		{"/", "/reference/errors/#timeout"}, {"/reference/errors/", "#status-429"}, {"/reference/errors/", "../rate-limits/#headers"},
		{"/", "https://example.com/x"}, {"/", "//cdn.example.com/x.js"}, {"/", "mailto:a@b.c"}, {"", "/reference/eror/#timeout"},
		{"/", " JaVa\tScRiPt:alert(1)"}, {"/", "data:image/png;base64,AA"}, {"/", "data:image/svg+xml,<svg>"},
		{"/", "/reference/errors/index.html#timeout"}, {"/", "/reference/errors?x=1#timeout"}, {"/a/b/", "../../../../x"},
		{"/", "%zz"}, {"/", "/a%2fb/"}, {"/", "#"}, {"/", "/\\evil.com"}, {"/", "http://[::1"}, {"/", "/reference/errors/#%74imeout"},
	} {
		f.Add(s[0], s[1])
	}
	site := testSite()
	f.Fuzz(func(t *testing.T, from, dest string) {
		ref := Ref{From: from, File: "f.md", Line: 7, Col: 3, Dest: dest}
		got := site.Check([]Ref{ref})
		for _, d := range got {
			if d.File != "f.md" || d.Line != 7 || d.Col != 3 || d.Msg == "" || d.Hint == "" {
				t.Fatalf("bad diagnostic for %q from %q: %+v", dest, from, d)
			}
		}
		if again := site.Check([]Ref{ref}); !reflect.DeepEqual(got, again) {
			t.Fatalf("%q from %q: two checks differ: %v, %v", dest, from, got, again)
		}
		if refusedScheme(dest) != "" && len(got) == 0 {
			t.Fatalf("%q from %q was not refused", dest, from)
		}
		if len(got) > 1 {
			t.Fatalf("one link, %d problems", len(got))
		}
		// A page of the site, with or without one of its anchors, is
		// reachable from anywhere.
		for url, ids := range site.Pages {
			if ds := site.Check([]Ref{{From: from, File: "f.md", Dest: url}}); len(ds) != 0 {
				t.Fatalf("%s from %q: %v", url, from, ds)
			}
			for id := range ids.All() {
				if ds := site.Check([]Ref{{From: from, File: "f.md", Dest: url + "#" + id}}); len(ds) != 0 {
					t.Fatalf("%s#%s from %q: %v", url, id, from, ds)
				}
			}
		}
	})
}

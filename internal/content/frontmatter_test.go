package content

import (
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"docsgen/internal/diag"
)

// TestSettingsErrors checks that YAML decoding errors in front matter and
// site.yaml name the key, say what it takes, and point at the right line.
func TestSettingsErrors(t *testing.T) {
	tests := []struct {
		name, file, src, want string
	}{
		{"string for a list", "a.md", "---\naliases: /x/\n---\n",
			"content/a.md:2:10: error: front matter key aliases has the wrong type; it takes a list of site paths"},
		{"number for params", "a.md", "---\nparams: 3\n---\n",
			"content/a.md:2:9: error: front matter key params has the wrong type; it takes keys with values"},
		{"list for text", "a.md", "---\ndescription: [a]\n---\n",
			"content/a.md:2:14: error: front matter key description has the wrong type; it takes text"},
		{"fractional weight", "a.md", "---\ntitle: A\nweight: 1.5\n---\n",
			"content/a.md:3:1: error: front matter key weight is not a whole number; weights order pages"},
		{"huge weight", "a.md", "---\ntitle: x\nweight: 99999999999999999999\n---\n",
			"content/a.md:3:9: error: front matter key weight is too large; it takes a whole number"},
		{"not a mapping", "a.md", "---\n- a\n- b\n---\n",
			"content/a.md:2:1: error: front matter must be key: value lines; write one key: value per line"},
		{"key twice", "a.md", "---\ntitle: 'a'\ntitle: b\n---\n",
			"content/a.md:3:1: error: front matter key title appears twice (first on line 2); remove one of the two lines"},
		{"syntax", "a.md", "---\nparams:\n  a: [1\n---\n",
			"content/a.md:3:6: error: invalid front matter: sequence end token ']' not found; front matter is YAML between two --- lines"},
		{"site syntax", "site.yaml", "title: [x\n",
			"content/site.yaml:1:8: error: invalid site.yaml: sequence end token ']' not found; site.yaml is YAML"},
		{"site wrong type", "site.yaml", "rawHTML: sometimes\n",
			"content/site.yaml:1:10: error: site setting rawHTML has the wrong type; it takes true or false"},
		{"site string for a list", "site.yaml", "headerLinks: x\n",
			"content/site.yaml:1:14: error: site setting headerLinks has the wrong type; it takes a list of links"},
		{"site not a mapping", "site.yaml", "- a\n",
			"content/site.yaml:1:1: error: site.yaml must be key: value lines"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := Load(fstest.MapFS{tt.file: {Data: []byte(tt.src)}}, Options{Display: "content"})
			var all []string
			for _, d := range diags {
				all = append(all, d.Error())
			}
			if got := strings.Join(all, "\n"); !strings.Contains(got, tt.want) {
				t.Fatalf("want %q in:\n%s", tt.want, got)
			}
		})
	}
}

// TestUnknownKeysInOrder checks that, strict, every unknown key is
// reported, in the order written, the same way on every run: the YAML
// library alone reports one of them, chosen at random.
func TestUnknownKeysInOrder(t *testing.T) {
	tests := []struct {
		files map[string]string
		want  []string
	}{
		{map[string]string{"site.yaml": "strict: true\n", "a.md": "---\ncolour: red\ntitle: A\nSize: 3\n\"z\": 1\n---\n"}, []string{
			`content/a.md:2:1: error: unknown front matter key "colour"; ` + frontMatter.KnownHint,
			`content/a.md:4:1: error: unknown front matter key "Size"; ` + frontMatter.KnownHint,
			`content/a.md:5:1: error: unknown front matter key "z"; ` + frontMatter.KnownHint,
		}},
		{map[string]string{"site.yaml": "them: dark\ntitle: X\nlogo: x.svg\n"}, []string{
			`content/site.yaml:1:1: error: unknown site setting "them"; ` + siteSettings.KnownHint,
			`content/site.yaml:3:1: error: unknown site setting "logo"; ` + siteSettings.KnownHint,
		}},
		{map[string]string{"site.yaml": "titel: X\nrawhtml: true\n"}, []string{
			`content/site.yaml:1:1: error: unknown site setting "titel"; did you mean "title"? (` + siteSettings.KnownHint + `)`,
			`content/site.yaml:2:1: error: unknown site setting "rawhtml"; did you mean "rawHTML"? (` + siteSettings.KnownHint + `)`,
		}},
		{map[string]string{"site.yaml": "\xef\xbb\xbftitle: X\n"}, nil},
	}
	for _, tt := range tests {
		fsys := fstest.MapFS{}
		for name, src := range tt.files {
			fsys[name] = &fstest.MapFile{Data: []byte(src)}
		}
		for range 20 {
			_, diags := Load(fsys, Options{Display: "content"})
			if got := lines(diags); got != strings.Join(tt.want, "\n") {
				t.Fatalf("%v:\n%s\nwant:\n%s", tt.files, got, strings.Join(tt.want, "\n"))
			}
		}
	}
}

func lines(diags diag.List) string {
	var all []string
	for _, d := range diags {
		all = append(all, d.Error())
	}
	return strings.Join(all, "\n")
}

// TestUnknownKeysFromOtherTools checks front matter written for other
// tools: a key docsgen does not know is kept in params and reported once
// per key, at its first use, as a warning; a key two edits from a known
// one is a typo and an error; strict mode makes every unknown key an error.
func TestUnknownKeysFromOtherTools(t *testing.T) {
	pages := fstest.MapFS{
		"a.md": {Data: []byte("---\ntitle: A\nauthor: Ann\ntags: [x, y]\n---\n")},
		"b.md": {Data: []byte("---\nauthor: Bo\n---\n")},
	}
	tests := []struct {
		name   string
		files  map[string]string
		opts   Options
		want   string
		params map[string]any // of a.md
	}{
		{"kept with one warning per key", nil, Options{},
			`content/a.md:3:1: warning: front matter key "author" is not one docsgen knows; it is kept in params; 2 pages use it; templates read it as .Params.author; set strict: true in site.yaml to make unknown keys errors` + "\n" +
				`content/a.md:4:1: warning: front matter key "tags" is not one docsgen knows; it is kept in params; templates read it as .Params.tags; set strict: true in site.yaml to make unknown keys errors`,
			map[string]any{"author": "Ann", "tags": []any{"x", "y"}}},
		{"strict in site.yaml", map[string]string{"site.yaml": "strict: true\n"}, Options{},
			`content/a.md:3:1: error: unknown front matter key "author"; ` + frontMatter.KnownHint + "\n" +
				`content/a.md:4:1: error: unknown front matter key "tags"; ` + frontMatter.KnownHint + "\n" +
				`content/b.md:2:1: error: unknown front matter key "author"; ` + frontMatter.KnownHint, nil},
		{"strict option", nil, Options{Strict: true},
			`content/a.md:3:1: error: unknown front matter key "author"; ` + frontMatter.KnownHint + "\n" +
				`content/a.md:4:1: error: unknown front matter key "tags"; ` + frontMatter.KnownHint + "\n" +
				`content/b.md:2:1: error: unknown front matter key "author"; ` + frontMatter.KnownHint, nil},
		{"typos stay errors", map[string]string{"c.md": "---\ntitel: C\nwieght: 2\ndescripton: d\nparams: {author: Cy}\n---\n"}, Options{},
			`content/a.md:3:1: warning: front matter key "author" is not one docsgen knows; it is kept in params; 2 pages use it; templates read it as .Params.author; set strict: true in site.yaml to make unknown keys errors` + "\n" +
				`content/a.md:4:1: warning: front matter key "tags" is not one docsgen knows; it is kept in params; templates read it as .Params.tags; set strict: true in site.yaml to make unknown keys errors` + "\n" +
				`content/c.md:2:1: error: unknown front matter key "titel"; did you mean "title"? (` + frontMatter.KnownHint + ")\n" +
				`content/c.md:3:1: error: unknown front matter key "wieght"; did you mean "weight"? (` + frontMatter.KnownHint + ")\n" +
				`content/c.md:4:1: error: unknown front matter key "descripton"; did you mean "description"? (` + frontMatter.KnownHint + ")",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := maps.Clone(pages)
			for name, src := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(src)}
			}
			tt.opts.Display = "content"
			site, diags := Load(fsys, tt.opts)
			if got := lines(diags); got != tt.want {
				t.Fatalf("got:\n%s\nwant:\n%s", got, tt.want)
			}
			if tt.params != nil && !reflect.DeepEqual(site.ByURL["/a/"].Front.Params, tt.params) {
				t.Errorf("params %#v, want %#v", site.ByURL["/a/"].Front.Params, tt.params)
			}
		})
	}
}

// TestEquivalentKeys checks the keys other tools write for the ones
// docsgen knows.
func TestEquivalentKeys(t *testing.T) {
	day := time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC)
	no := false
	tests := []struct {
		front string
		want  FrontMatter
		date  time.Time
	}{
		{"linkTitle: Short", FrontMatter{LinkTitle: "Short"}, time.Time{}},
		{"sidebar_label: Short", FrontMatter{LinkTitle: "Short"}, time.Time{}},
		{"sidebar_position: 3", FrontMatter{Weight: 3}, time.Time{}},
		{"nav_order: 4", FrontMatter{Weight: 4}, time.Time{}},
		{"date: 2024-05-06", FrontMatter{Lastmod: "2024-05-06"}, day},
		{"last_modified_at: 2024-05-06 00:00:00 +0000", FrontMatter{Lastmod: "2024-05-06 00:00:00 +0000"}, day},
		{"redirect_from: /old/", FrontMatter{Aliases: []string{"/old/"}}, time.Time{}},
		{"redirect_from: [/a/, /b/]", FrontMatter{Aliases: []string{"/a/", "/b/"}}, time.Time{}},
		{"hide_table_of_contents: true", FrontMatter{TOC: &no}, time.Time{}},
		{"keywords: [quota, limits]", FrontMatter{Keywords: []string{"quota", "limits"}}, time.Time{}},
		{"keywords: quota", FrontMatter{Keywords: []string{"quota"}}, time.Time{}},
		{"unlisted: true", FrontMatter{Unlisted: true}, time.Time{}},
		{"draft: true", FrontMatter{Draft: true}, time.Time{}},
		{"title: 404", FrontMatter{Title: "404"}, time.Time{}},
		{"date: 2020-01-01\nlastmod: 2024-05-06", FrontMatter{Lastmod: "2024-05-06"}, day},
		{"date: 2020-01-01T10:00:00Z\nlast_modified_at: 2024-05-06", FrontMatter{Lastmod: "2024-05-06"}, day},
	}
	for _, tt := range tests {
		pg, diags := ParsePage("a.md", "content/a.md", []byte("---\n"+tt.front+"\n---\n"))
		if len(diags) > 0 || pg == nil {
			t.Errorf("%s: %v", tt.front, diags)
			continue
		}
		if tt.want.LinkTitle != "" && pg.NavTitle() != tt.want.LinkTitle {
			t.Errorf("%s: NavTitle %q", tt.front, pg.NavTitle())
		}
		if !reflect.DeepEqual(pg.Front, tt.want) || !pg.Lastmod.Equal(tt.date) {
			t.Errorf("%s: got %+v (date %v), want %+v", tt.front, pg.Front, pg.Lastmod, tt.want)
		}
	}
	_, diags := ParsePage("a.md", "content/a.md", []byte("---\nweight: 1\nnav_order: 2\n---\n"))
	if want := "content/a.md:3:1: error: front matter keys weight and nav_order both set the weight; keep one of the two"; lines(diags) != want {
		t.Errorf("got %q, want %q", lines(diags), want)
	}
}

// TestValuelessTag checks YAML tags with nothing after them: the YAML
// library's decoder panicked on them ("aliases: !x" then a line end),
// which crashed the whole build.
func TestValuelessTag(t *testing.T) {
	tests := []struct {
		file, src, want string
	}{
		{"a.md", "---\ntitle: A\naliases: !0\n---\n", "content/a.md:3:10: error: YAML tag !0 has no value; remove the tag; front matter needs no tags"},
		{"a.md", "---\nparams:\n  list:\n    - !x\n---\n", "content/a.md:4:7: error: YAML tag !x has no value"},
		{"site.yaml", "headerLinks: !links\n", "content/site.yaml:1:14: error: YAML tag !links has no value; remove the tag; site.yaml needs no tags"},
	}
	for _, tt := range tests {
		_, diags := Load(fstest.MapFS{tt.file: {Data: []byte(tt.src)}}, Options{Display: "content"})
		if got := lines(diags); !strings.Contains(got, tt.want) {
			t.Errorf("%q: want %q in:\n%s", tt.src, tt.want, got)
		}
	}
}

// TestFractionalPositions checks that a Docusaurus sidebar_position such
// as 2.5 sorts between 2 and 3 instead of failing the build, while
// docsgen's own weight still takes whole numbers only.
func TestFractionalPositions(t *testing.T) {
	page := func(front string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\n" + front + "\n---\nText.\n")}
	}
	site, diags := Load(fstest.MapFS{
		"index.md": page("title: Home"),
		"a.md":     page("sidebar_position: 2"),
		"b.md":     page("sidebar_position: 2.5"),
		"c.md":     page("sidebar_position: 3"),
		"d.md":     page("nav_order: 0.5"),
		"e.md":     page("sidebar_position: -1.25"),
	}, Options{})
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	var got []string
	for _, p := range site.Pages {
		got = append(got, p.Path)
	}
	if want := []string{"index.md", "e.md", "d.md", "a.md", "b.md", "c.md"}; !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
	_, diags = Load(fstest.MapFS{"a.md": page("weight: 1.5")}, Options{})
	if len(diags) != 1 || !strings.Contains(diags[0].Msg, "weight is not a whole number") {
		t.Errorf("weight: 1.5 gave %v, want one error", diags)
	}
}

package content

import (
	"strings"
	"testing"
	"testing/fstest"
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

// TestUnknownKeysInOrder checks that every unknown key is reported, in the
// order written, the same way on every run: the YAML library alone reports
// one of them, chosen at random.
func TestUnknownKeysInOrder(t *testing.T) {
	tests := []struct {
		file, src string
		want      []string
	}{
		{"a.md", "---\ncolour: red\ntitle: A\nSize: 3\n\"z\": 1\n---\n", []string{
			`content/a.md:2:1: error: unknown front matter key "colour"; ` + frontMatterBlock.known,
			`content/a.md:4:1: error: unknown front matter key "Size"; ` + frontMatterBlock.known,
			`content/a.md:5:1: error: unknown front matter key "z"; ` + frontMatterBlock.known,
		}},
		{"site.yaml", "them: dark\ntitle: X\nlogo: x.svg\n", []string{
			`content/site.yaml:1:1: error: unknown site setting "them"; ` + siteBlock.known,
			`content/site.yaml:3:1: error: unknown site setting "logo"; ` + siteBlock.known,
		}},
		{"site.yaml", "\xef\xbb\xbftitle: X\n", nil},
	}
	for _, tt := range tests {
		for range 20 {
			_, diags := Load(fstest.MapFS{tt.file: {Data: []byte(tt.src)}}, Options{Display: "content"})
			var got []string
			for _, d := range diags {
				got = append(got, d.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Fatalf("%q:\n%s\nwant:\n%s", tt.src, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		}
	}
}

// TestValuelessTag checks YAML tags with nothing after them: the YAML
// library's decoder panics on them ("aliases: !x" then a line end), which
// crashed the whole build.
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
		var got []string
		for _, d := range diags {
			got = append(got, d.Error())
		}
		if !strings.Contains(strings.Join(got, "\n"), tt.want) {
			t.Errorf("%q: want %q in:\n%s", tt.src, tt.want, strings.Join(got, "\n"))
		}
	}
	// The safety net: a panic of the YAML library becomes an error.
	var fm FrontMatter
	if err := decodeSettings([]byte("aliases: !0\n"), &fm); err == nil || !strings.Contains(err.Error(), "the YAML library failed to read it") {
		t.Errorf("decodeSettings: %v", err)
	}
}

// TestPlainIntegerWeight checks the text-only shortcut that skips the
// second YAML parse: where it says the weight is plain, the full check
// must agree, and it must give up on every form it cannot read.
func TestPlainIntegerWeight(t *testing.T) {
	for _, c := range []struct {
		front string
		plain bool
	}{
		{"title: A\n", true},
		{"title: A\nweight: 10\n", true},
		{"weight: 10", true},
		{"weight: -3 # first\r\n", true},
		{"weight:\t+7\ntitle: x\n", true},
		{"weight: 1.5\n", false},
		{"weight: 15e-1\n", false},
		{"weight: .5\n", false},
		{"weight: 1#x\n", false},
		{"weight: 1_0\n", false},
		{"\"weight\": 1.5\n", false},
		{"'weight': 1.5\n", false},
		{"\"we\\x69ght\": 1.5\n", false},
		{"{weight: 1.5}\n", false},
		{"base: &b\n  weight: 1.5\n<<: *b\n", false},
		{"weight: !!float 1.5\n", false},
		{"weight: 1\nparams:\n  weight: 2.5\n", false},
		{"description: the weight matters\nweight: 1.5\n", false},
		{"  weight: 1.5\n", false},
		{"? weight\n: 1.5\n", false},
	} {
		if got := plainIntegerWeight([]byte(c.front)); got != c.plain {
			t.Errorf("plainIntegerWeight(%q) = %v, want %v", c.front, got, c.plain)
		}
		if _, _, frac := fractionalWeight([]byte(c.front)); c.plain && frac {
			t.Errorf("%q: called plain, but the full check finds a fraction", c.front)
		}
	}
}

// FuzzPlainIntegerWeight: whenever the shortcut calls a weight plain, the
// full YAML check must find no fraction.
func FuzzPlainIntegerWeight(f *testing.F) {
	for _, s := range []string{"weight: 10\n", "weight: 1.5\n", "title: a\nweight: -2 # c\n", "\"weight\": 2.5\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, front []byte) {
		if plainIntegerWeight(front) {
			if _, _, frac := fractionalWeight(front); frac {
				t.Fatalf("%q: called plain, but the full check finds a fraction", front)
			}
		}
	})
}

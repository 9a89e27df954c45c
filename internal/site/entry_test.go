package site

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"docsgen/internal/diag"
	"docsgen/internal/markdown"
)

// fullEntry sets every field of every type the codec writes, so a field
// the codec forgot would come back zero.
func fullEntry() cached {
	return cached{
		res: &markdown.Result{
			HTML:     []byte("<h2 id=\"a\">A ü</h2>\n<p>x</p>"),
			Title:    "Title",
			Headings: []markdown.Heading{{Level: 2, ID: "a", Text: "A ü"}, {Level: 3, ID: "b", Text: "B"}},
			IDs:      []string{"a", "b", "fn:1"},
			Links:    []markdown.Link{{Dest: "../x/#y", URL: "/x/#y", Line: 12, Col: 3, Image: true}, {Dest: "https://e.test", Line: 1 << 20, Col: 1}},
			Sections: []markdown.Section{{HeadingID: "a", Heading: "A", Text: "words", Code: "MAX_ATTEMPTS = 3"}, {Text: "intro"}},
			Markdown: []byte("# Title\n\n| a |\n| --- |\n"),
		},
		diags: diag.List{
			{File: "content/a.md", Line: 9, Col: 1, Severity: diag.Warning, Msg: "raw HTML omitted", Hint: "allow it in site.yaml"},
			{File: "content/a.md", Line: 4, Col: 7, Severity: diag.Error, Msg: "unknown directive"},
		},
	}
}

func TestEntryRoundTrip(t *testing.T) {
	for name, e := range map[string]cached{
		"full":  fullEntry(),
		"empty": {res: &markdown.Result{}},
	} {
		data, err := encodeCached(e)
		if err != nil {
			t.Fatal(err)
		}
		var got cached
		if err := decodeCached(data, &got); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got.res, e.res) && !(len(e.res.HTML) == 0 && len(got.res.HTML) == 0 && name == "empty") {
			t.Errorf("%s: result\n got %#v\nwant %#v", name, got.res, e.res)
		}
		if !reflect.DeepEqual(got.diags, e.diags) {
			t.Errorf("%s: diagnostics\n got %#v\nwant %#v", name, got.diags, e.diags)
		}
	}
}

// TestEntryCodecCoversEveryField fails when one of the types the cache
// stores gains a field: add it to encodeCached and decodeCached (and to
// fullEntry), then update the count here.
func TestEntryCodecCoversEveryField(t *testing.T) {
	for _, c := range []struct {
		v    any
		want int
	}{
		{markdown.Result{}, 7},
		{markdown.Heading{}, 3},
		{markdown.Link{}, 5},
		{markdown.Section{}, 4},
		{diag.Diagnostic{}, 6},
	} {
		if got := reflect.TypeOf(c.v).NumField(); got != c.want {
			t.Errorf("%T has %d fields, the cache codec knows %d", c.v, got, c.want)
		}
	}
	// Every field of fullEntry is set, so the round trip above checks each.
	var zero func(v reflect.Value, path string)
	zero = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.Pointer:
			zero(v.Elem(), path)
		case reflect.Struct:
			for i := range v.NumField() {
				zero(v.Field(i), path+"."+v.Type().Field(i).Name)
			}
		case reflect.Slice:
			if v.Len() == 0 {
				t.Errorf("fullEntry leaves %s empty", path)
			}
			if v.Type().Elem().Kind() == reflect.Struct {
				zero(v.Index(0), path)
			}
		default:
			if v.IsZero() {
				t.Errorf("fullEntry leaves %s zero", path)
			}
		}
	}
	e := fullEntry()
	zero(reflect.ValueOf(e.res), "res")
	zero(reflect.ValueOf(e.diags[0]), "diag")
}

// TestEntryDamageIsAnError cuts and garbles an entry every way: decoding
// returns an error (a cache miss), never panics and never allocates
// beyond the entry's size.
func TestEntryDamageIsAnError(t *testing.T) {
	data, err := encodeCached(fullEntry())
	if err != nil {
		t.Fatal(err)
	}
	for n := range len(data) {
		var e cached
		if err := decodeCached(data[:n], &e); err == nil {
			t.Errorf("the first %d of %d bytes decoded without error", n, len(data))
		}
	}
	if err := decodeCached(append(data[:len(data):len(data)], 0), &cached{}); err == nil {
		t.Error("a trailing byte decoded without error")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		b := append([]byte(nil), data...)
		for range 1 + rng.IntN(4) {
			b[rng.IntN(len(b))] = byte(rng.IntN(256))
		}
		var e cached
		decodeCached(b, &e) // must not panic; garbled text may still decode
	}
	huge := []byte{entryVersion, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}
	if err := decodeCached(huge, &cached{}); err == nil {
		t.Error("a length beyond the entry decoded")
	}
}

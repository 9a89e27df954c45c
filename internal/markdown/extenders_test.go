package markdown

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// TestExtenders runs testdata/extenders.yaml through a bare goldmark with
// only the exported extenders, so they are known to work alone.
func TestExtenders(t *testing.T) {
	b, err := os.ReadFile("testdata/extenders.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Desc, Give, Want string
		Warnings         []string
	}
	if err := yaml.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	key := parser.NewContextKey()
	warn := func(pc parser.Context, off int, msg, hint string) {
		if hint == "" {
			t.Errorf("warning %q has no hint", msg)
		}
		list, _ := pc.Get(key).(*[]string)
		*list = append(*list, fmt.Sprintf("%d: %s", off, msg))
	}
	md := goldmark.New(goldmark.WithExtensions(&Admonitions{Warn: warn}, &ContentTabs{}))
	for _, c := range cases {
		t.Run(c.Desc, func(t *testing.T) {
			var got []string
			pc := parser.NewContext()
			pc.Set(key, &got)
			doc := md.Parser().Parse(text.NewReader([]byte(c.Give)), parser.WithContext(pc))
			var out bytes.Buffer
			if err := md.Renderer().Render(&out, []byte(c.Give), doc); err != nil {
				t.Fatal(err)
			}
			if out.String() != c.Want {
				t.Errorf("got:\n%s\nwant:\n%s", out.String(), c.Want)
			}
			if !reflect.DeepEqual(got, c.Warnings) {
				t.Errorf("warnings = %q, want %q", got, c.Warnings)
			}
		})
	}
}

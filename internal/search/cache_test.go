package search

import (
	"bytes"
	"testing"
)

// mapCache is a Cache in memory that counts its hits and stores.
type mapCache struct {
	m          map[[32]byte][]byte
	hits, puts int
}

func (c *mapCache) Get(k [32]byte) ([]byte, bool) {
	b, ok := c.m[k]
	if ok {
		c.hits++
	}
	return b, ok
}

func (c *mapCache) Put(k [32]byte, b []byte) error {
	c.m[k] = b
	c.puts++
	return nil
}

func TestCache(t *testing.T) {
	c := &mapCache{m: map[[32]byte][]byte{}}
	docs := fixtureDocs()
	first, err := Build(docs, Options{Cache: c})
	if err != nil {
		t.Fatal(err)
	}
	again, err := Build(fixtureDocs(), Options{Cache: c})
	if err != nil {
		t.Fatal(err)
	}
	if c.hits != 1 || c.puts != 1 {
		t.Fatalf("second build of the same docs: %d hits, %d stores; want 1 and 1", c.hits, c.puts)
	}
	if len(again.Files) != len(first.Files) || again.Docs != first.Docs || again.Terms != first.Terms {
		t.Fatalf("cached index differs: %d files %d docs %d terms, want %d %d %d",
			len(again.Files), again.Docs, again.Terms, len(first.Files), first.Docs, first.Terms)
	}
	for name, data := range first.Files {
		if !bytes.Equal(data, again.Files[name]) {
			t.Errorf("cached %s differs", name)
		}
	}

	// Any change to a document, or to an option, is a new index.
	docs[3].Text += " more"
	if _, err := Build(docs, Options{Cache: c}); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(fixtureDocs(), Options{Cache: c, MetaDocs: 3}); err != nil {
		t.Fatal(err)
	}
	if c.hits != 1 || c.puts != 3 {
		t.Fatalf("changed inputs: %d hits, %d stores; want 1 and 3", c.hits, c.puts)
	}

	// A corrupt entry is rebuilt, not trusted.
	for k, v := range c.m {
		c.m[k] = v[:len(v)/2]
	}
	ix, err := Build(fixtureDocs(), Options{Cache: c})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ix.Files["index.json"], first.Files["index.json"]) || c.puts != 4 {
		t.Fatalf("a corrupt cache entry was not rebuilt (%d stores)", c.puts)
	}
}

func TestDecodeIndexRejectsGarbage(t *testing.T) {
	good := encodeIndex(buildFixture(t, Options{}))
	for _, bad := range [][]byte{nil, {0}, good[:10], append(append([]byte{}, good...), 1), bytes.Repeat([]byte{0xff}, 20)} {
		if _, err := decodeIndex(bad); err == nil {
			t.Errorf("decodeIndex accepted %d bytes of garbage", len(bad))
		}
	}
	if _, err := decodeIndex(good); err != nil {
		t.Fatal(err)
	}
}

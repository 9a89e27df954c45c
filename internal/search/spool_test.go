package search

import (
	"bytes"
	"maps"
	"slices"
	"testing"
	"unsafe"
)

// TestSpoolGivesTheSameIndex checks that documents whose text waits in a
// Spool give the same index, byte for byte, as the same documents held in
// memory, whatever the number of workers; that Keep lets their text go; that the cache key reads spooled
// text (an index cached from memory is found for spooled documents); and
// that a spool that cannot write keeps the text in memory.
func TestSpoolGivesTheSameIndex(t *testing.T) {
	docs := syntheticDocs(400)
	// One worker here, three below: the spooled documents' excerpts are
	// read back by several at once.
	want, err := Build(slices.Clone(docs), Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	spool := func(t *testing.T, broken bool) []Doc {
		s, err := NewSpool(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		if broken {
			s.f.Close() // every write fails from here on
		}
		// Pages are spooled one at a time, in no particular order, and
		// read back in order.
		pages := make([]SpooledPage, (len(docs)+6)/7)
		for i := len(pages) - 1; i >= 0; i-- {
			pages[i] = s.Keep(slices.Clone(docs[i*7 : min(i*7+7, len(docs))]))
		}
		var kept []Doc
		for _, p := range pages {
			if kept, err = s.Docs(p, kept); err != nil {
				t.Fatal(err)
			}
		}
		for i := range kept {
			k, d := kept[i], docs[i]
			if k.URL != d.URL || k.Anchor != d.Anchor || k.PageTitle != d.PageTitle || k.Section != d.Section ||
				k.Kind != d.Kind || k.Description != d.Description || k.Keywords != d.Keywords {
				t.Fatalf("doc %d read back as %+v, want %+v", i, k, d)
			}
			if !broken && i > 0 && k.URL == kept[i-1].URL && i%7 != 0 && unsafe.StringData(k.URL) != unsafe.StringData(kept[i-1].URL) {
				t.Fatalf("doc %d: its page's URL read back again, not shared with the document before it", i)
			}
			spooled := k.Text == "" && k.Code == ""
			if had := d.Text != "" || d.Code != ""; had && spooled == broken {
				t.Fatalf("doc %d: text spooled %v with a broken spool %v", i, spooled, broken)
			}
		}
		return kept
	}
	for _, broken := range []bool{false, true} {
		got, err := Build(spool(t, broken), Options{Workers: 3})
		if err != nil {
			t.Fatal(err)
		}
		if !maps.EqualFunc(got.Files, want.Files, bytes.Equal) || got.Docs != want.Docs || got.Terms != want.Terms {
			t.Errorf("broken %v: the spooled documents' index differs from the index of the same documents in memory", broken)
		}
	}
	t.Run("cache key", func(t *testing.T) {
		c := &mapCache{m: map[[32]byte][]byte{}}
		if _, err := Build(slices.Clone(docs), Options{Cache: c}); err != nil {
			t.Fatal(err)
		}
		got, err := Build(spool(t, false), Options{Cache: c})
		if err != nil {
			t.Fatal(err)
		}
		if c.hits != 1 || !maps.EqualFunc(got.Files, want.Files, bytes.Equal) {
			t.Errorf("%d cache hits for the spooled documents, want 1 with the same files", c.hits)
		}
		changed := spool(t, false)
		changed[3].spooled.at-- // the same lengths, other text (doc 3 is spooled late: at > 0)
		if _, err := Build(changed, Options{Cache: c}); err != nil {
			t.Fatal(err)
		}
		if c.hits != 1 {
			t.Errorf("other spooled text hit the cache")
		}
	})
}

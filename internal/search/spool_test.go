package search

import (
	"bytes"
	"maps"
	"slices"
	"testing"
)

// TestSpoolGivesTheSameIndex checks that documents whose text waits in a
// Spool give the same index, byte for byte, as the same documents held in
// memory; that Keep lets their text go; that the cache key reads spooled
// text (an index cached from memory is found for spooled documents); and
// that a spool that cannot write keeps the text in memory.
func TestSpoolGivesTheSameIndex(t *testing.T) {
	docs := syntheticDocs(400)
	want, err := Build(slices.Clone(docs), Options{})
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
		kept := slices.Clone(docs)
		// Pages are spooled one at a time, in no particular order.
		for from := len(kept) - 7; from > -7; from -= 7 {
			s.Keep(kept[max(from, 0) : from+7])
		}
		for i := range kept {
			spooled := kept[i].Text == "" && kept[i].Code == ""
			if had := docs[i].Text != "" || docs[i].Code != ""; had && spooled == broken {
				t.Fatalf("doc %d: text spooled %v with a broken spool %v", i, spooled, broken)
			}
		}
		return kept
	}
	for _, broken := range []bool{false, true} {
		got, err := Build(spool(t, broken), Options{})
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

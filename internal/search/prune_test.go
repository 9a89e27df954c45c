package search

import (
	"cmp"
	"slices"
	"testing"
)

// TestPruneKeepsTheBest checks that the workers' pruning (prune) keeps
// exactly what capping each term's full postings list keeps: for every
// term, its MaxPostings best postings (score, then doc), the covers of
// those, and the document count before the cap. The reference is an index
// built with no cap, whose lists are full, capped here by sorting.
func TestPruneKeepsTheBest(t *testing.T) {
	// index keeps only excerpts of the documents it indexed: each
	// builder gets its own copy.
	docs := syntheticDocs(300)
	builder := func(opts Options) *builder {
		norm, err := normalize(docs)
		if err != nil {
			t.Fatal(err)
		}
		b := &builder{opts: opts, docs: norm}
		b.opts.defaults()
		if err := b.index(); err != nil {
			t.Fatal(err)
		}
		return b
	}
	full := builder(Options{MaxPostings: len(docs) + 1})
	for _, tc := range []struct {
		max, workers int
	}{{1, 1}, {3, 1}, {3, 2}, {10, 3}, {50, 2}, {200, 4}} {
		b := builder(Options{MaxPostings: tc.max, Workers: tc.workers})
		if !slices.Equal(b.terms, full.terms) {
			t.Fatalf("max %d, %d workers: the terms differ from the full index's", tc.max, tc.workers)
		}
		pruned := 0
		for i, term := range b.terms {
			want, wantCovs := bestOf(&full.postings[i], tc.max)
			got, gotCovs := kept(&b.postings[i])
			if b.postings[i].df != full.postings[i].df {
				t.Errorf("max %d, %d workers, term %q: df %d, want %d", tc.max, tc.workers, term, b.postings[i].df, full.postings[i].df)
			}
			if !slices.Equal(got, want) || !slices.Equal(gotCovs, wantCovs) {
				t.Errorf("max %d, %d workers, term %q: kept %v covers %v, want %v covers %v", tc.max, tc.workers, term, got, gotCovs, want, wantCovs)
			}
			if full.postings[i].df >= 2*tc.max {
				pruned++
			}
		}
		if pruned == 0 {
			t.Errorf("max %d: no term has enough postings to be pruned", tc.max)
		}
	}
}

// bestOf caps a full postings list by sorting: the max best postings, in
// doc order, and the covers of the documents kept.
func bestOf(l *plist, max int) (post, covs []uint32) {
	all, allCovs := kept(l)
	best := slices.Clone(all)
	slices.SortFunc(best, func(a, b uint32) int {
		return cmp.Or(cmp.Compare(b&0xff, a&0xff), cmp.Compare(a>>8, b>>8))
	})
	best = best[:min(max, len(best))]
	slices.SortFunc(best, func(a, b uint32) int { return cmp.Compare(a>>8, b>>8) })
	for _, c := range allCovs {
		if slices.ContainsFunc(best, func(p uint32) bool { return p>>8 == c>>8 }) {
			covs = append(covs, c)
		}
	}
	return best, covs
}

// kept lists a postings list's postings and the covers written with them.
func kept(l *plist) (post, covs []uint32) {
	for _, c := range l.cov {
		if slices.ContainsFunc(l.post, func(p uint32) bool { return p>>8 == c>>8 }) {
			covs = append(covs, c)
		}
	}
	return l.post, covs
}

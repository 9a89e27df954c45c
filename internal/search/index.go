package search

import (
	"errors"
	"slices"
	"strings"
	"sync"
)

// This file runs the workers that tokenize and score (score.go) and merges
// their postings lists into one per term, in term order. A build holds
// every term found in the site, so the lists are kept compact: packed
// integers, and never more than twice the cap of one term's postings
// (see prune).

// posting packs a document number and a byte: doc<<8 | v, the score in a
// postings list, the cover in a covers list.
func posting(doc int, v uint8) uint32 { return uint32(doc)<<8 | uint32(v) }

// plist is one term's postings, sorted by doc, and apart, in the same
// order, the covers that are not 0 of documents it may keep.
type plist struct {
	post, cov []uint32
	df        int // documents before the cap
}

// index tokenizes every document, in parallel over contiguous ranges, and
// merges the per-range postings in range order so lists stay sorted by doc.
// Each document's Text becomes the excerpt its result shows, and its Code
// "": a site's text is the largest thing a build holds, and it need not
// hold it all while it indexes. A spooled document's text is read from
// its spool and let go again: write reads it once more for the excerpt.
func (b *builder) index() error {
	if len(b.docs) >= 1<<24 {
		b.docs = b.docs[:1<<24-1]
	}
	avg := averageLengths(b.docs)
	n := b.opts.Workers
	if n > len(b.docs)/64+1 {
		n = len(b.docs)/64 + 1
	}
	workers := make([]*worker, n)
	orders := make([][]int32, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	per := (len(b.docs) + n - 1) / n
	for i := range workers {
		w := newWorker(avg, b.opts.MaxPostings)
		workers[i] = w
		from, to := i*per, min((i+1)*per, len(b.docs))
		wg.Go(func() {
			for d := from; d < to; d++ {
				doc := &b.docs[d]
				sp := doc.spooled
				if errs[i] = doc.load(); errs[i] != nil {
					return
				}
				w.add(d, doc)
				// What the index still needs of the text is its excerpt:
				// the rest can go as soon as the caller lets it. Spooled
				// text goes back to the spool, read again for the excerpt
				// when its document chunk is written.
				doc.Text, doc.Code = shown(doc, b.opts.ExcerptRunes), ""
				if sp.spool != nil {
					doc.Text, doc.spooled = "", sp
				}
			}
			orders[i] = w.sorted()
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	b.terms, b.postings = merge(workers, orders, b.opts.MaxPostings)
	return nil
}

// sorted drops the worker's dictionary and scratch, no longer needed, and
// returns its term ids in term order.
func (w *worker) sorted() []int32 {
	w.dict, w.slot, w.stats = nil, nil, nil
	order := make([]int32, len(w.terms))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, c int32) int { return strings.Compare(w.terms[a], w.terms[c]) })
	return order
}

// merge walks the workers' sorted terms together, joining each term's
// lists in worker order (which is doc order) and capping them to limit. A
// worker's lists are let go as they are merged.
func merge(workers []*worker, orders [][]int32, limit int) ([]string, []plist) {
	size := 0
	for _, o := range orders {
		size = max(size, len(o))
	}
	terms := make([]string, 0, size)
	lists := make([]plist, 0, size)
	pos := make([]int, len(workers))
	head := func(i int) (int32, bool) {
		if pos[i] == len(orders[i]) {
			return 0, false
		}
		return orders[i][pos[i]], true
	}
	for {
		var t string
		found := false
		for i, w := range workers {
			if id, ok := head(i); ok && (!found || w.terms[id] < t) {
				t, found = w.terms[id], true
			}
		}
		if !found {
			return terms, lists
		}
		var l plist
		for i, w := range workers {
			if id, ok := head(i); ok && w.terms[id] == t {
				pos[i]++
				l.join(w.post[id], w.cov[id], int(w.df[id]))
				w.post[id], w.cov[id] = nil, nil
			}
		}
		l.capTo(limit)
		terms = append(terms, t)
		lists = append(lists, l)
	}
}

// join appends a later worker's postings and covers of the term.
func (l *plist) join(post, cov []uint32, df int) {
	l.df += df
	if l.post == nil {
		l.post = post
	} else {
		l.post = append(l.post, post...)
	}
	if l.cov == nil {
		l.cov = cov
	} else if len(cov) > 0 {
		l.cov = append(l.cov, cov...)
	}
}

// capTo keeps the max best postings (highest score, then lowest doc), in
// doc order, and the covers of those.
func (l *plist) capTo(max int) {
	if len(l.post) <= max {
		return
	}
	cut, fill := cutFor(l.post, max)
	l.post = keepBest(l.post[:0], l.post, cut, &fill)
	l.cov = coversOf(l.post, l.cov)
}

// cutFor finds where the max best postings of post end: every posting
// scoring above cut is kept, and the first fill scoring cut. Scores are
// bytes, so a histogram finds the cut without sorting.
func cutFor(post []uint32, max int) (cut, fill int) {
	var hist [256]int
	for _, p := range post {
		hist[p&0xff]++
	}
	cut, above := 255, 0
	for ; cut > 0 && above+hist[cut] < max; cut-- {
		above += hist[cut]
	}
	return cut, max - above
}

// keepBest appends to out the postings of post that the cut keeps, in
// order, counting fill down. out may share post's array from its start.
func keepBest(out, post []uint32, cut int, fill *int) []uint32 {
	for _, p := range post {
		sc := int(p & 0xff)
		if sc > cut || sc == cut && *fill > 0 {
			if sc == cut {
				*fill--
			}
			out = append(out, p)
		}
	}
	return out
}

// coversOf keeps, in place, the covers of the documents in post; both are
// sorted by doc.
func coversOf(post, cov []uint32) []uint32 {
	keep := cov[:0]
	i := 0
	for _, c := range cov {
		for i < len(post) && post[i]>>8 < c>>8 {
			i++
		}
		if i < len(post) && post[i]>>8 == c>>8 {
			keep = append(keep, c)
		}
	}
	return keep
}

// prune keeps a worker's postings of one term to its max best, once they
// reach twice that, and the covers of the postings kept. The order of
// postings (score, then doc) is total, so a posting that is not among the
// best of one worker's documents is not among the best of all: what the
// index keeps in the end is the same, and a term found in most documents
// holds 2*max postings at most instead of one per document.
func prune(post, cov []uint32, max int) ([]uint32, []uint32) {
	if max <= 0 || len(post) < 2*max {
		return post, cov
	}
	l := plist{post: post, cov: cov}
	l.capTo(max)
	return l.post, l.cov
}

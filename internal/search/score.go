package search

import (
	"math"
	"strings"
)

// This file scores: a worker tokenizes documents and weighs each term in
// each document (index.go runs the workers and merges what they found).

// builder holds one Build's state.
type builder struct {
	opts Options
	docs []Doc

	terms    []string // sorted
	postings []plist  // parallel to terms
}

// averageLengths is the mean length of the documents' text, of the pages'
// descriptions and of the code of the documents that have code (1 when
// there are none), against which a field's length is judged.
func averageLengths(docs []Doc) lengths {
	var bodyTotal, descTotal, descN, codeTotal, codeN float64
	for i := range docs {
		d := &docs[i]
		text, code := d.lengths()
		bodyTotal += float64(text)
		if d.Kind == KindPage && d.Description != "" {
			descTotal += float64(len(d.Description))
			descN++
		}
		if code > 0 {
			codeTotal += float64(code)
			codeN++
		}
	}
	avg := lengths{body: 1, desc: 1, code: 1}
	if len(docs) > 0 && bodyTotal > 0 {
		avg.body = bodyTotal / float64(len(docs))
	}
	if descN > 0 {
		avg.desc = descTotal / descN
	}
	if codeN > 0 {
		avg.code = codeTotal / codeN
	}
	return avg
}

// lengths are the average body, description and code lengths, in bytes
// (code: of the documents that have code).
type lengths struct{ body, desc, code float64 }

// worker tokenizes documents into its own term dictionary.
type worker struct {
	avg   lengths
	dict  map[string]int32
	terms []string
	post  [][]uint32 // by local term id: doc<<8 | score, pruned (see prune)
	df    []int32    // by local term id: documents, before pruning
	max   int        // Options.MaxPostings
	cov   [][]uint32 // by local term id: doc<<8 | cover, cover not 0
	// per-document scratch: slot[local id] is the index in stats, or -1.
	slot    []int32
	stats   []stat
	scratch []termShare
	// the last page title seen and its terms' shares
	title       string
	titleShares []termShare
}

// termShare is a term's share of a short text (a title or heading).
type termShare struct {
	term  string
	share float64
}

// shares appends to out every term of a short text with its share: the
// term's share of its word, divided by the number of words.
func (w *worker) shares(text string, out []termShare) []termShare {
	from, n := len(out), 0
	eachWord(text, func(word *Word) {
		n++
		each(word, func(_ *Word, t string, share float64) { out = append(out, termShare{t, share}) })
	})
	for i := from; i < len(out); i++ {
		out[i].share /= float64(n)
	}
	return out
}

// stat is what one document says about one term.
type stat struct {
	id          int32
	title, head float64 // shares of the title and heading
	keywords    float64 // share of the keywords
	body, desc  float64 // weighted counts
	code        float64 // weighted count in code blocks
}

func newWorker(avg lengths, max int) *worker {
	return &worker{avg: avg, max: max, dict: map[string]int32{}}
}

// term returns the stat of t in the current document.
func (w *worker) term(t string) *stat {
	id, ok := w.dict[t]
	if !ok {
		// A copy: t may be part of a document's text, kept no longer.
		t = strings.Clone(t)
		id = int32(len(w.terms))
		w.dict[t] = id
		w.terms = append(w.terms, t)
		w.post = append(w.post, nil)
		w.df = append(w.df, 0)
		w.cov = append(w.cov, nil)
		w.slot = append(w.slot, -1)
	}
	if s := w.slot[id]; s >= 0 {
		return &w.stats[s]
	}
	w.slot[id] = int32(len(w.stats))
	w.stats = append(w.stats, stat{id: id})
	return &w.stats[len(w.stats)-1]
}

// eachTerm calls fn for every term of every word of s with the term's
// share of its word: 1 for the whole and joined forms, leaves/word-leaves
// for a part.
func eachTerm(s string, fn func(w *Word, term string, share float64)) {
	eachWord(s, func(w *Word) { each(w, fn) })
}

func each(w *Word, fn func(w *Word, term string, share float64)) {
	if len(w.Whole) > maxTermBytes {
		return
	}
	fn(w, w.Whole, 1)
	if len(w.Parts) == 0 {
		return
	}
	leaves := float64(len(w.Leaves))
	for _, p := range w.Parts {
		if p == w.Whole {
			continue
		}
		if contains(w.Leaves, p) {
			fn(w, p, 1/leaves)
		} else {
			fn(w, p, float64(humps(p, w.Leaves))/leaves)
		}
	}
	if w.Joined != "" && w.Joined != w.Whole && !contains(w.Parts, w.Joined) {
		fn(w, w.Joined, 1)
	}
}

// humps counts the leaves a segment is made of (ratelimit: rate, limit).
func humps(seg string, leaves []string) int {
	n := 0
	rest := seg
	for _, l := range leaves {
		if len(rest) >= len(l) && rest[:len(l)] == l {
			rest = rest[len(l):]
			n++
			if rest == "" {
				return n
			}
		} else if n > 0 {
			break
		}
	}
	if n == 0 {
		return 1
	}
	return n
}

// add tokenizes document d and appends its postings.
func (w *worker) add(d int, doc *Doc) {
	w.stats = w.stats[:0]
	page := doc.Kind == KindPage
	// A page's title is tokenized once for all its documents, which are
	// neighbours.
	if doc.PageTitle != w.title || w.titleShares == nil {
		w.title = doc.PageTitle
		w.titleShares = w.shares(doc.PageTitle, w.titleShares[:0])
	}
	for _, ts := range w.titleShares {
		w.term(ts.term).title += ts.share
	}
	if page {
		eachTerm(doc.Description, func(_ *Word, t string, share float64) { w.term(t).desc += share })
	} else {
		w.scratch = w.shares(doc.Section, w.scratch[:0])
		for _, ts := range w.scratch {
			w.term(ts.term).head += ts.share
		}
	}
	if doc.Keywords != "" {
		w.scratch = w.shares(doc.Keywords, w.scratch[:0])
		for _, ts := range w.scratch {
			w.term(ts.term).keywords += ts.share
		}
	}
	eachTerm(doc.Text, func(_ *Word, t string, share float64) { w.term(t).body += share })
	eachTerm(doc.Code, func(_ *Word, t string, share float64) { w.term(t).code += share })

	bodyRatio := float64(len(doc.Text)) / w.avg.body
	descRatio := float64(len(doc.Description)) / w.avg.desc
	codeRatio := float64(len(doc.Code)) / w.avg.code
	kindMul := 1.0
	if doc.Kind == KindError || doc.Kind == KindStatus {
		kindMul = 1.25
	}
	for i := range w.stats {
		s := &w.stats[i]
		w.slot[s.id] = -1
		raw := 3*saturate(s.body, bodyRatio)*kindMul + 3.5*share(s.keywords)
		cover := s.head
		if page {
			raw += 9*share(s.title) + 4*saturate(s.desc, descRatio)
			cover = s.title
		} else {
			raw += 8*share(s.head) + 2*share(s.title)
		}
		w.post[s.id] = append(w.post[s.id], posting(d, quantize(withCode(raw*8, saturate(s.code, codeRatio)))))
		w.df[s.id]++
		if c := quantize(cover * 255); c > 0 {
			w.cov[s.id] = append(w.cov[s.id], posting(d, c))
		}
		w.post[s.id], w.cov[s.id] = prune(w.post[s.id], w.cov[s.id], w.max)
	}
}

// Code bands of a posting's score (a byte): a term found only in code
// blocks scores below codeBand, one found in any other field at least
// codeBand above what that field gives, so code never outranks prose, a
// heading or a title for the same term.
const (
	codeBand     = 4
	scoreVersion = 2 // bump when scores change: cached indexes are rebuilt
)

// withCode adds the code blocks' part, code (between 0 and 1), to v, the
// score of the other fields (0 when the term is in none of them).
func withCode(v, code float64) float64 {
	if v > 0 {
		v += codeBand
	}
	return v + (codeBand-1)*code
}

// share turns a term's share of a title or heading into its weight: the
// square root, so one word of a four-word heading counts half as much as a
// one-word heading, not a quarter.
func share(v float64) float64 { return math.Sqrt(math.Min(v, 1)) }

// quantize rounds v to a byte, keeping anything above zero above zero.
func quantize(v float64) uint8 {
	switch {
	case v <= 0:
		return 0
	case v < 1:
		return 1
	case v >= 255:
		return 255
	}
	return uint8(math.Round(v))
}

// saturate is BM25's term-frequency part, between 0 and 1: repeats count
// less and less, and long texts count a repeat less than short ones.
func saturate(tf, lengthRatio float64) float64 {
	if tf == 0 {
		return 0
	}
	return tf / (tf + 1.2*(0.25+0.75*lengthRatio))
}

// idfWeight is a term's rarity weight, stored with the term: 100 plus a
// damped inverse document frequency, so a rare word counts more in a
// query of several words without drowning where a common word appears.
func idfWeight(docs, df int) int {
	return 100 + int(math.Round(40*math.Log(1+float64(docs)/float64(df))))
}

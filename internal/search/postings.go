package search

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
)

// This file encodes one term's postings for a postings chunk, and decodes
// them (search.js holds the same decoder).
//
// An entry is ["term","numbers"]. The numbers are written in base-64
// digits (numDigits): each digit carries five bits of a number, most
// significant first, and digits 32 to 63 say that more follow, so a number
// under 32 takes one digit and one under 1,024 two. They are, in order:
//
//	df, weight, n (the postings kept), k (the distinct pairs)
//	k pairs: score, cover       the (score, cover) pairs of the postings, most frequent first
//	n doc deltas                the documents, each after the one before
//	n pair numbers              each posting's pair
//
// A posting's score and cover are coded together: a term's postings share
// a few pairs, so one small number per posting compresses far better than
// two numbers or a list of covers (on the 100,000-page corpus, the worst
// first query's postings chunks are 12.4 KB compressed; 15.7 KB as JSON
// arrays of decimal numbers). The chunk is a JSON array of entries.

// numDigits are the digits of the numbers of a postings entry: letters,
// digits, '-' and '_', none of which JSON escapes.
const numDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// appendNum appends v >= 0 in numDigits.
func appendNum(buf []byte, v int) []byte {
	n := 1
	for x := v >> 5; x > 0; x >>= 5 {
		n++
	}
	for i := n - 1; i >= 0; i-- {
		d := v >> (5 * i) & 31
		if i > 0 {
			d |= 32
		}
		buf = append(buf, numDigits[d])
	}
	return buf
}

// digitValue returns the value of a digit of numDigits, or -1.
func digitValue(c byte) int {
	switch {
	case c >= 'A' && c <= 'Z':
		return int(c - 'A')
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 26
	case c >= '0' && c <= '9':
		return int(c-'0') + 52
	case c == '-':
		return 62
	case c == '_':
		return 63
	}
	return -1
}

// termEncoder writes postings entries, reusing its scratch space.
type termEncoder struct {
	pairs   []uint32 // each posting's score<<8 | cover
	counts  []int32  // by pair: the postings that have it, then its number
	palette []uint32
	scratch []byte
}

// appendTerm appends the entry of term t, with postings l and rarity
// weight w.
func (e *termEncoder) appendTerm(buf []byte, t string, l *plist, w int) []byte {
	e.pairs = e.pairs[:0]
	covs := l.cov
	for _, p := range l.post {
		d := p >> 8
		for len(covs) > 0 && covs[0]>>8 < d {
			covs = covs[1:]
		}
		var cover uint32
		if len(covs) > 0 && covs[0]>>8 == d {
			cover = covs[0] & 0xff
		}
		e.pairs = append(e.pairs, (p&0xff)<<8|cover)
	}
	if e.counts == nil {
		e.counts = make([]int32, 1<<16)
	}
	e.palette = e.palette[:0]
	for _, pr := range e.pairs {
		if e.counts[pr] == 0 {
			e.palette = append(e.palette, pr)
		}
		e.counts[pr]++
	}
	slices.SortFunc(e.palette, func(a, b uint32) int {
		if ca, cb := e.counts[a], e.counts[b]; ca != cb {
			return int(cb - ca)
		}
		return int(a) - int(b)
	})
	buf = append(buf, '[')
	buf = appendString(buf, t)
	buf = append(buf, ',', '"')
	buf = appendNum(buf, l.df)
	buf = appendNum(buf, w)
	buf = appendNum(buf, len(l.post))
	buf = appendNum(buf, len(e.palette))
	for i, pr := range e.palette {
		buf = appendNum(buf, int(pr>>8))
		buf = appendNum(buf, int(pr&0xff))
		e.counts[pr] = int32(i) // from here on, the pair's number
	}
	prev := 0
	for _, p := range l.post {
		buf = appendNum(buf, int(p>>8)-prev)
		prev = int(p >> 8)
	}
	for _, pr := range e.pairs {
		buf = appendNum(buf, int(e.counts[pr]))
	}
	for _, pr := range e.palette {
		e.counts[pr] = 0
	}
	return append(buf, '"', ']')
}

// weight is what term t's entry adds to its chunk's size: the bytes it
// took when chunks held their numbers as JSON arrays (format 2),
//
//	["term",df,weight,[doc deltas],[scores],[position delta,cover,...]]
//
// Chunks are cut where they were then, so every query reads the same
// chunks and finds the same terms as it did.
func (e *termEncoder) weight(t string, l *plist, w int) int {
	e.scratch = appendString(e.scratch[:0], t)
	n := 13 + len(e.scratch) + decLen(l.df) + decLen(w) // 13: [ , , ,[ ],[ ],[ ]]
	if len(l.post) > 0 {
		n += 2 * (len(l.post) - 1) // the commas of deltas and scores
	}
	prev, at, pairs := 0, 0, 0
	covs := l.cov
	for j, p := range l.post {
		d := int(p >> 8)
		n += decLen(d-prev) + decLen(int(p&0xff))
		prev = d
		for len(covs) > 0 && int(covs[0]>>8) < d {
			covs = covs[1:]
		}
		if len(covs) > 0 && int(covs[0]>>8) == d {
			n += decLen(j-at) + 1 + decLen(int(covs[0]&0xff))
			if pairs > 0 {
				n++
			}
			at = j
			pairs++
		}
	}
	return n
}

// decLen is the number of decimal digits of v >= 0.
func decLen(v int) int {
	n := 1
	for ; v >= 10; v /= 10 {
		n++
	}
	return n
}

// entry is one term of a postings chunk, decoded.
type entry struct {
	term   string
	df, w  int
	docs   []int
	scores []int
	covers []int
}

func (e *entry) UnmarshalJSON(b []byte) error {
	var raw []string
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if len(raw) != 2 {
		return fmt.Errorf("postings entry has %d fields, want 2", len(raw))
	}
	e.term = raw[0]
	nums, err := readNums(raw[1])
	if err != nil {
		return fmt.Errorf("term %q: %w", e.term, err)
	}
	next := func() int {
		if len(nums) == 0 {
			err = fmt.Errorf("term %q: postings cut short", e.term)
			return 0
		}
		v := nums[0]
		nums = nums[1:]
		return v
	}
	e.df, e.w = next(), next()
	n, k := next(), next()
	if err == nil && (n > len(nums) || 2*k > len(nums)) {
		return fmt.Errorf("term %q: %d postings and %d pairs in %d numbers", e.term, n, k, len(nums))
	}
	scores, covers := make([]int, k), make([]int, k)
	for i := range k {
		scores[i], covers[i] = next(), next()
	}
	e.docs, e.scores, e.covers = make([]int, n), make([]int, n), make([]int, n)
	d := 0
	for i := range n {
		d += next()
		e.docs[i] = d
	}
	for i := range n {
		p := next()
		if p >= k {
			return fmt.Errorf("term %q: pair %d of %d", e.term, p, k)
		}
		e.scores[i], e.covers[i] = scores[p], covers[p]
	}
	if err == nil && len(nums) > 0 {
		err = fmt.Errorf("term %q: %d numbers too many", e.term, len(nums))
	}
	return err
}

// readNums decodes a string of numbers written by appendNum.
func readNums(s string) ([]int, error) {
	var out []int
	v := 0
	for i := 0; i < len(s); i++ {
		d := digitValue(s[i])
		if d < 0 {
			return nil, fmt.Errorf("bad digit %s in postings", strconv.QuoteRune(rune(s[i])))
		}
		if v >= 1<<40 {
			return nil, fmt.Errorf("number too large in postings")
		}
		v = v<<5 | d&31
		if d < 32 {
			out = append(out, v)
			v = 0
		}
	}
	if v != 0 || len(s) > 0 && digitValue(s[len(s)-1]) >= 32 {
		return nil, fmt.Errorf("postings end inside a number")
	}
	return out, nil
}

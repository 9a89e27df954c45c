package highlight

import (
	"unicode"

	"github.com/dlclark/regexp2/v2/syntax"
)

// startSet is what fastLexer knows of the runes a rule's match can begin
// with: ASCII runes by a bitmap; any other rune may always begin one.
// always is set when the pattern can match the empty string (a rule that
// only changes state) or when the analysis cannot tell.
type startSet struct {
	always bool
	ascii  [2]uint64
}

// can reports whether a match can begin with r.
func (s *startSet) can(r rune) bool {
	return s.always || r >= utf8RuneSelf || s.ascii[r>>6]&(1<<(r&63)) != 0
}

const utf8RuneSelf = 0x80

// startsOf returns the start set of a regexp2 pattern. It errs on the side
// of trying a rule: every assertion (^, $, \b, lookaround) counts as if it
// matched, and back references and conditionals give always.
func startsOf(pattern string) startSet {
	tree, err := syntax.Parse(pattern, syntax.ParseOptions{})
	if err != nil {
		return startSet{always: true}
	}
	var s startSet
	if s.first(tree.Root) || s.always {
		return startSet{always: true}
	}
	return s
}

// add adds the ASCII runes for which in holds: under IgnoreCase, those
// any of whose case forms it holds for.
func (s *startSet) add(n *syntax.RegexNode, in func(rune) bool) {
	fold := n.Options&syntax.IgnoreCase != 0
	for c := rune(0); c < utf8RuneSelf; c++ {
		ok := in(c)
		for f := unicode.SimpleFold(c); fold && !ok && f != c; f = unicode.SimpleFold(f) {
			ok = in(f)
		}
		if fold && !ok {
			ok = in(unicode.ToLower(c)) || in(unicode.ToUpper(c)) || in(unicode.ToTitle(c))
		}
		if ok {
			s.ascii[c>>6] |= 1 << (c & 63)
		}
	}
}

// first adds to s the runes a match of n can begin with and reports
// whether n can match the empty string, or might; it sets s.always for a
// node whose first rune it cannot tell.
func (s *startSet) first(n *syntax.RegexNode) (empty bool) {
	switch n.T {
	case syntax.NtOne:
		s.add(n, func(r rune) bool { return r == n.Ch })
		return false
	case syntax.NtOneloop, syntax.NtOnelazy, syntax.NtOneloopatomic:
		s.add(n, func(r rune) bool { return r == n.Ch })
		return n.M == 0
	case syntax.NtNotone:
		s.add(n, func(r rune) bool { return r != n.Ch })
		return false
	case syntax.NtNotoneloop, syntax.NtNotonelazy, syntax.NtNotoneloopatomic:
		s.add(n, func(r rune) bool { return r != n.Ch })
		return n.M == 0
	case syntax.NtSet:
		if n.Set == nil {
			return true
		}
		s.add(n, n.Set.CharIn)
		return false
	case syntax.NtSetloop, syntax.NtSetlazy, syntax.NtSetloopatomic:
		if n.Set == nil {
			return true
		}
		s.add(n, n.Set.CharIn)
		return n.M == 0
	case syntax.NtMulti:
		if len(n.Str) == 0 {
			return true
		}
		c := n.Str[0]
		s.add(n, func(r rune) bool { return r == c })
		return false
	case syntax.NtNothing:
		return false
	case syntax.NtEmpty, syntax.NtBol, syntax.NtEol, syntax.NtBoundary, syntax.NtNonboundary,
		syntax.NtBeginning, syntax.NtStart, syntax.NtEndZ, syntax.NtEnd,
		syntax.NtECMABoundary, syntax.NtNonECMABoundary, syntax.NtPosLook, syntax.NtNegLook,
		syntax.NtUpdateBumpalong, syntax.NtResetCapture:
		return true // matches no rune: what follows it begins the match
	case syntax.NtAlternate:
		empty := false
		for _, c := range n.Children {
			if s.first(c) {
				empty = true
			}
		}
		return empty
	case syntax.NtConcatenate:
		for _, c := range n.Children {
			if !s.first(c) {
				return false
			}
		}
		return true
	case syntax.NtLoop, syntax.NtLazyloop:
		if len(n.Children) != 1 {
			return true
		}
		return s.first(n.Children[0]) || n.M == 0
	case syntax.NtCapture, syntax.NtGroup, syntax.NtAtomic:
		if len(n.Children) != 1 {
			return true
		}
		return s.first(n.Children[0])
	}
	// A back reference can match whatever its group took, wherever that
	// was; conditionals and anything newer are not analysed: always try.
	s.always = true
	return true
}

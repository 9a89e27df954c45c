package highlight

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/dlclark/regexp2/v2"
)

// A chroma regex lexer tokenises by trying, at each position, every rule of
// the current state in order until one matches. A Python block tries about
// 28 rules per token, and each try is a whole regexp2 call (a runner from a
// pool, a Match and its text allocated, a timeout clock read) even when the
// rule's first character cannot be the one at that position: that was most
// of a build's time in chroma.
//
// fastLexer runs the same rules, compiled the same way, with the same
// mutators and emitters, so it gives the same tokens (TestFastLexer and
// FuzzFastLexer compare it with chroma's own lexer), but it skips a rule
// whose pattern cannot start with the rune at the position (startSet) and
// matches through regexp2's allocation-free FindRunesMatches.

// fastLexer is a chroma.Lexer with the rules of a chroma.RegexLexer.
type fastLexer struct {
	lx    *chroma.RegexLexer
	rules chroma.CompiledRules
	// info holds each state's rules as compiled, in their order, with
	// what the matcher needs of each.
	info map[string][]ruleInfo
}

// ruleInfo is what the matcher keeps of a compiled rule.
type ruleInfo struct {
	rule   *chroma.CompiledRule
	starts startSet
	// nums and names are the pattern's group numbers, in the order chroma
	// lists a match's groups, and each group's name.
	nums  []int
	names []string
}

// matchTimeout is the time chroma gives each rule's match.
const matchTimeout = 250 * time.Millisecond

// newFastLexer compiles lx's rules as chroma does: each pattern anchored at
// the position (\G) under the lexer's flags, then the rules that change
// the rule set (Include, Combined) applied until none is left.
func newFastLexer(lx *chroma.RegexLexer) (*fastLexer, error) {
	raw, err := lx.Rules()
	if err != nil {
		return nil, err
	}
	cfg := lx.Config()
	flags := ""
	if !cfg.NotMultiline {
		flags += "m"
	}
	if cfg.CaseInsensitive {
		flags += "i"
	}
	if cfg.DotAll {
		flags += "s"
	}
	f := &fastLexer{lx: lx, rules: chroma.CompiledRules{}, info: map[string][]ruleInfo{}}
	known := map[*chroma.CompiledRule]ruleInfo{}
	for state, rules := range raw {
		f.rules[state] = nil
		for _, r := range rules {
			pattern := "(?:" + r.Pattern + ")"
			if flags != "" {
				pattern = "(?" + flags + ")" + pattern
			}
			pattern = `\G` + pattern
			re, err := regexp2.Compile(pattern)
			if err != nil {
				return nil, fmt.Errorf("%s: rule %s: %w", cfg.Name, state, err)
			}
			re.MatchTimeout = matchTimeout
			cr := &chroma.CompiledRule{Rule: r, Regexp: re}
			known[cr] = newRuleInfo(cr, startsOf(pattern))
			f.rules[state] = append(f.rules[state], cr)
		}
	}
restart:
	seen := map[chroma.LexerMutator]bool{}
	for state := range f.rules {
		for i := range len(f.rules[state]) {
			m, ok := f.rules[state][i].Mutator.(chroma.LexerMutator)
			if !ok {
				continue
			}
			if seen[m] {
				return nil, fmt.Errorf("%s: mutator %T seen twice", cfg.Name, m)
			}
			seen[m] = true
			if err := m.MutateLexer(f.rules, state, i); err != nil {
				return nil, fmt.Errorf("%s: %w", cfg.Name, err)
			}
			goto restart
		}
	}
	for state, rules := range f.rules {
		infos := make([]ruleInfo, len(rules))
		for i, r := range rules {
			infos[i] = known[r]
			if infos[i].rule == nil {
				infos[i] = newRuleInfo(r, startSet{always: true})
			}
		}
		f.info[state] = infos
	}
	return f, nil
}

func newRuleInfo(r *chroma.CompiledRule, starts startSet) ruleInfo {
	ri := ruleInfo{rule: r, starts: starts, nums: r.Regexp.GetGroupNumbers()}
	ri.names = make([]string, len(ri.nums))
	for i, n := range ri.nums {
		ri.names[i] = r.Regexp.GroupNameFromNumber(n)
	}
	return ri
}

// Config, SetRegistry, SetAnalyser and AnalyseText are the chroma lexer's.
func (f *fastLexer) Config() *chroma.Config { return f.lx.Config() }

func (f *fastLexer) SetRegistry(r *chroma.LexerRegistry) chroma.Lexer {
	f.lx.SetRegistry(r)
	return f
}

func (f *fastLexer) SetAnalyser(a func(string) float32) chroma.Lexer {
	f.lx.SetAnalyser(a)
	return f
}

func (f *fastLexer) AnalyseText(text string) float32 { return f.lx.AnalyseText(text) }

// Tokenise prepares text as chroma's RegexLexer.Tokenise does and returns
// the iterator over its tokens.
func (f *fastLexer) Tokenise(opts *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	if opts == nil {
		opts = &chroma.TokeniseOptions{State: "root", EnsureLF: true}
	}
	if opts.EnsureLF {
		text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	}
	added := false
	if !opts.Nested && f.lx.Config().EnsureNL && !strings.HasSuffix(text, "\n") {
		text += "\n"
		added = true
	}
	l := &lexing{f: f, root: opts.State, LexerState: &chroma.LexerState{
		// The lexers chroma looks up are in its global registry, which
		// Using and UsingByGroup look other languages up in.
		Registry: lexers.GlobalLexerRegistry,
		// Nested lexing (UsingSelf) goes through chroma's own lexer.
		Lexer:          f.lx,
		Text:           []rune(text),
		Stack:          []string{opts.State},
		Rules:          f.rules,
		MutatorContext: map[any]any{},
	}}
	l.end = len(l.Text)
	if added {
		l.end--
	}
	return l.next, nil
}

// lexing is one Tokenise: chroma's LexerState, which mutators and emitters
// act on, and the iterators emitters returned, innermost last.
type lexing struct {
	*chroma.LexerState
	f     *fastLexer
	root  string // the state to fall back to at an unmatched newline
	end   int    // the end of the text, before a newline Tokenise added
	stack []chroma.Iterator
	// groups and named are the last match's groups, as a list and by
	// name: one of each for a whole Tokenise, where chroma makes new ones
	// for every match. Whatever an emitter or mutator does with them is
	// done before the next match: next drains every emitted iterator
	// first.
	groups []string
	named  map[string]string
}

// next is chroma's LexerState.Iterator with the matcher below.
func (l *lexing) next() chroma.Token {
	for l.Pos < l.end && len(l.Stack) > 0 {
		if t, ok := l.drain(); ok {
			return t
		}
		l.State = l.Stack[len(l.Stack)-1]
		rules, ok := l.Rules[l.State]
		if !ok {
			panic("unknown state " + l.State)
		}
		index, rule, groups, named := l.match(rules)
		if groups == nil {
			// As chroma (after Pygments): an unmatched newline outside the
			// root state empties the stack, so an unclosed string ends at
			// the end of its line.
			if l.Text[l.Pos] == '\n' && l.State != l.root {
				l.Stack = []string{l.root}
				continue
			}
			l.Pos++
			return chroma.Token{Type: chroma.Error, Value: string(l.Text[l.Pos-1 : l.Pos])}
		}
		l.Rule = index
		l.Groups = groups
		l.NamedGroups = named
		l.Pos += utf8.RuneCountInString(groups[0])
		if rule.Mutator != nil {
			if err := rule.Mutator.Mutate(l.LexerState); err != nil {
				panic(err)
			}
		}
		if rule.Type != nil {
			l.stack = append(l.stack, rule.Type.Emit(l.Groups, l.LexerState))
		}
	}
	if t, ok := l.drain(); ok {
		return t
	}
	if l.Pos != len(l.Text) && len(l.Stack) == 0 {
		v := string(l.Text[l.Pos:])
		l.Pos = len(l.Text)
		return chroma.Token{Type: chroma.Error, Value: v}
	}
	return chroma.EOF
}

// drain returns the next token of the innermost emitted iterator that has
// one, dropping the exhausted ones.
func (l *lexing) drain() (chroma.Token, bool) {
	for len(l.stack) > 0 {
		n := len(l.stack) - 1
		t := l.stack[n]()
		if t.Type == chroma.Ignore {
			continue
		}
		if t == chroma.EOF {
			l.stack = l.stack[:n]
			continue
		}
		return t, true
	}
	return chroma.Token{}, false
}

// match finds the first of rules that matches at l.Pos, as chroma's
// matchRules does, and returns its index, the rule, its groups and its
// groups by name; groups is nil when none matches.
func (l *lexing) match(rules []*chroma.CompiledRule) (int, *chroma.CompiledRule, []string, map[string]string) {
	infos := l.f.info[l.State]
	r := l.Text[l.Pos]
	for i, rule := range rules {
		var info *ruleInfo
		if i < len(infos) && infos[i].rule == rule {
			info = &infos[i]
		} else {
			// A mutator changed the rules while lexing (Raku does).
			ri := newRuleInfo(rule, startSet{always: true})
			info = &ri
		}
		if !info.starts.can(r) {
			continue
		}
		matched := false
		err := rule.Regexp.FindRunesMatches(l.Text, l.Pos, func(m regexp2.MatchView) bool {
			if at, _, ok := m.GroupRange(0); !ok || at != l.Pos {
				return false
			}
			matched = true
			l.groups = slices.Grow(l.groups[:0], len(info.nums))[:len(info.nums)]
			if l.named == nil {
				l.named = make(map[string]string, len(info.nums))
			}
			clear(l.named)
			for j, n := range info.nums {
				l.groups[j] = ""
				if at, n, ok := m.GroupRange(n); ok {
					l.groups[j] = string(l.Text[at : at+n])
				}
				l.named[info.names[j]] = l.groups[j]
			}
			return false
		})
		if err == nil && matched {
			return i, rule, l.groups, l.named
		}
	}
	return 0, nil, nil, nil
}

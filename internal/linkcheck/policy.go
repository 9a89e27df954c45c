package linkcheck

import (
	"path"
	"regexp"
	"strings"
)

// Patterns are path patterns (site.yaml links: ignore:): * matches within
// one path segment, ** across segments, ? one character. A pattern that
// starts with / is a site path (/vendor/**); any other is a path in the
// content folder (vendor/**.md).
type Patterns struct {
	site, content []*regexp.Regexp
}

// CompilePatterns compiles pats; every pattern is valid (there is no
// syntax to get wrong: other characters match themselves).
func CompilePatterns(pats []string) Patterns {
	var p Patterns
	for _, s := range pats {
		re := regexp.MustCompile("^" + globToRegexp(strings.TrimPrefix(s, "/")) + "$")
		if strings.HasPrefix(s, "/") {
			p.site = append(p.site, re)
		} else {
			p.content = append(p.content, re)
		}
	}
	return p
}

func globToRegexp(g string) string {
	var b strings.Builder
	for i := 0; i < len(g); i++ {
		switch {
		case strings.HasPrefix(g[i:], "**"):
			b.WriteString(".*")
			i++
		case g[i] == '*':
			b.WriteString("[^/]*")
		case g[i] == '?':
			b.WriteString("[^/]")
		default:
			b.WriteString(regexp.QuoteMeta(g[i : i+1]))
		}
	}
	return b.String()
}

// matches reports whether link r is ignored: its target's site path or
// its page's content path matches a pattern.
func (p Patterns) matches(target string, r Ref) bool {
	if len(p.site)+len(p.content) == 0 {
		return false
	}
	t := target
	if i := strings.IndexAny(t, "?#"); i >= 0 {
		t = t[:i]
	}
	if !strings.HasPrefix(t, "/") && isRelative(t) && r.From != "" {
		t = path.Join(path.Dir(r.From+"x"), t) // as a browser reads it
	}
	t = strings.TrimPrefix(t, "/")
	for _, re := range p.site {
		if re.MatchString(t) {
			return true
		}
	}
	for _, re := range p.content {
		if r.FromPath != "" && re.MatchString(r.FromPath) {
			return true
		}
	}
	return false
}

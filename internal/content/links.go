package content

import (
	"strings"

	"docsgen/internal/diag"
)

// LinkPolicy is site.yaml's links: setting, how internal links are checked:
//
//	links:
//	  ignore: [/vendor/**, legacy/*.md]
//	  broken: warn
type LinkPolicy struct {
	// Ignore lists path patterns whose links are not checked: a link is
	// skipped when its target's site path (/vendor/api/) or the content
	// path of the page it is on (vendor/api.md) matches one. * matches
	// within one path segment, ** across segments. Default none.
	Ignore []string `yaml:"ignore"`
	// Broken is "error" (the default: a broken link fails the build) or
	// "warn" (it is reported and the build goes on).
	Broken string `yaml:"broken"`
}

// check reports a broken: value other than error or warn, at its line.
func (p *LinkPolicy) check(file string, src []byte) diag.List {
	switch p.Broken {
	case "", "error", "warn":
		return nil
	}
	line, col := nestedKeyPosition(src, "broken")
	bad := p.Broken
	p.Broken = ""
	return diag.List{diag.Errorf(file, line, col, "links: broken: %q is not a choice", bad).
		WithHint("write broken: error (a broken link fails the build) or broken: warn")}
}

// nestedKeyPosition finds the first line of src holding key: (indented or
// not), for positions of nested settings; 1:1 if none.
func nestedKeyPosition(src []byte, key string) (int, int) {
	for i, l := range strings.Split(string(src), "\n") {
		t := strings.TrimLeft(l, " ")
		if strings.HasPrefix(t, key+":") {
			return i + 1, len(l) - len(t) + 1
		}
	}
	return 1, 1
}

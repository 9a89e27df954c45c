package content

import "docsgen/internal/strictyaml"

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
	Ignore []string
	// Broken is "error" (the default: a broken link fails the build) or
	// "warn" (it is reported and the build goes on).
	Broken string
}

// linkPolicyKeys is how site.yaml's links: mapping is read.
var linkPolicyKeys = strictyaml.Mapping{
	What: "site setting links:", Key: "links setting", Known: []string{"ignore", "broken"},
	Takes: map[string]string{"ignore": "a list of path patterns", "broken": "error or warn"},
}

// linkPolicy reads site.yaml's links: setting; a broken: value other than
// error or warn is an error at its position.
func linkPolicy(d *strictyaml.Decoder, o *strictyaml.Object) LinkPolicy {
	n := o.Value("links", false)
	if n == nil {
		return LinkPolicy{}
	}
	lo, ok := d.Mapping(n, linkPolicyKeys)
	if !ok {
		return LinkPolicy{}
	}
	var p LinkPolicy
	p.Ignore, _ = lo.Strings("ignore")
	broken, at := lo.Text("broken")
	switch broken {
	case "", "error", "warn":
		p.Broken = broken
	default:
		d.Add(at.Errorf("links: broken: %q is not a choice", broken).
			WithHint("write broken: error (a broken link fails the build) or broken: warn"))
	}
	return p
}

package site

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"

	"docsgen/templates"
)

// netlifyConfig is the part of netlify.toml this project relies on.
type netlifyConfig struct {
	Build struct {
		Command     string            `toml:"command"`
		Publish     string            `toml:"publish"`
		Environment map[string]string `toml:"environment"`
	} `toml:"build"`
	Plugins []struct {
		Package string `toml:"package"`
		Inputs  struct {
			Paths []string `toml:"paths"`
		} `toml:"inputs"`
	} `toml:"plugins"`
	Headers []struct {
		For    string            `toml:"for"`
		Values map[string]string `toml:"values"`
	} `toml:"headers"`
}

func TestNetlifyConfig(t *testing.T) {
	data, err := os.ReadFile("../../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	var cfg netlifyConfig
	if err := toml.Unmarshal(data, &cfg); err != nil {
		t.Fatalf("netlify.toml does not parse: %v", err)
	}
	if !strings.HasPrefix(cfg.Build.Command, "make build") || cfg.Build.Publish != "build" {
		t.Errorf("build command %q, publish %q", cfg.Build.Command, cfg.Build.Publish)
	}
	gomod, _ := os.ReadFile("../../go.mod")
	goLine := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(gomod)
	if v := cfg.Build.Environment["GO_VERSION"]; goLine == nil || v != string(goLine[1]) {
		t.Errorf("GO_VERSION %q is not pinned to go.mod's go %s", v, goLine[1])
	}
	cacheDir := cfg.Build.Environment["DOCSGEN_CACHE_DIR"]
	kept := false
	for _, p := range cfg.Plugins {
		if p.Package == "netlify-plugin-cache" && len(p.Inputs.Paths) == 1 && p.Inputs.Paths[0] == cacheDir {
			kept = true
		}
	}
	if cacheDir == "" || !kept {
		t.Errorf("the render cache (DOCSGEN_CACHE_DIR %q) is not kept between deploys by netlify-plugin-cache", cacheDir)
	}
	rules := map[string]map[string]string{}
	for _, h := range cfg.Headers {
		rules[h.For] = h.Values
	}
	all, assets := rules["/*"], rules["/assets/*"]
	if all == nil || assets == nil {
		t.Fatalf("want header rules for /* and /assets/*, have %v", rules)
	}
	csp := all["Content-Security-Policy"]
	if csp != templates.ContentSecurityPolicy {
		t.Errorf("netlify.toml's CSP differs from templates.ContentSecurityPolicy (which serve sends):\n%s\n%s", csp, templates.ContentSecurityPolicy)
	}
	directives := map[string]string{}
	for _, d := range strings.Split(csp, ";") {
		f := strings.Fields(d)
		if len(f) > 0 {
			directives[f[0]] = strings.Join(f[1:], " ")
		}
	}
	if s := directives["script-src"]; strings.Contains(s, "unsafe-inline") || strings.Contains(s, "unsafe-eval") || !strings.Contains(s, templates.ThemeScriptHash) {
		t.Errorf("script-src %q must allow the theme script's hash %s and nothing unsafe", s, templates.ThemeScriptHash)
	}
	if directives["frame-ancestors"] != "'none'" || directives["default-src"] != "'self'" || directives["object-src"] != "'none'" {
		t.Errorf("CSP %q lacks frame-ancestors 'none', default-src 'self' or object-src 'none'", csp)
	}
	if all["X-Content-Type-Options"] != "nosniff" || all["Referrer-Policy"] == "" {
		t.Errorf("security headers missing: %v", all)
	}
	if all["Link"] != `</llms.txt>; rel="llms-txt"` {
		t.Errorf("/* must send Link: </llms.txt>; rel=\"llms-txt\" so agents find llms.txt, have %q", all["Link"])
	}
	if _, ok := all["Cache-Control"]; ok {
		t.Error("Cache-Control on /* would be appended to the /assets/* value on Netlify; HTML keeps Netlify's short default")
	}
	for _, dir := range []string{"/assets/*", "/search/data/*"} {
		if cc := rules[dir]["Cache-Control"]; !strings.Contains(cc, "immutable") || !strings.Contains(cc, "max-age=31536000") {
			t.Errorf("%s (content-hashed) Cache-Control %q", dir, cc)
		}
	}
}

package content

import (
	"bytes"
	"errors"
	"io/fs"
	"strings"

	"docsgen/internal/diag"
)

// ConfigFile is the site settings file at the top of the content folder.
const ConfigFile = "site.yaml"

// Config is content/site.yaml. Every key is optional; fields state their
// defaults.
type Config struct {
	// Title is the site's name in the header and page titles; default "Docs".
	Title string `yaml:"title"`
	// Description is the home page's meta description; default empty.
	Description string `yaml:"description"`
	// BaseURL is the absolute URL the site is published at, such as
	// https://docs.example.com/; the -base-url flag overrides it. Default
	// empty: canonical URLs and the sitemap use site paths only.
	BaseURL string `yaml:"baseURL"`
	// HeaderLinks and FooterLinks are shown on every page; default none.
	HeaderLinks []ConfigLink `yaml:"headerLinks"`
	FooterLinks []ConfigLink `yaml:"footerLinks"`
	// EditURL is joined with a page's path under content/ for "Edit this
	// page"; default empty, which hides the link.
	EditURL string `yaml:"editURL"`
	// RawHTML lets raw HTML in Markdown through; default false (it is
	// left out with a warning).
	RawHTML bool `yaml:"rawHTML"`
	// Links is the link policy (see LinkPolicy); default: every broken
	// internal link is an error and none is ignored.
	Links LinkPolicy `yaml:"links"`

	// File is where the settings came from ("" when there is no site.yaml).
	File string `yaml:"-"`
}

// ConfigLink is a header or footer link.
type ConfigLink struct {
	Title string `yaml:"title"`
	URL   string `yaml:"url"`
	// Line and Col are the link's position in site.yaml, for link checks.
	Line int `yaml:"-"`
	Col  int `yaml:"-"`
}

// LoadConfig reads site.yaml from fsys. A missing file gives the defaults.
func LoadConfig(fsys fs.FS, display string) (Config, diag.List) {
	cfg := Config{Title: "Docs"}
	fi, err := fs.Lstat(fsys, ConfigFile)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, nil
	}
	if err == nil {
		if msg, hint := Unreadable(fsys, ConfigFile, fs.FileInfoToDirEntry(fi)); msg != "" {
			return cfg, diag.List{diag.Errorf(display, 0, 0, "%s", msg).WithHint("%s", hint)}
		}
	}
	src, err := fs.ReadFile(fsys, ConfigFile)
	if err != nil {
		return cfg, diag.List{cannotRead(display, err)}
	}
	cfg.File = display
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")) // a byte order mark is not part of the first key
	if d, ok := diag.YAMLNesting(display, 0, src); !ok {
		return Config{Title: "Docs", File: display}, diag.List{d}
	}
	if found := siteBlock.precheck(display, src, 0); len(found) > 0 {
		return Config{Title: "Docs", File: display}, found
	}
	if err := decodeSettings(src, &cfg); err != nil {
		d := siteBlock.explain(diag.FromYAML(display, 0, err), src, 0)
		return Config{Title: "Docs", File: display}, diag.List{d}
	}
	if cfg.Title == "" {
		cfg.Title = "Docs"
	}
	var diags diag.List
	locate := func(links []ConfigLink, key string) {
		for i := range links {
			links[i].Line, links[i].Col = listItemPosition(src, key, i)
			if links[i].Title == "" || links[i].URL == "" {
				diags.Add(diag.Errorf(display, links[i].Line, links[i].Col, "%s entry needs both title and url", key).
					WithHint("write it as - {title: Errors, url: /reference/errors/}"))
			}
		}
	}
	locate(cfg.HeaderLinks, "headerLinks")
	locate(cfg.FooterLinks, "footerLinks")
	diags.Add(cfg.Links.check(display, src)...)
	return cfg, diags
}

// listItemPosition finds the n-th "- " item under a top-level key.
func listItemPosition(src []byte, key string, n int) (int, int) {
	lines := strings.Split(string(src), "\n")
	in := false
	count := 0
	for i, l := range lines {
		if strings.HasPrefix(l, key+":") {
			in = true
			continue
		}
		if !in {
			continue
		}
		if l != "" && l[0] != ' ' && l[0] != '-' && l[0] != '#' {
			break
		}
		t := strings.TrimLeft(l, " ")
		if strings.HasPrefix(t, "- ") || t == "-" {
			if count == n {
				return i + 1, len(l) - len(t) + 1
			}
			count++
		}
	}
	return 1, 1
}

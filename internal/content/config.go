package content

import (
	"bytes"
	"errors"
	"io/fs"

	"docsgen/internal/diag"
	"docsgen/internal/strictyaml"
)

// ConfigFile is the site settings file at the top of the content folder.
const ConfigFile = "site.yaml"

// Config is content/site.yaml. Every key is optional; fields state their
// defaults.
type Config struct {
	// Title is the site's name in the header and page titles; default "Docs".
	Title string
	// Description is the home page's meta description; default empty.
	Description string
	// BaseURL is the absolute URL the site is published at, such as
	// https://docs.example.com/; the -base-url flag overrides it. Default
	// empty: canonical URLs and the sitemap use site paths only.
	BaseURL string
	// HeaderLinks and FooterLinks are shown on every page; default none.
	HeaderLinks []ConfigLink
	FooterLinks []ConfigLink
	// EditURL is joined with a page's path under content/ for "Edit this
	// page"; default empty, which hides the link.
	EditURL string
	// RawHTML lets raw HTML in Markdown through; default false (it is
	// left out with a warning).
	RawHTML bool
	// Strict makes every front matter key docsgen does not know an error;
	// default false: such a key is kept in params with a warning.
	Strict bool
	// Links is the link policy (see LinkPolicy); default: every broken
	// internal link is an error and none is ignored.
	Links LinkPolicy

	// File is where the settings came from ("" when there is no site.yaml).
	File string
}

// ConfigLink is a header or footer link.
type ConfigLink struct {
	Title string
	URL   string
	// Line and Col are the link's position in site.yaml, for link checks.
	Line int
	Col  int
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
	var diags diag.List
	decodeConfig(display, src, &cfg, &diags)
	if diags.HasErrors() {
		return Config{Title: "Docs", File: display}, diags
	}
	if cfg.Title == "" {
		cfg.Title = "Docs"
	}
	return cfg, diags
}

// siteSettings is how site.yaml is read.
var siteSettings = strictyaml.Mapping{
	What:      "site.yaml",
	Key:       "site setting",
	Known:     []string{"title", "description", "baseURL", "headerLinks", "footerLinks", "editURL", "rawHTML", "strict", "links"},
	KnownHint: "known settings: title, description, baseURL, headerLinks, footerLinks, editURL, rawHTML, strict, links",
	Takes: map[string]string{
		"title": "text", "description": "text", "baseURL": "a URL", "editURL": "a URL", "rawHTML": "true or false",
		"strict":      "true or false",
		"links":       "a mapping with ignore: (a list of path patterns) and broken: error or warn",
		"headerLinks": "a list of links, each - {title: Errors, url: /reference/errors/}",
		"footerLinks": "a list of links, each - {title: Errors, url: /reference/errors/}",
	},
}

// decodeConfig reads the text of site.yaml into cfg.
func decodeConfig(file string, src []byte, cfg *Config, diags *diag.List) {
	d, body, ok := strictyaml.Parse(strictyaml.Source{File: file, Name: "site.yaml", Invalid: "invalid site.yaml: ",
		Syntax: "site.yaml is YAML: key: value, one per line; lists as indented - items"}, src, diags)
	if !ok || body == nil {
		return
	}
	o, ok := d.Mapping(body, siteSettings)
	if !ok {
		return
	}
	cfg.Title, _ = o.Text("title")
	cfg.Description, _ = o.Text("description")
	cfg.BaseURL, _ = o.Text("baseURL")
	cfg.EditURL, _ = o.Text("editURL")
	cfg.RawHTML, _ = o.Bool("rawHTML", false)
	cfg.Strict, _ = o.Bool("strict", false)
	cfg.HeaderLinks = configLinks(d, o, "headerLinks")
	cfg.FooterLinks = configLinks(d, o, "footerLinks")
	cfg.Links = linkPolicy(d, o)
}

// configLinks reads a list of header or footer links.
func configLinks(d *strictyaml.Decoder, o *strictyaml.Object, key string) []ConfigLink {
	link := strictyaml.Mapping{
		What: "a link in " + key, Key: "site setting " + key + ":", Known: []string{"title", "url"},
		Takes: map[string]string{"title": "text", "url": "text"},
	}
	var links []ConfigLink
	for i, item := range o.List(key, false) {
		at := d.EntryPos(o.Value(key, false), i)
		lo, ok := d.Mapping(item, link)
		if !ok {
			continue
		}
		l := ConfigLink{Line: at.Line, Col: at.Col}
		l.Title, _ = lo.Text("title")
		l.URL, _ = lo.Text("url")
		if l.Title == "" || l.URL == "" {
			d.Add(at.Errorf("%s entry needs both title and url", key).
				WithHint("write it as - {title: Errors, url: /reference/errors/}"))
		}
		links = append(links, l)
	}
	return links
}

package site

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"

	"docsgen/internal/content"
	"docsgen/internal/diag"
	"docsgen/internal/markdown"
	"docsgen/internal/output"
)

// The publishing outputs around the pages: sitemap.xml, robots.txt,
// llms.txt (also at /.well-known/llms.txt), llms-full.txt and Netlify's
// _redirects. Each is a pure function of the loaded site, so builds stay
// byte-identical.

// writePublishing writes every publishing output.
func (b *builder) writePublishing(w output.Writer) error {
	llms := b.llmsTxt()
	files := map[string][]byte{
		"robots.txt":           robotsTxt(b.baseURL),
		"llms.txt":             llms,
		".well-known/llms.txt": llms,
	}
	if b.baseURL != "" {
		files["sitemap.xml"] = b.sitemap()
	}
	redirects, aliases, diags := b.redirects()
	b.publishDiags, b.aliases = diags, aliases
	files["_redirects"] = redirects
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := w.WriteFile(n, files[n]); err != nil {
			return err
		}
		b.files["/"+n] = true
	}
	return nil
}

func robotsTxt(baseURL string) []byte {
	var buf bytes.Buffer
	buf.WriteString("User-agent: *\nAllow: /\n")
	if baseURL != "" {
		fmt.Fprintf(&buf, "\nSitemap: %s/sitemap.xml\n", baseURL)
	}
	return buf.Bytes()
}

// sitemap lists every page with its absolute URL and last-updated date.
func (b *builder) sitemap() []byte {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range b.site.Pages {
		buf.WriteString("  <url><loc>")
		xml.EscapeText(&buf, []byte(b.baseURL+p.URL))
		buf.WriteString("</loc>")
		if d := b.lastUpdated(p); d != "" {
			buf.WriteString("<lastmod>" + d + "</lastmod>")
		}
		buf.WriteString("</url>\n")
	}
	buf.WriteString("</urlset>\n")
	return buf.Bytes()
}

// llmsTxt follows the llms.txt convention: the site's title, its
// description, then every page in sidebar (reading) order, under the title
// of its section, as a link to the page's Markdown with its description;
// last, a link to the error catalog as JSON. docsgen mcp reads this file to
// list the pages of a published site.
func (b *builder) llmsTxt() []byte {
	var buf bytes.Buffer
	cfg := b.site.Config
	fmt.Fprintf(&buf, "# %s\n\n", cfg.Title)
	desc := cfg.Description
	if home := b.site.ByURL["/"]; desc == "" && home != nil {
		desc = home.Front.Description
	}
	if desc != "" {
		fmt.Fprintf(&buf, "> %s\n\n", oneLine(desc))
	}
	var in *content.Section
	for i, p := range b.site.Pages {
		if p.Section != in || i == 0 {
			if i > 0 {
				buf.WriteString("\n")
			}
			in = p.Section
			heading := "Pages"
			if in != nil && in.Parent != nil {
				heading = in.Title()
			}
			fmt.Fprintf(&buf, "## %s\n\n", heading)
		}
		fmt.Fprintf(&buf, "- [%s](%s%sindex.md)", p.Title, b.baseURL, p.URL)
		if p.Front.Description != "" {
			fmt.Fprintf(&buf, ": %s", oneLine(p.Front.Description))
		}
		buf.WriteString("\n")
	}
	if name := b.catalogJSONName(); name != "" {
		fmt.Fprintf(&buf, "\n## Data\n\n- [Error catalog](%s/%s): every HTTP status and error code as JSON, with cause, fix and refund\n", b.baseURL, name)
	}
	return buf.Bytes()
}

// markdownPage is the Markdown published beside a page (index.md): a short
// header naming the page's URL and llms.txt, so a reader that was handed
// the file alone can find the page and the rest of the site, then the
// page's source, front matter included, with each directive line replaced
// by the directive's Markdown (res.Markdown), so the file carries the
// tables and entries the HTML shows.
func (b *builder) markdownPage(p *content.Page, src, body []byte, res *markdown.Result) []byte {
	head := fmt.Sprintf("> Markdown source of %s%s; every page of this site is listed in %s/llms.txt\n\n", b.baseURL, p.URL, b.baseURL)
	front := src
	if bytes.HasSuffix(src, body) {
		front = src[:len(src)-len(body)]
		body = exportBody(body, res)
	} else {
		front, body = nil, src // not expected: publish the file as read
	}
	out := make([]byte, 0, len(head)+len(front)+len(body))
	return append(append(append(out, head...), front...), body...)
}

// exportBody is a page's Markdown body for its exports: the source with
// directives expanded when it has any.
func exportBody(body []byte, res *markdown.Result) []byte {
	if res != nil && len(res.Markdown) > 0 {
		return res.Markdown
	}
	return body
}

// llmsPage is what llms-full.txt needs of a page.
type llmsPage struct {
	title, url, description string
	body                    []byte
}

// llmsFullTxt writes to w every page's Markdown in reading order, each
// under its title and URL, for tools that want the whole site in one file.
// page gives the i-th of n pages, read as the file is written, so that the
// bodies are never all held at once.
func llmsFullTxt(w io.Writer, siteTitle, baseURL string, n int, page func(i int) (llmsPage, error)) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# %s\n\n", siteTitle)
	for i := range n {
		p, err := page(i)
		if err != nil {
			return err
		}
		fmt.Fprintf(bw, "---\n\n# %s\n\nURL: %s%s\n", p.title, baseURL, p.url)
		if p.description != "" {
			fmt.Fprintf(bw, "\n> %s\n", oneLine(p.description))
		}
		bw.WriteString("\n")
		bw.Write(bytes.TrimSpace(p.body))
		bw.WriteString("\n\n")
	}
	return bw.Flush()
}

// redirects turns front matter aliases into Netlify 301 rules, also
// returned as a map from alias to page URL. An alias that is a page's own
// URL, or claimed twice, is an error.
func (b *builder) redirects() ([]byte, map[string]string, diag.List) {
	var diags diag.List
	var buf bytes.Buffer
	seen := map[string]*content.Page{}
	aliases := map[string]string{}
	for _, p := range b.site.Pages {
		for _, a := range p.Front.Aliases {
			if !strings.HasPrefix(a, "/") {
				continue // reported by content.Load
			}
			line, col := max(p.AliasesLine, 1), 1
			if other, ok := b.site.ByURL[a]; ok || b.site.ByURL[a+"/"] != nil {
				if other == nil {
					other = b.site.ByURL[a+"/"]
				}
				diags.Add(diag.Errorf(p.File, line, col, "alias %s is the URL of the page %s", a, other.File).
					WithHint("remove the alias; a page's own URL cannot redirect"))
				continue
			}
			if other, ok := seen[a]; ok {
				diags.Add(diag.Errorf(p.File, line, col, "alias %s is also claimed by %s", a, other.File).
					WithHint("keep the alias on one page only"))
				continue
			}
			seen[a] = p
			aliases[a] = p.URL
			fmt.Fprintf(&buf, "%s %s 301\n", a, p.URL)
		}
	}
	return buf.Bytes(), aliases, diags
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

package search

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"io/fs"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"docsgen/static"
	"docsgen/templates"
)

// The browser tests serve the fixture site the way docsgen publishes it:
// every page through the real layout with the bundled theme CSS and JS, the
// index under /search/, and the site's Content-Security-Policy.

// csp is the site's policy (netlify.toml): no inline script but the theme's.
var csp = "default-src 'self'; script-src 'self' " + templates.ThemeScriptHash +
	"; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"

// recorder runs before the page's scripts (through DevTools, outside the
// CSP) and records CSP violations.
const recorder = `window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  __csp.push(e.violatedDirective + " " + e.blockedURI);
});`

// harness serves the fixture site with its index.
func harness(t *testing.T, docs []Doc, opts Options) *httptest.Server {
	t.Helper()
	srv, _ := republishable(t, docs, opts)
	return srv
}

// republishable is harness with a way to publish the site again with other
// documents: the old index's chunks are gone, as after a deploy.
func republishable(t *testing.T, docs []Doc, opts Options) (*httptest.Server, func(docs []Doc)) {
	t.Helper()
	ix, err := Build(docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	favicon, err := fs.ReadFile(static.FS, "favicon.svg")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"/assets/style.css":  bundle(t, "css", ".css"),
		"/assets/app.js":     bundle(t, "js", ".js"),
		templates.FaviconURL: favicon,
	}
	for name, data := range ix.Files {
		files["/search/"+name] = data
	}
	maps.Copy(files, fixturePages(t, docs))

	var mu sync.Mutex
	srv := httptest.NewServer(fileServer(&mu, files))
	t.Cleanup(srv.Close)
	republish := func(docs []Doc) {
		ix, err := Build(docs, opts)
		if err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		defer mu.Unlock()
		for name := range files {
			if strings.HasPrefix(name, "/search/") {
				delete(files, name)
			}
		}
		for name, data := range ix.Files {
			files["/search/"+name] = data
		}
	}
	return srv, republish
}

// fixturePages renders the pages of docs through the real layout, each
// with its sections' headings and text, and a 404 page and a page with a
// form beside them.
func fixturePages(t *testing.T, docs []Doc) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	site := &templates.Site{Title: "Fixture docs", StyleURL: "/assets/style.css", ScriptURL: "/assets/app.js", SearchURL: "/search/"}
	pages := map[string]*bytes.Buffer{}
	titles := map[string]string{}
	for _, d := range docs {
		if pages[d.URL] == nil {
			pages[d.URL] = &bytes.Buffer{}
			titles[d.URL] = d.PageTitle
		}
		if d.Anchor != "" {
			fmt.Fprintf(pages[d.URL], "<h2 id=\"%s\">%s</h2>\n", html.EscapeString(d.Anchor), html.EscapeString(d.Section))
		}
		fmt.Fprintf(pages[d.URL], "<p>%s</p>\n", html.EscapeString(d.Text))
	}
	render := func(p templates.Page) []byte {
		var b bytes.Buffer
		if err := templates.Document(p).Render(context.Background(), &b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	for url, body := range pages {
		files[url] = render(templates.Page{Site: site, Title: titles[url], URL: url, Body: body.String()})
	}
	files["/404.html"] = render(templates.Page{Site: site, URL: "/404.html", NotFound: true})
	files["/form/"] = render(templates.Page{Site: site, Title: "Form", URL: "/form/",
		Body: `<p><label for="name">Name</label> <input id="name" type="text"></p><p><input data-search-input aria-label="Search the docs" type="search"></p>`})

	return files
}

// fileServer serves files, under mu, with the site's policy and the
// content type of each file's extension.
func fileServer(mu *sync.Mutex, files map[string][]byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		data, ok := files[r.URL.Path]
		mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Security-Policy", csp)
		w.Header().Set("Cache-Control", "no-store")
		switch {
		case strings.HasSuffix(r.URL.Path, ".js"):
			w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		case strings.HasSuffix(r.URL.Path, ".css"):
			w.Header().Set("Content-Type", "text/css; charset=utf-8")
		case strings.HasSuffix(r.URL.Path, ".svg"):
			w.Header().Set("Content-Type", "image/svg+xml")
		case strings.HasSuffix(r.URL.Path, ".json"):
			w.Header().Set("Content-Type", "application/json")
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		}
		w.Write(data)
	})
}

// bundle concatenates the theme's files of dir, in name order, as the build does.
func bundle(t *testing.T, dir, ext string) []byte {
	t.Helper()
	names, err := fs.Glob(static.FS, dir+"/*"+ext)
	if err != nil || len(names) == 0 {
		t.Fatalf("no %s files in static/%s: %v", ext, dir, err)
	}
	slices.Sort(names)
	var b bytes.Buffer
	for _, n := range names {
		data, err := fs.ReadFile(static.FS, n)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
		b.WriteString("\n;\n")
	}
	return b.Bytes()
}

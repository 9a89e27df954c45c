package search

import (
	"compress/gzip"
	"encoding/json"
	"flag"
	"io/fs"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/chromedp"
)

// siteFlag is a built site on disk with Pagefind's index in pagefind/ (run
// `npx pagefind@1.6.0 --site DIR` on it) and, when the build wrote it, ours
// in search/.
var siteFlag = flag.String("site", "", "built site holding pagefind/ (and search/, else -corpus is indexed)")

// compareQueries are measured for both engines.
var compareQueries = []string{"request", "retry backoff", "session cookie proxy", "timeout", "captcha challenge", "error code message", "4711"}

// BenchmarkCompareWithPagefind measures, in Chromium, what each engine
// transfers (compressed bytes on the wire, as a static host serves them):
// the whole index, a visit's first query (script, start-up files and what
// the query needs) and a later query; each query shows 10 results with
// their excerpts. Run it once:
//
//	go test ./internal/search -run - -bench CompareWithPagefind -benchtime 1x \
//	  -site /tmp/corpus10k-out -corpus /tmp/corpus10k
func BenchmarkCompareWithPagefind(b *testing.B) {
	if *siteFlag == "" {
		b.Fatal("give -site DIR: a built site with pagefind/ in it")
	}
	files := map[string][]byte{}
	if _, err := os.Stat(filepath.Join(*siteFlag, "search", "index.json")); err != nil {
		if *corpusFlag == "" {
			b.Fatal("the site has no search/index.json: give -corpus to index its Markdown")
		}
		ix, err := Build(corpusDocs(b, *corpusFlag), Options{Minify: true})
		if err != nil {
			b.Fatal(err)
		}
		for name, data := range ix.Files {
			files["/search/"+name] = data
		}
	}
	var sent atomic.Int64
	srv := httptest.NewServer(compressing(http.FileServer(http.Dir(*siteFlag)), files, &sent))
	b.Cleanup(srv.Close)

	b.Logf("whole index, compressed: docsgen %.0f KB, Pagefind %.0f KB",
		float64(indexWireSize(*siteFlag, files, "search"))/1024, float64(indexWireSize(*siteFlag, files, "pagefind"))/1024)

	engines := []struct{ name, setup, query string }{
		{"docsgen", `new Promise(function (ok, fail) {
				var s = document.createElement("script");
				s.src = "/search/search.js";
				s.onload = ok;
				s.onerror = fail;
				document.head.appendChild(s);
			}).then(function () { return DocsgenSearch.fetchJSON("/search/index.json"); })
			.then(function (m) { window.engine = new DocsgenSearch.Engine("/search/", m, DocsgenSearch.fetchJSON); return true; })`,
			`engine.search(Q, 10).then(function (r) { return r.hits.length; })`},
		{"Pagefind", `import("/pagefind/pagefind.js").then(function (pf) { window.pf = pf; return pf.init(); }).then(function () { return true; })`,
			`pf.search(Q).then(function (s) { return Promise.all(s.results.slice(0, 10).map(function (r) { return r.data(); })); }).then(function (d) { return d.length; })`},
	}
	ctx := newTab(b).Ctx
	run := func(expr string) int {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[int](expr, chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatalf("%s: %v", expr, err)
		}
		return v
	}
	for range b.N {
		for _, e := range engines {
			for _, q := range compareQueries {
				jq, _ := json.Marshal(q)
				// First query: a fresh page, nothing cached.
				if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/404.html")); err != nil {
					b.Fatal(err)
				}
				sent.Store(0)
				run(`(` + e.setup + `).then(function () { return 0; })`)
				hits := run(strings.ReplaceAll(e.query, "Q", string(jq)))
				first := sent.Load()
				// Later query: after another one in the same visit.
				if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/404.html")); err != nil {
					b.Fatal(err)
				}
				run(`(` + e.setup + `).then(function () { return 0; })`)
				run(strings.ReplaceAll(e.query, "Q", `"page"`))
				sent.Store(0)
				run(strings.ReplaceAll(e.query, "Q", string(jq)))
				later := sent.Load()
				b.Logf("%-8s %-22q %2d results: first query %6.1f KB, later query %6.1f KB", e.name, q, hits, float64(first)/1024, float64(later)/1024)
			}
		}
	}
}

// indexWireSize is what the index under site/dir weighs on the wire; for
// "search", files (our index built here) when there are any.
func indexWireSize(site string, files map[string][]byte, dir string) (n int) {
	if dir == "search" && len(files) > 0 {
		for _, data := range files {
			n += gz(data)
		}
		return n
	}
	filepath.WalkDir(filepath.Join(site, dir), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			n += wireSize(p, data)
		}
		return err
	})
	return n
}

// compressing serves files (falling back to next) with gzip for text, as
// a static host does (Pagefind's own files are compressed already), and
// adds the body bytes it sends to sent.
func compressing(next http.Handler, files map[string][]byte, sent *atomic.Int64) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		w := &counting{ResponseWriter: rw, n: sent}
		w.Header().Set("Cache-Control", "no-store")
		data, ok := files[r.URL.Path]
		if !ok {
			p := filepath.Join(*siteFlag, filepath.FromSlash(path.Clean(r.URL.Path)))
			if st, err := os.Stat(p); err == nil && st.IsDir() {
				p = filepath.Join(p, "index.html")
			}
			var err error
			if data, err = os.ReadFile(p); err != nil {
				next.ServeHTTP(w, r)
				return
			}
		}
		typ := mime.TypeByExtension(path.Ext(r.URL.Path))
		if typ == "" {
			typ = "text/html; charset=utf-8"
		}
		w.Header().Set("Content-Type", typ)
		if !textual(r.URL.Path) {
			w.Write(data)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		zw.Write(data)
		zw.Close()
	})
}

// counting counts the body bytes written.
type counting struct {
	http.ResponseWriter
	n *atomic.Int64
}

func (c *counting) Write(p []byte) (int, error) {
	c.n.Add(int64(len(p)))
	return c.ResponseWriter.Write(p)
}

// textual reports whether a host compresses the file on the way out.
func textual(name string) bool {
	switch path.Ext(name) {
	case ".pagefind", ".pf_meta", ".pf_index", ".pf_fragment", ".png", ".jpg":
		return false
	}
	return true
}

// wireSize is the file's size as sent: compressed when textual.
func wireSize(name string, data []byte) int {
	if textual(name) {
		return gz(data)
	}
	return len(data)
}

// Package serve is docsgen's preview server: it builds the site into memory
// and serves it over HTTP on a loopback address.
//
// Requests map to files the way a static host maps them: /a/b/ serves
// a/b/index.html, /a/b redirects to /a/b/ when that page exists, and any
// other missing path gets 404.html with status 404. Only GET and HEAD are
// answered. Paths are looked up in the in-memory site, never on disk, so no
// request can read a file outside the site.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"path"
	"strings"
	"sync/atomic"
	"time"

	"docsgen/internal/output"
	"docsgen/internal/site"
)

// Config configures Run.
type Config struct {
	// Addr is the listen address; default 127.0.0.1:8080.
	Addr string
	// Build is how to build the site.
	Build  site.Options
	Stdout io.Writer
	Stderr io.Writer
}

// Run builds the site, serves it until ctx is cancelled, and then shuts
// the server down.
func Run(ctx context.Context, cfg Config) error {
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:8080"
	}
	h := &Handler{}
	mem := output.NewMemory()
	res, err := site.Build(ctx, cfg.Build, mem)
	if err != nil {
		return err
	}
	for _, d := range res.Diags {
		fmt.Fprintln(cfg.Stderr, d.Error())
	}
	h.Set(mem)

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w (is another server using that port? pass -addr 127.0.0.1:PORT)", cfg.Addr, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, IdleTimeout: 60 * time.Second}
	fmt.Fprintf(cfg.Stdout, "serving %d pages at http://%s/ (Ctrl-C to stop)\n", res.Pages, ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		return srv.Shutdown(sctx)
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return err
	}
}

// Handler serves the current in-memory site. Set swaps in a new site
// atomically, so a request sees either the old site or the new one.
type Handler struct {
	site atomic.Pointer[output.Memory]
}

// Set replaces the site being served.
func (h *Handler) Set(m *output.Memory) { h.site.Store(m) }

// ServeHTTP answers GET and HEAD for files of the site.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	m := h.site.Load()
	if m == nil {
		http.Error(w, "the site is being built", http.StatusServiceUnavailable)
		return
	}
	name, ok := fileName(r.URL.Path)
	if ok {
		if data, found := m.Get(name); found {
			write(w, r, name, data, http.StatusOK)
			return
		}
		if !strings.HasSuffix(r.URL.Path, "/") {
			if _, found := m.Get(name + "/index.html"); found {
				target := r.URL.Path + "/"
				if r.URL.RawQuery != "" {
					target += "?" + r.URL.RawQuery
				}
				http.Redirect(w, r, target, http.StatusMovedPermanently)
				return
			}
		}
	}
	if data, found := m.Get("404.html"); found {
		write(w, r, "404.html", data, http.StatusNotFound)
		return
	}
	http.NotFound(w, r)
}

// fileName maps a URL path to a file name in the site. It refuses any path
// that is not clean (dot segments, backslashes, NUL).
func fileName(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	dir := strings.HasSuffix(p, "/")
	clean := path.Clean(p)
	if clean != strings.TrimSuffix(p, "/") && !(p == "/" && clean == "/") {
		return "", false
	}
	name := strings.TrimPrefix(clean, "/")
	if dir || name == "" {
		if name == "" {
			return "index.html", true
		}
		return name + "/index.html", true
	}
	return name, true
}

func write(w http.ResponseWriter, r *http.Request, name string, data []byte, status int) {
	ctype := mime.TypeByExtension(path.Ext(name))
	switch path.Ext(name) {
	case ".md":
		ctype = "text/markdown; charset=utf-8"
	case "":
		ctype = "application/octet-stream"
	}
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	hdr := w.Header()
	hdr.Set("Content-Type", ctype)
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Cache-Control", "no-cache")
	hdr.Set("Content-Length", fmt.Sprint(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

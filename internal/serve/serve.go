// Package serve is docsgen's preview server: it builds the site into memory,
// serves it on a loopback address, rebuilds when a source changes and tells
// every open browser, which patches in what changed (live.go).
//
// Requests map to files the way a static host maps them: /a/b/ serves
// a/b/index.html, /a/b redirects to /a/b/ when that page exists, and any
// other missing path gets 404.html with status 404. Only GET and HEAD are
// answered, but for the MCP server at /mcp, and only for the host names
// serve listens on (guard.go). Paths are looked up in the in-memory site, never on disk, so no
// request can read a file outside the site; a path that is not clean (dot
// segments, double slashes, backslashes, NUL, a percent-encoded slash,
// backslash or dot) gets 404 without a lookup. Every file goes out with a
// fixed Content-Type, nosniff and the site's Content-Security-Policy.
//
// It listens on 127.0.0.1 unless told otherwise and warns when told to
// listen where other machines reach it. Slow or silent clients are cut off
// (Config.Timeouts) and live-reload streams are capped at 64.
//
// What to serve besides the files comes from the build's site.Result, not
// from its output: the aliases to redirect, the stylesheet a CSS edit
// swaps in, the outputs left for the first request (search index,
// llms-full.txt). Each batch of watched changes goes to the site session as
// paths in the content and static folders; the session asks content what
// changed and renders only that.
//
// A failed rebuild keeps the last good site served and shows the errors in
// an overlay on every open page (see live.go), quoting the offending lines
// from the sources the build read (overlay.go); the next good build removes
// it. Serve never writes to disk.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"docsgen/internal/output"
	"docsgen/internal/site"
	"docsgen/internal/watch"
	"docsgen/templates"
)

// Config configures a Server.
type Config struct {
	// Addr is the listen address; default 127.0.0.1:8080.
	Addr string
	// Build is how to build the site. Its ContentDir, when set, is
	// watched: a change rebuilds the site and reloads every open browser.
	Build site.Options
	// StaticDir is the folder on disk that Build.Static reads, watched like
	// the content folder; default "" (not watched).
	StaticDir string
	// Stdout gets the URL and one line per rebuild; Stderr the diagnostics
	// and the warning about a non-loopback Addr.
	Stdout io.Writer
	Stderr io.Writer
	// Ready, when set, is called with the site's URL once it is served
	// (the CLI's -open uses it); default nil.
	Ready func(url string)
	// Timeouts bound how long a client may hold a connection; zero fields
	// take the defaults shown in Timeouts.
	Timeouts Timeouts
}

// Server serves the current in-memory build and the live-reload endpoints.
type Server struct {
	cfg     Config
	session *site.Session
	snap    atomic.Pointer[snapshot]
	broker  *broker
	// buildMu serialises builds.
	buildMu sync.Mutex
	// startVersion numbers the first build: the start time, so a browser
	// that reconnects after a restart never mistakes the new server's
	// pages for the ones it shows.
	startVersion int64
	mcpState     // /mcp, see guard.go
}

// snapshot is one good build.
type snapshot struct {
	files    *output.Memory
	version  int64
	styleURL string
	// redirects maps alias paths, without their trailing slash, to their
	// pages, so aliases work in preview exactly as on Netlify.
	redirects map[string]string
	// deferred makes the outputs the build left for later (search index,
	// llms-full.txt) on the first request for one of them.
	deferred *site.Deferred
	once     sync.Once
	later    *output.Memory
	// tag is the live-reload tag of this build's pages; ready the bytes
	// each file is sent as (files.go).
	tag   []byte
	ready servedFiles
}

// get returns a file of this build, making the deferred outputs first when
// one of them is asked for.
func (s *snapshot) get(name string) ([]byte, bool) {
	if data, ok := s.files.Get(name); ok {
		return data, true
	}
	if s.deferred == nil || !s.deferred.Holds(name) {
		return nil, false
	}
	s.once.Do(func() {
		s.later = output.NewMemory()
		if err := s.deferred.Write(s.later); err != nil {
			s.later = output.NewMemory()
		}
	})
	return s.later.Get(name)
}

// newSnapshot wraps a build and what its result says about it.
func newSnapshot(m *output.Memory, res *site.Result, version int64) *snapshot {
	s := &snapshot{files: m, deferred: res.Deferred, version: version, styleURL: res.StyleURL, redirects: map[string]string{}, tag: liveTag(version)}
	for alias, to := range res.Redirects {
		s.redirects[strings.TrimSuffix(alias, "/")] = to
	}
	return s
}

// New returns a server for cfg; call Build before serving.
func New(cfg Config) *Server {
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:8080"
	}
	if cfg.Stdout == nil {
		cfg.Stdout = io.Discard
	}
	if cfg.Stderr == nil {
		cfg.Stderr = io.Discard
	}
	cfg.Timeouts = cfg.Timeouts.withDefaults()
	session := site.NewSession(cfg.Build, site.SessionOptions{DeferSlowOutputs: true, CompactMemory: true})
	return &Server{cfg: cfg, broker: newBroker(), session: session, startVersion: time.Now().UnixMilli()}
}

// Run builds the site, listens, and serves until ctx is cancelled; then it
// shuts down within a second. An Addr that other machines can reach (any
// host but a loopback address or localhost) is served, with a warning on
// Stderr.
func Run(ctx context.Context, cfg Config) error {
	s := New(cfg)
	if err := s.Build(ctx, site.Changes{}); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w (is another server using that port? pass -addr 127.0.0.1:PORT)", s.cfg.Addr, err)
	}
	if !Loopback(s.cfg.Addr) {
		fmt.Fprintf(s.cfg.Stderr, "warning: serving on %s, which other machines on the network can reach; the preview server is meant for this machine only (pass -addr 127.0.0.1:PORT to keep it private)\n", s.cfg.Addr)
	}
	stop, err := s.Watch(ctx)
	if err != nil {
		ln.Close()
		return err
	}
	defer stop()
	return s.Serve(ctx, ln)
}

// Loopback reports whether a listen address only accepts connections from
// this machine: its host is localhost or a loopback IP (127.0.0.0/8, ::1).
// An empty host (":8080"), 0.0.0.0, :: and any other name or IP listen
// where other machines may reach them.
func Loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"))
	return ip != nil && ip.IsLoopback()
}

// Watch starts watching the content folder (Build.ContentDir) and
// StaticDir and rebuilding on every batch of changes, until ctx is
// cancelled. The returned func waits for the watcher to finish.
func (s *Server) Watch(ctx context.Context) (wait func(), err error) {
	var roots []string
	for _, dir := range []string{s.cfg.Build.ContentDir, s.cfg.StaticDir} {
		if dir != "" {
			roots = append(roots, dir)
		}
	}
	if len(roots) == 0 {
		return func() {}, nil
	}
	w, err := watch.New(roots, watch.Options{})
	if err != nil {
		return nil, fmt.Errorf("watching %s: %w", strings.Join(roots, ", "), err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.Run(ctx, func(b watch.Batch) { s.rebuild(ctx, b) })
	}()
	return func() { <-done }, nil
}

// rebuild handles one batch of file changes: each is a path in the content
// or the static folder. A batch that lost events (Rescan) reads every
// source again.
func (s *Server) rebuild(ctx context.Context, b watch.Batch) {
	if b.Err != nil {
		fmt.Fprintf(s.cfg.Stderr, "watch: %v\n", b.Err)
	}
	if len(b.Changes) == 0 {
		return
	}
	var ch site.Changes
	if !b.Rescan {
		for _, c := range b.Changes {
			switch c.Root {
			case s.cfg.Build.ContentDir:
				ch.Content = append(ch.Content, c.Rel)
			case s.cfg.StaticDir:
				ch.Static = append(ch.Static, c.Rel)
			}
		}
	}
	if err := s.Build(ctx, ch); err != nil && ctx.Err() == nil {
		fmt.Fprintf(s.cfg.Stderr, "rebuild: %v\n", err)
	}
}

// Serve answers requests on ln until ctx is cancelled.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	t := s.cfg.Timeouts
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: t.ReadHeader,
		ReadTimeout:       t.Read,
		WriteTimeout:      t.Write,
		IdleTimeout:       t.Idle,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return ctx },
		// "OPTIONS *" gets 405 like every method but GET and HEAD.
		DisableGeneralOptionsHandler: true,
	}
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(s.cfg.Stdout, "serving at %s (Ctrl-C to stop)\n", url)
	if s.cfg.Ready != nil {
		s.cfg.Ready(url)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil {
			srv.Close()
		}
		return nil
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return err
	}
}

// Build rebuilds the site into memory. ch lists the source files that
// changed (empty for the first build, which reads everything); it decides
// what is read and rendered again and whether browsers reload or only swap
// the stylesheet. A build with errors keeps the last good site and shows
// the errors in every browser.
func (s *Server) Build(ctx context.Context, ch site.Changes) error {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	start := time.Now()
	res, mem, err := s.session.Update(ctx, ch)
	if err != nil {
		return err
	}
	for _, d := range res.Diags {
		fmt.Fprintln(s.cfg.Stderr, d.Error())
	}
	prev := s.snap.Load()
	if res.Diags.HasErrors() {
		st := state{Problems: problems(res.Diags.Errors(), res.Content)}
		if prev != nil {
			st.Version, st.StyleURL = prev.version, prev.styleURL
		}
		s.broker.publish("error", st)
		fmt.Fprintf(s.cfg.Stdout, "%s: build failed with %d errors; still serving the last good build\n", s.describe(ch), len(res.Diags.Errors()))
		if prev == nil {
			// Nothing good to serve yet: serve this build, the overlay explains.
			s.snap.Store(newSnapshot(mem, res, s.startVersion))
		}
		return nil
	}
	if prev != nil && prev.files.Equal(mem) {
		// A save that changed nothing the reader sees (or a second event of
		// the same save): keep browsers as they are.
		if len(s.broker.current().Problems) > 0 {
			s.broker.publish("reload", state{Version: prev.version, StyleURL: prev.styleURL})
		}
		return nil
	}
	version := s.startVersion
	if prev != nil {
		version = prev.version + 1
	}
	next := newSnapshot(mem, res, version)
	s.snap.Store(next)
	st := state{Version: next.version, StyleURL: next.styleURL}
	if prev != nil && onlyCSS(ch) {
		s.broker.publish("css", st)
	} else {
		s.broker.publish("reload", st)
	}
	if len(ch.Content)+len(ch.Static) > 0 {
		fmt.Fprintf(s.cfg.Stdout, "%s: %s in %s\n", s.describe(ch), rendered(res), time.Since(start).Round(time.Millisecond))
	} else {
		fmt.Fprintf(s.cfg.Stdout, "built %d pages in %s\n", res.Pages, time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// describe names the changed files for the console, as paths on disk.
func (s *Server) describe(ch site.Changes) string {
	var names []string
	for _, p := range ch.Content {
		names = append(names, path.Join(filepath.ToSlash(s.cfg.Build.ContentDir), p))
	}
	for _, p := range ch.Static {
		names = append(names, path.Join(filepath.ToSlash(s.cfg.StaticDir), p))
	}
	switch len(names) {
	case 0:
		return "build"
	case 1:
		return names[0]
	default:
		return fmt.Sprintf("%s and %d more", names[0], len(names)-1)
	}
}

// rendered says what a rebuild rendered again: the pages by URL when it
// rendered only some, else how many.
func rendered(res *site.Result) string {
	switch n := len(res.Updated); {
	case n == 0:
		return fmt.Sprintf("re-rendered all %d pages", res.Rendered)
	case n <= 3:
		return fmt.Sprintf("re-rendered %s (%d of %d pages)", strings.Join(res.Updated, ", "), n, res.Pages)
	default:
		return fmt.Sprintf("re-rendered %s and %d more (%d of %d pages)", strings.Join(res.Updated[:3], ", "), n-3, n, res.Pages)
	}
}

// onlyCSS reports a change of the theme's stylesheets alone, which
// browsers take without a reload. A stylesheet of the content folder is a
// file beside the pages: pages that use it reload.
func onlyCSS(ch site.Changes) bool {
	if len(ch.Static) == 0 || len(ch.Content) > 0 {
		return false
	}
	for _, c := range ch.Static {
		if path.Ext(c) != ".css" {
			return false
		}
	}
	return true
}

// ServeHTTP answers GET and HEAD for files of the site and the live-reload
// endpoints.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.guard(w, r) { // other hosts, /mcp
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case eventsPath:
		s.broker.ServeHTTP(w, r)
		return
	case livePath:
		write(w, r, "live.js", liveJS(), http.StatusOK)
		return
	case liveCSS:
		write(w, r, "live.css", []byte(overlayCSS), http.StatusOK)
		return
	}
	snap := s.snap.Load()
	if snap == nil {
		http.Error(w, "the site is being built", http.StatusServiceUnavailable)
		return
	}
	name, ok := fileName(r.URL.Path)
	if ok && encodedSeparator(r.URL.EscapedPath()) {
		ok = false
	}
	if ok {
		if data, found := snap.served(name); found {
			write(w, r, name, data, http.StatusOK)
			return
		}
		if !strings.HasSuffix(r.URL.Path, "/") {
			if _, found := snap.served(name + "/index.html"); found {
				target := r.URL.Path + "/"
				if r.URL.RawQuery != "" {
					target += "?" + r.URL.RawQuery
				}
				http.Redirect(w, r, target, http.StatusMovedPermanently)
				return
			}
		}
	}
	if to, ok := snap.redirects[strings.TrimSuffix(r.URL.Path, "/")]; ok {
		http.Redirect(w, r, to, http.StatusMovedPermanently)
		return
	}
	if data, found := snap.served("404.html"); found {
		write(w, r, "404.html", data, http.StatusNotFound)
		return
	}
	http.NotFound(w, r)
}

// encodedSeparator reports a percent-encoded slash, backslash or dot in a
// raw path: no page URL needs one, and they are how traversal attempts hide.
func encodedSeparator(raw string) bool {
	l := strings.ToLower(raw)
	return strings.Contains(l, "%2f") || strings.Contains(l, "%5c") || strings.Contains(l, "%2e")
}

// fileName maps a URL path to a file name in the site. It refuses any path
// that is not clean (dot segments, backslashes, NUL).
func fileName(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	clean := path.Clean(p)
	if clean != p && clean+"/" != p {
		return "", false
	}
	name := strings.TrimPrefix(clean, "/")
	if name == "" {
		return "index.html", true
	}
	if strings.HasSuffix(p, "/") {
		return name + "/index.html", true
	}
	return name, true
}

func write(w http.ResponseWriter, r *http.Request, name string, data []byte, status int) {
	ctype := contentType(name, data)
	hdr := w.Header()
	hdr.Set("Content-Type", ctype)
	hdr.Set("X-Content-Type-Options", "nosniff")
	if strings.HasPrefix(name, "assets/") && status == http.StatusOK {
		// Fingerprinted: a changed file gets a new name, as in production.
		hdr.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		hdr.Set("Cache-Control", "no-cache")
	}
	hdr.Set("Content-Security-Policy", templates.ContentSecurityPolicy)
	hdr.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	hdr.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

package mcp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// maxFile is the largest file a source reads: far above any page, index
// chunk or catalog, and a bound on what a hostile site can make us hold.
const maxFile = 32 << 20

// DirSource reads a built site from a folder (docsgen build's output).
// Reads go through os.Root, so neither a name nor a symbolic link can
// reach a file outside the folder. The folder is opened for every read:
// docsgen build replaces it whole, and a source holding the old one open
// would read a deleted site.
type DirSource struct {
	dir string

	mu      sync.Mutex
	last    fs.FileInfo // the folder as last seen, for Version
	version uint64
}

// NewDirSource checks that dir can be opened and returns its source.
func NewDirSource(dir string) (*DirSource, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot open the site folder: %w; pass -dir with the output folder of docsgen build", err)
	}
	root.Close()
	return &DirSource{dir: dir}, nil
}

// Get reads one file of the folder.
func (d *DirSource) Get(_ context.Context, name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, notFound(name)
	}
	root, err := os.OpenRoot(d.dir)
	if err != nil {
		return nil, fmt.Errorf("cannot open the site folder: %w", err)
	}
	defer root.Close()
	f, err := root.Open(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, notFound(name)
		}
		return nil, err
	}
	defer f.Close()
	return readLimited(f, name)
}

// Version changes when the folder is replaced (docsgen build swaps in a
// new one: a file's own time says nothing, as unchanged files are
// hard-linked from the last build) or its entries change.
func (d *DirSource) Version() uint64 {
	fi, err := os.Stat(d.dir)
	if err != nil {
		return 0
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.last == nil || !os.SameFile(d.last, fi) || !fi.ModTime().Equal(d.last.ModTime()) {
		d.last = fi
		d.version++
	}
	return d.version
}

// Origin is "": results carry the site's own URLs.
func (d *DirSource) Origin() string { return "" }

func readLimited(r io.Reader, name string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxFile+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFile {
		return nil, fmt.Errorf("%s is larger than %d MB", name, maxFile>>20)
	}
	return data, nil
}

// HTTPSource reads a published site over HTTPS, through its static files
// only. Plain http:// is accepted for loopback hosts (a local test server).
type HTTPSource struct {
	base   *url.URL
	client *http.Client
	// fetched counts the bytes of every response body read.
	fetched atomic.Int64
}

// NewHTTPSource returns a source for the site at rawURL. client may be nil
// (a client with a 20-second timeout).
func NewHTTPSource(rawURL string, client *http.Client) (*HTTPSource, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("-site %q is not a site URL; pass one such as https://docs.example.com", rawURL)
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && loopbackHost(u.Hostname()):
	default:
		return nil, fmt.Errorf("-site %q: a published site is read over https:// (http:// only for localhost)", rawURL)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	if client == nil {
		client = &http.Client{Timeout: 20 * time.Second}
	}
	return &HTTPSource{base: u, client: client}, nil
}

func loopbackHost(h string) bool {
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// Get fetches one file of the site.
func (h *HTTPSource) Get(ctx context.Context, name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, notFound(name)
	}
	u := h.base.JoinPath(name)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	resp, err := h.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("cannot reach %s: %w", u, err)
	}
	defer resp.Body.Close()
	data, err := readLimited(resp.Body, u.String())
	h.fetched.Add(int64(len(data)))
	switch {
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		return nil, fmt.Errorf("%s: %w", u, fs.ErrNotExist)
	case resp.StatusCode != http.StatusOK:
		return nil, fmt.Errorf("%s: %s", u, resp.Status)
	}
	return data, err
}

// Version is 0: the published site is read as it is.
func (h *HTTPSource) Version() uint64 { return 0 }

// Origin is the site's URL without its final slash.
func (h *HTTPSource) Origin() string { return strings.TrimSuffix(h.base.String(), "/") }

// Fetched returns the bytes of response bodies read so far.
func (h *HTTPSource) Fetched() int64 { return h.fetched.Load() }

// Files is a Source over an in-memory site that may change: it returns
// the current site's lookup function and version. The preview server and
// ContentSource use it.
type Files func() (get func(name string) ([]byte, bool), version uint64)

// Get reads one file of the current site.
func (f Files) Get(_ context.Context, name string) ([]byte, error) {
	get, _ := f()
	if get == nil {
		return nil, errors.New("the site is still being built; try again in a moment")
	}
	if !fs.ValidPath(name) {
		return nil, notFound(name)
	}
	data, ok := get(name)
	if !ok {
		return nil, notFound(name)
	}
	return data, nil
}

// Version is the current site's version.
func (f Files) Version() uint64 {
	_, v := f()
	return v
}

// Origin is "": results carry the site's own URLs.
func (f Files) Origin() string { return "" }

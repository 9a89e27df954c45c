package serve

import (
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"docsgen/internal/mcp"
	"docsgen/templates"
)

// Who serve answers, and /mcp.
//
// The preview runs beside a browser. A web page the author visits can make
// that browser send requests to 127.0.0.1 under its own name (DNS
// rebinding: evil.example resolves to 127.0.0.1), and then read the
// answers as same-origin. So serve answers only requests whose Host is a
// name it listens on: localhost, 127.0.0.1, [::1], and the host of -addr
// (any IP literal when -addr is 0.0.0.0 or ::, as names cannot be rebound
// onto an address typed as digits). Everything else gets 403 before any
// lookup.
//
// /mcp is the MCP server of internal/mcp over streamable HTTP, answering
// from the site being served, so an agent sees every save at once. Beside
// the Host check it refuses a request whose Origin is not one of those
// names (the MCP specification asks HTTP servers to validate Origin), so
// no web page can drive it.
//
// Every response, redirects and errors included, carries the security
// headers pages get.

// mcpPath is where serve offers the MCP server.
const mcpPath = "/mcp"

// guard answers what ServeHTTP must not: a request for a host serve does
// not listen on, and /mcp. It reports whether it answered.
func (s *Server) guard(w http.ResponseWriter, r *http.Request) bool {
	h := w.Header()
	h.Set("Content-Security-Policy", templates.ContentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	if !allowedHost(r.Host, s.cfg.Addr) {
		http.Error(w, "docsgen serve answers only requests for localhost, 127.0.0.1, [::1] or the host of -addr", http.StatusForbidden)
		return true
	}
	if r.URL.Path != mcpPath {
		return false
	}
	if o := r.Header.Get("Origin"); o != "" && !allowedOrigin(o, s.cfg.Addr) {
		http.Error(w, "docsgen serve's /mcp refuses requests from web pages (Origin "+o+")", http.StatusForbidden)
		return true
	}
	s.mcpHandler().ServeHTTP(w, r)
	return true
}

// allowedHost reports whether a Host header names this server.
func allowedHost(hostport, addr string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if host == "" {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	if ip != nil && ip.IsLoopback() {
		return true
	}
	listen, _, err := net.SplitHostPort(addr)
	if err != nil {
		listen = addr
	}
	listen = strings.TrimSuffix(strings.TrimPrefix(listen, "["), "]")
	if lip := net.ParseIP(listen); listen == "" || lip != nil && lip.IsUnspecified() {
		return ip != nil
	}
	if lip, hip := net.ParseIP(listen), ip; lip != nil && hip != nil {
		return lip.Equal(hip)
	}
	return strings.EqualFold(host, listen)
}

// allowedOrigin reports whether an Origin header is a page of this server.
func allowedOrigin(origin, addr string) bool {
	u, err := url.Parse(origin)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return false
	}
	return allowedHost(u.Host, addr)
}

// mcpHandler returns the /mcp handler, made on first use.
func (s *Server) mcpHandler() http.Handler {
	s.mcpOnce.Do(func() {
		src := mcp.Files(func() (func(string) ([]byte, bool), uint64) {
			snap := s.snap.Load()
			if snap == nil {
				return nil, 0
			}
			return snap.get, uint64(snap.version)
		})
		srv := mcp.NewServer(src, mcp.Options{})
		s.mcp = sdk.NewStreamableHTTPHandler(func(*http.Request) *sdk.Server { return srv }, &sdk.StreamableHTTPOptions{
			SessionTimeout: 30 * time.Minute, // an agent that went away frees its session
		})
	})
	return s.mcp
}

// mcpState is the part of Server that /mcp needs.
type mcpState struct {
	mcpOnce sync.Once
	mcp     http.Handler
}

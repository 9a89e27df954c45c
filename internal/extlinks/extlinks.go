// Package extlinks checks links to other sites, for `docsgen check
// -external`. A build never fetches anything; this is the one place that
// does.
//
// Each distinct URL (its #fragment dropped) is asked for once: a HEAD
// request, and a GET when the HEAD fails or is refused (many servers
// answer HEAD with 403, 404 or 405). Redirects are followed (up to 10);
// the link is fine when the last answer is below 400. A 429 Too Many
// Requests is retried after the time its Retry-After header gives (seconds
// or a date; 1 s when absent, at most Checker.MaxRetryAfter), up to
// Checker.Retries times. Requests run concurrently, at most
// Checker.PerHost at once to one host, each bounded by Checker.Timeout.
//
// Results are kept in the cache folder for Checker.MaxAge (24 h), so a
// second check the same day asks only for new links. Definite answers are
// cached, good or not (200, 404); passing trouble is not (429, 5xx,
// timeouts, refused connections, TLS errors).
//
// Every failure is a diagnostic at each position the URL is written:
//
//	content/guide/intro.md:12:5: error: link to https://example.com/gone: 404 Not Found; …
package extlinks

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"docsgen/internal/cache"
	"docsgen/internal/diag"
)

// Link is one link to another site, where an author wrote it.
type Link struct {
	URL  string
	File string
	Line int
	Col  int
}

// Checker checks external links. The zero value uses the defaults.
type Checker struct {
	// Client makes the requests; default a client that follows up to 10
	// redirects, with the system's certificates.
	Client *http.Client
	// Timeout bounds each request, redirects included; default 10 s.
	Timeout time.Duration
	// PerHost is the most requests in flight to one host; default 4.
	PerHost int
	// Retries is how many times a 429 answer is retried; default 3.
	Retries int
	// MaxRetryAfter caps the wait a 429's Retry-After asks for; default 60 s.
	MaxRetryAfter time.Duration
	// Cache keeps results between runs; default nil (no cache).
	Cache *cache.Dir
	// MaxAge is how long a cached result is used; default 24 h.
	MaxAge time.Duration
	// Now is the clock, for cache ages; default time.Now.
	Now func() time.Time

	// sleep waits for a 429's Retry-After; tests replace it.
	sleep func(ctx context.Context, d time.Duration) error
}

// result is what one URL gave.
type result struct {
	Checked time.Time `json:"checked"`
	// Status is the last HTTP status; 0 when no answer came.
	Status int `json:"status"`
	// Problem says what is wrong; "" when the link is fine.
	Problem string `json:"problem"`
}

func (c *Checker) defaults() {
	if c.Timeout <= 0 {
		c.Timeout = 10 * time.Second
	}
	if c.PerHost <= 0 {
		c.PerHost = 4
	}
	if c.Retries <= 0 {
		c.Retries = 3
	}
	if c.MaxRetryAfter <= 0 {
		c.MaxRetryAfter = time.Minute
	}
	if c.MaxAge <= 0 {
		c.MaxAge = 24 * time.Hour
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Client == nil {
		c.Client = &http.Client{}
	}
	if c.sleep == nil {
		c.sleep = func(ctx context.Context, d time.Duration) error {
			t := time.NewTimer(d)
			defer t.Stop()
			select {
			case <-t.C:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	}
}

// Check checks every http and https link of links and returns one error
// per position of each link that failed. Other schemes are skipped.
func (c Checker) Check(ctx context.Context, links []Link) diag.List {
	c.defaults()
	byURL := map[string][]Link{}
	for _, l := range links {
		u, err := url.Parse(strings.TrimSpace(l.URL))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			continue
		}
		u.Fragment, u.RawFragment = "", ""
		byURL[u.String()] = append(byURL[u.String()], l)
	}
	urls := make([]string, 0, len(byURL))
	for u := range byURL {
		urls = append(urls, u)
	}
	sort.Strings(urls)

	hosts := map[string]chan struct{}{}
	results := make([]result, len(urls))
	var wg sync.WaitGroup
	for i, raw := range urls {
		u, _ := url.Parse(raw)
		slots, ok := hosts[u.Host]
		if !ok {
			slots = make(chan struct{}, c.PerHost)
			hosts[u.Host] = slots
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = c.one(ctx, raw, slots)
		}()
	}
	wg.Wait()

	var out diag.List
	for i, raw := range urls {
		r := results[i]
		if r.Problem == "" {
			continue
		}
		for _, l := range byURL[raw] {
			out.Add(diag.Errorf(l.File, l.Line, l.Col, "link to %s: %s", l.URL, r.Problem).
				WithHint("open it in a browser; fix or remove the link, or check again later if the site is down"))
		}
	}
	out.Sort()
	return out
}

// one checks one URL, from the cache when it can, holding one of its
// host's slots while it asks.
func (c *Checker) one(ctx context.Context, raw string, slots chan struct{}) result {
	if r, ok := c.cached(raw); ok {
		return r
	}
	select {
	case slots <- struct{}{}:
	case <-ctx.Done():
		return result{Problem: "not checked: " + ctx.Err().Error()}
	}
	r := c.fetch(ctx, raw)
	<-slots
	if r.Status != 0 && r.Status != http.StatusTooManyRequests && r.Status < 500 {
		c.store(raw, r) // a definite answer; busy servers are asked again
	}
	return r
}

// fetch asks for raw: HEAD, then GET if HEAD fails; 429s are retried.
func (c *Checker) fetch(ctx context.Context, raw string) result {
	method := http.MethodHead
	retries := 0
	for {
		status, text, wait, err := c.request(ctx, method, raw)
		switch {
		case err == nil && status == http.StatusTooManyRequests && retries < c.Retries:
			retries++
			if err := c.sleep(ctx, wait); err != nil {
				return result{Problem: "not checked: " + err.Error()}
			}
			continue
		case method == http.MethodHead && (err != nil || status >= 400):
			method = http.MethodGet
			continue
		case err != nil:
			return result{Checked: c.Now(), Problem: describe(err, c.Timeout)}
		case status >= 400:
			return result{Checked: c.Now(), Status: status, Problem: text}
		}
		return result{Checked: c.Now(), Status: status}
	}
}

// request makes one request and returns the status, its text
// ("404 Not Found") and, for a 429, how long to wait.
func (c *Checker) request(ctx context.Context, method, raw string) (int, string, time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, raw, nil)
	if err != nil {
		return 0, "", 0, err
	}
	req.Header.Set("User-Agent", "docsgen-link-check")
	resp, err := c.Client.Do(req)
	if err != nil {
		return 0, "", 0, err
	}
	resp.Body.Close() // the status is all that is needed
	wait := time.Duration(0)
	if resp.StatusCode == http.StatusTooManyRequests {
		wait = retryAfter(resp.Header.Get("Retry-After"), c.Now(), c.MaxRetryAfter)
	}
	return resp.StatusCode, resp.Status, wait, nil
}

// retryAfter reads a Retry-After header: seconds or an HTTP date; 1 s when
// missing or unreadable, never more than limit.
func retryAfter(h string, now time.Time, limit time.Duration) time.Duration {
	d := time.Second
	if secs, err := time.ParseDuration(strings.TrimSpace(h) + "s"); err == nil && secs >= 0 {
		d = secs
	} else if t, err := http.ParseTime(h); err == nil {
		d = max(t.Sub(now), 0)
	}
	return min(d, limit)
}

// describe says in words why no answer came.
func describe(err error, timeout time.Duration) string {
	switch {
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		return fmt.Sprintf("no answer within %s", timeout)
	case strings.Contains(err.Error(), "certificate") || strings.Contains(err.Error(), "tls:"):
		return "the site's TLS certificate was refused: " + lastPart(err.Error())
	case strings.Contains(err.Error(), "stopped after"):
		return "too many redirects"
	}
	return "no answer: " + lastPart(err.Error())
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// lastPart drops the method and URL Go's client puts before its errors.
func lastPart(s string) string {
	if i := strings.LastIndex(s, "\": "); i >= 0 {
		return s[i+3:]
	}
	return s
}

// key is the cache key of a URL's result.
func key(raw string) [32]byte {
	return sha256.Sum256([]byte("docsgen external link v1\x00" + raw))
}

func (c *Checker) cached(raw string) (result, bool) {
	if c.Cache == nil {
		return result{}, false
	}
	data, ok := c.Cache.Get(key(raw))
	if !ok {
		return result{}, false
	}
	var r result
	if json.Unmarshal(data, &r) != nil || c.Now().Sub(r.Checked) > c.MaxAge || r.Checked.After(c.Now()) {
		return result{}, false
	}
	return r, true
}

func (c *Checker) store(raw string, r result) {
	if c.Cache == nil {
		return
	}
	if data, err := json.Marshal(r); err == nil {
		_ = c.Cache.Put(key(raw), data) // a failed write only costs a later request
	}
}

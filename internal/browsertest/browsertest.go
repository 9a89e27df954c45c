// Package browsertest starts a headless Chromium for tests, driven by
// chromedp. Every browser test of docsgen gets its browser from New, so the
// flags that make Chromium quiet, sandbox-free (tests run as root in CI) and
// offline live in one place.
//
// Chromium is required, not optional: when it is missing the test fails
// with a message saying how to install it (.ci/run does), it never skips.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Options tunes the browser. The zero value is a 1280x900 window with
// JavaScript on, closed after 90 seconds at the most.
type Options struct {
	// Width and Height of the window; default 1280x900.
	Width, Height int
	// Timeout bounds the whole browser session, so that a hung page fails
	// the test instead of stalling it; default 90 seconds.
	Timeout time.Duration
}

// ExecPath finds the Chromium binary: $CHROMIUM, else chromium on PATH.
func ExecPath() (string, error) {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return exec.LookPath("chromium")
}

// New starts a browser for t and returns a chromedp context for one tab.
// The browser is closed when the test ends. Each call gets a fresh profile,
// so localStorage never leaks between tests.
func New(t testing.TB, o Options) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test: skipped by -short (make test runs it)")
	}
	exe, err := ExecPath()
	if err != nil {
		t.Fatalf("browser tests need Chromium: apt-get install -y chromium (or set $CHROMIUM): %v", err)
	}
	if o.Width == 0 {
		o.Width, o.Height = 1280, 900
	}
	if o.Timeout == 0 {
		o.Timeout = 90 * time.Second
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.WindowSize(o.Width, o.Height),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("mute-audio", true),
	}
	// Chromium makes its singleton folder (org.chromium.Chromium.*) under
	// $TMPDIR and leaves it there when it is killed, as every test's
	// browser is: a folder of the test's own, removed with it, keeps the
	// machine's temporary folder clean.
	opts = append(opts, chromedp.Env("TMPDIR="+t.TempDir()))
	// Chromium now and then exits before it prints its DevTools address
	// when several start at once on a loaded machine ("chrome failed to
	// start", with nothing but its usual warnings on stderr). A start is
	// tried three times; anything else fails at once.
	for attempt := 1; attempt <= 3; attempt++ {
		// A fresh profile each time: a Chromium that died may leave its lock.
		actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), slices.Concat(opts, []chromedp.ExecAllocatorOption{chromedp.UserDataDir(t.TempDir())})...)
		ctx, cancelCtx := chromedp.NewContext(actx)
		tctx, cancelTimeout := context.WithTimeout(ctx, o.Timeout)
		stop := func() {
			cancelTimeout()
			cancelCtx()
			cancelAlloc()
		}
		if err = chromedp.Do(tctx); err == nil {
			t.Cleanup(stop)
			return tctx
		}
		stop()
		if !strings.Contains(err.Error(), "chrome failed to start") {
			break
		}
		t.Logf("Chromium did not start (attempt %d of 3): %v", attempt, err)
	}
	t.Fatalf("starting Chromium (%s): %v", exe, err)
	return nil
}

package templates_test

import (
	"context"
	"os"
	"path"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"docsgen/internal/browsertest"
)

// startBrowser starts a headless Chromium for the test and returns its
// context, closed when the test ends. The subtests of TestBrowser share it,
// each in a tab of its own, so it may live longer than browsertest's default.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	return browsertest.New(t, browsertest.Options{Timeout: 5 * time.Minute})
}

// newTab opens a tab with its own storage (a fresh browser context) in
// browser, the recorder installed.
func newTab(t *testing.T, browser context.Context) *browsertest.Tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancel() })
	return browsertest.NewTab(t, ctx, recorder)
}

// screenshot writes a PNG of the viewport to shotDir.
func screenshot(t *testing.T, tb *browsertest.Tab, name string, full bool) {
	t.Helper()
	shot := chromedp.CaptureScreenshot()
	if full {
		shot = chromedp.FullScreenshot(100)
	}
	png, err := chromedp.Run(tb.Ctx, shot)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(shotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path.Join(shotDir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

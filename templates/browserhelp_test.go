package templates_test

import (
	"context"
	"os"
	"path"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// startBrowser starts a headless Chromium for the test and returns its
// context; cancelling happens in t.Cleanup. It fails the test when Chromium
// is missing: browser tests never skip.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test: skipped by -short (make test runs it)")
	}
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Fatalf("browser tests need Chromium at %s: %v", chromiumPath, err)
	}
	dir, err := os.MkdirTemp("", "docsgen-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(dir),
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancelBrowser := chromedp.NewContext(alloc)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
		// Chromium's helpers may still write for a moment after it exits.
		for range 50 {
			if os.RemoveAll(dir) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx
}

// tab is one browser tab with its own storage (a fresh browser context),
// the recorder installed, and the console errors it has logged.
type tab struct {
	ctx    context.Context
	mu     sync.Mutex
	errors []string
	marks  int // end markers seen
}

// endMarker is logged by checkClean to know that the console is read up to
// that moment.
const endMarker = "templates-test: console checked"

func newTab(t *testing.T, browser context.Context) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancel() })
	tb := &tab{ctx: ctx}
	install := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: recorder})
		return err
	})
	if err := chromedp.Do(ctx, install); err != nil {
		t.Fatal(err)
	}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			tb.mu.Lock()
			switch {
			case m.Text == endMarker:
				tb.marks++
			case m.Type == chromedp.ConsoleError || m.IsException():
				tb.errors = append(tb.errors, m.String())
			}
			tb.mu.Unlock()
		}
	}()
	return tb
}

// run runs the steps and fails the test on error.
func (tb *tab) run(t *testing.T, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(tb.ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// eval evaluates a JavaScript expression that yields a string.
func (tb *tab) eval(t *testing.T, expr string) string {
	t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// waitLimit bounds how long a test waits for the page to reach a state;
// it only bounds a failure.
const waitLimit = 10 * time.Second

// waitFor polls until the expression yields want, and fails the test with
// the last value if it has not after waitLimit.
func (tb *tab) waitFor(t *testing.T, expr, want string) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		got := tb.eval(t, expr)
		if got == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s = %q after %v, want %q", expr, got, waitLimit, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// checkClean fails the test when the page broke its CSP or logged an error.
func (tb *tab) checkClean(t *testing.T) {
	t.Helper()
	if v := tb.eval(t, `JSON.stringify(window.__csp)`); v != "[]" {
		t.Errorf("CSP violations: %s", v)
	}
	// The console keeps its order: once a marker logged now has arrived,
	// so has every message before it.
	tb.mu.Lock()
	want := tb.marks + 1
	tb.mu.Unlock()
	tb.eval(t, `(console.debug("`+endMarker+`"), "")`)
	deadline := time.Now().Add(waitLimit)
	for {
		tb.mu.Lock()
		seen := tb.marks
		tb.mu.Unlock()
		if seen >= want {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the console's end marker never arrived")
		}
		time.Sleep(10 * time.Millisecond)
	}
	tb.mu.Lock()
	defer tb.mu.Unlock()
	if len(tb.errors) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(tb.errors, "\n"))
	}
}

// screenshot writes a PNG of the viewport to shotDir.
func (tb *tab) screenshot(t *testing.T, name string, full bool) {
	t.Helper()
	shot := chromedp.CaptureScreenshot()
	if full {
		shot = chromedp.FullScreenshot(100)
	}
	png, err := chromedp.Run(tb.ctx, shot)
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

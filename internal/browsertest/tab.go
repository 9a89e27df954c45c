package browsertest

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// WaitLimit bounds how long Tab.WaitFor and Tab.CheckClean wait for the page
// to reach a state. It only bounds a failure: a passing test waits as long
// as the page takes and no longer.
const WaitLimit = 10 * time.Second

// endMarker is logged by CheckClean to know that the console has been read
// up to that moment: the console keeps its order.
const endMarker = "browsertest: console checked"

// Tab is one browser tab that runs a test's recorder script before every
// page's own scripts and keeps the console errors and exceptions the pages
// log. Tests drive it with Run, read it with Eval and WaitFor, and end with
// CheckClean.
type Tab struct {
	// Ctx is the chromedp context of the tab, for actions the helpers do
	// not cover.
	Ctx context.Context

	mu     sync.Mutex
	errors []string
	marks  int // end markers seen
}

// NewTab installs recorder in ctx's tab (a context from New, or one derived
// from it) and starts keeping its console errors. The recorder runs in
// every document before the page's scripts, through DevTools, so the page's
// Content-Security-Policy does not apply to it; CheckClean expects it to
// fill window.__csp with the violations it sees.
func NewTab(t testing.TB, ctx context.Context, recorder string) *Tab {
	t.Helper()
	tb := &Tab{Ctx: ctx}
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

// Run runs the steps in the tab and fails the test on the first error.
func (tb *Tab) Run(t testing.TB, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(tb.Ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// Eval evaluates the JavaScript expression expr in tb, awaiting it when it
// is a promise, and decodes its value into T; it fails the test when the
// expression throws or its value is not a T.
func Eval[T any](t testing.TB, tb *Tab, expr string) T {
	t.Helper()
	v, err := chromedp.Run(tb.Ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// WaitFor polls the string expression expr until it yields want, and fails
// the test with the last value when it has not after WaitLimit.
func (tb *Tab) WaitFor(t testing.TB, expr, want string) {
	t.Helper()
	deadline := time.Now().Add(WaitLimit)
	for {
		got := Eval[string](t, tb, expr)
		if got == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s = %q after %v, want %q", expr, got, WaitLimit, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// CheckClean fails the test when a page of the tab broke its CSP (the
// recorder's window.__csp is not empty) or logged an error or exception,
// other than those containing one of expected. It first waits until every
// message logged so far has been read.
func (tb *Tab) CheckClean(t testing.TB, expected ...string) {
	t.Helper()
	if v := Eval[string](t, tb, `JSON.stringify(window.__csp)`); v != "[]" {
		t.Errorf("CSP violations: %s", v)
	}
	tb.mu.Lock()
	want := tb.marks + 1
	tb.mu.Unlock()
	Eval[bool](t, tb, `(console.debug("`+endMarker+`"), true)`)
	for deadline := time.Now().Add(WaitLimit); ; time.Sleep(10 * time.Millisecond) {
		tb.mu.Lock()
		seen := tb.marks
		tb.mu.Unlock()
		if seen >= want {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the console's end marker never arrived")
		}
	}
	tb.mu.Lock()
	defer tb.mu.Unlock()
	errs := slices.DeleteFunc(slices.Clone(tb.errors), func(e string) bool {
		return slices.ContainsFunc(expected, func(x string) bool { return strings.Contains(e, x) })
	})
	if len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

package catalog

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Helpers of the browser tests: the console watch, waiting for a state,
// and evaluating the page.

// console collects the page's errors and warnings (CSP violations among
// them) while a test runs.
type console struct {
	mu     sync.Mutex
	msgs   []string
	marks  int // end markers seen
	marked chan struct{}
}

// endMarker is logged by check: the console keeps its order, so once the
// marker has arrived every message before it has too.
const endMarker = "catalog-test: console checked"

func watchConsole(ctx context.Context) *console {
	c := &console{marked: make(chan struct{}, 1)}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			c.mu.Lock()
			switch {
			case m.Text == endMarker:
				c.marks++
				select {
				case c.marked <- struct{}{}:
				default:
				}
			case m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException || m.Type == chromedp.ConsoleWarning:
				c.msgs = append(c.msgs, string(m.Type)+": "+m.Text)
			}
			c.mu.Unlock()
		}
	}()
	return c
}

// check fails the test for each error or warning the page logged so far.
func (c *console) check(t *testing.T, ctx context.Context) {
	t.Helper()
	c.mu.Lock()
	want := c.marks + 1
	c.mu.Unlock()
	eval[bool](t, ctx, fmt.Sprintf(`(console.debug(%q), true)`, endMarker))
	for {
		c.mu.Lock()
		seen := c.marks
		c.mu.Unlock()
		if seen >= want {
			break
		}
		select {
		case <-c.marked:
		case <-time.After(waitLimit):
			t.Fatal("the console's end marker never arrived")
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, m := range c.msgs {
		t.Errorf("browser console: %s", m)
	}
	c.msgs = nil
}

// waitLimit bounds how long a test waits for the page to reach a state;
// it only bounds a failure.
const waitLimit = 10 * time.Second

// waitFor evaluates js until it returns want, and fails the test with the
// last value if it has not after waitLimit.
func waitFor(t *testing.T, ctx context.Context, js, want string) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		got := eval[string](t, ctx, js)
		if got == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s = %q after %v, want %q", js, got, waitLimit, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

const (
	inputSel = "[data-filter-query]"
	// visibleJS lists the ids of the entries and status rows the page shows.
	visibleJS = `Array.from(document.querySelectorAll('.error-entry, .status-row')).filter(e => e.checkVisibility()).map(e => e.id)`
)

func run(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// setQuery types q into the filter at once (one input event).
func setQuery(t *testing.T, ctx context.Context, q string) {
	t.Helper()
	eval[bool](t, ctx, fmt.Sprintf(`(() => { const i = document.querySelector(%q); i.value = %q; i.dispatchEvent(new Event('input', {bubbles: true})); return true })()`, inputSel, q))
}

func visible(t *testing.T, ctx context.Context) []string {
	t.Helper()
	return eval[[]string](t, ctx, visibleJS)
}

func countText(t *testing.T, ctx context.Context) string {
	t.Helper()
	return eval[string](t, ctx, `document.querySelector('[data-filter-count]').textContent`)
}

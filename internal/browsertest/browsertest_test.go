package browsertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestNewRetriesAChromiumThatDiesAtStart checks that New starts the
// browser again when Chromium exits before it gives its DevTools address,
// and that the tab it returns works. The stand-in Chromium exits at once
// on its first start and runs the real one after.
func TestNewRetriesAChromiumThatDiesAtStart(t *testing.T) {
	real, err := ExecPath()
	if err != nil {
		t.Fatalf("browser tests need Chromium: apt-get install -y chromium (or set $CHROMIUM): %v", err)
	}
	dir := t.TempDir()
	starts := filepath.Join(dir, "starts")
	script := filepath.Join(dir, "chromium")
	body := "#!/bin/sh\necho start >> '" + starts + "'\n" +
		"if [ \"$(wc -l < '" + starts + "')\" -eq 1 ]; then echo 'dying at start' >&2; exit 1; fi\n" +
		"exec '" + real + "' \"$@\"\n"
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("CHROMIUM", script)
	ctx := New(t, Options{})
	if _, err := chromedp.Run(ctx, chromedp.Navigate("data:text/html,<title>up</title>")); err != nil {
		t.Fatal(err)
	}
	title, err := chromedp.Run(ctx, chromedp.Evaluate[string]("document.title"))
	if err != nil {
		t.Fatal(err)
	}
	if title != "up" {
		t.Errorf("title = %q, want up", title)
	}
	data, err := os.ReadFile(starts)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), "start"); n != 2 {
		t.Errorf("Chromium started %d times, want 2 (one death, one retry)", n)
	}
}

package browsertest

import (
	"errors"
	"io/fs"
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
	starts := filepath.Join(t.TempDir(), "starts")
	standInChromium(t, "echo start >> '"+starts+"'\n"+
		"if [ \"$(wc -l < '"+starts+"')\" -eq 1 ]; then echo 'dying at start' >&2; exit 1; fi\n")
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

// TestChromiumTempFilesGoWithTheTest checks that the browser gets a
// temporary folder of the test's own, that Chromium puts its singleton
// folder there (it leaves that folder behind when it is killed), and that
// the folder is gone once the test ends. The stand-in Chromium records
// the TMPDIR it was started with and runs the real one.
func TestChromiumTempFilesGoWithTheTest(t *testing.T) {
	seen := filepath.Join(t.TempDir(), "tmpdir")
	standInChromium(t, "printf '%s' \"$TMPDIR\" > '"+seen+"'\n")
	var tmp string
	t.Run("browser", func(t *testing.T) {
		ctx := New(t, Options{})
		if _, err := chromedp.Run(ctx, chromedp.Navigate("data:text/html,<title>up</title>")); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(seen)
		if err != nil {
			t.Fatal(err)
		}
		tmp = string(data)
		if tmp == "" || filepath.Clean(tmp) == filepath.Clean(os.TempDir()) {
			t.Fatalf("Chromium started with TMPDIR=%q, want a folder of the test's own", tmp)
		}
		singleton, err := filepath.Glob(filepath.Join(tmp, "org.chromium.Chromium.*"))
		if err != nil {
			t.Fatal(err)
		}
		if len(singleton) == 0 {
			t.Errorf("no org.chromium.Chromium.* folder in the browser's TMPDIR %s: Chromium put it elsewhere", tmp)
		}
	})
	if tmp == "" {
		return
	}
	if _, err := os.Stat(tmp); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the browser's TMPDIR %s is still there after the test (stat: %v)", tmp, err)
	}
}

// standInChromium makes $CHROMIUM, for the rest of the test, a shell
// script that runs lines and then the real Chromium with its arguments.
func standInChromium(t *testing.T, lines string) {
	t.Helper()
	real, err := ExecPath()
	if err != nil {
		t.Fatalf("browser tests need Chromium: apt-get install -y chromium (or set $CHROMIUM): %v", err)
	}
	script := filepath.Join(t.TempDir(), "chromium")
	body := "#!/bin/sh\n" + lines + "exec '" + real + "' \"$@\"\n"
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("CHROMIUM", script)
}

package catalog

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

// TestLoadNamedPipe checks that a named pipe called *.yaml is reported and
// never opened: opening it would block until something writes to it.
func TestLoadNamedPipe(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "_data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "_data", "errors.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan string)
	go func() {
		_, diags := Load(os.DirFS(dir), "_data", "content")
		var all []string
		for _, d := range diags {
			all = append(all, d.Error())
		}
		done <- strings.Join(all, "\n")
	}()
	select {
	case got := <-done:
		want := "content/_data/errors.yaml: error: not a regular file; replace it with a YAML file or remove it"
		if !strings.Contains(got, want) {
			t.Fatalf("want %q in:\n%s", want, got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Load did not return: it opened the named pipe")
	}
}

// TestLoadTextProblems checks that a data file's byte order mark is
// skipped, and that bytes no YAML text may hold are reported at their
// position instead of reaching the pages.
func TestLoadTextProblems(t *testing.T) {
	const status = "statuses:\n  - code: 200\n    text: %s\n    meaning: Fine.\n    retry: n/a\n    retryable: n/a\n"
	tests := []struct {
		name, src, want string
	}{
		{"byte order mark", "\xef\xbb\xbf" + fmt.Sprintf(status, "OK"), ""},
		{"CRLF", strings.ReplaceAll(fmt.Sprintf(status, "OK"), "\n", "\r\n"), ""},
		{"invalid UTF-8", fmt.Sprintf(status, "\"O\xffK\""), "content/_data/s.yaml:3:13: error: the file is not valid UTF-8; save it as UTF-8 in your editor"},
		{"NUL byte", fmt.Sprintf(status, "\"O\x00K\""), "content/_data/s.yaml:3:13: error: the file holds a NUL byte; it looks binary, not YAML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, diags := Load(fstest.MapFS{"_data/s.yaml": {Data: []byte(tt.src)}}, "_data", "content")
			var all []string
			for _, d := range diags {
				all = append(all, d.Error())
			}
			got := strings.Join(all, "\n")
			if tt.want == "" {
				if got != "" || c.Empty() {
					t.Fatalf("diagnostics %q, empty catalog %v", got, c.Empty())
				}
				return
			}
			if !strings.Contains(got, tt.want) {
				t.Fatalf("want %q in:\n%s", tt.want, got)
			}
		})
	}
}

package catalog

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
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

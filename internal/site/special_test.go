package site

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestUpdateNeverOpensAPipe replaces a page by a named pipe while a session
// (the preview server's) is running: the update must not open it, which
// would block the server's rebuilds, and its shutdown, forever.
func TestUpdateNeverOpensAPipe(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "a.md")
	if err := os.WriteFile(page, []byte("# A\n\nText.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sess := NewSession(Options{Content: os.DirFS(dir)}, SessionOptions{})
	if _, _, err := sess.Update(context.Background(), Changes{}); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(page); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(page, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan string, 1)
	go func() {
		res, _, err := sess.Update(context.Background(), Changes{Content: []string{"a.md"}})
		if err != nil {
			done <- err.Error()
			return
		}
		var all []string
		for _, d := range res.Diags {
			all = append(all, d.Error())
		}
		done <- strings.Join(all, "\n")
	}()
	select {
	case got := <-done:
		want := "content/a.md: error: not a regular file but a named pipe (FIFO)"
		if !strings.Contains(got, want) {
			t.Fatalf("want %q in:\n%s", want, got)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Update did not return: it opened the named pipe")
	}
}

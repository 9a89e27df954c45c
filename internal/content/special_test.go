package content

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestLoadSpecialFiles checks that files which are not regular files are
// reported, never opened: a named pipe called x.md would block the build
// forever waiting for a writer.
func TestLoadSpecialFiles(t *testing.T) {
	tests := []struct {
		name  string
		setup func(dir string) error
		want  string
	}{
		{"named pipe", func(dir string) error {
			return syscall.Mkfifo(filepath.Join(dir, "x.md"), 0o644)
		}, "content/x.md: error: not a regular file but a named pipe (FIFO); replace it with a regular file or remove it"},
		{"named pipe as site.yaml", func(dir string) error {
			return syscall.Mkfifo(filepath.Join(dir, "site.yaml"), 0o644)
		}, "content/site.yaml: error: not a regular file but a named pipe (FIFO)"},
		{"folder as site.yaml", func(dir string) error {
			return os.Mkdir(filepath.Join(dir, "site.yaml"), 0o755)
		}, "content/site.yaml: error: not a regular file but a folder"},
		{"dangling link", func(dir string) error {
			return os.Symlink("missing.md", filepath.Join(dir, "x.md"))
		}, "content/x.md: error: symbolic link to a file that does not exist; remove the link or point it at an existing file"},
		{"link loop", func(dir string) error {
			return os.Symlink("x.md", filepath.Join(dir, "x.md"))
		}, "content/x.md: error: symbolic link loop: following the link leads back to it"},
		{"link to a folder", func(dir string) error {
			return os.Symlink(".", filepath.Join(dir, "up"))
		}, "content/up: error: symbolic link to a folder: linked folders are not read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "index.md"), []byte("# Home\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := tt.setup(dir); err != nil {
				t.Fatal(err)
			}
			done := make(chan string)
			go func() {
				_, diags := Load(os.DirFS(dir), Options{Display: "content"})
				var all []string
				for _, d := range diags {
					all = append(all, d.Error())
				}
				done <- strings.Join(all, "\n")
			}()
			select {
			case got := <-done:
				if !strings.Contains(got, tt.want) {
					t.Fatalf("want %q in:\n%s", tt.want, got)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("Load did not return: it opened a special file")
			}
		})
	}
}

func TestLoadFollowsLinkToFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "real.txt"), []byte("# Linked\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real.txt", filepath.Join(dir, "page.md")); err != nil {
		t.Fatal(err)
	}
	s, diags := Load(os.DirFS(dir), Options{})
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	if p := s.ByURL["/page/"]; p == nil || p.Title != "Linked" {
		t.Fatalf("linked page not loaded: %+v", s.ByURL)
	}
}

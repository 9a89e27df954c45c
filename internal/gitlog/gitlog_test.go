package gitlog

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	log := "@2026-11-20T10:00:00Z\n\ncontent/a.md\ncontent/b.md\n\n@2026-10-01T09:00:00+02:00\n\ncontent/a.md\ncontent/c.md\nother/x.md\n"
	got := map[string]time.Time{}
	parse([]byte(log), "content/", got)
	want := map[string]string{
		"a.md": "2026-11-20T10:00:00Z",
		"b.md": "2026-11-20T10:00:00Z",
		"c.md": "2026-10-01T09:00:00+02:00",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d files %v, want %d", len(got), got, len(want))
	}
	for name, w := range want {
		wt, _ := time.Parse(time.RFC3339, w)
		if !got[name].Equal(wt) {
			t.Errorf("%s: got %v, want %v", name, got[name], wt)
		}
	}
}

func TestLastCommitsInRealRepo(t *testing.T) {
	dir := t.TempDir()
	git := func(env []string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), env...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	id := []string{"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t"}
	git(nil, "init", "-q")
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "content", "a.md"), []byte("a"), 0o644)
	git(nil, "add", ".")
	git(append(id, "GIT_COMMITTER_DATE=2026-01-02T03:04:05Z"), "commit", "-qm", "one")
	os.WriteFile(filepath.Join(dir, "content", "b.md"), []byte("b"), 0o644)
	git(nil, "add", ".")
	git(append(id, "GIT_COMMITTER_DATE=2026-02-03T03:04:05Z"), "commit", "-qm", "two")

	got := LastCommits(context.Background(), filepath.Join(dir, "content"))
	if got["a.md"].Format(time.DateOnly) != "2026-01-02" || got["b.md"].Format(time.DateOnly) != "2026-02-03" {
		t.Fatalf("got %v", got)
	}
	if len(LastCommits(context.Background(), t.TempDir())) != 0 {
		t.Fatal("a folder outside git should have no dates")
	}
}

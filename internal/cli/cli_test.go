package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func run(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good")
	bad := filepath.Join(dir, "bad")
	write(t, good, map[string]string{"index.md": "---\ntitle: Home\n---\nHi\n"})
	write(t, bad, map[string]string{"index.md": "---\ntitle: Home\nnope: 1\n---\n"})
	out := filepath.Join(dir, "out")
	tests := []struct {
		name   string
		args   []string
		code   int
		outHas string
		errHas string
	}{
		{"no command", nil, 2, "", "Usage:"},
		{"unknown command", []string{"publish"}, 2, "", `unknown command "publish"`},
		{"help", []string{"-h"}, 0, "docsgen build", ""},
		{"build help", []string{"build", "-h"}, 0, "-base-url", ""},
		{"serve help", []string{"serve", "-h"}, 0, "-addr", ""},
		{"check help", []string{"check", "-h"}, 0, "writes nothing", ""},
		{"mcp help", []string{"mcp", "-help"}, 0, "-site", ""},
		{"version help", []string{"version", "--help"}, 0, "Usage: docsgen version", ""},
		{"version", []string{"version"}, 0, "docsgen ", ""},
		{"mcp without a site", []string{"mcp"}, 2, "", "pass one of -content, -dir or -site"},
		{"mcp with two sites", []string{"mcp", "-dir", dir, "-site", "https://docs.example.com"}, 2, "", "pass one of -content, -dir or -site"},
		{"mcp over plain http", []string{"mcp", "-site", "http://docs.example.com"}, 2, "", "https://"},
		{"unknown flag", []string{"build", "-colour"}, 2, "", "flag provided but not defined"},
		{"stray argument", []string{"check", "extra"}, 2, "", `unexpected argument "extra"`},
		{"missing content", []string{"build", "-content", filepath.Join(dir, "none")}, 2, "", "does not exist"},
		{"missing static", []string{"check", "-content", good, "-static", filepath.Join(dir, "none")}, 2, "", "static folder"},
		{"check good", []string{"check", "-content", good}, 0, "checked 1 pages", ""},
		{"check unknown key", []string{"check", "-content", bad}, 0, "checked 1 pages", "index.md:3:1: warning: front matter key \"nope\" is not one docsgen knows"},
		{"check bad", []string{"check", "-strict", "-content", bad}, 1, "", "index.md:3:1: error: unknown front matter key \"nope\""},
		{"build good", []string{"build", "-content", good, "-out", out}, 0, "built 1 pages", ""},
		{"build bad", []string{"build", "-strict", "-content", bad, "-out", out}, 1, "", "left unchanged"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, stdout, stderr)
			}
			if !strings.Contains(stdout, tt.outHas) {
				t.Errorf("stdout %q lacks %q", stdout, tt.outHas)
			}
			if !strings.Contains(stderr, tt.errHas) {
				t.Errorf("stderr %q lacks %q", stderr, tt.errHas)
			}
		})
	}
}

func TestFailedBuildLeavesOutputUntouched(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "content")
	out := filepath.Join(dir, "build")
	write(t, src, map[string]string{"index.md": "---\ntitle: First\n---\n"})
	if code, _, stderr := run("build", "-content", src, "-out", out); code != 0 {
		t.Fatal(stderr)
	}
	before, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, src, map[string]string{"index.md": "---\ntitle: Second\n---\n[broken](/nowhere/)\n"})
	if code, _, _ := run("build", "-content", src, "-out", out); code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	after, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !bytes.Equal(before, after) {
		t.Fatal("a failed build changed the output folder")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("temporary folders left beside the output: %v", entries)
	}
}

func TestCheckWritesNothing(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "content")
	write(t, src, map[string]string{"index.md": "# Home\n"})
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	os.Chdir(dir)
	if code, _, stderr := run("check", "-content", src); code != 0 {
		t.Fatal(stderr)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("check wrote files: %v", entries)
	}
}

func TestBuildTwiceIsByteIdentical(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "content")
	write(t, src, map[string]string{
		"index.md":     "---\ntitle: Home\n---\n## A\n\n```go\nfunc main() {}\n```\n",
		"guide/one.md": "---\ntitle: One\nweight: 1\n---\nText [home](/).\n",
		"guide/two.md": "---\ntitle: Two\nweight: 2\n---\n:::note\nHi\n:::\n",
	})
	read := func(out string) map[string]string {
		files := map[string]string{}
		filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				b, _ := os.ReadFile(p)
				rel, _ := filepath.Rel(out, p)
				files[rel] = string(b)
			}
			return nil
		})
		return files
	}
	for _, out := range []string{"a", "b"} {
		if code, _, stderr := run("build", "-content", src, "-out", filepath.Join(dir, out)); code != 0 {
			t.Fatal(stderr)
		}
	}
	a, b := read(filepath.Join(dir, "a")), read(filepath.Join(dir, "b"))
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("file counts %d and %d", len(a), len(b))
	}
	for name, body := range a {
		if b[name] != body {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

// A cache folder that cannot be made is a warning, and the build goes on.
func TestUnusableCacheIsAWarning(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "content")
	write(t, src, map[string]string{"index.md": "# Home\n"})
	blocker := filepath.Join(dir, "file")
	os.WriteFile(blocker, []byte("x"), 0o644)
	t.Setenv("DOCSGEN_CACHE_DIR", filepath.Join(blocker, "cache"))
	code, stdout, stderr := run("build", "-content", src, "-out", filepath.Join(dir, "out"))
	if code != 0 || !strings.Contains(stdout, "built 1 pages") || !strings.Contains(stderr, "warning: render cache off") {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
}

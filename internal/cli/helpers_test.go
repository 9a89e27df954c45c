package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// runWithin runs docsgen and fails the test if it takes longer than limit
// (default 30 s): a build must never hang, whatever the input.
func runWithin(t *testing.T, limit time.Duration, args ...string) (int, string, time.Duration) {
	t.Helper()
	if limit == 0 {
		limit = 30 * time.Second
	}
	type result struct {
		code   int
		stderr string
	}
	done := make(chan result, 1)
	start := time.Now()
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- result{-1, fmt.Sprintf("panic: %v", r)}
			}
		}()
		code, _, stderr := run(args...)
		done <- result{code, stderr}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	select {
	case r := <-done:
		return r.code, r.stderr, time.Since(start)
	case <-ctx.Done():
		t.Fatalf("docsgen %s did not finish within %v", strings.Join(args, " "), limit)
		return 0, "", 0
	}
}

func containsLine(lines []string, want string) bool {
	for _, l := range lines {
		if l == want {
			return true
		}
	}
	return false
}

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		writeFile(t, dir, name, body)
	}
}

func writeFile(t *testing.T, dir, name, body string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mkfifo(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, p string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, p); err != nil {
		t.Fatal(err)
	}
}

// manifest maps every file and folder under dir to a hash of its content
// (folders map to "dir"), and symbolic links to their target.
func manifest(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case d.IsDir():
			m[rel] = "dir"
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			m[rel] = "link " + target
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(b)
			m[rel] = hex.EncodeToString(sum[:])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func sameManifest(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func diffManifest(a, b map[string]string) string {
	var out []string
	for k, v := range a {
		switch w, ok := b[k]; {
		case !ok:
			out = append(out, "removed "+k)
		case w != v:
			out = append(out, "changed "+k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, "added "+k)
		}
	}
	return strings.Join(out, "\n")
}

// bigPage returns a Markdown page of about size bytes: prose, headings,
// lists, code and links, as a long real page would have.
func bigPage(size int) string {
	var b strings.Builder
	b.WriteString("---\ntitle: Big page\n---\nSee [the first part](#part-1).\n\n")
	for i := 1; b.Len() < size; i++ {
		fmt.Fprintf(&b, "## Part %d\n\n", i)
		for j := range 20 {
			fmt.Fprintf(&b, "Paragraph %d of part %d explains the `RATE_LIMIT_EXCEEDED` error and how to retry with **backoff**, "+
				"waiting as long as the Retry-After header says before sending the request again.\n\n", j, i)
		}
		b.WriteString("- first item\n- second item\n  - nested item\n\n```go\nfor attempt := range 5 {\n\tsleep(attempt)\n}\n```\n\n")
	}
	b.WriteString("Closing line.\n")
	return b.String()
}

// Package gitlog finds when each file of a folder was last committed, for
// the "Last updated" line of every page.
//
// It runs git once for the whole folder (git log --name-only), not once per
// file, so a 10,000-page site costs one process. Outside a git work tree,
// or without git installed, it returns an empty map and the pages fall back
// to their front matter lastmod.
package gitlog

import (
	"bufio"
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// LastCommits returns, for every file under dir that git has history for,
// the committer date of the newest commit that touched it. Keys are paths
// relative to dir, with forward slashes.
func LastCommits(ctx context.Context, dir string) map[string]time.Time {
	out := map[string]time.Time{}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return out
	}
	top, err := exec.CommandContext(ctx, "git", "-C", abs, "rev-parse", "--show-toplevel").Output()
	if err != nil {
		return out
	}
	root := strings.TrimSpace(string(top))
	rel, err := filepath.Rel(root, abs)
	if err != nil {
		return out
	}
	prefix := ""
	if rel != "." {
		prefix = filepath.ToSlash(rel) + "/"
	}
	cmd := exec.CommandContext(ctx, "git", "-C", root, "log", "--format=@%cI", "--name-only", "--no-renames", "--", filepath.ToSlash(rel))
	data, err := cmd.Output()
	if err != nil {
		return out
	}
	parse(data, prefix, out)
	return out
}

// parse reads "git log --format=@%cI --name-only" output; newest commits
// come first, so the first date seen for a file wins.
func parse(data []byte, prefix string, out map[string]time.Time) {
	var when time.Time
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
		case strings.HasPrefix(line, "@"):
			t, err := time.Parse(time.RFC3339, line[1:])
			if err == nil {
				when = t
			}
		default:
			name, ok := strings.CutPrefix(line, prefix)
			if !ok || when.IsZero() {
				continue
			}
			if _, seen := out[name]; !seen {
				out[name] = when
			}
		}
	}
}

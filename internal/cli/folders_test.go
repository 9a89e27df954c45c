package cli

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestMissingContentFolder checks the usage errors for a -content folder
// that is not there, or is a file.
func TestMissingContentFolder(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	writeFile(t, dir, "file", "x")
	out := filepath.Join(dir, "build")
	writeTree(t, filepath.Join(dir, "good"), goodSite)
	if code, _, stderr := run("build", "-content", filepath.Join(dir, "good"), "-out", out); code != 0 {
		t.Fatal(stderr)
	}
	before := manifest(t, out)
	for _, tt := range []struct {
		content, want string
	}{
		{filepath.Join(dir, "none"), fmt.Sprintf("docsgen build: content folder %q does not exist; pass -content DIR\n", filepath.Join(dir, "none"))},
		{file, fmt.Sprintf("docsgen build: content folder %q is a file, not a folder; pass -content DIR\n", file)},
	} {
		code, stdout, stderr := run("build", "-content", tt.content, "-out", out)
		if code != ExitUsage || stdout != "" || stderr != tt.want {
			t.Errorf("exit %d\nstdout %q\nstderr %q\nwant %q", code, stdout, stderr, tt.want)
		}
	}
	if after := manifest(t, out); !sameManifest(before, after) {
		t.Errorf("the output folder changed:\n%s", diffManifest(before, after))
	}
}

// TestOutputMustNotHoldSources checks that build refuses an output folder
// it would destroy sources with: a build replaces the folder whole, so
// `-out docs` over `-content docs`, or `-out .` from the project folder,
// would delete the author's work. Nothing may change in the project.
func TestOutputMustNotHoldSources(t *testing.T) {
	project := t.TempDir()
	content := filepath.Join(project, "content")
	static := filepath.Join(project, "static")
	writeTree(t, project, map[string]string{"README": "keep\n", "content/index.md": "# Home\n", "static/robots.txt": "User-agent: *\n"})
	symlink(t, content, filepath.Join(project, "link-to-content"))
	before := manifest(t, project)
	src := sourceFlags{content: content, static: static}
	tests := []struct {
		out, wd, want string
	}{
		{content, "/", "-out " + content + " is the content folder; a build replaces its output folder whole: pass -out build"},
		{filepath.Join(project, "link-to-content"), "/", "-out " + filepath.Join(project, "link-to-content") + " is the content folder"},
		{project, "/", "-out " + project + " holds the content folder " + content},
		{static, "/", "-out " + static + " is the static folder"},
		{filepath.Join(content, "build"), "/", "-out " + filepath.Join(content, "build") + " is inside the content folder " + content + "; pass a folder outside it, such as -out build"},
		{filepath.Join(static, "x", "y"), "/", "-out " + filepath.Join(static, "x", "y") + " is inside the static folder " + static},
		{filepath.Dir(project), "/", "-out " + filepath.Dir(project) + " holds the content folder"},
		{filepath.Join(project, "sub"), filepath.Join(project, "sub", "dir"), "-out " + filepath.Join(project, "sub") + " holds the current folder " + filepath.Join(project, "sub", "dir")},
		{filepath.Join(project, "build"), project, ""},
		{filepath.Join(project, "new", "deeper"), project, ""},
	}
	for _, tt := range tests {
		err := checkOutput(tt.out, src, true, tt.wd)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("-out %s refused: %v", tt.out, err)
		case tt.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.want)):
			t.Errorf("-out %s: got %v, want %q", tt.out, err, tt.want)
		}
	}
	// Through Run, as a user would type it.
	code, stdout, stderr := run("build", "-content", content, "-static", static, "-out", content)
	if code != ExitUsage || stdout != "" || !strings.Contains(stderr, "is the content folder") {
		t.Errorf("exit %d\nstdout %q\nstderr %q", code, stdout, stderr)
	}
	if after := manifest(t, project); !sameManifest(before, after) {
		t.Fatalf("the project changed:\n%s", diffManifest(before, after))
	}
}

// TestStaticLinkOutOfTheProject is the case from issue 12: static/pw.txt
// linked to a file outside the project (standing in for /etc/passwd) was
// copied into build/. Now the build fails naming the link, and the output
// folder keeps what it had.
func TestStaticLinkOutOfTheProject(t *testing.T) {
	outside, project := t.TempDir(), t.TempDir()
	writeFile(t, outside, "passwd", "root:x:0:0\n")
	writeTree(t, project, map[string]string{"content/index.md": "# Home\n", "content/img/d.png": "png", "static/robots.txt": "User-agent: *\n"})
	content, static, out := filepath.Join(project, "content"), filepath.Join(project, "static"), filepath.Join(project, "build")
	if code, _, stderr := run("build", "-content", content, "-static", static, "-out", out); code != ExitOK {
		t.Fatal(stderr)
	}
	before := manifest(t, out)
	if _, ok := before["img/d.png"]; !ok {
		t.Fatalf("the file beside the pages was not published: %v", before)
	}
	symlink(t, filepath.Join(outside, "passwd"), filepath.Join(static, "pw.txt"))
	code, _, stderr := run("build", "-content", content, "-static", static, "-out", out)
	want := filepath.ToSlash(static) + "/pw.txt: error: symbolic link to " + filepath.Join(outside, "passwd") + ", outside the project folder"
	if code != ExitContent || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant a line starting %q", code, stderr, want)
	}
	if after := manifest(t, out); !sameManifest(before, after) {
		t.Errorf("the output folder changed:\n%s", diffManifest(before, after))
	}
}

package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

// The bad-input battery: every case writes a content tree, builds a good
// site into the output folder first, then runs `docsgen build` on the case
// and checks the exact outcome: the exit code, every diagnostic line in
// full (file:line:col: severity: message; hint, with the content folder
// shown as "content"), and either the rendered HTML (when the build
// succeeds) or that the previous output folder is byte for byte what it
// was, with no temporary folder left beside it (when it fails).
//
// Unreadable files: the tests run as root, which may read a chmod 000 file,
// so the cases that must fail for everyone use a named pipe called x.md
// (opening it would block forever; docsgen must not open it), a dangling
// symbolic link and a symbolic link loop. The chmod 000 case expects a
// successful build under root and a permission error otherwise.

// batteryCase is one broken or odd input.
type batteryCase struct {
	name string
	// files is the content tree, by path under the content folder.
	files map[string]string
	// txtar names a file under testdata/battery/ whose files are added to
	// the content tree (paths under content/), or the static folder
	// (paths under static/).
	txtar string
	// setup makes what a map cannot hold: links, pipes, big files.
	setup func(t *testing.T, content string)
	// args are extra flags for the build.
	args []string
	code int
	// want lists lines that must appear in stderr, whole.
	want []string
	// html maps output files to strings they must hold; a string starting
	// with "!" must not be there. Only for builds that succeed.
	html map[string][]string
	// slow is the time the build may take; default 30 s.
	slow time.Duration
}

// goodSite is built into the output folder before each case.
var goodSite = map[string]string{
	"site.yaml":    "title: Good\n",
	"index.md":     "---\ntitle: Home\n---\nWelcome. See [the guide](/guide/one/#setup).\n",
	"guide/one.md": "---\ntitle: One\nweight: 1\n---\n## Setup\n\n```go\nfunc main() {}\n```\n",
	"guide/two.md": "# Two\n\n:::note\nA note.\n:::\n",
}

// statusData is a valid catalog data file with one status.
const statusData = "statuses:\n  - code: 200\n    text: OK\n    meaning: Fine.\n    retry: Not applicable.\n    retryable: n/a\n"

const knownKeys = "known keys: title, description, weight, draft, slug, badge, toc, lastmod, aliases, params; put your own keys under params:"

func batteryCases() []batteryCase {
	return slices.Concat(frontMatterCases(), inputCases(), markupCases(), dataCases(), fileCases())
}

func TestBadInputBattery(t *testing.T) {
	cases := batteryCases()
	if len(cases) < 30 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { runBatteryCase(t, tc) })
	}
}

// runBatteryCase builds the good site, then the case over it, and checks
// the outcome.
func runBatteryCase(t *testing.T, tc batteryCase) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good")
	content := filepath.Join(dir, "content")
	out := filepath.Join(dir, "build")
	writeTree(t, good, goodSite)
	if code, _, stderr := run("build", "-content", good, "-out", out); code != 0 {
		t.Fatalf("the good site did not build:\n%s", stderr)
	}
	before := manifest(t, out)
	args := writeCase(t, dir, tc)

	code, stderr, took := runWithin(t, tc.slow, args...)
	stderr = strings.ReplaceAll(stderr, content, "content")
	if code != tc.code {
		t.Fatalf("exit %d, want %d (after %v)\nstderr:\n%s", code, tc.code, took, stderr)
	}
	lines := strings.Split(stderr, "\n")
	for _, w := range tc.want {
		if !containsLine(lines, w) {
			t.Errorf("stderr lacks the line\n\t%s\nstderr:\n%s", w, stderr)
		}
	}
	if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
		t.Errorf("stderr shows a panic:\n%s", stderr)
	}
	if code != 0 {
		if after := manifest(t, out); !sameManifest(before, after) {
			t.Errorf("the failed build changed the output folder:\n%s", diffManifest(before, after))
		}
		if !strings.Contains(stderr, "build: ") {
			t.Errorf("no summary line:\n%s", stderr)
		}
	}
	checkHTML(t, out, tc.html)
	// Only the inputs and the output folder are left: no temporary folder
	// from the failed or finished build.
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		switch e.Name() {
		case "good", "content", "build", "static":
		default:
			t.Errorf("left beside the output folder: %s", e.Name())
		}
	}
}

// writeCase writes the case's content (and static) folder under dir and
// returns the arguments of its build into dir/build.
func writeCase(t *testing.T, dir string, tc batteryCase) []string {
	t.Helper()
	content := filepath.Join(dir, "content")
	if err := os.MkdirAll(content, 0o755); err != nil {
		t.Fatal(err)
	}
	writeTree(t, content, tc.files)
	if tc.txtar != "" {
		ar, err := txtar.ParseFile(filepath.Join("testdata", "battery", tc.txtar))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			writeFile(t, dir, f.Name, string(f.Data))
		}
	}
	if tc.setup != nil {
		tc.setup(t, content)
	}
	args := []string{"build", "-content", content, "-out", filepath.Join(dir, "build")}
	for _, a := range tc.args {
		if a == "static" {
			a = filepath.Join(dir, "static")
		}
		args = append(args, a)
	}
	return args
}

// checkHTML checks that each output file holds its strings, and none of
// those starting with "!".
func checkHTML(t *testing.T, out string, html map[string][]string) {
	t.Helper()
	for name, wants := range html {
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("output: %v", err)
			continue
		}
		for _, w := range wants {
			if neg, ok := strings.CutPrefix(w, "!"); ok {
				if strings.Contains(string(b), neg) {
					t.Errorf("%s holds %q", name, neg)
				}
			} else if !strings.Contains(string(b), w) {
				t.Errorf("%s lacks %q", name, w)
			}
		}
	}
}

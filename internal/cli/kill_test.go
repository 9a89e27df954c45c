package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestNothingLost runs the real docsgen binary as a subprocess and checks
// that no interruption loses or damages anything: a build killed with
// SIGKILL at a random moment leaves the previous output folder complete, a
// later build succeeds and clears what the killed one left, killed or
// damaged render-cache entries never reach the output, and the preview
// server writes nothing into the folders it watches and stops promptly on
// SIGINT.
func TestNothingLost(t *testing.T) {
	if testing.Short() {
		t.Skip("runs and kills docsgen subprocesses: skipped by -short (make test runs it)")
	}
	bin := filepath.Join(t.TempDir(), "docsgen")
	if out, err := exec.Command("go", "build", "-o", bin, "docsgen/cmd/docsgen").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	t.Run("killed builds", func(t *testing.T) { testKilledBuilds(t, bin) })
	t.Run("damaged cache", func(t *testing.T) { testDamagedCache(t, bin) })
	t.Run("serve writes nothing", func(t *testing.T) { testServeWritesNothing(t, bin) })
}

// killSeeds are the fixed seeds of the kill points, one killed build
// each: a seed picks how many files the build must have written into its
// temporary folder before it is killed (seed 1: none, killed at once).
// Whatever the machine's speed, every outcome is checked: killed before
// the swap (the previous site intact), killed after it (the new site
// whole), or finished first (the new site, equal to a clean build). How
// many landed where is logged, never required.
var killSeeds = []uint64{1, 2, 3, 4, 5, 6}

func testKilledBuilds(t *testing.T, bin string) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	out := filepath.Join(dir, "build")
	cacheDir := filepath.Join(dir, "cache")

	// Version 0 is the site that must survive.
	writeTree(t, content, generatedSite(300, 0))
	mustBuild(t, bin, content, out, cacheDir)
	committed := manifest(t, out)
	if len(committed) < 300 {
		t.Fatalf("the first build wrote %d files", len(committed))
	}

	outcomes := map[string]int{}
	for v, seed := range killSeeds {
		v++
		// A changed version of every page, so the build rewrites everything.
		if err := os.RemoveAll(content); err != nil {
			t.Fatal(err)
		}
		writeTree(t, content, generatedSite(300, v))
		// The reference: the same version built alone, without the cache.
		ref := filepath.Join(dir, fmt.Sprintf("ref-%d", v))
		mustBuild(t, bin, content, ref, "")
		want := manifest(t, ref)
		after := 0
		if seed > 1 {
			after = 1 + rand.New(rand.NewPCG(seed, seed)).IntN(len(want))
		}
		outcome := killBuild(t, bin, content, out, cacheDir, after, committed, want)
		outcomes[outcome]++
		t.Logf("version %d (seed %d), killed once %d of %d files were written: %s", v, seed, after, len(want), outcome)
		if outcome != "killed before the swap" {
			committed = want
		}
	}
	t.Logf("outcomes: %v", outcomes)

	// A normal build after the kills: it succeeds, its output equals a
	// clean build's (no cache entry of a killed build got into it), and
	// no temporary folder is left beside it.
	mustBuild(t, bin, content, out, cacheDir)
	want := manifest(t, filepath.Join(dir, fmt.Sprintf("ref-%d", len(killSeeds))))
	if got := manifest(t, out); !sameManifest(got, want) {
		t.Fatalf("the build after the kills differs from a clean build:\n%s", diffManifest(want, got))
	}
	if left, _ := filepath.Glob(out + ".tmp-*"); len(left) > 0 {
		t.Fatalf("temporary folders left after a normal build: %v", left)
	}
}

// killBuild starts a build of content into out and kills it with SIGKILL
// as soon as its temporary folder holds after files (0: at once), unless
// it finishes first. It checks the output folder against what the outcome
// allows, committed (the site before) or want (a clean build of content),
// and returns the outcome.
func killBuild(t *testing.T, bin, content, out, cacheDir string, after int, committed, want map[string]string) string {
	t.Helper()
	cmd := exec.Command(bin, "build", "-content", content, "-out", out)
	cmd.Env = append(os.Environ(), "DOCSGEN_CACHE_DIR="+cacheDir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	var err error
wait:
	for {
		if tmpFiles(out) >= after {
			cmd.Process.Signal(syscall.SIGKILL)
			err = <-exited
			break
		}
		select {
		case err = <-exited:
			break wait
		case <-time.After(time.Millisecond):
		}
	}
	got := manifest(t, out)
	var ee *exec.ExitError
	killed := errors.As(err, &ee) && ee.Sys().(syscall.WaitStatus).Signaled()
	switch {
	case killed && sameManifest(got, want):
		// Killed after the atomic swap, while removing the previous site:
		// the new site is in place, whole (the next build clears what is
		// left of the old one beside it).
		return "killed after the swap"
	case killed:
		if !sameManifest(got, committed) {
			t.Fatalf("killed once %d files were written: the output folder changed:\n%s", after, diffManifest(committed, got))
		}
		return "killed before the swap"
	case err == nil:
		if !sameManifest(got, want) {
			t.Fatalf("the build finished, but its output differs from a clean build:\n%s", diffManifest(want, got))
		}
		return "finished first"
	default:
		t.Fatalf("build: %v\n%s", err, stderr.String())
		return ""
	}
}

// tmpFiles counts the files in the temporary folders beside out.
func tmpFiles(out string) int {
	n := 0
	tmps, _ := filepath.Glob(out + ".tmp-*")
	for _, tmp := range tmps {
		filepath.WalkDir(tmp, func(_ string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				n++
			}
			return nil
		})
	}
	return n
}

// testDamagedCache damages every render-cache entry in the ways a killed
// or interrupted write could (cut short, empty, a flipped byte, a leftover
// temporary file) and checks that the next build's output is still
// exactly a clean build's.
func testDamagedCache(t *testing.T, bin string) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	cacheDir := filepath.Join(dir, "cache")
	writeTree(t, content, generatedSite(60, 0))
	ref := filepath.Join(dir, "ref")
	mustBuild(t, bin, content, ref, "")
	want := manifest(t, ref)
	mustBuild(t, bin, content, filepath.Join(dir, "warm"), cacheDir)

	n := 0
	err := filepath.WalkDir(cacheDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		switch n % 4 {
		case 0:
			b = b[:len(b)/2]
		case 1:
			b = nil
		case 2:
			b[len(b)-1] ^= 0x20
		case 3:
			os.WriteFile(filepath.Join(filepath.Dir(p), ".tmp-killed"), b[:len(b)/3], 0o644)
			b = b[:len(b)-1]
		}
		n++
		return os.WriteFile(p, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 60 {
		t.Fatalf("only %d cache entries to damage", n)
	}
	out := filepath.Join(dir, "build")
	mustBuild(t, bin, content, out, cacheDir)
	if got := manifest(t, out); !sameManifest(got, want) {
		t.Fatalf("a build over %d damaged cache entries differs from a clean build:\n%s", n, diffManifest(want, got))
	}
}

// testServeWritesNothing runs `docsgen serve` over copies of a content and
// a static folder, edits a page and the stylesheet the way an author does,
// checks the server shows the edits, stops it with SIGINT and compares both
// folders with what the test itself wrote.
func testServeWritesNothing(t *testing.T, bin string) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	static := filepath.Join(dir, "static")
	writeTree(t, content, generatedSite(40, 0))
	writeTree(t, static, map[string]string{"css/zz-extra.css": ".extra { color: red; }\n", "robots.txt": "User-agent: *\n"})

	srv := startServe(t, bin, content, static, filepath.Join(dir, "cache"))
	base := srv.base

	// The trees as the server found them; every later change is the test's.
	contentBefore, staticBefore := manifest(t, content), manifest(t, static)

	page := base + "s1/p1/"
	if body := get(t, page); !strings.Contains(body, "Page 1 of section 1, version 0") {
		t.Fatalf("%s does not show the page", page)
	}
	writeFile(t, content, "s1/p1.md", generatedPage(1, 1, 0)+"\nEdited while serving.\n")
	writeFile(t, static, "css/zz-extra.css", ".extra { color: blue; }\n")
	if !waitFor(page, "Edited while serving.") {
		t.Fatalf("%s never showed the edit\n%s", page, srv.logs())
	}
	if !strings.Contains(get(t, base+"404-does-not-exist"), "Page not found") {
		t.Error("no 404 page")
	}

	start := time.Now()
	if err := srv.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case <-srv.exited:
		t.Logf("serve stopped %v after SIGINT", time.Since(start).Round(time.Millisecond))
		if srv.exitErr != nil {
			t.Errorf("serve exited with %v\n%s", srv.exitErr, srv.logs())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop within 10 s of SIGINT")
	}

	contentWant, staticWant := contentBefore, staticBefore
	contentWant["s1/p1.md"] = manifest(t, content)["s1/p1.md"]
	staticWant["css/zz-extra.css"] = manifest(t, static)["css/zz-extra.css"]
	if b, _ := os.ReadFile(filepath.Join(content, "s1", "p1.md")); !bytes.HasSuffix(b, []byte("Edited while serving.\n")) {
		t.Error("the edited page is not what the test wrote")
	}
	if got := manifest(t, content); !sameManifest(got, contentWant) {
		t.Errorf("serve changed content/:\n%s", diffManifest(contentWant, got))
	}
	if got := manifest(t, static); !sameManifest(got, staticWant) {
		t.Errorf("serve changed static/:\n%s", diffManifest(staticWant, got))
	}
}

// server is a running `docsgen serve`.
type server struct {
	cmd     *exec.Cmd
	base    string // the URL it serves at
	stderr  bytes.Buffer
	logged  chan string // its first lines of output
	exited  chan struct{}
	exitErr error // set when exited is closed
}

// startServe starts `docsgen serve` over content and static and waits
// until it says where it serves. The server is killed when the test ends,
// if it has not exited by then.
func startServe(t *testing.T, bin, content, static, cacheDir string) *server {
	t.Helper()
	s := &server{logged: make(chan string, 100), exited: make(chan struct{})}
	s.cmd = exec.Command(bin, "serve", "-content", content, "-static", static, "-addr", "127.0.0.1:0")
	s.cmd.Env = append(os.Environ(), "DOCSGEN_CACHE_DIR="+cacheDir)
	s.cmd.Stderr = &s.stderr
	stdout, err := s.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		select {
		case <-s.exited:
		default:
			s.cmd.Process.Kill()
			<-s.exited
		}
	})
	urlc := make(chan string, 1)
	go func() {
		lines := bufio.NewScanner(stdout)
		for lines.Scan() {
			if u, ok := strings.CutPrefix(lines.Text(), "serving at "); ok {
				urlc <- strings.Fields(u)[0]
			}
			select {
			case s.logged <- lines.Text():
			default:
			}
		}
		io.Copy(io.Discard, stdout)
		s.exitErr = s.cmd.Wait()
		close(s.exited)
	}()
	select {
	case s.base = <-urlc:
	case <-time.After(60 * time.Second):
		t.Fatalf("serve did not start\n%s", s.stderr.String())
	}
	return s
}

// logs returns what the server wrote so far (stderr only once it has
// exited, since it is written concurrently until then).
func (s *server) logs() string {
	var out []string
	for len(s.logged) > 0 {
		out = append(out, <-s.logged)
	}
	text := "stdout:\n" + strings.Join(out, "\n")
	select {
	case <-s.exited:
		text += "\nstderr:\n" + s.stderr.String()
	default:
	}
	return text
}

// mustBuild runs `docsgen build`; cacheDir "" means -no-cache.
func mustBuild(t *testing.T, bin, content, out, cacheDir string) {
	t.Helper()
	args := []string{"build", "-content", content, "-out", out}
	if cacheDir == "" {
		args = append(args, "-no-cache")
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "DOCSGEN_CACHE_DIR="+cacheDir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("docsgen %s: %v\n%s", strings.Join(args, " "), err, b)
	}
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// waitFor fetches url until its body holds want (a rebuild after an
// edit), for up to 30 s.
func waitFor(url, want string) bool {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(url); err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if bytes.Contains(b, []byte(want)) {
				return true
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return false
}

// generatedSite is a site of n pages in sections of 30, each page linking
// to its neighbour's headings, with code, a table and a callout; version
// changes every page's text.
func generatedSite(n, version int) map[string]string {
	files := map[string]string{
		"site.yaml": "title: Generated\n",
		"index.md":  fmt.Sprintf("---\ntitle: Home\n---\nVersion %d of a generated site.\n", version),
	}
	for i := range n {
		s, p := i/30+1, i%30+1
		if p == 1 {
			files[fmt.Sprintf("s%d/index.md", s)] = fmt.Sprintf("---\ntitle: Section %d\nweight: %d\n---\nSection %d, version %d.\n", s, s, s, version)
		}
		files[fmt.Sprintf("s%d/p%d.md", s, p)] = generatedPage(s, p, version)
	}
	return files
}

func generatedPage(s, p, version int) string {
	prev := fmt.Sprintf("/s%d/", s)
	if p > 1 {
		prev = fmt.Sprintf("/s%d/p%d/#usage", s, p-1)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: Page %d.%d\nweight: %d\n---\nPage %d of section %d, version %d. See [the page before](%s).\n\n", s, p, p, p, s, version, prev)
	for h, heading := range []string{"Usage", "Options", "Errors", "Retries", "Limits", "Examples"} {
		fmt.Fprintf(&b, "## %s\n\n", heading)
		for i := range 3 {
			fmt.Fprintf(&b, "Paragraph %d under heading %d, version %d, with `code`, **bold** and a [link](#usage). "+
				"The request is retried with backoff until the Retry-After header allows it.\n\n", i, h, version)
		}
		fmt.Fprintf(&b, "```go\nfunc page%d_%d_%d() int {\n\treturn %d // version\n}\n```\n\n", s, p, h, version)
	}
	fmt.Fprintf(&b, "| Key | Value |\n|-----|-------|\n| a | %d |\n\n:::note\nVersion %d.\n:::\n", version, version)
	return b.String()
}

// Package cli implements docsgen's command line: one flag.FlagSet per
// subcommand (build, serve, check, mcp, version), each parsing its flags and calling the
// site, output and serve packages. Run returns the process exit code:
// 0 on success, 1 when the content has errors, 2 on a usage error.
package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"docsgen/internal/cache"
	"docsgen/internal/diag"
	"docsgen/internal/output"
	"docsgen/internal/serve"
	"docsgen/internal/site"
)

// Exit codes.
const (
	ExitOK      = 0
	ExitContent = 1
	ExitUsage   = 2
)

const usage = `docsgen builds a static documentation site from Markdown and YAML data.

Usage:
  docsgen build  [flags]   render the site into an output folder (default build/)
  docsgen serve  [flags]   preview the site at http://127.0.0.1:8080, rebuilding on every save
  docsgen check  [flags]   validate content, data and links; write nothing
  docsgen mcp    [flags]   serve a site to coding agents over MCP (stdio)
  docsgen version          print the version and the revision it was built from

Run "docsgen <command> -h" for the flags of a command.
Exit status: 0 on success, 1 when the content has errors, 2 on a usage error.
`

// Run executes docsgen with args (without the program name).
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return ExitUsage
	}
	switch args[0] {
	case "build":
		return runBuild(ctx, args[1:], stdout, stderr)
	case "serve":
		return runServe(ctx, args[1:], stdout, stderr)
	case "check":
		return runCheck(ctx, args[1:], stdout, stderr)
	case "mcp":
		return runMCP(ctx, args[1:], stdout, stderr)
	case "version":
		return runVersion(args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return ExitOK
	default:
		fmt.Fprintf(stderr, "docsgen: unknown command %q\n\n%s", args[0], usage)
		return ExitUsage
	}
}

// sourceFlags are the flags every command shares.
type sourceFlags struct {
	content string
	static  string
	baseURL string
	drafts  bool
	strict  bool
	noCache bool
}

func (s *sourceFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.content, "content", "content", "folder of Markdown pages, site.yaml and _data/")
	fs.StringVar(&s.static, "static", "static", "folder of static files laid over the built-in theme (skipped if missing)")
	fs.StringVar(&s.baseURL, "base-url", "", "absolute URL the site is published at (overrides site.yaml's baseURL)")
	fs.BoolVar(&s.drafts, "drafts", false, "include pages with draft: true")
	fs.BoolVar(&s.strict, "strict", false, "make every front matter key docsgen does not know an error (as strict: true in site.yaml)")
	fs.BoolVar(&s.noCache, "no-cache", false, "do not read or write the render cache ($DOCSGEN_CACHE_DIR, else the user cache folder)")
}

// options turns the flags into build options, or a usage error.
func (s *sourceFlags) options(stderr io.Writer) (site.Options, error) {
	fi, err := os.Stat(s.content)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return site.Options{}, fmt.Errorf("content folder %q does not exist; pass -content DIR", s.content)
	case err != nil:
		return site.Options{}, fmt.Errorf("content folder: %v; pass -content DIR", err)
	case !fi.IsDir():
		return site.Options{}, fmt.Errorf("content folder %q is a file, not a folder; pass -content DIR", s.content)
	}
	opts := site.Options{
		Content:    os.DirFS(s.content),
		ContentDir: s.content,
		BaseURL:    s.baseURL,
		Drafts:     s.drafts,
		Strict:     s.strict,
	}
	if !s.noCache {
		dir, err := cache.DefaultPath()
		if err == nil {
			opts.Cache, err = cache.Open(dir)
		}
		if err != nil {
			// The cache only saves time: go on without it.
			fmt.Fprintf(stderr, "docsgen: warning: render cache off: %v\n", err)
			opts.Cache = nil
		}
	}
	if fi, err := os.Stat(s.static); err == nil && fi.IsDir() {
		opts.Static, opts.StaticDir = os.DirFS(s.static), s.static
	} else if s.static != "static" {
		return site.Options{}, fmt.Errorf("static folder %q does not exist", s.static)
	}
	return opts, nil
}

func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: docsgen %s [flags]\n\n%s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags; it returns an exit code when the command should stop.
// The usage asked for with -h goes to stdout; after a usage error, to
// stderr.
func parse(fs *flag.FlagSet, args []string, stdout io.Writer) (int, bool) {
	stderr := fs.Output()
	var msg bytes.Buffer
	fs.SetOutput(&msg)
	err := fs.Parse(args)
	fs.SetOutput(stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			stdout.Write(msg.Bytes())
			return ExitOK, true
		}
		stderr.Write(msg.Bytes())
		return ExitUsage, true
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "docsgen %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return ExitUsage, true
	}
	return 0, false
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("build", "Renders the site into the output folder. The folder is replaced only when the\nbuild succeeds: a failed build leaves the previous output untouched.", stderr)
	var src sourceFlags
	src.register(fs)
	out := fs.String("out", "build", "output folder, replaced whole by each build; it may not hold the content, static or current folder")
	noMinify := fs.Bool("no-minify", false, "write HTML, CSS and JS unminified")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to this file (go tool pprof)")
	memProfile := fs.String("memprofile", "", "write a heap profile taken when the build's live heap was largest to this file (go tool pprof -sample_index=inuse_space)")
	all := fs.Bool("all", false, "print every diagnostic, not the first 10 of each kind")
	if code, stop := parse(fs, args, stdout); stop {
		return code
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "docsgen build: %v\n", err)
			return ExitUsage
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(stderr, "docsgen build: %v\n", err)
			return ExitUsage
		}
		defer pprof.StopCPUProfile()
	}
	if *memProfile != "" {
		peak := startPeakHeap(*memProfile, 50*time.Millisecond)
		defer func() {
			if err := peak.finish(); err != nil {
				fmt.Fprintf(stderr, "docsgen build: %v\n", err)
			}
		}()
	}
	opts, err := src.options(stderr)
	if err != nil {
		fmt.Fprintf(stderr, "docsgen build: %v\n", err)
		return ExitUsage
	}
	wd, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "docsgen build: %v\n", err)
		return ExitContent
	}
	if err := checkOutput(*out, src, opts.Static != nil, wd); err != nil {
		fmt.Fprintf(stderr, "docsgen build: %v\n", err)
		return ExitUsage
	}
	opts.Minify = !*noMinify
	// A one-shot build holds little live data but allocates a lot: the
	// collector lets the heap grow to three times it (200%), under a
	// memory limit sized to the site once its pages are counted.
	collectAt(200)
	opts.Loaded = limitMemory
	dir, err := output.NewDir(*out)
	if err != nil {
		fmt.Fprintf(stderr, "docsgen build: %v\n", err)
		return ExitContent
	}
	res, err := site.Build(ctx, opts, dir)
	if err != nil {
		dir.Abort()
		fmt.Fprintf(stderr, "docsgen build: %v\n", err)
		return ExitContent
	}
	rep := printDiags(stderr, res.Diags, *all)
	if res.Diags.HasErrors() {
		dir.Abort()
		fmt.Fprintf(stderr, "docsgen build: %s; %s left unchanged\n", rep.summary(), *out)
		return ExitContent
	}
	if err := dir.Commit(); err != nil {
		fmt.Fprintf(stderr, "docsgen build: %v\n", err)
		return ExitContent
	}
	fmt.Fprintf(stdout, "built %d pages, %d assets in %s -> %s\n", res.Pages, res.Assets, res.Duration.Round(time.Millisecond), *out)
	return ExitOK
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("check", "Validates content, front matter, data files and every internal link and anchor,\nand writes nothing. With -external it also asks other sites for the pages linked.", stderr)
	var src sourceFlags
	src.register(fs)
	all := fs.Bool("all", false, "print every diagnostic, not the first 10 of each kind")
	external := fs.Bool("external", false, "also check links to other sites (4 requests at once per host, answers cached for 24 h)")
	if code, stop := parse(fs, args, stdout); stop {
		return code
	}
	opts, err := src.options(stderr)
	if err != nil {
		fmt.Fprintf(stderr, "docsgen check: %v\n", err)
		return ExitUsage
	}
	collectAt(200) // as for build
	opts.Loaded = limitMemory
	res, err := site.Build(ctx, opts, discard{})
	if err != nil {
		fmt.Fprintf(stderr, "docsgen check: %v\n", err)
		return ExitContent
	}
	if *external {
		res.Diags = checkExternal(ctx, opts, res)
	}
	rep := printDiags(stderr, res.Diags, *all)
	if res.Diags.HasErrors() {
		fmt.Fprintf(stderr, "docsgen check: %s\n", rep.summary())
		return ExitContent
	}
	fmt.Fprintf(stdout, "checked %d pages: no errors, %d warnings\n", res.Pages, len(res.Diags.Warnings()))
	return ExitOK
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("serve", "Builds the site in memory and serves it for preview. Every save under the content\nand static folders rebuilds the site and reloads open browsers; a bad edit shows\nan error overlay and keeps the last good site served.", stderr)
	var src sourceFlags
	src.register(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	open := fs.Bool("open", false, "open the site in the default browser once it is served")
	if code, stop := parse(fs, args, stdout); stop {
		return code
	}
	opts, err := src.options(stderr)
	if err != nil {
		fmt.Fprintf(stderr, "docsgen serve: %v\n", err)
		return ExitUsage
	}
	var staticDir string
	if opts.Static != nil {
		staticDir = src.static
	}
	// As for build: collect at 50% growth so a large site's preview stays
	// near its live size.
	collectAt(50)
	cfg := serve.Config{Addr: *addr, Build: opts, StaticDir: staticDir, Stdout: stdout, Stderr: stderr}
	if *open {
		cfg.Ready = func(url string) {
			if err := openBrowser(url); err != nil {
				fmt.Fprintf(stderr, "docsgen serve: cannot open a browser: %v; open %s yourself\n", err, url)
			}
		}
	}
	err = serve.Run(ctx, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "docsgen serve: %v\n", err)
		return ExitContent
	}
	return ExitOK
}

// checkOutput refuses an output folder that the build would destroy
// sources with: the build swaps the whole folder for the new site and
// deletes the old one, so it must not be, or hold, the content folder, the
// static folder or the current folder, and must not lie inside the
// content or static folder (the next build would read its own output).
// wd is the current folder.
func checkOutput(out string, src sourceFlags, static bool, wd string) error {
	o, err := realPath(out)
	if err != nil {
		return fmt.Errorf("output folder: %v", err)
	}
	guarded := []struct{ what, path string }{{"content folder", src.content}, {"current folder", wd}}
	if static {
		guarded = append(guarded, struct{ what, path string }{"static folder", src.static})
	}
	for _, g := range guarded {
		p, err := realPath(g.path)
		if err != nil {
			continue
		}
		if within(p, o) {
			if p == o {
				return fmt.Errorf("-out %s is the %s; a build replaces its output folder whole: pass -out build", out, g.what)
			}
			return fmt.Errorf("-out %s holds the %s %s; a build replaces its output folder whole: pass -out build", out, g.what, g.path)
		}
		if g.what != "current folder" && within(o, p) {
			return fmt.Errorf("-out %s is inside the %s %s; pass a folder outside it, such as -out build", out, g.what, g.path)
		}
	}
	return nil
}

// realPath is p made absolute with symbolic links resolved, as far as it
// exists.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for {
		if r, err := filepath.EvalSymlinks(abs); err == nil {
			return filepath.Join(append([]string{r}, rest...)...), nil
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return filepath.Join(append([]string{abs}, rest...)...), nil
		}
		rest = append([]string{filepath.Base(abs)}, rest...)
		abs = parent
	}
}

// within reports whether path p is dir or inside it.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// openBrowser asks the desktop to open url.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}

// printDiags prints ds grouped by kind (see report.go).
func printDiags(w io.Writer, ds diag.List, all bool) report {
	r := newReport(ds)
	r.print(w, all)
	return r
}

// discard is an output that keeps nothing: check writes no files.
type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

// WriteStream makes the file and drops it: check still reports what
// making it finds (a page changed during the run).
func (discard) WriteStream(_ string, fill func(io.Writer) error) error { return fill(io.Discard) }

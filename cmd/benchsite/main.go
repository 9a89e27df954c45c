// Command benchsite measures whole builds by the real docsgen binary on the
// synthetic corpus (package docsgen/internal/corpus) at several sizes, and
// prints per size: the build's wall time per page, its peak memory (the
// largest resident set of the process, as the kernel reports it through
// getrusage) and the output's bytes per page. `make bench` runs it:
//
//	go build -o /tmp/docsgen ./cmd/docsgen
//	go run ./cmd/benchsite -bin /tmp/docsgen -pages 1000,10000,100000
//
// Each build is cold: -no-cache, into an output folder that does not exist
// yet. Corpora are written once into -dir and reused by later runs; outputs
// are removed after they are measured. With -runs N each size is built N
// times and the medians are printed. Figures depend on the machine and on
// what else runs on it: the load average is printed beside each row, and
// only figures of one run on one machine compare.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"docsgen/internal/corpus"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "benchsite:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("benchsite", flag.ContinueOnError)
	fl.SetOutput(stderr)
	bin := fl.String("bin", "", "the docsgen binary to measure (required; go build -o BIN ./cmd/docsgen)")
	pages := fl.String("pages", "1000,10000,100000", "corpus sizes, comma-separated")
	runs := fl.Int("runs", 1, "builds per size; the medians are printed")
	dir := fl.String("dir", filepath.Join(os.TempDir(), "docsgen-bench"), "folder for the corpora (kept) and the outputs (removed)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *bin == "" || fl.NArg() > 0 || *runs < 1 {
		return errors.New("usage: benchsite -bin DOCSGEN [-pages 1000,10000,100000] [-runs N] [-dir DIR]")
	}
	sizes, err := parseSizes(*pages)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%8s %9s %9s %9s %10s %11s %6s\n", "pages", "build s", "ms/page", "peak MiB", "out MiB", "bytes/page", "load")
	for _, n := range sizes {
		m, err := measureSize(*bin, *dir, n, *runs)
		if err != nil {
			return fmt.Errorf("%d pages: %w", n, err)
		}
		fmt.Fprintf(stdout, "%8d %9.2f %9.2f %9.0f %10.1f %11.0f %6s\n", n,
			m.wall.Seconds(), float64(m.wall.Microseconds())/1000/float64(n),
			float64(m.peak)/(1<<20), float64(m.out)/(1<<20), float64(m.out)/float64(n), loadAverage())
	}
	return nil
}

func parseSizes(list string) ([]int, error) {
	var sizes []int
	for _, f := range strings.Split(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("-pages %q: want page counts such as 1000,10000", list)
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}

// measurement is one size's figures: medians over the runs.
type measurement struct {
	wall time.Duration
	peak int64 // bytes
	out  int64 // bytes of every file written
}

func measureSize(bin, dir string, pages, runs int) (measurement, error) {
	root, err := corpus.Cached(dir, corpus.Options{Pages: pages})
	if err != nil {
		return measurement{}, err
	}
	var all []measurement
	for range runs {
		m, err := build(bin, filepath.Join(root, "content"), filepath.Join(dir, fmt.Sprintf("out-%d", pages)))
		if err != nil {
			return measurement{}, err
		}
		all = append(all, m)
	}
	med := func(get func(measurement) int64) int64 {
		v := make([]int64, len(all))
		for i, m := range all {
			v[i] = get(m)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	return measurement{
		wall: time.Duration(med(func(m measurement) int64 { return int64(m.wall) })),
		peak: med(func(m measurement) int64 { return m.peak }),
		out:  med(func(m measurement) int64 { return m.out }),
	}, nil
}

// build runs one cold build of content into out and measures it; out is
// removed before and after.
func build(bin, content, out string) (measurement, error) {
	if err := os.RemoveAll(out); err != nil {
		return measurement{}, err
	}
	defer os.RemoveAll(out)
	cmd := exec.Command(bin, "build", "-no-cache", "-content", content, "-out", out)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return measurement{}, fmt.Errorf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, stderr.String())
	}
	var peak int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		peak = ru.Maxrss * 1024 // kilobytes on Linux
	}
	size, err := treeSize(out)
	if err != nil {
		return measurement{}, err
	}
	return measurement{wall: wall, peak: peak, out: size}, nil
}

// treeSize adds up the sizes of the files under dir.
func treeSize(dir string) (int64, error) {
	var total int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		total += fi.Size()
		return nil
	})
	return total, err
}

// loadAverage is the one-minute load average, or "?" where /proc has none.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	if f := strings.Fields(string(b)); len(f) > 0 {
		return f[0]
	}
	return "?"
}

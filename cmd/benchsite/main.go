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
// times and the medians are printed. The runs go in rounds, each size once
// a round, so that a machine that slows down or speeds up during the
// sitting moves every size alike; -settle pauses before each build, after
// the previous output is removed and written back (sync), so that no build
// pays for the one before it.
//
// Each build's figures go to stderr as it ends. Beside each size's
// medians it prints the median user and system CPU time and "x prev": the
// size's median build time over the previous row's, the figure issue 16
// bounds (a 100,000-page build at most 11 times the 10,000-page one).
// Figures depend on the machine and on what else runs on it: the load
// average is printed beside each row, and only figures of one run on one
// machine compare.
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
	runs := fl.Int("runs", 1, "builds per size, in rounds of one build of each size; the medians are printed")
	settle := fl.Duration("settle", 0, "pause before each build, once the previous output is removed and synced (e.g. 10s)")
	dir := fl.String("dir", filepath.Join(os.TempDir(), "docsgen-bench"), "folder for the corpora (kept) and the outputs (removed)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *bin == "" || fl.NArg() > 0 || *runs < 1 || *settle < 0 {
		return errors.New("usage: benchsite -bin DOCSGEN [-pages 1000,10000,100000] [-runs N] [-settle D] [-dir DIR]")
	}
	sizes, err := parseSizes(*pages)
	if err != nil {
		return err
	}
	contents := make([]string, len(sizes))
	for i, n := range sizes {
		root, err := corpus.Cached(*dir, corpus.Options{Pages: n})
		if err != nil {
			return fmt.Errorf("%d pages: %w", n, err)
		}
		contents[i] = filepath.Join(root, "content")
	}
	all := make([][]measurement, len(sizes))
	for r := range *runs {
		for i, n := range sizes {
			m, err := build(*bin, contents[i], filepath.Join(*dir, fmt.Sprintf("out-%d", n)), *settle)
			if err != nil {
				return fmt.Errorf("%d pages: %w", n, err)
			}
			all[i] = append(all[i], m)
			// Each build as it ends, on stderr: a sitting of large sizes
			// takes minutes, and the spread of the runs is worth seeing.
			fmt.Fprintf(stderr, "round %d/%d: %d pages in %.2f s (user %.2f s, sys %.2f s, peak %.0f MiB)\n",
				r+1, *runs, n, m.wall.Seconds(), m.user.Seconds(), m.sys.Seconds(), float64(m.peak)/(1<<20))
		}
	}
	fmt.Fprintf(stdout, "%8s %9s %9s %7s %8s %8s %9s %10s %11s %6s\n",
		"pages", "build s", "ms/page", "x prev", "user s", "sys s", "peak MiB", "out MiB", "bytes/page", "load")
	var prev time.Duration
	for i, n := range sizes {
		m := median(all[i])
		ratio := "-"
		if prev > 0 {
			ratio = fmt.Sprintf("%.2f", m.wall.Seconds()/prev.Seconds())
		}
		prev = m.wall
		fmt.Fprintf(stdout, "%8d %9.2f %9.2f %7s %8.2f %8.2f %9.0f %10.1f %11.0f %6s\n", n,
			m.wall.Seconds(), float64(m.wall.Microseconds())/1000/float64(n), ratio,
			m.user.Seconds(), m.sys.Seconds(),
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

// measurement is one build's figures, or one size's medians.
type measurement struct {
	wall, user, sys time.Duration
	peak            int64 // bytes
	out             int64 // bytes of every file written
}

// median takes each figure's median over runs, apart.
func median(runs []measurement) measurement {
	med := func(get func(measurement) int64) int64 {
		v := make([]int64, len(runs))
		for i, m := range runs {
			v[i] = get(m)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	return measurement{
		wall: time.Duration(med(func(m measurement) int64 { return int64(m.wall) })),
		user: time.Duration(med(func(m measurement) int64 { return int64(m.user) })),
		sys:  time.Duration(med(func(m measurement) int64 { return int64(m.sys) })),
		peak: med(func(m measurement) int64 { return m.peak }),
		out:  med(func(m measurement) int64 { return m.out }),
	}
}

// build runs one cold build of content into out and measures it; out is
// removed before and after. Before the build it syncs and waits settle.
func build(bin, content, out string, settle time.Duration) (measurement, error) {
	if err := os.RemoveAll(out); err != nil {
		return measurement{}, err
	}
	defer os.RemoveAll(out)
	if settle > 0 {
		syscall.Sync()
		time.Sleep(settle)
	}
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
	st := cmd.ProcessState
	return measurement{wall: wall, user: st.UserTime(), sys: st.SystemTime(), peak: peak, out: size}, nil
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

// Command gencorpus writes the synthetic documentation corpus that docsgen's
// benchmarks build (see package docsgen/internal/corpus for its shape):
//
//	go run ./cmd/gencorpus -pages 10000 -out /tmp/corpus
//
// writes /tmp/corpus/content/sNN/_index.md and /tmp/corpus/content/sNN/pNNNNN.md.
// The output is the same on every run and machine for the same flags; the
// folder must not hold a corpus already (remove it first).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"docsgen/internal/corpus"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o corpus.Options
	fs.IntVar(&o.Pages, "pages", 1000, "number of pages (1000, 10000 and 100000 are the benchmark sizes)")
	fs.IntVar(&o.PerSection, "per-section", 100, "pages in each section")
	fs.Uint64Var(&o.Seed, "seed", 1, "seed of the words; the same seed gives the same corpus")
	out := fs.String("out", "corpus", "folder to write content/ into")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q; pass -pages N -out DIR", fs.Arg(0))
	}
	if o.Pages < 1 || o.PerSection < 1 || o.Seed < 1 {
		return errors.New("-pages, -per-section and -seed must be at least 1")
	}
	content := filepath.Join(*out, "content")
	if _, err := os.Stat(content); err == nil {
		return fmt.Errorf("%s exists; remove it or pass another -out", content)
	}
	if err := corpus.Write(*out, o); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d pages in %d sections under %s\n", o.Pages, o.Sections(), content)
	return nil
}

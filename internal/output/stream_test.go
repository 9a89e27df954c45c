package output

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteStream checks that a streamed file is written with what its
// maker wrote, in turn with the files queued before it (a later write of
// the same name wins, and an earlier one is replaced), is never linked
// from the previous output even when it holds the same bytes, and that a
// maker's error is returned and fails the build.
func TestWriteStream(t *testing.T) {
	root := t.TempDir()
	final := filepath.Join(root, "build")
	lines := func(w io.Writer) error {
		for i := range 3 {
			fmt.Fprintf(w, "line %d\n", i)
		}
		return nil
	}
	for round := range 2 { // the second builds over the first's output
		d, err := NewDir(final)
		if err != nil {
			t.Fatal(err)
		}
		if err := d.WriteFile("big.txt", []byte("replaced")); err != nil {
			t.Fatal(err)
		}
		if err := d.WriteStream("big.txt", lines); err != nil {
			t.Fatal(err)
		}
		if err := d.WriteStream("sub/other.txt", lines); err != nil {
			t.Fatal(err)
		}
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"big.txt", "sub/other.txt"} {
			got, err := os.ReadFile(filepath.Join(final, name))
			if err != nil || string(got) != "line 0\nline 1\nline 2\n" {
				t.Errorf("round %d: %s = %q, %v", round, name, got, err)
			}
		}
		if reused, written := d.Counts(); reused != 0 || written != 3 {
			t.Errorf("round %d: reused %d, written %d; want 0, 3", round, reused, written)
		}
	}

	d, err := NewDir(final)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	broken := errors.New("a page changed")
	if err := d.WriteStream("big.txt", func(w io.Writer) error { return broken }); !errors.Is(err, broken) {
		t.Errorf("a failed maker gave %v", err)
	}
	if err := d.WriteFile("after.txt", nil); err == nil || !strings.Contains(err.Error(), "a page changed") {
		t.Errorf("a write after a failed stream gave %v", err)
	}
	if err := d.WriteStream("again.txt", lines); err == nil {
		t.Errorf("a stream after a failed stream succeeded")
	}
}

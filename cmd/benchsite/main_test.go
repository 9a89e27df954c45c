package main

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestParseSizes(t *testing.T) {
	tests := []struct {
		in   string
		want []int
		ok   bool
	}{
		{"1000,10000,100000", []int{1000, 10000, 100000}, true},
		{" 20 , 30", []int{20, 30}, true},
		{"1000,", nil, false},
		{"0", nil, false},
		{"ten", nil, false},
	}
	for _, tt := range tests {
		got, err := parseSizes(tt.in)
		if (err == nil) != tt.ok || !slices.Equal(got, tt.want) {
			t.Errorf("parseSizes(%q) = %v, %v; want %v (ok %v)", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

// TestRun builds the docsgen binary and measures two small corpora with it:
// one row per size, every figure above zero.
func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the docsgen binary: skipped by -short")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "docsgen")
	if out, err := exec.Command("go", "build", "-o", bin, "docsgen/cmd/docsgen").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	var stdout, stderr strings.Builder
	if err := run([]string{"-bin", bin, "-pages", "20,40", "-dir", dir}, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	t.Logf("\n%s", stdout.String())
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	row := regexp.MustCompile(`^\s+(\d+)\s+(\d+\.\d\d)\s+(\d+\.\d\d)\s+(\d+)\s+(\d+\.\d)\s+(\d+)\s+\S+$`)
	if len(lines) != 3 || !strings.Contains(lines[0], "ms/page") {
		t.Fatalf("want a header and two rows:\n%s", stdout.String())
	}
	for i, want := range []string{"20", "40"} {
		m := row.FindStringSubmatch(lines[i+1])
		if m == nil || m[1] != want {
			t.Fatalf("row %q is not the %s-page figures", lines[i+1], want)
		}
		for _, f := range m[2:] {
			if strings.Trim(f, "0.") == "" {
				t.Errorf("row %q holds a zero figure", lines[i+1])
			}
		}
	}
	if matches, _ := filepath.Glob(filepath.Join(dir, "out-*")); len(matches) > 0 {
		t.Errorf("outputs left behind: %v", matches)
	}
}

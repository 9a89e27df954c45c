package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
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
	// pages, build s, ms/page, x prev, user s, sys s, peak MiB, out MiB,
	// bytes/page, load
	row := regexp.MustCompile(`^\s+(\d+)\s+(\d+\.\d\d)\s+(\d+\.\d\d)\s+(-|\d+\.\d\d)\s+(\d+\.\d\d)\s+(\d+\.\d\d)\s+(\d+)\s+(\d+\.\d)\s+(\d+)\s+\S+$`)
	if len(lines) != 3 || !strings.Contains(lines[0], "ms/page") || !strings.Contains(lines[0], "x prev") {
		t.Fatalf("want a header and two rows:\n%s", stdout.String())
	}
	var builds [2]float64
	for i, want := range []string{"20", "40"} {
		m := row.FindStringSubmatch(lines[i+1])
		if m == nil || m[1] != want {
			t.Fatalf("row %q is not the %s-page figures", lines[i+1], want)
		}
		// The system time of a 20-page build may round to 0.00.
		for _, f := range []string{m[2], m[3], m[5], m[7], m[8], m[9]} {
			if strings.Trim(f, "0.") == "" {
				t.Errorf("row %q holds a zero figure", lines[i+1])
			}
		}
		builds[i], _ = strconv.ParseFloat(m[2], 64)
		switch {
		case i == 0 && m[4] != "-":
			t.Errorf("the first row has a ratio to a previous size: %q", lines[i+1])
		case i == 1:
			// The printed build times are rounded: allow for it.
			got, _ := strconv.ParseFloat(m[4], 64)
			if want := builds[1] / builds[0]; got < want*0.95-0.01 || got > want*1.05+0.01 {
				t.Errorf("x prev = %s, want about %.2f (%.2f s / %.2f s)", m[4], want, builds[1], builds[0])
			}
		}
	}
	if matches, _ := filepath.Glob(filepath.Join(dir, "out-*")); len(matches) > 0 {
		t.Errorf("outputs left behind: %v", matches)
	}
}

// TestRunAlternates checks that -runs N builds the sizes in rounds, each
// size once a round, with a stand-in docsgen that logs each -content it is
// given and writes one file.
func TestRunAlternates(t *testing.T) {
	if testing.Short() {
		t.Skip("writes two small corpora: skipped by -short")
	}
	dir := t.TempDir()
	log := filepath.Join(dir, "builds.log")
	bin := filepath.Join(dir, "fake-docsgen")
	script := `#!/bin/sh
# build -no-cache -content DIR -out DIR
echo "$4" >> ` + log + `
mkdir -p "$6" && echo x > "$6/index.html"
`
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr strings.Builder
	if err := run([]string{"-bin", bin, "-pages", "20,40", "-runs", "3", "-dir", dir}, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	data, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	var sizes []string
	for _, content := range strings.Fields(string(data)) {
		m := regexp.MustCompile(`corpus-v\d+-(\d+)-`).FindStringSubmatch(content)
		if m == nil {
			t.Fatalf("build of %q: not a corpus folder", content)
		}
		sizes = append(sizes, m[1])
	}
	if want := []string{"20", "40", "20", "40", "20", "40"}; !slices.Equal(sizes, want) {
		t.Errorf("builds ran for sizes %v, want %v", sizes, want)
	}
	progress := regexp.MustCompile(`(?m)^round (\d)/3: (\d+) pages in \d+\.\d\d s \(user`).FindAllStringSubmatch(stderr.String(), -1)
	var each []string
	for _, m := range progress {
		each = append(each, m[1]+":"+m[2])
	}
	if want := []string{"1:20", "1:40", "2:20", "2:40", "3:20", "3:40"}; !slices.Equal(each, want) {
		t.Errorf("stderr reports builds %v, want %v:\n%s", each, want, stderr.String())
	}
}

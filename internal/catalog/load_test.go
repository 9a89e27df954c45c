package catalog

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"docsgen/internal/diag"
)

// baseStatuses is added to every case that does not write its own
// _data/statuses.yaml.
const baseStatuses = `statuses:
  - {code: 400, text: Bad Request, meaning: m, retry: r, retryable: "no"}
  - {code: 429, text: Too Many Requests, meaning: m, retry: r, retryable: "yes"}
`

// mapFS turns a txtar archive into a file system, under the content folder.
func mapFS(t *testing.T, archive string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	if len(fsys) == 0 {
		t.Fatal("empty archive")
	}
	return fsys
}

type wantDiag struct {
	file      string // below content/_data/
	line, col int
	msg       string // a substring of the message
}

func (w wantDiag) String() string {
	return fmt.Sprintf("content/_data/%s:%d:%d: ...%s...", w.file, w.line, w.col, w.msg)
}

// checkDiags asserts that got holds exactly the wanted diagnostics, in
// order (Load sorts them), each with a hint.
func checkDiags(t *testing.T, got diag.List, want []wantDiag) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d diagnostics, want %d:", len(got), len(want))
		for _, d := range got {
			t.Errorf("  got  %s", d.Error())
		}
		for _, w := range want {
			t.Errorf("  want %s", w)
		}
		return
	}
	for i, w := range want {
		d := got[i]
		if d.File != "content/_data/"+w.file || d.Line != w.line || d.Col != w.col || !strings.Contains(d.Msg, w.msg) {
			t.Errorf("diagnostic %d:\n got  %s\n want %s", i, d.Error(), w)
		}
		if d.Hint == "" {
			t.Errorf("diagnostic %d has no hint: %s", i, d.Error())
		}
		if d.Severity != diag.Error {
			t.Errorf("diagnostic %d is not an error: %s", i, d.Error())
		}
	}
}

func TestLoadBroken(t *testing.T) {
	tests := slices.Concat(
		entryKeyCases(), entryValueCases(), collisionCases(), tableCases(),
		categoryCases(), yamlCases(), fileCases(),
	)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := mapFS(t, tt.files)
			if _, ok := fsys["_data/statuses.yaml"]; !ok {
				fsys["_data/statuses.yaml"] = &fstest.MapFile{Data: []byte(baseStatuses)}
			}
			c, diags := Load(fsys, "_data", "content")
			if c == nil {
				t.Fatal("Load returned a nil catalog")
			}
			checkDiags(t, diags, tt.want)
		})
	}
}

package linkcheck

import (
	"testing"

	"docsgen/internal/diag"
)

func TestPolicy(t *testing.T) {
	tests := []struct {
		name   string
		ignore []string
		warn   bool
		ref    Ref
		want   int // diagnostics
		sev    diag.Severity
	}{
		{"broken is an error", nil, false, Ref{From: "/", Dest: "/vendor/x/"}, 1, diag.Error},
		{"warn", nil, true, Ref{From: "/", Dest: "/vendor/x/"}, 1, diag.Warning},
		{"warn keeps refused schemes errors", nil, true, Ref{From: "/", Dest: "javascript:x"}, 1, diag.Error},
		{"site pattern", []string{"/vendor/**"}, false, Ref{From: "/", Dest: "/vendor/a/b/#c"}, 0, 0},
		{"site pattern, relative link", []string{"/vendor/**"}, false, Ref{From: "/guide/", Dest: "../vendor/a/"}, 0, 0},
		{"site pattern, one segment", []string{"/vendor/*"}, false, Ref{From: "/", Dest: "/vendor/a/b/"}, 1, diag.Error},
		{"content pattern names the page", []string{"mounted/*.md"}, false, Ref{From: "/mounted/a/", FromPath: "mounted/a.md", Dest: "/nowhere/"}, 0, 0},
		{"content pattern, other page", []string{"mounted/*.md"}, false, Ref{From: "/b/", FromPath: "b.md", Dest: "/nowhere/"}, 1, diag.Error},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testSite()
			s.Ignore, s.Warn = CompilePatterns(tt.ignore), tt.warn
			ds := s.Check([]Ref{tt.ref})
			if len(ds) != tt.want {
				t.Fatalf("got %v, want %d diagnostics", ds, tt.want)
			}
			if tt.want > 0 && ds[0].Severity != tt.sev {
				t.Errorf("severity %v, want %v", ds[0].Severity, tt.sev)
			}
		})
	}
}

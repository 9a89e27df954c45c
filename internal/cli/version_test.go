package cli

import "testing"

func TestBuildInfoString(t *testing.T) {
	tests := []struct {
		b    buildInfo
		want string
	}{
		{buildInfo{version: "v1.2.3", revision: "abc123", time: "2026-12-01T10:00:00Z", goVersion: "go1.26.8"},
			"docsgen v1.2.3, revision abc123 (2026-12-01T10:00:00Z), go1.26.8"},
		{buildInfo{version: "(devel)", revision: "abc123", modified: true},
			"docsgen (devel), revision abc123 (modified)"},
		{buildInfo{version: "(devel)", goVersion: "go1.26.8"},
			"docsgen (devel), revision unknown (built without VCS stamping: -buildvcs=false, or outside a git checkout), go1.26.8"},
	}
	for _, tt := range tests {
		if got := tt.b.String(); got != tt.want {
			t.Errorf("got  %q\nwant %q", got, tt.want)
		}
	}
}

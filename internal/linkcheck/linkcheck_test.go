package linkcheck

import (
	"strings"
	"testing"
)

func testSite() *Site {
	return &Site{
		Pages: map[string]Anchors{
			"/":                       NewAnchors([]string{"welcome"}),
			"/reference/":             "",
			"/reference/errors/":      NewAnchors([]string{"timeout", "rate-limit-exceeded", "status-429"}),
			"/reference/rate-limits/": NewAnchors([]string{"headers"}),
		},
		Files: map[string]bool{"/reference/errors.json": true, "/favicon.svg": true},
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name, from, dest string
		wantErr          string // substring of message; "" means the link is fine
		wantHint         string
	}{
		{"page", "/", "/reference/errors/", "", ""},
		{"page without slash", "/", "/reference/errors", "", ""},
		{"fragment", "/", "/reference/errors/#timeout", "", ""},
		{"same-page fragment", "/reference/errors/", "#status-429", "", ""},
		{"relative", "/reference/errors/", "../rate-limits/#headers", "", ""},
		{"file", "/", "/reference/errors.json", "", ""},
		{"external https", "/", "https://example.com/x", "", ""},
		{"mailto", "/", "mailto:a@b.c", "", ""},
		{"protocol-relative", "/", "//cdn.example.com/x.js", "", ""},
		{"index.html", "/", "/reference/errors/index.html", "", ""},
		{"missing page", "/", "/reference/eror/", "no page or file", "did you mean /reference/errors/?"},
		{"missing page keeps fragment", "/", "/reference/eror/#timeout", "no page or file", "/reference/errors/#timeout"},
		{"missing fragment", "/", "/reference/errors/#timout", "has no anchor #timout", "did you mean /reference/errors/#timeout?"},
		{"missing same-page fragment", "/reference/rate-limits/", "#header", "has no anchor #header", "#headers"},
		{"missing file", "/", "/favicon.png", "no page or file", "/favicon.svg"},
		{"relative missing", "/reference/errors/", "timeout/", "no page or file", ""},
		{"nothing close", "/", "/completely/unrelated/path/here/", "no page or file", "check the path"},
		{"javascript", "/", "javascript:alert(1)", "link to a javascript: URL is not allowed", "https://"},
		{"javascript in odd case after spaces", "/", " \x00JaVaScRiPt:alert(1)", "javascript: URL", ""},
		{"javascript split by a tab", "/", "java\tscript:alert(1)", "javascript: URL", ""},
		{"vbscript", "/", "vbscript:msgbox(1)", "vbscript: URL", ""},
		{"data html", "/", "data:text/html,<script>alert(1)</script>", "data: URL", ""},
		{"data svg", "/", "data:image/svg+xml,<svg onload=alert(1)>", "data: URL", ""},
		{"file", "/", "file:///etc/passwd", "file: URL", ""},
		{"data picture", "/", "data:image/png;base64,iVBORw0KGgo=", "", ""},
		{"tel", "/", "tel:+15551234", "", ""},
	}
	s := testSite()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := s.Check([]Ref{{From: tt.from, File: "content/x.md", Line: 3, Col: 5, Dest: tt.dest}})
			if tt.wantErr == "" {
				if len(ds) != 0 {
					t.Fatalf("unexpected: %v", ds)
				}
				return
			}
			if len(ds) != 1 {
				t.Fatalf("want one error, got %v", ds)
			}
			d := ds[0]
			if d.File != "content/x.md" || d.Line != 3 || d.Col != 5 {
				t.Errorf("position %s:%d:%d", d.File, d.Line, d.Col)
			}
			if !strings.Contains(d.Msg, tt.wantErr) {
				t.Errorf("message %q lacks %q", d.Msg, tt.wantErr)
			}
			if !strings.Contains(d.Hint, tt.wantHint) {
				t.Errorf("hint %q lacks %q", d.Hint, tt.wantHint)
			}
		})
	}
}

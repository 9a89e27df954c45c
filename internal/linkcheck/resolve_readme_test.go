package linkcheck

import "testing"

// TestReadmeIsAFoldersPage: ./, setup/ and setup resolve to a folder's
// README.md when that is its section page.
func TestReadmeIsAFoldersPage(t *testing.T) {
	tab := NewTable(map[string]string{"README.md": "/", "api/README.md": "/api/", "guide/index.md": "/guide/", "guide/README.md": "/guide/README/"}, nil)
	tests := []struct{ from, dest, want string }{
		{"api/auth.md", "./", "/api/"},
		{"docs.md", "api/", "/api/"},
		{"docs.md", "api#keys", "/api/#keys"},
		{"api/auth.md", "../", "/"},
		{"docs.md", "guide/", "/guide/"},
		{"docs.md", "guide/README.md", "/guide/README/"},
	}
	for _, tt := range tests {
		if got, ok := tab.From(tt.from).ResolveLink(tt.dest); !ok || got != tt.want {
			t.Errorf("%s from %s = %s, %v; want %s", tt.dest, tt.from, got, ok, tt.want)
		}
	}
}

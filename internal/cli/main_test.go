package cli

import (
	"os"
	"testing"
)

// TestMain points the render cache at a temporary folder, so tests never
// read or fill the user's real cache.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "docsgen-cache-test-")
	if err != nil {
		panic(err)
	}
	os.Setenv("DOCSGEN_CACHE_DIR", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

package cli

import (
	"runtime/debug"
	"testing"
)

// TestCollectAtLeavesGOGC checks that the build's collector setting gives
// way to GOGC from the environment.
func TestCollectAtLeavesGOGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	for _, tt := range []struct {
		env  string
		want int
	}{
		{"", 50},     // not set: the build's own setting
		{"100", 100}, // set: left as the runtime read it
	} {
		debug.SetGCPercent(100)
		t.Setenv("GOGC", tt.env)
		collectAt(50)
		if got := debug.SetGCPercent(100); got != tt.want {
			t.Errorf("GOGC=%q: collector at %d%%, want %d%%", tt.env, got, tt.want)
		}
	}
}

// TestLimitMemory checks the build's memory limit: 1 GiB up to about
// 100,000 pages, then 10 KiB a page, and GOMEMLIMIT from the environment
// wins.
func TestLimitMemory(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	const unset = int64(1) << 62
	for _, tt := range []struct {
		env   string
		pages int
		want  int64
	}{
		{"", 10, 1 << 30},
		{"", 100_000, 1 << 30},
		{"", 1_000_000, 1_000_000 * 10 << 10},
		{"3GiB", 1_000_000, unset}, // set: left as the runtime read it
	} {
		debug.SetMemoryLimit(unset)
		t.Setenv("GOMEMLIMIT", tt.env)
		limitMemory(tt.pages)
		if got := debug.SetMemoryLimit(-1); got != tt.want {
			t.Errorf("GOMEMLIMIT=%q, %d pages: limit %d, want %d", tt.env, tt.pages, got, tt.want)
		}
	}
}

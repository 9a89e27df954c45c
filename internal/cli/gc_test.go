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

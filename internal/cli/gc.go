package cli

import (
	"os"
	"runtime/debug"
)

// collectAt sets the garbage collector's target heap growth to percent,
// unless GOGC is set in the environment: a user (or a benchmark) who set
// it gets what they asked for.
func collectAt(percent int) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(percent)
	}
}

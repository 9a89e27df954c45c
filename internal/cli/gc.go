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

// limitMemory sets a soft memory limit for a one-shot build of a site of
// pages pages, unless GOMEMLIMIT is set in the environment: about 10 KiB a
// page, at least 1 GiB. A build holds about 5 KiB a page at its peak
// (100,000 pages), so the collector keeps the build's pace (collectAt)
// on every site until the heap nears the limit, and then works harder
// instead of letting the process grow past it; a site needs more than the
// limit only if it holds more than that per page, which costs collector
// time, never a failed build.
func limitMemory(pages int) {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit(pages))
	}
}

// memoryLimit is limitMemory's limit, in bytes, for a site of pages pages.
func memoryLimit(pages int) int64 { return max(1<<30, int64(pages)*10<<10) }

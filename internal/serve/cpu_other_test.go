//go:build !unix

package serve

import "time"

// processCPU is unknown here; the benchmarks then leave out cpu-ms.
func processCPU() (time.Duration, bool) { return 0, false }

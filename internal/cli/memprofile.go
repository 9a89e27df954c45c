package cli

import (
	"bytes"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"time"
)

// peakHeap keeps the heap profile taken when the live heap was largest, so
// that -memprofile shows what the build held at its peak rather than the
// little it holds once done. The heap profile's in-use figures are those of
// the last collection, so it polls the live heap the collector measured and
// takes a new profile whenever that grows past the largest seen.
type peakHeap struct {
	stop chan struct{}
	done chan struct{}
	max  uint64
	prof bytes.Buffer
}

// startPeakHeap starts polling every interval; stop it with write.
func startPeakHeap(interval time.Duration) *peakHeap {
	runtime.MemProfileRate = 64 << 10
	p := &peakHeap{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(p.done)
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
			}
			metrics.Read(sample)
			if live := sample[0].Value.Uint64(); live > p.max {
				p.max = live
				p.prof.Reset()
				pprof.Lookup("heap").WriteTo(&p.prof, 0)
			}
		}
	}()
	return p
}

// write stops the polling and writes the profile taken at the peak to path.
func (p *peakHeap) write(path string) error {
	close(p.stop)
	<-p.done
	if p.prof.Len() == 0 {
		runtime.GC()
		pprof.Lookup("heap").WriteTo(&p.prof, 0)
	}
	return os.WriteFile(path, p.prof.Bytes(), 0o644)
}

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
// writes a new profile whenever that grows past the largest seen: a build
// stopped before its end (interrupted, or out of memory) still leaves the
// profile of its largest heap so far.
type peakHeap struct {
	path string
	stop chan struct{}
	done chan struct{}
	err  error // the first write error, read after done closes
}

// startPeakHeap starts polling every interval; stop it with finish.
func startPeakHeap(path string, interval time.Duration) *peakHeap {
	runtime.MemProfileRate = 64 << 10
	p := &peakHeap{path: path, stop: make(chan struct{}), done: make(chan struct{})}
	go p.poll(interval)
	return p
}

func (p *peakHeap) poll(interval time.Duration) {
	defer close(p.done)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	t := time.NewTicker(interval)
	defer t.Stop()
	var max uint64
	for {
		select {
		case <-p.stop:
			if max == 0 {
				runtime.GC()
				p.save()
			}
			return
		case <-t.C:
		}
		metrics.Read(sample)
		if live := sample[0].Value.Uint64(); live > max {
			max = live
			p.save()
		}
	}
}

// save writes the heap profile beside path and renames it into place, so
// path always holds a whole profile.
func (p *peakHeap) save() {
	var buf bytes.Buffer
	if err := pprof.Lookup("heap").WriteTo(&buf, 0); err != nil {
		p.fail(err)
		return
	}
	tmp := p.path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		p.fail(err)
		return
	}
	p.fail(os.Rename(tmp, p.path))
}

func (p *peakHeap) fail(err error) {
	if p.err == nil {
		p.err = err
	}
}

// finish stops the polling and returns the first error met writing.
func (p *peakHeap) finish() error {
	close(p.stop)
	<-p.done
	return p.err
}

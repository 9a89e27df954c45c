package watch

import (
	"testing"
	"time"
)

// TestSchedule checks when batches fall due, on a simulated clock: events
// at fixed intervals, each resetting the timer to what Watcher.wait says,
// and a delivery whenever the timer expires before the next event. It is
// the latency cap's test; the tests with real files only log how many
// batches a stream of saves produced, since that depends on the machine.
func TestSchedule(t *testing.T) {
	tests := []struct {
		name             string
		debounce, maxLat time.Duration
		every, stream    time.Duration
		minBatches       int
		maxSpan          time.Duration // from a batch's first event to its delivery
	}{
		// A steady stream faster than the quiet period: only the cap
		// delivers, every 50 ms.
		{"stream under the debounce", DefaultDebounce, DefaultMaxLatency, 5 * time.Millisecond, time.Second, 19, DefaultMaxLatency},
		// Events further apart than the quiet period: each is its own batch,
		// delivered one debounce after it.
		{"sparse events", DefaultDebounce, DefaultMaxLatency, 30 * time.Millisecond, 300 * time.Millisecond, 10, DefaultDebounce},
		// A cap equal to the debounce delivers every debounce.
		{"cap equals debounce", 20 * time.Millisecond, 20 * time.Millisecond, time.Millisecond, 200 * time.Millisecond, 9, 20 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := &Watcher{debounce: tt.debounce, maxLatency: tt.maxLat}
			start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			var (
				first, due time.Time // of the pending batch; zero when none
				batches    int
			)
			deliverUntil := func(now time.Time) {
				if !first.IsZero() && !due.After(now) {
					if span := due.Sub(first); span > tt.maxSpan {
						t.Errorf("batch delivered %v after its first event, want at most %v", span, tt.maxSpan)
					}
					batches++
					first = time.Time{}
				}
			}
			for at := time.Duration(0); at < tt.stream; at += tt.every {
				now := start.Add(at)
				deliverUntil(now)
				if first.IsZero() {
					first = now
				}
				due = now.Add(w.wait(first, now))
			}
			deliverUntil(due)
			if batches < tt.minBatches {
				t.Errorf("%d batches over a %v stream of events every %v, want at least %d", batches, tt.stream, tt.every, tt.minBatches)
			}
			t.Logf("%d batches", batches)
		})
	}
}

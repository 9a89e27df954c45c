package watch

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/fsnotify/fsnotify"
)

// errClosed is returned by Run when the Watcher was closed under it.
var errClosed = errors.New("watch: watcher closed while running")

// Run delivers batches of changes to onChange until ctx is cancelled, then
// closes the Watcher and returns nil. onChange is called from one goroutine
// at a time, never concurrently; when ctx is cancelled while it runs, Run
// waits for it to return (events not yet delivered then are dropped). Run
// may be called once per Watcher.
func (w *Watcher) Run(ctx context.Context, onChange func(Batch)) error {
	if onChange == nil {
		return errors.New("watch: Run needs a callback")
	}
	if !w.started.CompareAndSwap(false, true) {
		return errors.New("watch: Run called twice")
	}
	defer w.Close()

	l := &loop{w: w, onChange: onChange, timer: time.NewTimer(time.Hour), p: newPending(), done: make(chan struct{})}
	l.timer.Stop()
	defer l.timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return l.stop(nil)
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return l.stop(errClosed)
			}
			if w.handle(ev, l.p) {
				l.touched(time.Now())
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return l.stop(errClosed)
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				w.rescan(l.p)
			} else {
				l.p.errs = append(l.p.errs, fmt.Errorf("watch: %w", err))
			}
			l.touched(time.Now())
		case <-l.timer.C:
			if l.busy {
				l.due = true
			} else {
				l.deliver()
			}
		case <-l.done:
			l.busy = false
			if l.due {
				l.deliver()
			}
		}
	}
}

// loop is the state of one Run: the batch being built, the timer that
// delivers it, and whether the callback is running.
type loop struct {
	w        *Watcher
	onChange func(Batch)
	timer    *time.Timer
	p        *pending
	busy     bool // onChange is running
	due      bool // the batch is ready but onChange is still busy
	done     chan struct{}
}

// deliver hands the pending batch, if it holds anything, to onChange in a
// goroutine of its own and starts a new one.
func (l *loop) deliver() {
	b, ok := l.w.flush(l.p)
	l.p = newPending()
	l.due = false
	if !ok {
		return
	}
	l.busy = true
	go func() {
		l.onChange(b)
		l.done <- struct{}{}
	}()
}

// touched records that the pending batch took in an event at now and sets
// the timer for its delivery.
func (l *loop) touched(now time.Time) {
	if l.p.first.IsZero() {
		l.p.first = now
	}
	l.p.last = now
	if l.due {
		return // delivered as soon as onChange returns
	}
	l.timer.Reset(l.w.wait(l.p.first, now))
}

// stop waits for a running callback, then returns err.
func (l *loop) stop(err error) error {
	if l.busy {
		<-l.done
	}
	return err
}

// wait is how long a batch whose first event came at first may wait, after
// an event at now, for more events: the quiet period (debounce), cut short
// so that the batch is due at the latest maxLatency after its first event.
func (w *Watcher) wait(first, now time.Time) time.Duration {
	return max(0, min(w.debounce, first.Add(w.maxLatency).Sub(now)))
}

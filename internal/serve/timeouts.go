package serve

import "time"

// Timeouts bound the time a client may take, so a slow or stalled client
// cannot hold a connection (and its goroutine) for ever. Live-reload
// streams are exempt from WriteTimeout; they end when the page goes away.
type Timeouts struct {
	// ReadHeader is the time to send the request line and headers;
	// default 5s. A client trickling its headers byte by byte is cut off
	// when it runs out.
	ReadHeader time.Duration
	// Read is the time to send the whole request; default 10s.
	Read time.Duration
	// Write is the time to receive the whole response; default 30s.
	Write time.Duration
	// Idle is how long a kept-alive connection waits for its next request;
	// default 60s.
	Idle time.Duration
}

// withDefaults fills the zero fields.
func (t Timeouts) withDefaults() Timeouts {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&t.ReadHeader, 5*time.Second)
	def(&t.Read, 10*time.Second)
	def(&t.Write, 30*time.Second)
	def(&t.Idle, 60*time.Second)
	return t
}

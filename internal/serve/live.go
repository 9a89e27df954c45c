package serve

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Live reload.
//
// Every HTML page serve sends gets one script tag before </body>:
// <script src="/_docsgen/live.js?v=N" defer></script>, where N is the
// version of the site the page came from. live.js opens an EventSource on
// /_docsgen/events. The server first sends the current state (version, and
// the build errors if the last build failed), then one event per change:
//
//	reload  {version}           the site changed: patch the page (or reload it)
//	css     {version, href}     only the stylesheet changed: swap it in place
//	error   {version, errors}   the last build failed: show the overlay
//
// On reload the client does not reload: it fetches its page anew and
// patches into the live document only the nodes the edit changed
// (patch.js), so the reader keeps the scroll position, focus, open
// <details>, the filter's state and an open search dialog, and the new
// text shows without laying out the whole page from scratch. To tell what
// the edit changed it compares the new page with the page as first served
// (fetched once the page has loaded), never with the live document, which
// the site's scripts have changed. When the <head> changed (a new script,
// the page's description) or the page cannot be patched, it reloads,
// keeping the scroll position.
//
// Because the client compares the version it was served with against the
// version the server announces on every (re)connect, an edit that lands
// between a page load and its EventSource connecting still updates the
// page, and a browser reconnecting after the server restarted catches up
// at once.

const (
	livePath   = "/_docsgen/live.js"
	liveCSS    = "/_docsgen/live.css"
	eventsPath = "/_docsgen/events"
	// maxClients caps live-reload connections; one more drops the oldest
	// (slots.go).
	maxClients = 64
)

// Problem is one build error as the overlay shows it.
type Problem struct {
	File    string   `json:"file"`
	Line    int      `json:"line"`
	Col     int      `json:"col"`
	Message string   `json:"message"`
	Context []string `json:"context,omitempty"`
	// First is the line number of Context[0].
	First int `json:"first,omitempty"`
}

// state is what every client needs to know on connect.
type state struct {
	Version  int64     `json:"version"`
	StyleURL string    `json:"href,omitempty"`
	Problems []Problem `json:"errors,omitempty"`
}

// broker fans change events out to the connected live-reload clients.
type broker struct {
	mu      sync.Mutex
	cur     state
	clients map[chan event]struct{}
	slots   slots
}

type event struct {
	name string
	data state
}

func newBroker() *broker { return &broker{clients: map[chan event]struct{}{}} }

// publish records the new state and tells every client.
func (b *broker) publish(name string, s state) {
	b.mu.Lock()
	b.cur = s
	for c := range b.clients {
		select {
		case c <- event{name, s}:
		default: // a slow client gets the state on its next event or reconnect
		}
	}
	b.mu.Unlock()
}

func (b *broker) current() state {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.cur
}

func (b *broker) count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.clients)
}

// ServeHTTP streams events to one client until it disconnects.
func (b *broker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := make(chan event, 4)
	b.mu.Lock()
	dropped := b.slots.admit(c)
	b.clients[c] = struct{}{}
	first := b.cur
	b.mu.Unlock()
	defer func() {
		b.mu.Lock()
		delete(b.clients, c)
		b.slots.leave(c)
		b.mu.Unlock()
	}()

	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	if r.Method == http.MethodHead {
		// HEAD gets the headers of the stream, not a stream that no one reads.
		w.WriteHeader(http.StatusOK)
		return
	}
	// The stream outlives the server's write timeout.
	rc := http.NewResponseController(w)
	rc.SetWriteDeadline(time.Time{})
	fmt.Fprint(w, "retry: 500\n\n")
	send := func(name string, s state) bool {
		data, _ := json.Marshal(s)
		if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", name, data); err != nil {
			return false
		}
		fl.Flush()
		return true
	}
	if !send("hello", first) {
		return
	}
	ping := time.NewTicker(15 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-dropped:
			return
		case e := <-c:
			if !send(e.name, e.data) {
				return
			}
		case <-ping.C:
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil {
				return
			}
			fl.Flush()
		}
	}
}

// liveTag is the script tag injected into pages of version v.
func liveTag(v int64) []byte {
	return []byte(`<script src="` + livePath + `?v=` + strconv.FormatInt(v, 10) + `" defer></script>`)
}

// The live-reload client: patch.js (DocsgenPatch) then live.js, served as
// one script.
var (
	//go:embed patch.js
	patchJS string
	//go:embed live.js
	clientJS string
)

// liveJS returns the client script.
func liveJS() []byte { return []byte(patchJS + "\n" + clientJS) }

// overlayCSS styles the error overlay; live.js links it.
const overlayCSS = `#docsgen-error-overlay{position:fixed;inset:0;z-index:2147483647;background:rgba(20,20,24,.82);display:flex;align-items:flex-start;justify-content:center;overflow:auto;padding:5vh 1rem;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.docsgen-error-box{background:#fff;color:#1b1b1f;max-width:60rem;width:100%;border-top:6px solid #c62828;border-radius:6px;padding:1rem 1.5rem;box-shadow:0 10px 40px rgba(0,0,0,.4)}
.docsgen-error-box h2{color:#b71c1c;margin:.2rem 0 1rem;font-size:1.2rem}
.docsgen-error-where{font-weight:700;margin:1rem 0 0}
.docsgen-error-message{margin:.2rem 0 .5rem}
.docsgen-error-box pre{background:#f4f4f6;padding:.6rem;overflow:auto;margin:0}
.docsgen-error-line{background:#ffe0e0;display:block}
`

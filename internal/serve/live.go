package serve

import (
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
//	reload  {version}           the site changed: reload, keeping the scroll position
//	css     {version, href}     only the stylesheet changed: swap it in place
//	error   {version, errors}   the last build failed: show the overlay
//
// Because the client compares the version it was served with against the
// version the server announces on every (re)connect, an edit that lands
// between a page load and its EventSource connecting still reloads, and a
// browser reconnecting after the server restarted catches up at once.

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

// liveJS is the live-reload client. It is served, not inlined, so pages keep
// working under the site's Content-Security-Policy.
const liveJS = `(function () {
  "use strict";
  var me = document.currentScript || document.querySelector('script[src*="/_docsgen/live.js"]');
  var served = Number(new URL(me.src, location.href).searchParams.get("v"));
  var KEY = "docsgen.scroll:" + location.pathname;
  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = "/_docsgen/live.css";
  css.setAttribute("data-docsgen-live", "");
  document.head.appendChild(css);
  try {
    var saved = sessionStorage.getItem(KEY);
    if (saved !== null) {
      sessionStorage.removeItem(KEY);
      var y = Number(saved);
      var restore = function () { window.scrollTo(0, y); };
      if (document.readyState === "complete") restore(); else addEventListener("load", restore);
    }
  } catch (e) {}
  function reload() {
    try { sessionStorage.setItem(KEY, String(window.scrollY)); } catch (e) {}
    location.reload();
  }
  function swapCSS(href) {
    var link = document.querySelector('link[rel="stylesheet"]:not([data-docsgen-live])');
    if (!link || !href || link.getAttribute("href") === href) return;
    var next = link.cloneNode();
    next.href = href;
    next.addEventListener("load", function () { link.remove(); });
    link.after(next);
  }
  var overlay = null;
  function hideOverlay() { if (overlay) { overlay.remove(); overlay = null; } }
  function showOverlay(errors) {
    hideOverlay();
    overlay = document.createElement("div");
    overlay.id = "docsgen-error-overlay";
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-label", "Build error");
    var box = document.createElement("div");
    box.className = "docsgen-error-box";
    var h = document.createElement("h2");
    h.textContent = errors.length === 1 ? "Build error" : errors.length + " build errors";
    box.appendChild(h);
    errors.forEach(function (e) {
      var p = document.createElement("p");
      p.className = "docsgen-error-where";
      p.textContent = e.file + (e.line ? ":" + e.line + (e.col ? ":" + e.col : "") : "");
      var m = document.createElement("p");
      m.className = "docsgen-error-message";
      m.textContent = e.message;
      box.appendChild(p);
      box.appendChild(m);
      if (e.context && e.context.length) {
        var pre = document.createElement("pre");
        e.context.forEach(function (text, i) {
          var n = e.first + i;
          var line = document.createElement("span");
          line.textContent = String(n).padStart(5, " ") + " | " + text + "\n";
          if (n === e.line) line.className = "docsgen-error-line";
          pre.appendChild(line);
        });
        box.appendChild(pre);
      }
    });
    var note = document.createElement("p");
    note.textContent = "Fix the file and save: this page updates by itself. The last good build is still served.";
    box.appendChild(note);
    overlay.appendChild(box);
    document.body.appendChild(overlay);
  }
  // One stream per page; closed when the page is hidden or left, because a
  // browser keeps only six connections per host and a page kept in the
  // back/forward cache would otherwise hold one.
  var es = null;
  function connect() {
    if (es) return;
    es = new EventSource("/_docsgen/events");
    es.addEventListener("hello", handle("hello"));
    es.addEventListener("reload", handle("reload"));
    es.addEventListener("css", handle("css"));
    es.addEventListener("error", function (ev) { if (ev.data) handle("error")(ev); });
  }
  addEventListener("pagehide", function () { if (es) { es.close(); es = null; } });
  addEventListener("pageshow", connect);
  function handle(kind) {
    return function (ev) {
      var s = JSON.parse(ev.data);
      if (s.errors && s.errors.length) { showOverlay(s.errors); return; }
      hideOverlay();
      if (s.version === served) return;
      if (kind === "css") { served = s.version; swapCSS(s.href); return; }
      reload();
    };
  }
  connect();
})();
`

// overlayCSS styles the error overlay; live.js links it.
const overlayCSS = `#docsgen-error-overlay{position:fixed;inset:0;z-index:2147483647;background:rgba(20,20,24,.82);display:flex;align-items:flex-start;justify-content:center;overflow:auto;padding:5vh 1rem;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.docsgen-error-box{background:#fff;color:#1b1b1f;max-width:60rem;width:100%;border-top:6px solid #c62828;border-radius:6px;padding:1rem 1.5rem;box-shadow:0 10px 40px rgba(0,0,0,.4)}
.docsgen-error-box h2{color:#b71c1c;margin:.2rem 0 1rem;font-size:1.2rem}
.docsgen-error-where{font-weight:700;margin:1rem 0 0}
.docsgen-error-message{margin:.2rem 0 .5rem}
.docsgen-error-box pre{background:#f4f4f6;padding:.6rem;overflow:auto;margin:0}
.docsgen-error-line{background:#ffe0e0;display:block}
`

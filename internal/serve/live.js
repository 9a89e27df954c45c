// docsgen's live-reload client (see live.go for the protocol and patch.go
// for how a page is patched). Served, not inlined, so pages keep working
// under the site's Content-Security-Policy.
(function () {
  "use strict";
  var me = document.currentScript || document.querySelector('script[src*="/_docsgen/live.js"]');
  var served = versionOf(me);
  var latest = served;
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

  function versionOf(script) {
    return script ? Number(new URL(script.getAttribute("src"), location.href).searchParams.get("v")) : NaN;
  }

  function reload() {
    try { sessionStorage.setItem(KEY, String(window.scrollY)); } catch (e) {}
    location.reload();
  }

  // The page as the server sent it, parsed: the base every patch is worked
  // out from. The live document cannot serve as that base, because the
  // site's scripts change it (the filter hides entries, the reader opens
  // <details>): comparing the old and the new page as sent tells what the
  // edit changed, and only that is carried over into the live document.
  var pristine = null;
  var pristineJob = null;

  function fetchPage() {
    return fetch(location.pathname, { cache: "no-store", credentials: "same-origin" }).then(function (r) {
      return r.text();
    }).then(function (text) {
      var doc = new DOMParser().parseFromString(text, "text/html");
      var tag = doc.querySelector('script[src^="/_docsgen/live.js"]');
      var v = versionOf(tag);
      doc.querySelectorAll('script[src^="/_docsgen/"]').forEach(function (s) { s.remove(); });
      return { doc: doc, version: v };
    });
  }

  // loadPristine fetches the base once the page has loaded, so the first
  // edit is patched too; a base of another version than the one shown
  // (an edit landed in between) is no base, and that edit reloads.
  function loadPristine() {
    pristine = null;
    pristineJob = fetchPage().then(function (p) {
      if (p.version === served) pristine = p.doc;
    }, function () {});
    return pristineJob;
  }

  var busy = false;
  // update brings the page to the latest version: fetch it, patch the
  // parts that changed, or reload when it cannot be patched.
  function update() {
    if (busy) return;
    busy = true;
    var base = pristine ? Promise.resolve() : (pristineJob || Promise.resolve());
    base.then(function () {
      var old = pristine;
      if (!old) throw new Error("no base to patch from");
      return fetchPage().then(function (next) {
        if (!DocsgenPatch.apply(old, next.doc, document)) throw new Error("not patchable");
        pristine = next.doc;
        served = next.version;
        document.dispatchEvent(new CustomEvent("docsgen:patched", { detail: { version: served } }));
        busy = false;
        if (latest > served) update();
      });
    }).catch(reload);
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
      if (kind === "css") {
        served = latest = s.version;
        swapCSS(s.href);
        loadPristine();
        return;
      }
      latest = Math.max(latest, s.version);
      update();
    };
  }
  connect();
  if (document.readyState === "complete") loadPristine(); else addEventListener("load", loadPristine);
})();

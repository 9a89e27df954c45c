// Search: a [data-search-open] button, Ctrl+K / Cmd+K, or "/" outside a text
// field opens the search dialog; typing in a [data-search-input] box opens it
// with what was typed. Nothing of search is downloaded before that: the first
// use (or focusing a search box) loads search.js and index.json from the
// element's data-search-url, and search.js builds the dialog.
(function () {
  var d = document;
  var el = d.querySelector("[data-search-url]");
  if (!el) return;
  var base = el.getAttribute("data-search-url");
  var ready;

  // load resolves to the dialog, or to nothing when search.js failed to
  // load (the next use tries again).
  function load() {
    return (ready =
      ready ||
      new Promise(function (ok) {
        var index = fetch(base + "index.json").then(function (r) {
          if (!r.ok) throw Error(r.status);
          return r.json();
        });
        index.catch(function () {});
        var s = d.createElement("script");
        s.src = base + "search.js";
        s.onload = function () {
          ok(DocsgenSearch.init(base, index));
        };
        s.onerror = function () {
          s.remove();
          ready = null;
          ok();
        };
        d.head.appendChild(s);
      }));
  }

  function open(q) {
    load().then(function (ui) {
      if (ui) ui.open(q);
    });
  }

  d.addEventListener("click", function (e) {
    if (e.target.closest("[data-search-open]")) open();
  });
  d.addEventListener("keydown", function (e) {
    var t = e.target;
    var k = e.key;
    if ((e.ctrlKey || e.metaKey) && !e.altKey && (k == "k" || k == "K")) {
      e.preventDefault();
      open();
    } else if (k == "/" && !e.ctrlKey && !e.metaKey && !e.altKey && !t.isContentEditable && !/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) {
      e.preventDefault();
      open();
    }
  });
  d.querySelectorAll("[data-search-input]").forEach(function (i) {
    i.addEventListener("focus", load);
    i.addEventListener("input", function () {
      load().then(function (ui) {
        var q = i.value;
        if (ui && q) {
          i.value = "";
          ui.open(q);
        }
      });
    });
  });
})();

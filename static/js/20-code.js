// Code blocks and page actions: copy buttons (.code-copy copies its code
// block without line numbers; [data-copy-source] fetches the page's Markdown
// and copies that), and code tabs ([data-tabs], WAI-ARIA tabs with automatic
// activation): choosing a label selects it in every group that has it, and
// the choice is kept in localStorage "docsgen.tab" for the next pages.
(function () {
  var TAB_KEY = "docsgen.tab";
  var live;

  function announce(msg) {
    if (!live) {
      live = document.createElement("div");
      live.className = "sr-only";
      live.setAttribute("aria-live", "polite");
      document.body.appendChild(live);
    }
    live.textContent = msg;
  }

  // fallback copies through a temporary selection for browsers without the
  // asynchronous clipboard API (or where it is refused).
  function fallback(text) {
    var ta = document.createElement("textarea");
    ta.className = "copy-buffer";
    ta.value = text;
    ta.setAttribute("readonly", "");
    document.body.appendChild(ta);
    ta.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {}
    ta.remove();
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(text) {
    var c = navigator.clipboard;
    if (!c || !c.writeText) return fallback(text);
    return c.writeText(text).catch(function () {
      return fallback(text);
    });
  }

  function codeText(btn) {
    var code = btn.closest("figure").querySelector("pre code, pre").cloneNode(true);
    code.querySelectorAll(".ln").forEach(function (n) {
      n.remove();
    });
    return code.textContent.replace(/\n+$/, "");
  }

  function feedback(btn, ok) {
    if (!btn.dataset.label) btn.dataset.label = btn.textContent;
    btn.textContent = ok ? "Copied" : "Copy failed";
    btn.toggleAttribute("data-copied", ok);
    btn.toggleAttribute("data-failed", !ok);
    announce(ok ? "Copied to the clipboard" : "Copying failed");
    clearTimeout(btn.copyTimer);
    btn.copyTimer = setTimeout(function () {
      btn.textContent = btn.dataset.label;
      btn.removeAttribute("data-copied");
      btn.removeAttribute("data-failed");
    }, 2000);
  }

  document.addEventListener("click", function (e) {
    var btn = e.target.closest(".code-copy, [data-copy-source]");
    if (!btn) return;
    var src = btn.dataset.copySource;
    var job = src
      ? fetch(src).then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status);
          return r.text();
        })
      : Promise.resolve().then(function () {
          return codeText(btn);
        });
    job.then(copy).then(
      function () {
        feedback(btn, true);
      },
      function () {
        feedback(btn, false);
      }
    );
  });

  function tabs(group) {
    return Array.prototype.slice.call(group.querySelectorAll('[role="tab"]'));
  }

  // show selects the tab labelled label in one group, if it has one.
  function show(group, label) {
    var list = tabs(group);
    if (!list.some(function (t) { return t.dataset.tab === label; })) return;
    list.forEach(function (t) {
      var on = t.dataset.tab === label;
      t.setAttribute("aria-selected", on);
      t.tabIndex = on ? 0 : -1;
      var panel = document.getElementById(t.getAttribute("aria-controls"));
      if (panel) panel.hidden = !on;
    });
  }

  // choose selects label in every group, keeping the tab the reader acted on
  // where it was on the screen while groups above it change height.
  function choose(tab) {
    var top = tab.getBoundingClientRect().top;
    document.querySelectorAll("[data-tabs]").forEach(function (g) {
      show(g, tab.dataset.tab);
    });
    scrollBy(0, tab.getBoundingClientRect().top - top);
    try {
      localStorage.setItem(TAB_KEY, tab.dataset.tab);
    } catch (e) {}
  }

  document.addEventListener("click", function (e) {
    var tab = e.target.closest('[data-tabs] [role="tab"]');
    if (tab) choose(tab);
  });

  document.addEventListener("keydown", function (e) {
    var tab = e.target.closest && e.target.closest('[data-tabs] [role="tab"]');
    if (!tab) return;
    var list = tabs(tab.closest("[data-tabs]"));
    var i = list.indexOf(tab);
    var n = list.length;
    var j = { ArrowRight: (i + 1) % n, ArrowLeft: (i + n - 1) % n, Home: 0, End: n - 1 }[e.key];
    if (j === undefined) return;
    e.preventDefault();
    list[j].focus();
    choose(list[j]);
  });

  var saved = null;
  try {
    saved = localStorage.getItem(TAB_KEY);
  } catch (e) {}
  if (saved) {
    document.querySelectorAll("[data-tabs]").forEach(function (g) {
      show(g, saved);
    });
  }
})();

// Error catalog filter: the ::error-filter box, category chips and toggles
// filter every .error-entry and .status-row on the page as you type.
//
// Each item carries data-search (normalised words, built at build time),
// data-status, data-category and data-refunded. A query
// matches when every word of it starts a word of data-search; a
// three-digit number must equal the status instead. A word that starts the
// data-filter-word of a toggle ("refund", "refunded") tests the toggle's
// flag instead, and "not", "non" or "no" before it asks for the flag unset:
// "refund" finds the entries whose data-refunded is true, "not refunded"
// those whose data-refunded is false (status rows have no flag: neither).
// State lives in the URL
// (?q=429&category=session&refunded=1) and is restored on load.
// Opening #anchor highlights that entry, clearing a filter that hides it.
//
// Everything is read once on load; a keystroke only compares strings and
// sets `hidden` where visibility changes, with no layout reads.
(function () {
  "use strict";

  var root = document.querySelector("[data-error-filter]");
  if (!root) {
    return;
  }
  var input = root.querySelector("[data-filter-query]");
  var chips = Array.prototype.slice.call(root.querySelectorAll("[data-filter-category]"));
  var toggles = Array.prototype.slice.call(root.querySelectorAll("[data-filter-toggle]"));
  var countEl = root.querySelector("[data-filter-count]");
  var emptyEl = root.querySelector("[data-filter-empty]");
  var clearBtn = root.querySelector("[data-filter-clear]");
  if (!input) {
    return;
  }

  var SPLIT = /[^\p{L}\p{N}]+/u;
  var NEGATION = { not: true, non: true, no: true };
  var DIGITS = /^[0-9]+$/;
  var HEADING = /^H[2-6]$/;

  // Items and the groups (status table, category lists) that hold them.
  var items = [];
  var byElement = new Map();
  var groups = [];
  var groupOf = new Map();

  function groupFor(el) {
    var g = el.closest("[data-filter-group]");
    if (!g) {
      return null;
    }
    var group = groupOf.get(g);
    if (!group) {
      group = { el: g, header: headerOf(g), count: 0, shown: true };
      groupOf.set(g, group);
      groups.push(group);
    }
    return group;
  }

  // headerOf finds the page heading that introduces a group written under
  // it in Markdown (a heading, then only paragraphs, then the group, then
  // the next heading of the same or a higher level): hiding the group
  // hides them too. A group with its own heading needs none.
  function headerOf(g) {
    var first = g.firstElementChild;
    if (first && HEADING.test(first.tagName)) {
      return [];
    }
    var header = [];
    var el = g.previousElementSibling;
    while (el && el.tagName === "P") {
      header.push(el);
      el = el.previousElementSibling;
    }
    if (!el || !HEADING.test(el.tagName)) {
      return [];
    }
    header.push(el);
    var level = Number(el.tagName.charAt(1));
    var next = g.nextElementSibling;
    if (next && !(HEADING.test(next.tagName) && Number(next.tagName.charAt(1)) <= level)) {
      return [];
    }
    return header;
  }

  // Flags a query word can test: the toggles that name a word.
  var flagWords = [];
  toggles.forEach(function (t) {
    var word = t.getAttribute("data-filter-word");
    if (word) {
      flagWords.push({ stem: word.toLowerCase(), key: t.getAttribute("data-filter-toggle") });
    }
  });

  // flagOf returns the flag a query word tests, or null.
  function flagOf(w) {
    for (var i = 0; i < flagWords.length; i++) {
      if (w.lastIndexOf(flagWords[i].stem, 0) === 0) {
        return flagWords[i].key;
      }
    }
    return null;
  }

  var nodes = document.querySelectorAll(".error-entry, .status-row");
  for (var i = 0; i < nodes.length; i++) {
    var el = nodes[i];
    var flags = {};
    for (var f = 0; f < flagWords.length; f++) {
      flags[flagWords[f].key] = el.getAttribute("data-" + flagWords[f].key);
    }
    var item = {
      flags: flags,
      el: el,
      hay: " " + (el.getAttribute("data-search") || "") + " ",
      status: el.getAttribute("data-status") || "",
      category: el.getAttribute("data-category") || "",
      refunded: el.getAttribute("data-refunded") === "true",
      shown: !el.hidden,
      group: groupFor(el),
    };
    items.push(item);
    byElement.set(el, item);
  }

  var entries = document.querySelectorAll(".error-entry").length;
  var noun = entries === items.length ? " errors" : entries === 0 ? " statuses" : " errors and statuses";

  var state = { q: "", category: "", refunded: false };
  var lastCount = "";
  var lastActive = false;

  function active() {
    return state.q.trim() !== "" || state.category !== "" || state.refunded;
  }

  // terms turns the query into match tests, once per keystroke.
  function terms(q) {
    var words = q.toLowerCase().split(SPLIT).filter(function (w) { return w !== ""; });
    var out = [];
    for (var i = 0; i < words.length; i++) {
      var w = words[i];
      var flag = flagOf(w);
      if (!flag && NEGATION[w] && i + 1 < words.length) {
        flag = flagOf(words[i + 1]);
        if (flag) {
          out.push({ flag: flag, want: "false" });
          i++;
          continue;
        }
      }
      if (flag) {
        out.push({ flag: flag, want: "true" });
        continue;
      }
      out.push({ word: " " + w, digits: DIGITS.test(w), exact: DIGITS.test(w) && w.length === 3, raw: w });
    }
    return out;
  }

  function matches(item, ts) {
    for (var i = 0; i < ts.length; i++) {
      var t = ts[i];
      if (t.flag) {
        if (item.flags[t.flag] !== t.want) {
          return false;
        }
      } else if (t.exact) {
        if (item.status !== t.raw) {
          return false;
        }
      } else if (t.digits) {
        if (item.status.lastIndexOf(t.raw, 0) !== 0 && item.hay.indexOf(t.word) < 0) {
          return false;
        }
      } else if (item.hay.indexOf(t.word) < 0) {
        return false;
      }
    }
    return true;
  }

  function apply() {
    var ts = terms(state.q);
    var filtering = active();
    var shown = 0;
    for (var g = 0; g < groups.length; g++) {
      groups[g].count = 0;
    }
    for (var i = 0; i < items.length; i++) {
      var it = items[i];
      var vis =
        matches(it, ts) &&
        (state.category === "" || it.category === state.category) &&
        (!state.refunded || it.refunded);
      if (vis !== it.shown) {
        it.el.hidden = !vis;
        it.shown = vis;
      }
      if (vis) {
        shown++;
        if (it.group) {
          it.group.count++;
        }
      }
    }
    for (var j = 0; j < groups.length; j++) {
      var group = groups[j];
      var gvis = !filtering || group.count > 0;
      if (gvis !== group.shown) {
        group.shown = gvis;
        group.el.hidden = !gvis;
        for (var k = 0; k < group.header.length; k++) {
          group.header[k].hidden = !gvis;
        }
      }
    }
    var text = shown + " of " + items.length + noun + " shown";
    if (text !== lastCount && countEl) {
      countEl.textContent = text;
      lastCount = text;
    }
    if (emptyEl) {
      var empty = shown === 0;
      if (emptyEl.hidden === empty) {
        emptyEl.hidden = !empty;
      }
    }
    if (filtering !== lastActive) {
      root.classList.toggle("is-filtering", filtering);
      lastActive = filtering;
    }
  }

  function syncControls() {
    if (input.value !== state.q) {
      input.value = state.q;
    }
    chips.forEach(function (chip) {
      chip.setAttribute("aria-pressed", String(chip.getAttribute("data-filter-category") === state.category));
    });
    toggles.forEach(function (t) {
      t.setAttribute("aria-pressed", String(!!state[t.getAttribute("data-filter-toggle")]));
    });
  }

  // The URL is written a moment after the last change, so typing does not
  // flood the history API.
  var urlTimer = 0;
  function scheduleURL() {
    clearTimeout(urlTimer);
    urlTimer = setTimeout(writeURL, 150);
  }

  function writeURL() {
    clearTimeout(urlTimer);
    var params = new URLSearchParams(location.search);
    setParam(params, "q", state.q.trim());
    setParam(params, "category", state.category);
    setParam(params, "refunded", state.refunded ? "1" : "");
    var search = params.toString();
    var url = location.pathname + (search ? "?" + search : "") + location.hash;
    if (url !== location.pathname + location.search + location.hash) {
      history.replaceState(history.state, "", url);
    }
  }

  function setParam(params, key, value) {
    if (value) {
      params.set(key, value);
    } else {
      params.delete(key);
    }
  }

  function readURL() {
    var params = new URLSearchParams(location.search);
    state.q = params.get("q") || "";
    var cat = params.get("category") || "";
    state.category = chips.some(function (c) { return c.getAttribute("data-filter-category") === cat; }) ? cat : "";
    state.refunded = params.get("refunded") === "1";
  }

  function update() {
    syncControls();
    apply();
    scheduleURL();
  }

  function reset() {
    state.q = "";
    state.category = "";
    state.refunded = false;
  }

  var current = null;
  function showTarget() {
    var id = "";
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (e) {
      return;
    }
    var el = id && document.getElementById(id);
    var item = el && byElement.get(el);
    if (!item) {
      return;
    }
    if (!item.shown) {
      reset();
      syncControls();
      apply();
      writeURL();
    }
    if (current && current !== el) {
      current.classList.remove("is-target");
    }
    el.classList.add("is-target");
    current = el;
    el.scrollIntoView({ block: "start" });
  }

  input.addEventListener("input", function () {
    state.q = input.value;
    apply();
    scheduleURL();
  });
  input.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") {
      return;
    }
    e.preventDefault();
    if (state.q !== "") {
      state.q = "";
    } else {
      reset();
    }
    update();
  });
  chips.forEach(function (chip) {
    chip.addEventListener("click", function () {
      state.category = chip.getAttribute("data-filter-category") || "";
      update();
    });
  });
  toggles.forEach(function (t) {
    t.addEventListener("click", function () {
      var key = t.getAttribute("data-filter-toggle");
      state[key] = !state[key];
      update();
    });
  });
  if (clearBtn) {
    clearBtn.addEventListener("click", function () {
      reset();
      update();
      input.focus();
    });
  }
  window.addEventListener("hashchange", showTarget);
  window.addEventListener("pagehide", writeURL);

  readURL();
  syncControls();
  apply();
  root.hidden = false;
  showTarget();
})();

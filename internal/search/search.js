// docsgen search: the dialog and the query engine. The theme's small loader
// (60-search.js) adds this script the first time a reader opens search and
// calls DocsgenSearch.init(base, manifestPromise).open(query).
//
// The tokenizer (words) and the engine (Engine) are twins of tokenize.go and
// query.go in docsgen's internal/search package: same words, same chunks,
// same integer scores, same order. Go tests run both and compare.
//
// Works under a Content-Security-Policy without 'unsafe-inline': every
// element is made with DOM calls and all text goes in through textContent.
(function () {
  "use strict";

  // ---- Tokenizer (tokenize.go) ----

  var LETTER = /[\p{L}\p{N}\p{M}]/u;
  var UPPER = /\p{Lu}/u;
  var LOWER = /\p{Ll}/u;

  function isWordCp(c) {
    if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
    return LETTER.test(String.fromCodePoint(c));
  }

  // lower lower-cases rune by rune, keeping one code point per rune (the
  // simple case mapping Go's unicode.ToLower uses).
  function lower(s) {
    var out = "";
    for (var ch of s) out += String.fromCodePoint(ch.toLowerCase().codePointAt(0));
    return out;
  }

  function cpLen(c) {
    return c > 0xffff ? 2 : 1;
  }

  // camel returns the [from, to) offsets of the humps of s[a:b].
  function camel(s, a, b) {
    var cps = [];
    for (var i = a; i < b; ) {
      var c = s.codePointAt(i);
      cps.push([i, String.fromCodePoint(c)]);
      i += cpLen(c);
    }
    var out = [];
    var from = a;
    for (var k = 1; k < cps.length; k++) {
      var prev = cps[k - 1][1];
      var cur = cps[k][1];
      var split = false;
      if (LOWER.test(prev) && UPPER.test(cur)) split = true;
      else if (UPPER.test(prev) && UPPER.test(cur) && k + 1 < cps.length && LOWER.test(cps[k + 1][1])) {
        split = !(k + 2 === cps.length && cps[k + 1][1] === "s");
      }
      if (split) {
        out.push([from, cps[k][0]]);
        from = cps[k][0];
      }
    }
    out.push([from, b]);
    return out;
  }

  function once(list, s) {
    if (list.indexOf(s) < 0) list.push(s);
  }

  // words splits s into words: {whole, parts, leaves, joined, start, end,
  // spans}; spans are the segments and humps with offsets, for marking.
  function words(s) {
    var out = [];
    var n = s.length;
    var i = 0;
    while (i < n) {
      var c = s.codePointAt(i);
      if (!isWordCp(c)) {
        i += cpLen(c);
        continue;
      }
      var start = i;
      var segs = [];
      for (;;) {
        var from = i;
        while (i < n) {
          var d = s.codePointAt(i);
          if (!isWordCp(d)) break;
          i += cpLen(d);
        }
        segs.push([from, i]);
        var j = i;
        while (j < n && (s[j] === "_" || s[j] === "-")) j++;
        if (j === i || j >= n || !isWordCp(s.codePointAt(j))) break;
        i = j;
      }
      out.push(word(s, start, i, segs));
    }
    return out;
  }

  function word(s, start, end, segs) {
    var w = { whole: lower(s.slice(start, end)), parts: [], leaves: [], joined: "", start: start, end: end, spans: [] };
    var joined = "";
    segs.forEach(function (sg) {
      var ls = lower(s.slice(sg[0], sg[1]));
      var humps = camel(s, sg[0], sg[1]);
      if (segs.length > 1 || humps.length > 1) {
        once(w.parts, ls);
        w.spans.push([sg[0], sg[1], ls]);
      }
      if (humps.length > 1) {
        humps.forEach(function (h) {
          var lh = lower(s.slice(h[0], h[1]));
          once(w.parts, lh);
          once(w.leaves, lh);
          w.spans.push([h[0], h[1], lh]);
        });
      } else if (segs.length > 1) {
        once(w.leaves, ls);
      }
      joined += ls;
    });
    if (segs.length > 1) w.joined = joined;
    return w;
  }

  // terms is Tokenize: every word's whole form, parts and joined form.
  function terms(s) {
    var out = [];
    words(s).forEach(function (w) {
      out.push(w.whole);
      w.parts.forEach(function (p) {
        if (p !== w.whole) out.push(p);
      });
      if (w.joined && w.joined !== w.whole && w.parts.indexOf(w.joined) < 0) out.push(w.joined);
    });
    return out;
  }

  // ---- Engine (query.go) ----

  // cmp orders strings by code point, as Go orders them by UTF-8 bytes.
  function cmp(a, b) {
    var i = 0;
    var j = 0;
    while (i < a.length && j < b.length) {
      var x = a.codePointAt(i);
      var y = b.codePointAt(j);
      if (x !== y) return x < y ? -1 : 1;
      i += cpLen(x);
      j += cpLen(y);
    }
    return i < a.length ? 1 : j < b.length ? -1 : 0;
  }

  function runes(s) {
    return Array.from(s).length;
  }

  // EXTRA is how much longer than a closed form a matching term may be.
  var EXTRA = 2;

  function parseQuery(q) {
    var ws = words(q);
    return ws.map(function (w, i) {
      var typing = i === ws.length - 1 && w.end === q.length;
      var g = { whole: { text: w.whole, open: typing }, joined: null, leaves: [] };
      if (w.joined && w.joined !== w.whole) g.joined = { text: w.joined, open: typing };
      w.leaves.forEach(function (l, j) {
        g.leaves.push({ text: l, open: typing && j === w.leaves.length - 1 });
      });
      return g;
    });
  }

  function forms(gs) {
    var out = [];
    gs.forEach(function (g) {
      out.push(g.whole);
      if (g.joined) out.push(g.joined);
      out.push.apply(out, g.leaves);
    });
    return out;
  }

  // Engine answers queries from the index at base (its manifest m), fetching
  // listing pages and chunks with fetchJSON(url) -> Promise.
  function Engine(base, m, fetchJSON) {
    if (m.v !== 3) throw new Error("search index format " + m.v);
    this.base = base;
    this.m = m;
    this.fetchJSON = fetchJSON;
    this.pages = new Map(); // name -> Promise of a listing page
    this.chunks = new Map(); // number -> Promise of decoded entries
    this.metas = new Map(); // name -> Promise of the document chunk
  }

  // cached returns the Promise of the index's file name, fetched once into
  // map (and forgotten when the fetch fails, so the next query tries again).
  Engine.prototype.cached = function (map, name, decode) {
    var p = map.get(name);
    if (!p) {
      p = this.fetchJSON(this.base + this.m.data + name);
      if (decode) p = p.then(decode);
      map.set(name, p);
      p.catch(function () {
        map.delete(name);
      });
    }
    return p;
  };

  // lastNotAfter returns the index of the last entry of fs (sorted) that is
  // <= t, or 0 when every entry is after it.
  function lastNotAfter(fs, t) {
    var lo = 0;
    var hi = fs.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (cmp(fs[mid], t) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return Math.max(lo - 1, 0);
  }

  // window resolves to the postings chunks that may hold f's terms: it walks
  // the listing down from the manifest (listing.go), then takes the chunk
  // where f sorts and the following ones that start with f, skipping, for
  // a closed form, those whose shortest term is too long to match it.
  Engine.prototype.window = function (f) {
    var self = this;
    var m = this.m;
    function pick(list, base) {
      var fs = list.f;
      if (!fs.length) return [];
      var i = lastNotAfter(fs, f.text);
      var n = runes(f.text);
      var limit = Math.min(m.fetch, f.open ? n : 2);
      var out = [base + i];
      for (var j = i + 1; j < fs.length && j - i < limit && fs[j].startsWith(f.text); j++) {
        if (f.open || list.r[j] <= n + EXTRA) out.push(base + j);
      }
      return out;
    }
    function walk(list, base, level) {
      if (level === 0) return pick(list, base);
      var n = base + lastNotAfter(list.f, f.text);
      return self.cached(self.pages, "l/" + level + "/" + n + ".json").then(function (p) {
        return walk(p, n * m.fanout, level - 1);
      });
    }
    return Promise.resolve(walk(m, 0, m.depth));
  };

  // nums decodes the numbers of a postings entry (postings.go): base-64
  // digits of five bits each, most significant first; digits from 32 on
  // say more follow.
  function nums(s) {
    var out = [];
    for (var i = 0, v = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      var d = c > 96 ? c - 71 : c > 94 ? 63 : c > 64 ? c - 65 : c > 47 ? c + 4 : 62;
      v = v * 32 + (d & 31);
      if (d < 32) {
        out.push(v);
        v = 0;
      }
    }
    return out;
  }

  // loadChunk resolves to chunk c's entries: ["term", "numbers"], the
  // numbers df, weight, n, k, k (score, cover) pairs, n doc deltas and n
  // pair numbers.
  Engine.prototype.loadChunk = function (c) {
    return this.cached(this.chunks, "t/" + c + ".json", function (raw) {
      return raw.map(function (e) {
        var x = nums(e[1]);
        var n = x[2];
        var k = x[3];
        var p = 4 + 2 * k;
        var docs = new Array(n);
        var scores = new Array(n);
        var covers = new Array(n);
        for (var i = 0, d = 0; i < n; i++) {
          docs[i] = d += x[p + i];
          var j = 4 + 2 * x[p + n + i];
          scores[i] = x[j];
          covers[i] = x[j + 1];
        }
        return { term: e[0], df: x[0], w: x[1], docs: docs, scores: scores, covers: covers };
      });
    });
  };

  Engine.prototype.lookup = function (f, loaded) {
    var exact = [];
    var longer = [];
    var n = runes(f.text);
    f.chunks.forEach(function (c) {
      loaded.get(c).forEach(function (e) {
        if (e.term === f.text) exact.push({ e: e, pf: 100 });
        else if (e.term.startsWith(f.text) && (f.open || runes(e.term) <= n + EXTRA)) longer.push(e);
      });
    });
    longer.sort(function (a, b) {
      return a.df !== b.df ? b.df - a.df : cmp(a.term, b.term);
    });
    longer.slice(0, this.m.expand).forEach(function (e) {
      exact.push({ e: e, pf: 50 + Math.floor((50 * n) / runes(e.term)) });
    });
    return exact;
  };

  // formScores maps each document f matches to {v, c}: its best score, and
  // its best cover, from f's own term or one at most EXTRA longer, and from
  // any longer term when f is an identifier being typed.
  Engine.prototype.formScores = function (f, loaded) {
    var out = new Map();
    var n = runes(f.text);
    var typingIdent = f.open && /[_-]/.test(f.text);
    this.lookup(f, loaded).forEach(function (m) {
      var e = m.e;
      var near = typingIdent || runes(e.term) <= n + EXTRA;
      for (var i = 0; i < e.docs.length; i++) {
        var v = Math.floor((e.w * e.scores[i] * m.pf) / 100);
        var d = e.docs[i];
        var o = out.get(d);
        if (!o) out.set(d, (o = { v: 0, c: 0 }));
        if (v > o.v) o.v = v;
        if (near && e.covers[i] > o.c) o.c = e.covers[i];
      }
    });
    return out;
  };

  function maxInto(out, from) {
    from.forEach(function (x, d) {
      var o = out.get(d);
      if (!o) out.set(d, (o = { v: 0, c: 0 }));
      o.v = Math.max(o.v, x.v);
      o.c = Math.max(o.c, x.c);
    });
  }

  Engine.prototype.groupScores = function (g, loaded) {
    var self = this;
    var out = this.formScores(g.whole, loaded);
    if (g.joined) {
      var js = this.formScores(g.joined, loaded);
      js.forEach(function (x) {
        x.v = Math.floor((x.v * 9) / 10);
      });
      maxInto(out, js);
    }
    if (g.leaves.length) {
      var sum = null;
      g.leaves.forEach(function (l) {
        var ls = self.formScores(l, loaded);
        if (!sum) {
          sum = ls;
          return;
        }
        sum.forEach(function (x, d) {
          var y = ls.get(d);
          if (y === undefined) sum.delete(d);
          else sum.set(d, { v: x.v + y.v, c: x.c && y.c ? x.c + y.c : 0 });
        });
      });
      var n = g.leaves.length;
      sum.forEach(function (x, d) {
        sum.set(d, { v: Math.floor(Math.floor(x.v / n) / 2), c: x.c });
      });
      maxInto(out, sum);
    }
    return out;
  };

  // FULL is the cover sum from which a query covers a document's name.
  var FULL = 250;

  // search resolves to {total, hits, groups}: the best limit documents for
  // q, each {doc, score, matched, full, url, anchor, title, section, kind,
  // excerpt}.
  Engine.prototype.search = function (q, limit) {
    var self = this;
    var gs = parseQuery(q);
    if (!gs.length) return Promise.resolve({ total: 0, hits: [], groups: gs });
    var fs = forms(gs);
    var need = [];
    return Promise.all(
      fs.map(function (f) {
        return self.window(f);
      })
    )
      .then(function (windows) {
        // Each form keeps its window: lookup reads its terms there.
        fs.forEach(function (f, k) {
          f.chunks = windows[k];
          f.chunks.forEach(function (c) {
            if (need.indexOf(c) < 0) need.push(c);
          });
        });
        return Promise.all(
          need.map(function (c) {
            return self.loadChunk(c);
          })
        );
      })
      .then(function (lists) {
        var loaded = new Map();
        need.forEach(function (c, i) {
          loaded.set(c, lists[i]);
        });
        var hits = new Map();
        gs.forEach(function (g) {
          self.groupScores(g, loaded).forEach(function (x, d) {
            if (x.v <= 0) return;
            var h = hits.get(d);
            if (!h) hits.set(d, (h = { doc: d, score: 0, matched: 0, cover: 0, covered: 0 }));
            h.score += x.v;
            h.cover += x.c;
            h.matched++;
            if (x.c > 0) h.covered++;
          });
        });
        var ranked = Array.from(hits.values());
        ranked.forEach(function (h) {
          h.full = h.covered === gs.length && h.cover >= FULL;
        });
        ranked.sort(function (a, b) {
          return b.matched - a.matched || b.full - a.full || b.score - a.score || a.doc - b.doc;
        });
        var top = ranked.slice(0, limit);
        return Promise.all(
          top.map(function (h) {
            return self.describe(h);
          })
        ).then(function (described) {
          return { total: ranked.length, hits: described, groups: gs };
        });
      });
  };

  // KIND_NAMES are the kinds a document chunk writes as their number
  // (write.go's kindNumber).
  var KIND_NAMES = ["page", "section", "error", "status"];

  Engine.prototype.describe = function (h) {
    var p = this.cached(this.metas, "d/" + Math.floor(h.doc / this.m.meta) + ".json");
    var i = h.doc % this.m.meta;
    return p.then(function (m) {
      var d = m.d[i];
      var pg = m.p[d[0]];
      // An anchor of 1 is the heading's usual id (write.go's headingID).
      return {
        doc: h.doc,
        score: h.score,
        matched: h.matched,
        full: h.full,
        url: pg[0],
        title: pg[1],
        anchor: d[1] === 1 ? d[2].toLowerCase().replace(/ /g, "-") : d[1],
        section: d[2],
        kind: typeof d[3] === "number" ? KIND_NAMES[d[3]] : d[3],
        excerpt: d[4],
      };
    });
  };

  function fetchJSON(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }

  // ---- Marking matches ----

  // marks returns the [from, to) ranges of text that the query's forms
  // match: a whole word when its whole form matches, else its matching
  // segments and humps.
  function marks(text, gs) {
    var fs = forms(gs).filter(function (f) {
      return f.text.length > 0;
    });
    function hit(t) {
      return fs.some(function (f) {
        return t === f.text || (runes(f.text) > 1 && t.startsWith(f.text) && (f.open || runes(t) <= runes(f.text) + EXTRA));
      });
    }
    var out = [];
    words(text).forEach(function (w) {
      if (hit(w.whole) || (w.joined && hit(w.joined))) {
        out.push([w.start, w.end]);
        return;
      }
      var last = -1;
      w.spans.forEach(function (sp) {
        if (sp[0] >= last && hit(sp[2])) {
          out.push([sp[0], sp[1]]);
          last = sp[1];
        }
      });
    });
    return out;
  }

  // fill appends text to el with the ranges wrapped in <mark>; with window
  // set, text before the first mark is cut to a few words.
  function fill(el, text, ranges, window) {
    var pos = 0;
    if (window && ranges.length && ranges[0][0] > 60) {
      var cut = text.lastIndexOf(" ", ranges[0][0] - 30);
      if (cut > 0) {
        pos = cut + 1;
        el.appendChild(document.createTextNode("…"));
      }
    }
    ranges.forEach(function (r) {
      if (r[0] < pos) return;
      if (r[0] > pos) el.appendChild(document.createTextNode(text.slice(pos, r[0])));
      var m = document.createElement("mark");
      m.textContent = text.slice(r[0], r[1]);
      el.appendChild(m);
      pos = r[1];
    });
    if (pos < text.length) el.appendChild(document.createTextNode(text.slice(pos)));
  }

  // ---- Dialog ----

  var LIMIT = 10;
  var KINDS = { error: "Error code", status: "HTTP status" };

  function el(tag, cls, attrs) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }

  function icon() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("class", "icon");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    var c = document.createElementNS(ns, "circle");
    c.setAttribute("cx", "11");
    c.setAttribute("cy", "11");
    c.setAttribute("r", "7");
    var p = document.createElementNS(ns, "path");
    p.setAttribute("d", "m20 20-4-4");
    svg.appendChild(c);
    svg.appendChild(p);
    return svg;
  }

  function UI(base, manifest) {
    this.base = base;
    this.seq = 0;
    this.active = -1;
    this.hits = [];
    this.load(manifest);
    this.build();
  }

  // load makes the engine from a manifest promise; ready resolves to it, or
  // to null when the manifest could not be read.
  UI.prototype.load = function (manifest) {
    var base = this.base;
    this.ready = manifest.then(
      function (m) {
        return new Engine(base, m, fetchJSON);
      },
      function () {
        return null;
      }
    );
  };

  UI.prototype.build = function () {
    var self = this;
    var d = (this.dialog = el("dialog", "search-dialog", { "aria-labelledby": "docsgen-search-label" }));
    var panel = el("div", "search-panel");
    var field = el("div", "search-field", { role: "search" });
    var label = el("label", "sr-only", { id: "docsgen-search-label", for: "docsgen-search-q" });
    label.textContent = "Search the docs";
    var input = (this.input = el("input", "search-input", {
      id: "docsgen-search-q",
      type: "search",
      role: "combobox",
      "aria-autocomplete": "list",
      "aria-expanded": "false",
      "aria-controls": "docsgen-search-results",
      "aria-describedby": "docsgen-search-help",
      autocomplete: "off",
      autocapitalize: "off",
      spellcheck: "false",
      enterkeyhint: "go",
      placeholder: "Search the docs",
    }));
    var close = el("button", "search-close", { type: "button", "aria-label": "Esc: close search" });
    close.textContent = "Esc";
    field.appendChild(icon());
    field.appendChild(label);
    field.appendChild(input);
    field.appendChild(close);
    this.list = el("ul", "search-results", { id: "docsgen-search-results", role: "listbox", "aria-label": "Results" });
    this.status = el("p", "search-status", { role: "status", "aria-live": "polite" });
    var help = el("p", "search-help", { id: "docsgen-search-help" });
    help.textContent = "Arrow keys move, Enter opens, Escape closes.";
    panel.appendChild(field);
    panel.appendChild(this.status);
    panel.appendChild(this.list);
    panel.appendChild(help);
    d.appendChild(panel);
    document.body.appendChild(d);

    input.addEventListener("input", function () {
      self.run();
    });
    input.addEventListener("keydown", function (e) {
      self.key(e);
    });
    close.addEventListener("click", function () {
      d.close();
    });
    d.addEventListener("click", function (e) {
      if (e.target === d) d.close(); // the backdrop
    });
    this.list.addEventListener("mousemove", function (e) {
      var o = e.target.closest && e.target.closest("[role=option]");
      if (o) self.select(Number(o.getAttribute("data-i")), false);
    });
    this.list.addEventListener("click", function (e) {
      if (e.target.closest && e.target.closest("a")) d.close();
    });
  };

  UI.prototype.open = function (q) {
    if (!this.dialog.open) this.dialog.showModal();
    if (typeof q === "string" && q) this.input.value = q;
    this.input.focus();
    if (!q) this.input.select();
    this.run();
  };

  UI.prototype.key = function (e) {
    var n = this.hits.length;
    switch (e.key) {
      case "ArrowDown":
      case "ArrowUp":
        e.preventDefault();
        if (n) this.select((this.active + (e.key === "ArrowDown" ? 1 : n - 1)) % n, true);
        break;
      case "Enter":
        e.preventDefault();
        if (this.active >= 0 && this.hits[this.active]) {
          var href = this.hits[this.active].href;
          this.dialog.close();
          location.assign(href);
        }
        break;
      case "Escape":
        e.preventDefault();
        this.dialog.close();
        break;
    }
  };

  UI.prototype.select = function (i, scroll) {
    var opts = this.list.querySelectorAll("[role=option]");
    if (this.active >= 0 && opts[this.active]) opts[this.active].setAttribute("aria-selected", "false");
    this.active = i;
    var o = opts[i];
    if (!o) {
      this.input.removeAttribute("aria-activedescendant");
      return;
    }
    o.setAttribute("aria-selected", "true");
    this.input.setAttribute("aria-activedescendant", o.id);
    if (scroll) o.scrollIntoView({ block: "nearest" });
  };

  UI.prototype.say = function (text) {
    this.status.textContent = text;
  };

  UI.prototype.run = function () {
    var self = this;
    var q = this.input.value;
    var my = ++this.seq;
    if (!q.trim()) {
      this.render([], null, 0);
      this.say("");
      return;
    }
    var used = this.ready;
    var slow = setTimeout(function () {
      if (my === self.seq) self.say("Loading the search index…");
    }, 300);
    used
      .then(function (e) {
        if (!e) throw new Error("no search index");
        return e.search(q, LIMIT);
      })
      .catch(function (err) {
        // The site may have been published again since index.json was
        // read, with other chunks: read it again (once) and retry.
        if (self.ready === used) self.load(fetchJSON(self.base + "index.json"));
        return self.ready.then(function (e) {
          if (!e) throw err;
          return e.search(q, LIMIT);
        });
      })
      .finally(function () {
        clearTimeout(slow);
      })
      .then(
        function (res) {
          if (my !== self.seq) return;
          self.render(res.hits, res.groups, res.total);
          // The query the list answers: tests wait for it to be the field's.
          self.list.setAttribute("data-query", q);
          if (!res.total) self.say("No results for “" + q.trim() + "”.");
          else if (res.total > res.hits.length) self.say("Showing " + res.hits.length + " of " + res.total + " results.");
          else self.say(res.total === 1 ? "1 result." : res.total + " results.");
        },
        function () {
          if (my !== self.seq) return;
          self.render([], null, 0);
          self.say("Search is unavailable: the index could not be loaded.");
        }
      );
  };

  UI.prototype.render = function (hits, gs) {
    var list = this.list;
    list.replaceChildren();
    this.hits = hits.map(function (h, i) {
      var href = h.anchor ? h.url + "#" + h.anchor : h.url;
      // The link is the option (a link inside an option would be a control
      // inside a control); focus stays in the field, which points at it.
      var li = el("li", "search-hit", { role: "none" });
      var a = el("a", "", { role: "option", href: href, tabindex: "-1", id: "docsgen-search-opt-" + i, "aria-selected": "false", "data-i": String(i) });
      var head = el("span", "search-hit-head");
      var page = el("span", "search-hit-page");
      fill(page, h.title, marks(h.title, gs), false);
      head.appendChild(page);
      if (h.section) {
        var sep = el("span", "search-hit-sep", { "aria-hidden": "true" });
        sep.textContent = "›";
        var sec = el("span", "search-hit-section");
        fill(sec, h.section, marks(h.section, gs), false);
        head.appendChild(sep);
        head.appendChild(sec);
      }
      if (KINDS[h.kind]) {
        var k = el("span", "search-hit-kind");
        k.textContent = KINDS[h.kind];
        head.appendChild(k);
      }
      a.appendChild(head);
      if (h.excerpt) {
        var text = el("span", "search-hit-text");
        fill(text, h.excerpt, marks(h.excerpt, gs), true);
        a.appendChild(text);
      }
      li.appendChild(a);
      list.appendChild(li);
      return { href: href };
    });
    this.active = -1;
    this.input.setAttribute("aria-expanded", hits.length ? "true" : "false");
    this.select(hits.length ? 0 : -1, false);
  };

  var ui = null;
  window.DocsgenSearch = {
    // init makes (once) the dialog for the index at base; manifest is a
    // promise of its index.json, or undefined to fetch it here.
    init: function (base, manifest) {
      if (!ui) ui = new UI(base, manifest || fetchJSON(base + "index.json"));
      return ui;
    },
    words: words,
    terms: terms,
    marks: marks,
    Engine: Engine,
    fetchJSON: fetchJSON,
  };
})();

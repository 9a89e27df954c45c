// DocsgenPatch.apply(old, next, live) carries an edit into the live page
// without reloading it. old and next are the page as the server sent it
// before and after the edit (parsed, live-reload tag removed); live is the
// document on screen, which the site's scripts have changed since it loaded.
//
// It works out, from old and next alone, which nodes changed, walking down
// from <body> and descending only into elements whose tag stayed the same:
// at each level the children shared at the start and at the end are kept,
// and the rest are compared pair by pair when their number stayed the same,
// or replaced as a run when it did not. An attribute is set or removed on
// the live node only where old and next differ, so what a script set there
// (hidden, open, aria-pressed, a class) stays. Each node of old is found in
// live by position, skipping the nodes scripts added (a dialog, a live
// region, the error overlay): a live node pairs with the next node of old
// of the same type, tag and id.
//
// It returns false, changing nothing, when the edit cannot be carried over
// this way and the page must be reloaded: the <head> changed (other than
// its <title>), a script or stylesheet would be added, or the live
// document no longer has the nodes old had. Otherwise it changes only what
// differs, so scroll position, focus, open <details>, form fields and
// anything scripts built stay as they were; when the focused element itself
// was replaced, focus moves to its replacement (same id).
var DocsgenPatch = (function () {
  "use strict";

  function sameHead(a, b) {
    var x = Array.prototype.filter.call(a.children, notTitle);
    var y = Array.prototype.filter.call(b.children, notTitle);
    if (x.length !== y.length) return false;
    for (var i = 0; i < x.length; i++) {
      if (!x[i].isEqualNode(y[i])) return false;
    }
    return true;
  }

  function notTitle(el) {
    return el.nodeName !== "TITLE";
  }

  function sameAttrs(a, b) {
    if (a.attributes.length !== b.attributes.length) return false;
    for (var i = 0; i < a.attributes.length; i++) {
      var at = a.attributes[i];
      if (b.getAttribute(at.name) !== at.value) return false;
    }
    return true;
  }

  // hasAsset reports a node that would load code or styles if inserted.
  function hasAsset(n) {
    if (n.nodeType !== 1) return false;
    var sel = 'script, link[rel~="stylesheet"], style';
    return n.matches(sel) || n.querySelector(sel) !== null;
  }

  // match pairs a node of old with a live node.
  function match(a, l) {
    if (a.nodeType !== l.nodeType) return false;
    if (a.nodeType !== 1) return true;
    return a.nodeName === l.nodeName && (a.getAttribute("id") || "") === (l.getAttribute("id") || "");
  }

  // align returns the live node of each node of ak, or null.
  function align(ak, lk) {
    var out = [];
    var j = 0;
    for (var i = 0; i < ak.length; i++) {
      while (j < lk.length && !match(ak[i], lk[j])) j++;
      if (j === lk.length) return null;
      out.push(lk[j++]);
    }
    return out;
  }

  function kids(n) {
    return Array.prototype.slice.call(n.childNodes);
  }

  // diff queues in ops what turns live node l (old node a) into b.
  function diff(a, b, l, ops) {
    if (a.isEqualNode(b)) return true;
    if (a.nodeType !== b.nodeType || a.nodeName !== b.nodeName) {
      if (hasAsset(b)) return false;
      ops.push(function () {
        l.replaceWith(l.ownerDocument.importNode(b, true));
      });
      return true;
    }
    if (a.nodeType !== 1) {
      ops.push(function () {
        l.data = b.data;
      });
      return true;
    }
    attrs(a, b, l, ops);
    return children(a, b, l, ops);
  }

  function attrs(a, b, l, ops) {
    Array.prototype.forEach.call(b.attributes, function (at) {
      if (a.getAttribute(at.name) !== at.value) {
        ops.push(function () {
          l.setAttribute(at.name, at.value);
        });
      }
    });
    Array.prototype.forEach.call(a.attributes, function (at) {
      if (!b.hasAttribute(at.name)) {
        ops.push(function () {
          l.removeAttribute(at.name);
        });
      }
    });
  }

  function children(a, b, l, ops) {
    var ak = kids(a);
    var bk = kids(b);
    var lk = align(ak, kids(l));
    if (!lk) return false;
    var n = ak.length;
    var m = bk.length;
    var p = 0;
    var s = 0;
    while (p < n && p < m && ak[p].isEqualNode(bk[p])) p++;
    while (s < n - p && s < m - p && ak[n - 1 - s].isEqualNode(bk[m - 1 - s])) s++;
    if (n === m) {
      for (var i = p; i < n - s; i++) {
        if (!diff(ak[i], bk[i], lk[i], ops)) return false;
      }
      return true;
    }
    var gone = lk.slice(p, n - s);
    var added = bk.slice(p, m - s);
    if (added.some(hasAsset)) return false;
    var before = s > 0 ? lk[n - s] : null;
    var after = p > 0 ? lk[p - 1] : null;
    ops.push(function () {
      var fresh = added.map(function (x) {
        return l.ownerDocument.importNode(x, true);
      });
      gone.forEach(function (x) {
        x.remove();
      });
      if (before) before.before.apply(before, fresh);
      else if (after) after.after.apply(after, fresh);
      else l.prepend.apply(l, fresh);
    });
    return true;
  }

  function apply(old, next, live) {
    if (!sameHead(old.head, next.head)) return false;
    if (!sameAttrs(old.documentElement, next.documentElement) || !sameAttrs(old.body, next.body)) return false;
    var ops = [];
    if (!children(old.body, next.body, live.body, ops)) return false;
    var focused = live.activeElement;
    var id = focused && focused !== live.body ? focused.id : "";
    ops.forEach(function (op) {
      op();
    });
    if (old.title !== next.title) live.title = next.title;
    if (id && (!live.activeElement || live.activeElement === live.body)) {
      var el = live.getElementById(id);
      if (el) el.focus({ preventScroll: true });
    }
    return true;
  }

  return { apply: apply };
})();

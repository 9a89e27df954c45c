// Page actions menu (details[data-page-actions] under the page title):
// Escape closes it and gives the focus back to its summary, a click
// outside closes it, and "Open in" links ([data-ask-md]) whose prompt names
// the Markdown by path get the absolute URL the browser sees instead (a
// site built without a base URL). Copy page is 20-code.js's
// [data-copy-source] button.
(function () {
  function menus() {
    return document.querySelectorAll("details[data-page-actions]");
  }

  document.querySelectorAll("a[data-ask-md]").forEach(function (a) {
    var md = a.dataset.askMd;
    var abs = new URL(md, location.href).href;
    if (abs === md) return;
    try {
      var u = new URL(a.href);
      var q = u.searchParams.get("q");
      if (q === null) return;
      u.searchParams.set("q", q.split(md).join(abs));
      a.href = u.href;
    } catch (e) {}
  });

  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    var open = e.target.closest && e.target.closest("details[data-page-actions][open]");
    if (!open) return;
    open.open = false;
    open.querySelector("summary").focus();
  });

  document.addEventListener("click", function (e) {
    menus().forEach(function (m) {
      if (m.open && !m.contains(e.target)) m.open = false;
    });
  });
})();

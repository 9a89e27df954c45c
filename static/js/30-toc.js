// "On this page" scroll-spy: the TOC link of the section being read gets
// aria-current="true". The section being read is the last heading above a
// line 30% down the viewport (the first heading before any), or the last
// heading once the page is scrolled to its end.
//
// The observer watches every block of the page body, not only the headings:
// a long jump (a link, the End key) can carry a heading from below the
// viewport to above it without it ever intersecting, but some block always
// enters or leaves the band the reader lands on.
(function () {
  var links = document.querySelectorAll('.toc a[href^="#"]');
  if (!links.length || !window.IntersectionObserver) return;
  var items = [];
  links.forEach(function (a) {
    var h = document.getElementById(decodeURIComponent(a.hash.slice(1)));
    if (h) items.push({ a: a, h: h });
  });
  if (!items.length) return;
  var current = null;

  function update() {
    var pick = items[0];
    var line = innerHeight * 0.3;
    for (var i = 0; i < items.length && items[i].h.getBoundingClientRect().top <= line; i++) pick = items[i];
    if (innerHeight + scrollY >= document.documentElement.scrollHeight - 2) pick = items[items.length - 1];
    if (pick === current) return;
    if (current) current.a.removeAttribute("aria-current");
    pick.a.setAttribute("aria-current", "true");
    current = pick;
  }

  var spy = new IntersectionObserver(update, { rootMargin: "0px 0px -70% 0px" });
  document.querySelectorAll(".content > *").forEach(function (el) {
    spy.observe(el);
  });
  items.forEach(function (it) {
    spy.observe(it.h);
  });
  var end = document.querySelector(".site-footer");
  if (end) new IntersectionObserver(update).observe(end);
  update();
})();

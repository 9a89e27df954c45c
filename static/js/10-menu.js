// Narrow screens: the menu button ([data-menu-toggle]) opens the sidebar it
// controls as an off-canvas panel. Opening moves focus into the sidebar (to
// the current page's link); Escape, a click outside or tabbing out closes it,
// and Escape returns focus to the button. Also shows the search shortcut as
// ⌘ K on Apple devices.
(function () {
  if (/Mac|iPhone|iPad/.test(navigator.platform)) {
    document.querySelectorAll("[data-search-open] kbd").forEach(function (k) {
      k.textContent = "⌘ K";
    });
  }

  var root = document.documentElement;
  var btn = document.querySelector("[data-menu-toggle]");
  var nav = btn && document.getElementById(btn.getAttribute("aria-controls"));
  if (!nav) return;

  function isOpen() {
    return btn.getAttribute("aria-expanded") === "true";
  }

  function set(open, moveFocus) {
    btn.setAttribute("aria-expanded", open);
    root.toggleAttribute("data-menu-open", open);
    if (!moveFocus) return;
    if (open) {
      var target = nav.querySelector('[aria-current="page"]') || nav.querySelector("a, summary");
      if (target) target.focus();
    } else {
      btn.focus();
    }
  }

  function outside(el) {
    return el && !nav.contains(el) && !btn.contains(el);
  }

  btn.addEventListener("click", function () {
    set(!isOpen(), true);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && isOpen()) set(false, true);
  });
  document.addEventListener("click", function (e) {
    if (isOpen() && outside(e.target)) set(false);
  });
  nav.addEventListener("focusout", function (e) {
    if (isOpen() && outside(e.relatedTarget)) set(false);
  });
  matchMedia("(min-width: 801px)").addEventListener("change", function (e) {
    if (e.matches) set(false);
  });
})();

// Theme toggle: [data-theme-toggle] switches <html data-theme> between light
// and dark and remembers the choice in localStorage "docsgen.theme". The
// inline head script has already applied the stored choice (or the OS
// preference) before the first paint; without a stored choice the page keeps
// following the OS while it is open.
(function () {
  var KEY = "docsgen.theme";
  var root = document.documentElement;

  function stored() {
    try {
      return localStorage.getItem(KEY);
    } catch (e) {
      return null;
    }
  }

  function apply(theme) {
    var dark = theme === "dark";
    root.dataset.theme = dark ? "dark" : "light";
    document.querySelectorAll("[data-theme-toggle]").forEach(function (b) {
      b.setAttribute("aria-pressed", dark);
      b.title = dark ? "Switch to light theme" : "Switch to dark theme";
    });
  }

  apply(root.dataset.theme);

  document.addEventListener("click", function (e) {
    if (!e.target.closest("[data-theme-toggle]")) return;
    var next = root.dataset.theme === "dark" ? "light" : "dark";
    apply(next);
    try {
      localStorage.setItem(KEY, next);
    } catch (err) {}
  });

  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", function (e) {
    if (!stored()) apply(e.matches ? "dark" : "light");
  });

  // Another tab of the site changed the theme.
  addEventListener("storage", function (e) {
    if (e.key === KEY && e.newValue) apply(e.newValue);
  });
})();

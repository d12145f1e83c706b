// mkdocs-material's search overlay is a dialog without an accessible name;
// give it one, in the page's language, on every (instant) page load.
(function () {
  var names = { en: "Search", sv: "Sök", fi: "Haku" };
  function name() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) {
      var lang = (document.documentElement.lang || "en").slice(0, 2);
      dialog.setAttribute("aria-label", names[lang] || names.en);
    }
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(name);
  }
  document.addEventListener("DOMContentLoaded", name);
  name();
})();

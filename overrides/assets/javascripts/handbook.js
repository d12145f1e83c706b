// mkdocs-material's search overlay is a dialog without an accessible name;
// give it one on every (instant) page load. The word comes from the page
// itself (the theme's own "Search" label, in the site's language), so this
// script holds no list of languages.
(function () {
  function name() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) {
      var source = dialog.querySelector("[aria-label]") || document.querySelector(".md-search__input");
      var label = source && source.getAttribute("aria-label");
      if (label) {
        dialog.setAttribute("aria-label", label);
      }
    }
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(name);
  }
  document.addEventListener("DOMContentLoaded", name);
  name();
})();

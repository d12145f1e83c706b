// Accessibility mends for mkdocs-material, run on every (instant) page load.
// The words come from the page itself (the theme's own labels, in the site's
// language), so this script holds no list of languages.
(function () {
  // The search overlay is a dialog without an accessible name.
  function nameSearch() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) {
      var source = dialog.querySelector("[aria-label]") || document.querySelector(".md-search__input");
      var label = source && source.getAttribute("aria-label");
      if (label) {
        dialog.setAttribute("aria-label", label);
      }
    }
  }
  // With navigation.indexes a section's nested nav is labelled by the toggle
  // beside the section's link, and that toggle holds only an icon: a page
  // inside two sections (a journey under its life event) has two nav
  // landmarks without a name. Each such nav is named by its section's link.
  function nameSections() {
    document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach(function (nav) {
      var toggle = document.getElementById(nav.getAttribute("aria-labelledby"));
      var link = toggle && !toggle.textContent.trim() && toggle.parentElement.querySelector("a.md-nav__link");
      var text = link && link.textContent.trim();
      if (text) {
        nav.setAttribute("aria-label", text);
        nav.removeAttribute("aria-labelledby");
      }
    });
  }
  function mend() {
    nameSearch();
    nameSections();
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(mend);
  }
  document.addEventListener("DOMContentLoaded", mend);
  mend();
})();

// journeybook: load the self-hosted Mermaid only when a page draws a diagram,
// and only the parts of it that its diagrams need.
//
// mkdocs-material (and Zensical) draw every `pre.mermaid` with
// `window.mermaid`, calling its initialize() once and then render() per
// diagram, and fetch Mermaid from a CDN when it is undefined. This stand-in
// defines it on every page. On a page with a diagram it imports Mermaid's ES
// module build from this site at once: a small entry and its core chunks, then
// only the chunks of the diagram types drawn (a flowchart loads the flowchart
// code, not the other thirty diagram types of the 3.5 MB single file). After
// instant navigation (which swaps the content, not the scripts) the theme's
// first render() call loads it the same way. Where the module cannot load (a
// Mermaid without its module build, a server that sends .mjs files as another
// type than JavaScript), it falls back to the single-file mermaid.min.js.
// No page ever asks another host for anything.
//
// The theme asks for its first drawing only after its own start-up (on
// DOMContentLoaded), and on a large handbook after it has parsed the search
// index. Diagrams that carry their own theme (journeybook's: an init directive
// with themeCSS, which replaces the theme's; the theme's other settings do not
// touch a flowchart) are drawn as soon as Mermaid is loaded, one after the
// other, and the theme's render() call for the same text gets that drawing.
// Until they are drawn the theme's settings wait, and so do its other
// render() calls: Mermaid keeps one configuration, which no two drawings may
// share at once.
(function () {
  if (window.mermaid) {
    return;
  }
  // false when the site serves only the single file (journeybook rewrites this line).
  var moduleBuild = true;
  var here = document.currentScript && document.currentScript.src;
  var folder = here ? new URL(".", here).href : "";
  var settings = null;
  var loading = null;
  // Drawings made before the theme asked, by diagram text (a list: one text may appear twice).
  var early = {};
  var drawn = 0;
  function classic() {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = folder + "mermaid.min.js";
      script.onload = function () {
        resolve(window.mermaid);
      };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }
  function ownTheme(text) {
    return /^\s*%%\{init:.*"themeCSS"/.test(text);
  }
  function drawEarly(real) {
    // Never start on load: the theme draws (Mermaid's default would draw every .mermaid itself).
    real.initialize(settings || { startOnLoad: false });
    var queue = Promise.resolve();
    document.querySelectorAll("pre.mermaid").forEach(function (pre) {
      var text = pre.textContent;
      if (!ownTheme(text)) {
        return;
      }
      var id = "__journeybook_mermaid_" + drawn++;
      var drawing = queue.then(function () {
        return real.render(id, text);
      });
      // A diagram Mermaid cannot draw fails where the theme asks for it, not here.
      queue = drawing.catch(function () {});
      (early[text] = early[text] || []).push(drawing);
    });
    return queue.then(function () {
      return real;
    });
  }
  function load() {
    if (!loading) {
      var module = moduleBuild ? import(folder + "mermaid.esm.min.mjs") : Promise.reject();
      loading = module
        .then(function (found) {
          return found.default;
        }, classic)
        .then(drawEarly)
        .then(function (real) {
          if (settings) {
            real.initialize(settings);
          }
          // From now on the theme calls Mermaid itself.
          window.mermaid = real;
          return real;
        });
    }
    return loading;
  }
  window.mermaid = {
    initialize: function (config) {
      settings = config;
    },
    render: function (id, text) {
      return load().then(function (real) {
        var waiting = early[text] && early[text].shift();
        return waiting || real.render(id, text);
      });
    },
    registerIconPacks: function (packs) {
      load().then(function (real) {
        real.registerIconPacks(packs);
      });
    },
  };
  // Start fetching (and drawing) while the theme is still setting up, not when it first asks.
  if (document.querySelector("pre.mermaid")) {
    load();
  }
})();

// journeybook: load the self-hosted Mermaid only when a page draws a diagram.
//
// mkdocs-material draws every `pre.mermaid` with `window.mermaid`, and fetches
// Mermaid from a CDN when it is undefined. Pages with a diagram carry a
// <script> for the local mermaid.min.js (3.5 MB) themselves; every other page
// gets this small stand-in instead. If the reader then moves to a page with a
// diagram by instant navigation (which swaps the content, not the scripts),
// the theme calls the stand-in, which loads the same local file once and hands
// over to it. No page ever asks another host for anything.
(function () {
  if (window.mermaid) {
    return;
  }
  var here = document.currentScript && document.currentScript.src;
  var source = here ? new URL("mermaid.min.js", here).href : "";
  var settings = null;
  var loading = null;
  function load() {
    loading = loading || new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = source;
      script.onload = function () {
        var real = window.mermaid;
        if (settings) {
          real.initialize(settings);
        }
        resolve(real);
      };
      script.onerror = reject;
      document.head.appendChild(script);
    });
    return loading;
  }
  window.mermaid = {
    initialize: function (config) {
      settings = config;
    },
    render: function (id, text) {
      return load().then(function (real) {
        return real.render(id, text);
      });
    },
    registerIconPacks: function (packs) {
      load().then(function (real) {
        real.registerIconPacks(packs);
      });
    },
  };
})();

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
// Every diagram keeps its natural size (useMaxWidth off for each diagram type
// whose defaults have it, unless the site's own settings say otherwise): a
// diagram scaled to the column's width has text of 5-8 px on a phone; at its
// natural size it scrolls sideways in its box instead (journeybook.css).
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
  function naturalSize(real, config) {
    var defaults = (real.mermaidAPI && real.mermaidAPI.defaultConfig) || {};
    var out = Object.assign({}, config);
    Object.keys(defaults).forEach(function (key) {
      var own = out[key] || {};
      if (defaults[key] && typeof defaults[key] === "object" && "useMaxWidth" in defaults[key] && !("useMaxWidth" in own)) {
        out[key] = Object.assign({}, own, { useMaxWidth: false });
      }
    });
    return out;
  }
  function load() {
    if (!loading) {
      var module = moduleBuild ? import(folder + "mermaid.esm.min.mjs") : Promise.reject();
      loading = module
        .then(function (found) {
          return found.default;
        }, classic)
        .then(function (real) {
          // The theme may call initialize before Mermaid is here (kept in settings) or after:
          // either way the limits and the natural size apply.
          var initialize = real.initialize.bind(real);
          real.initialize = function (config) {
            return initialize(naturalSize(real, Object.assign({}, limits, config)));
          };
          if (settings) {
            real.initialize(settings);
          }
          // The same for render: once Mermaid is here the theme calls it directly.
          var render = real.render.bind(real);
          real.render = function (id, text, container) {
            return render(id, text, container).then(fitsThePaper);
          };
          // From now on the theme calls Mermaid itself.
          window.mermaid = real;
          return real;
        });
    }
    return loading;
  }
  // Mermaid draws only an error once a diagram's source passes 50 000 characters or 500 edges:
  // the traceability chain of one large journey can (its labels are escaped, several times their
  // text). Site-wide limits cannot be set from inside a diagram, so they are set here.
  // On paper a diagram wider than the sheet shrinks to it: the box that scrolls it sideways on
  // screen cannot scroll there, and the page's CSS cannot reach into the shadow root the theme
  // draws the diagram in, so the rule goes into the diagram's own style sheet.
  var PRINT_FIT = "@media print{svg{max-width:100%!important;height:auto!important}}";
  function fitsThePaper(result) {
    if (result && typeof result.svg === "string" && result.svg.indexOf("<style>") !== -1) {
      result.svg = result.svg.replace("<style>", "<style>" + PRINT_FIT);
    }
    return result;
  }
  var limits = { maxTextSize: 1000000, maxEdges: 5000 };
  window.mermaid = {
    initialize: function (config) {
      settings = Object.assign({}, limits, config);
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
  // Start fetching while the theme is still setting up, not when it first asks.
  if (document.querySelector("pre.mermaid")) {
    load();
  }
})();

// journeybook: the search index is fetched when a reader turns to search, not with every page.
//
// mkdocs-material asks for search/search_index.json (an XMLHttpRequest) as
// soon as a page loads, then parses it and hands it to its search worker. In
// a handbook of a thousand journeys that is 20 MB, downloaded and parsed on
// the page's main thread while its diagrams wait to be drawn, by every reader,
// also the many who never search. This script runs in the page's <head>,
// before the theme's bundle, and holds that one request back until the reader
// shows an intent to search: pointing at or focusing the search field (the
// theme's s, f and / keys focus it), or opening search on a phone. The theme
// shows "Initializing search" meanwhile and answers the query typed so far
// once the index is in. A page opened with a query in its address (?q=) gets
// the index at once. Other requests are left alone.
(function () {
  if (/[?&]q=/.test(location.search)) {
    return;
  }
  var INDEX = /\/search\/search_index\.json$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var wanted = false;

  function want() {
    if (wanted) {
      return;
    }
    wanted = true;
    held.splice(0).forEach(function (request) {
      send.apply(request.xhr, request.args);
    });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    try {
      this.jbSearchIndex = INDEX.test(new URL(String(url), location.href).pathname);
    } catch (error) {
      this.jbSearchIndex = false;
    }
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.jbSearchIndex && !wanted) {
      held.push({ xhr: this, args: arguments });
      return undefined;
    }
    return send.apply(this, arguments);
  };

  function inSearch(target) {
    return target instanceof Element && target.closest('[data-md-component="search"], label[for="__search"]') !== null;
  }
  ["pointerover", "focusin", "touchstart"].forEach(function (type) {
    document.addEventListener(
      type,
      function (event) {
        if (inSearch(event.target)) {
          want();
        }
      },
      { capture: true, passive: true }
    );
  });
  document.addEventListener(
    "change",
    function (event) {
      if (event.target instanceof Element && event.target.id === "__search") {
        want();
      }
    },
    true
  );
})();

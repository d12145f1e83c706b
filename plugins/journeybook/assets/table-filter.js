// journeybook: filters above long tables (backlog, failure demand).
//
// A filter form (form.jb-filters[data-table=NAME]) is hidden in the page and
// each row of its table carries a marker span (.jb-row[data-table=NAME]) with
// the row's values as data-* attributes (space-separated ids). This script
// shows the form and hides the rows that do not match every chosen value.
// Without it the form stays hidden and the whole table is shown. Runs again
// after each instant navigation (mkdocs-material's document$).
(function () {
  function setup() {
    var forms = document.querySelectorAll("form.jb-filters[data-table]");
    Array.prototype.forEach.call(forms, function (form) {
      if (form.getAttribute("data-ready")) {
        return;
      }
      var marks = document.querySelectorAll('.jb-row[data-table="' + form.getAttribute("data-table") + '"]');
      var rows = [];
      Array.prototype.forEach.call(marks, function (mark) {
        var row = mark.closest("tr");
        if (row) {
          rows.push({ row: row, mark: mark });
        }
      });
      if (!rows.length) {
        return;
      }
      var selects = form.querySelectorAll("select[data-key]");
      var count = form.querySelector(".jb-filter-count");
      var template = form.getAttribute("data-count") || "{shown} / {total}";
      function apply() {
        var shown = 0;
        rows.forEach(function (r) {
          var match = Array.prototype.every.call(selects, function (select) {
            if (!select.value) {
              return true;
            }
            var values = (r.mark.getAttribute("data-" + select.getAttribute("data-key")) || "").split(" ");
            return values.indexOf(select.value) >= 0;
          });
          r.row.hidden = !match;
          shown += match ? 1 : 0;
        });
        if (count) {
          count.textContent = template.replace("{shown}", shown).replace("{total}", rows.length);
        }
      }
      form.addEventListener("change", apply);
      form.addEventListener("reset", function () {
        setTimeout(apply, 0);
      });
      form.addEventListener("submit", function (event) {
        event.preventDefault();
      });
      form.setAttribute("data-ready", "1");
      form.hidden = false;
      apply();
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();

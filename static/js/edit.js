// The editor's pages: entity pickers with autocomplete, and "Add another" rows in lists.
// Loaded as a file (the CSP allows no inline script); the forms work without it.
(function () {
  "use strict";

  function domId(path) { return "f-" + path.replace(/[^A-Za-z0-9_-]/g, "-"); }

  // --- pickers: <input data-lookup="skill" list="..."> filled from /edit/lookup -------------
  var timers = new WeakMap();

  function fill(input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) { return; }
    var url = "/edit/lookup?kind=" + encodeURIComponent(input.dataset.lookup) +
      "&q=" + encodeURIComponent(input.value);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (items) {
        list.replaceChildren();
        items.forEach(function (item) {
          var option = document.createElement("option");
          option.value = item.id;
          option.label = item.label;  // text, never markup
          list.appendChild(option);
        });
      })
      .catch(function () { /* the picker is a convenience: typing an id still works */ });
  }

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.dataset.lookup) { return; }
    clearTimeout(timers.get(input));
    timers.set(input, setTimeout(function () { fill(input); }, 150));
  });
  document.addEventListener("focusin", function (event) {
    var input = event.target;
    if (input instanceof HTMLInputElement && input.dataset.lookup) { fill(input); }
  });

  // --- lists: clone the blank last row as the next item -------------------------------------
  function renumber(node, oldPath, newPath) {
    var oldId = domId(oldPath), newId = domId(newPath);
    node.querySelectorAll("*").forEach(function (el) {
      ["name", "data-row"].forEach(function (attr) {
        var v = el.getAttribute(attr);
        if (v && v.indexOf(oldPath) === 0) { el.setAttribute(attr, newPath + v.slice(oldPath.length)); }
      });
      ["id", "for", "list", "aria-describedby"].forEach(function (attr) {
        var v = el.getAttribute(attr);
        if (v && v.indexOf(oldId) === 0) { el.setAttribute(attr, newId + v.slice(oldId.length)); }
      });
    });
  }

  function addRow(button) {
    var list = button.closest("fieldset[data-list]");
    var rows = list.querySelectorAll(":scope > .row");
    var last = rows[rows.length - 1];
    var oldPath = last.dataset.row;
    var n = parseInt(oldPath.slice(oldPath.lastIndexOf("[") + 1), 10);
    var newPath = list.dataset.list + "[" + (n + 1) + "]";
    var copy = last.cloneNode(true);
    copy.dataset.row = newPath;
    renumber(copy, oldPath, newPath);
    copy.querySelectorAll("input[type=text], textarea").forEach(function (el) { el.value = ""; });
    copy.querySelectorAll("select").forEach(function (el) { el.selectedIndex = 0; });
    copy.querySelectorAll("input[type=checkbox]").forEach(function (el) { el.checked = false; });
    copy.querySelectorAll(".field-error, .field-warning").forEach(function (el) { el.remove(); });
    last.classList.remove("blank");
    last.after(copy);
    var first = copy.querySelector("input, select, textarea");
    if (first) { first.focus(); }
  }

  document.querySelectorAll("button[data-add]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { addRow(button); });
  });
})();

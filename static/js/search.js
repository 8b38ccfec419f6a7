/* careergraph header search: suggestions from /api/suggest as you type (ARIA 1.2 combobox with
   a listbox popup). Without JavaScript the box is a plain form that submits to /search.
   Names are set with textContent, never parsed as HTML. */
(function () {
  "use strict";
  var DELAY_MS = 120;

  function setup(form) {
    var input = form.querySelector("input[data-suggest]");
    var list = form.querySelector("[role=listbox]");
    var status = form.querySelector("[role=status]");
    if (!input || !list) return;
    var endpoint = input.getAttribute("data-suggest");
    var items = [];
    var active = -1;
    var timer = null;
    var asked = 0;
    var state = (window.careergraphSearch = { loads: 0, open: false, query: null });

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");

    function show(open) {
      list.hidden = !open;
      input.setAttribute("aria-expanded", open ? "true" : "false");
      state.open = open;
    }

    function close() {
      show(false);
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      active = index;
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function go(index) {
      if (items[index]) window.location.assign(items[index].url);
    }

    function render(suggestions, q) {
      items = suggestions;
      state.query = q;
      list.textContent = "";
      suggestions.forEach(function (s, i) {
        var option = document.createElement("li");
        option.id = list.id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var name = document.createElement("span");
        name.className = "suggestion-name";
        name.textContent = s.name;
        option.appendChild(name);
        var kind = document.createElement("span");
        kind.className = "suggestion-kind";
        kind.textContent = s.also_known_as ? s.kind + " · " + s.also_known_as : s.kind;
        option.appendChild(kind);
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { go(i); });
        list.appendChild(option);
      });
      active = -1;
      var open = suggestions.length > 0;
      show(open);
      state.loads += 1;
      if (status) {
        status.textContent = open ? suggestions.length + " suggestion" + (suggestions.length === 1 ? "" : "s") +
          " available" : "No suggestions";
      }
    }

    function ask() {
      var q = input.value.trim();
      var ticket = ++asked;
      if (!q) { render([], q); return; }
      fetch(endpoint + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) { if (ticket === asked) render(data.suggestions || [], q); })
        .catch(function () { if (ticket === asked) render([], q); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && items.length > 0;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (open) {
          highlight((active + 1) % items.length);
        } else if (items.length) {
          show(true);
          highlight(0);
        } else {
          ask();
        }
      } else if (event.key === "ArrowUp") {
        if (!open) return;
        event.preventDefault();
        highlight(active <= 0 ? items.length - 1 : active - 1);
      } else if (event.key === "Enter") {
        if (open && active >= 0) { event.preventDefault(); go(active); }
      } else if (event.key === "Escape") {
        if (open) { event.preventDefault(); close(); } else if (input.value) { input.value = ""; }
      } else if (event.key === "Tab") {
        close();
      }
    });

    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  document.querySelectorAll("form.site-search").forEach(setup);
})();

/* careergraph pictures: draws the network JSON from /api/graph/... with the vendored vis-network.
   Labels are drawn on the canvas and tooltips are plain strings (vis-network sets them with
   innerText), so no name in the graph is ever parsed as HTML. */
(function () {
  "use strict";
  var pictures = (window.careergraphPictures = {});
  var STEP = 300;

  function query(form, limit) {
    var params = new URLSearchParams();
    if (form) {
      var groups = {};
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name) return;
        if (el.type === "checkbox") {
          groups[el.name] = groups[el.name] || [];
          if (el.checked) groups[el.name].push(el.value);
        } else if (el.value) {
          params.set(el.name, el.value);
        }
      });
      Object.keys(groups).forEach(function (name) {
        var values = groups[name];
        if (name === "hubs" && values.length === 0) return;
        params.set(name, values.length ? values.join(",") : "none");
      });
    }
    if (limit) params.set("limit", String(limit));
    return params.toString();
  }

  function setup(section) {
    var src = section.getAttribute("data-graph-src");
    var name = section.getAttribute("data-graph-name") || src;
    var canvas = section.querySelector(".graph-canvas");
    var status = section.querySelector(".graph-status");
    var form = section.querySelector("form.graph-controls");
    var nodes = new vis.DataSet();
    var edges = new vis.DataSet();
    var state = { nodes: nodes, edges: edges, network: null, data: null, stableMs: null, loads: 0 };
    var limit = null;
    var started = 0;
    pictures[name] = state;

    function settled() {
      if (state.stableMs === null) state.stableMs = performance.now() - started;
    }

    function draw(data) {
      state.data = data;
      started = performance.now();
      state.stableMs = null;
      nodes.clear();
      edges.clear();
      nodes.add(data.nodes);
      edges.add(data.edges);
      if (!state.network) {
        state.network = new vis.Network(canvas, { nodes: nodes, edges: edges }, data.options);
        state.network.on("click", function (params) {
          if (params.nodes.length) {
            var node = nodes.get(params.nodes[0]);
            if (node && node.url) window.location.assign(node.url);
          }
        });
        state.network.on("stabilized", settled);
        state.network.on("afterDrawing", function () {
          if (!data.options.physics.enabled) settled();
        });
      } else {
        state.network.setOptions(data.options);
        state.network.setData({ nodes: nodes, edges: edges });
      }
      if (!data.options.physics.enabled) state.network.fit();
      state.loads += 1;
      status.textContent = data.nodes.length + " entities, " + data.edges.length + " links drawn" +
        (data.left_out ? "; " + data.left_out + " more not drawn." : ".");
      if (data.left_out) {
        var more = document.createElement("button");
        more.type = "button";
        more.className = "show-more";
        more.textContent = "Show more";
        more.addEventListener("click", function () {
          limit = (limit || data.nodes.length) + STEP;
          load();
        });
        status.appendChild(document.createTextNode(" "));
        status.appendChild(more);
      }
    }

    var latest = 0;

    function load() {
      var ticket = ++latest;  // controls can change faster than answers arrive: draw only the last
      status.textContent = "Loading the picture…";
      fetch(src + "?" + query(form, limit), { headers: { Accept: "application/json" } })
        .then(function (r) {
          if (!r.ok) throw new Error("the picture could not be loaded (" + r.status + ")");
          return r.json();
        })
        .then(function (data) { if (ticket === latest) draw(data); })
        .catch(function (err) { status.textContent = String(err.message || err); });
    }

    if (form) form.addEventListener("change", function () { limit = null; load(); });
    section.querySelectorAll("[data-colour]").forEach(function (el) {
      el.style.backgroundColor = el.getAttribute("data-colour");
    });
    load();
    return state;
  }

  function explorerTools(section, state) {
    var list = document.getElementById("node-names");
    var byName = {};
    fetch("/api/graph/nodes").then(function (r) { return r.json(); }).then(function (index) {
      index.forEach(function (n) {
        var label = n.label + " (" + n.kind + ")";
        byName[label] = n.key;
        byName[n.label] = byName[n.label] || n.key;
        var option = document.createElement("option");
        option.value = label;
        list.appendChild(option);
      });
    });
    var find = section.querySelector("form.graph-search");
    find.addEventListener("submit", function (event) {
      event.preventDefault();
      var key = byName[find.elements.find.value];
      if (key && state.nodes.get(key)) {
        state.network.selectNodes([key]);
        state.network.focus(key, { scale: 1.3, animation: false });
      }
    });
    var pathForm = section.querySelector("form.graph-path");
    var result = section.querySelector(".graph-path-result");
    pathForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var from = byName[pathForm.elements.from.value], to = byName[pathForm.elements.to.value];
      if (!from || !to) { result.textContent = "Pick both ends from the list."; return; }
      fetch("/api/graph/path?from=" + encodeURIComponent(from) + "&to=" + encodeURIComponent(to))
        .then(function (r) { return r.json(); })
        .then(function (p) {
          if (!p.found) { result.textContent = "No path between them."; return; }
          result.textContent = "Shortest path: " + p.labels.join(" → ");
          highlight(state, p.path);
        });
    });
  }

  function highlight(state, path) {
    var onPath = {};
    path.forEach(function (k) { onPath[k] = true; });
    state.nodes.update(state.nodes.get().map(function (n) {
      return { id: n.id, opacity: onPath[n.id] ? 1 : 0.2, borderWidth: onPath[n.id] ? 4 : 1 };
    }));
    var pairs = {};
    for (var i = 0; i + 1 < path.length; i++) {
      pairs[path[i] + "\u0000" + path[i + 1]] = pairs[path[i + 1] + "\u0000" + path[i]] = true;
    }
    state.edges.update(state.edges.get().map(function (e) {
      var hit = pairs[e.from + "\u0000" + e.to];
      return { id: e.id, width: hit ? 5 : 1, hidden: false, color: hit ? { color: "#d4a000" } : e.color };
    }));
    state.pathNodes = path;
    var present = path.filter(function (k) { return state.nodes.get(k); });
    if (present.length) state.network.fit({ nodes: present, animation: false });
  }

  document.querySelectorAll("[data-graph-src]").forEach(function (section) {
    var state = setup(section);
    if (section.querySelector("form.graph-path")) explorerTools(section, state);
  });
})();

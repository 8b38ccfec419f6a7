/* The query editor: YASGUI against our /sparql, our prefixes declared, and a "Graph" result
   view that draws CONSTRUCT/DESCRIBE answers with vis-network. Data comes from data-
   attributes (the CSP allows no inline script); nothing is fetched from another origin. */
(function () {
  "use strict";
  var root = document.getElementById("yasgui");
  if (!root || !window.Yasgui) { return; }
  var prefixes = JSON.parse(root.dataset.prefixes || "{}");
  var LABELS = [
    "http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel",
    "https://schema.org/name"];
  var MAX_NODES = 400;

  function compact(iri) {
    var best = null;
    Object.keys(prefixes).forEach(function (p) {
      var ns = prefixes[p];
      if (iri.indexOf(ns) === 0 && (!best || ns.length > prefixes[best].length)) { best = p; }
    });
    return best ? best + ":" + iri.slice(prefixes[best].length) : iri;
  }

  /* A YASR plugin: the triples of a CONSTRUCT or DESCRIBE answer as a network picture.
     Labels are plain text drawn on a canvas; no HTML from the data reaches the page. */
  function GraphPlugin(yasr) {
    this.yasr = yasr;
    this.priority = 5;  /* below the table (10): the table stays the first view */
    this.label = "Graph";
  }
  GraphPlugin.prototype.canHandleResults = function () {
    var results = this.yasr.results;
    if (!results || !results.getVariables) { return false; }
    var vars = results.getVariables();
    return vars.length === 3 && vars[0] === "subject" && vars[1] === "predicate" && vars[2] === "object"
      && results.getBindings().length > 0;
  };
  GraphPlugin.prototype.getIcon = function () {
    var icon = document.createElement("span");
    icon.textContent = "◉";
    return icon;
  };
  GraphPlugin.prototype.draw = function () {
    var bindings = this.yasr.results.getBindings();
    var labels = {}, nodes = {}, edges = [], count = 0;
    bindings.forEach(function (b) {
      if (LABELS.indexOf(b.predicate.value) >= 0 && b.object.type !== "uri" && !labels[b.subject.value]) {
        labels[b.subject.value] = b.object.value;
      }
    });
    function node(term) {
      var id = (term.type === "literal" || term.type === "typed-literal") ? "literal:" + count + ":" + term.value
        : term.value;
      if (!nodes[id]) {
        var literal = id.indexOf("literal:") === 0;
        nodes[id] = {id: id, label: literal ? term.value : (labels[term.value] || compact(term.value)),
                     shape: literal ? "box" : "dot", size: 10,
                     color: literal ? {background: "#fff4e0", border: "#8a4b00"} : undefined};
        count += 1;
      }
      return id;
    }
    bindings.forEach(function (b) {
      if (count >= MAX_NODES || LABELS.indexOf(b.predicate.value) >= 0) { return; }
      edges.push({from: node(b.subject), to: node(b.object), label: compact(b.predicate.value), arrows: "to",
                  font: {size: 10, align: "middle"}});
    });
    var el = document.createElement("div");
    el.className = "query-graph";
    this.yasr.resultsEl.appendChild(el);
    var note = document.createElement("p");
    note.className = "query-graph-note";
    note.textContent = count >= MAX_NODES ? "Showing the first " + MAX_NODES + " nodes." :
      count + " nodes, " + edges.length + " links. Drag to move; scroll to zoom.";
    this.yasr.resultsEl.appendChild(note);
    var values = Object.keys(nodes).map(function (k) { return nodes[k]; });
    this.network = new vis.Network(el, {nodes: new vis.DataSet(values), edges: new vis.DataSet(edges)}, {
      physics: {stabilization: {iterations: 150}}, interaction: {hover: true},
      nodes: {font: {size: 12}}, edges: {color: "#8a94a6", smooth: false}});
  };
  GraphPlugin.prototype.destroy = function () {
    if (this.network) { this.network.destroy(); this.network = null; }
  };

  /* Stay offline: the class and property autocompleters query an external vocabulary
     service (see static/vendor/yasgui/README.txt); they must go before construction. */
  Yasgui.Yasqe.defaults.autocompleters = Yasgui.Yasqe.defaults.autocompleters.filter(function (n) {
    return n !== "property" && n !== "class";
  });
  if (window.vis) { Yasgui.Yasr.registerPlugin("Graph", GraphPlugin); }

  var endpoint = new URL(root.dataset.endpoint, window.location.href).href;
  var yasgui = new Yasgui(root, {
    requestConfig: {endpoint: endpoint, method: "POST"},
    endpointCatalogueOptions: {getData: function () { return []; }},
    persistenceId: null,  /* each visit starts from the page's query, not a stale tab */
    yasr: {prefixes: prefixes}
  });
  document.querySelectorAll(".query-form").forEach(function (form) { form.hidden = true; });
  var tab = yasgui.getTab();
  if (window.location.hash.indexOf("query=") < 0) {  /* YASGUI's own share links carry the query */
    tab.setQuery(root.dataset.query);
    if (root.dataset.run) { tab.query(); }
  }
}());

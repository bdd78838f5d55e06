// Interactive graph views (cytoscape, bundled locally). A container
// <div class="graph-view" data-graph="ID-OF-JSON-SCRIPT" data-filters="ID-OF-FORM" data-center="NODE-ID">
// is drawn from the JSON {nodes: [{id, label, kind, category, date, href}], edges: [{id, source, target, label}]}
// in <script type="application/json" id="ID-OF-JSON-SCRIPT">. The page lists the same facts as
// tables, so nothing here is the only way to reach them.
(function () {
  "use strict";

  var COLOURS = {
    Company: "#15324f", Model: "#0b7a75", Person: "#8a5a00", Product: "#5a2d82",
    Claim: "#a4262c", Response: "#0f6b3a", Dispute: "#7a4b00", Article: "#4d5560", Source: "#4d5560"
  };
  var graphs = {};
  var MAX_FIT_ZOOM = 1.8;

  function colour(kind) { return COLOURS[kind] || "#6b7280"; }

  function readJson(id) {
    var script = document.getElementById(id);
    return script ? JSON.parse(script.textContent) : { nodes: [], edges: [] };
  }

  function elements(data) {
    var nodes = data.nodes.map(function (node) {
      return { group: "nodes", data: Object.assign({}, node, { colour: colour(node.kind) }) };
    });
    var ids = {};
    data.nodes.forEach(function (node) { ids[node.id] = true; });
    var edges = data.edges.filter(function (edge) { return ids[edge.source] && ids[edge.target]; })
      .map(function (edge, index) {
        return { group: "edges", data: Object.assign({ id: "e" + index }, edge) };
      });
    return nodes.concat(edges);
  }

  var STYLE = [
    { selector: "node", style: {
      "background-color": "data(colour)", "label": "data(label)", "color": "#1b1f24", "font-size": 11,
      "text-wrap": "ellipsis", "text-max-width": 120, "text-valign": "bottom", "text-margin-y": 4,
      "width": 26, "height": 26, "border-width": 2, "border-color": "#ffffff" } },
    { selector: "node[kind = 'Claim']", style: { "shape": "round-diamond", "width": 20, "height": 20, "font-size": 9 } },
    { selector: "node[kind = 'Model']", style: { "shape": "round-rectangle" } },
    { selector: "node.center", style: { "width": 38, "height": 38, "border-color": "#ffbf47", "border-width": 4, "font-weight": "bold" } },
    { selector: "edge", style: {
      "width": 1.5, "line-color": "#8a949e", "target-arrow-color": "#8a949e", "target-arrow-shape": "triangle",
      "curve-style": "bezier", "label": "data(label)", "font-size": 8, "color": "#4d5560", "text-rotation": "autorotate",
      "text-background-color": "#ffffff", "text-background-opacity": 0.8 } },
    { selector: ".filtered", style: { "display": "none" } },
    { selector: "node:selected", style: { "border-color": "#ffbf47", "border-width": 4 } }
  ];

  function fit(cy) {
    cy.fit(cy.elements().not(".filtered"), 24);
    if (cy.zoom() > MAX_FIT_ZOOM) { cy.zoom(MAX_FIT_ZOOM); cy.center(); }
  }

  function applyFilters(cy, form, center) {
    if (!form) { return; }
    var wanted = {};
    form.querySelectorAll("input[name='category']").forEach(function (box) { wanted[box.value] = box.checked; });
    var since = form.querySelector("input[name='since']");
    var until = form.querySelector("input[name='until']");
    var from = since && since.value ? since.value : null;
    var to = until && until.value ? until.value : null;
    cy.batch(function () {
      cy.elements().removeClass("filtered");
      cy.nodes("[kind = 'Claim']").forEach(function (claim) {
        var category = claim.data("category");
        var date = claim.data("date");
        var hide = (category && wanted[category] === false) || (date && from && date < from) || (date && to && date > to);
        if (hide) { claim.addClass("filtered"); }
      });
      cy.nodes().forEach(function (node) {
        if (node.id() === center || node.data("kind") === "Claim") { return; }
        var visibleEdges = node.connectedEdges().filter(function (edge) {
          return !edge.source().hasClass("filtered") && !edge.target().hasClass("filtered");
        });
        if (node.connectedEdges().length && !visibleEdges.length) { node.addClass("filtered"); }
      });
    });
    var shown = cy.nodes().not(".filtered").length;
    var status = document.getElementById(form.getAttribute("data-status"));
    if (status) { status.textContent = shown + " of " + cy.nodes().length + " nodes shown"; }
    cy.container().setAttribute("data-visible-nodes", String(shown));
  }

  function draw(container) {
    if (typeof cytoscape !== "function") { return; }
    var data = readJson(container.getAttribute("data-graph"));
    var center = container.getAttribute("data-center");
    var cy = cytoscape({
      container: container,
      elements: elements(data),
      style: STYLE,
      layout: { name: data.nodes.length > 60 ? "grid" : "cose", animate: false, padding: 24, nodeRepulsion: 9000 },
      wheelSensitivity: 0.3,
      minZoom: 0.2,
      maxZoom: 3
    });
    if (center) { cy.getElementById(center).addClass("center"); }
    fit(cy);
    var pending = null;
    window.addEventListener("resize", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(function () { cy.resize(); fit(cy); }, 100);
    });
    cy.on("tap", "node", function (event) {
      var href = event.target.data("href");
      if (href) { window.location.assign(href); }
    });
    var form = container.getAttribute("data-filters") ? document.getElementById(container.getAttribute("data-filters")) : null;
    if (form) {
      form.hidden = false;
      form.addEventListener("change", function () { applyFilters(cy, form, center); });
      form.addEventListener("submit", function (event) { event.preventDefault(); applyFilters(cy, form, center); });
      applyFilters(cy, form, center);
    }
    container.setAttribute("data-rendered-nodes", String(cy.nodes().length));
    container.setAttribute("data-visible-nodes", String(cy.nodes().not(".filtered").length));
    graphs[container.id] = cy;
  }

  document.querySelectorAll(".graph-view[data-graph]").forEach(draw);
  window.ClaimGraph = Object.assign(window.ClaimGraph || {}, { graphs: graphs });
})();

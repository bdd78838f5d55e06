// Interactive graph views (cytoscape, bundled locally). A container
// <div class="graph-view" data-graph="ID-OF-JSON-SCRIPT" data-center="NODE-ID">
// is drawn from the JSON {nodes: [{id, label, kind, href}], edges: [{id, source, target, label}]}
// in <script type="application/json" id="ID-OF-JSON-SCRIPT">, or, with data-format="neighbourhood",
// from a neighbourhood as GET /graph/neighbourhood answers it. With data-filters="ID-OF-FORM" and
// data-source="API URL", the form's claim filters (category, since, until) are sent to the API and
// the answer replaces the graph: the server filters, so what only a left-out claim reaches goes too.
// The page lists the same facts as tables, so nothing here is the only way to reach them.
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

  function human(text) { return String(text || "").replace(/_/g, " "); }

  // A neighbourhood answer ({nodes: [{id, kind: "entity"|"claim", name, type, category, status}],
  // edges: [{source, target, type}]}) as the graph view draws it; entities link to their pages.
  function fromNeighbourhood(data, entityUrl) {
    return {
      nodes: data.nodes.map(function (node) {
        if (node.kind === "claim") {
          return { id: node.id, kind: "Claim", label: human(node.category || "claim") + (node.status ? " (" + human(node.status) + ")" : "") };
        }
        return { id: node.id, kind: node.type || "Entity", label: node.name || node.id, href: entityUrl + encodeURIComponent(node.id) };
      }),
      edges: data.edges.map(function (edge) {
        return { source: edge.source, target: edge.target, label: human(edge.type).toLowerCase() };
      })
    };
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
    { selector: "node:selected", style: { "border-color": "#ffbf47", "border-width": 4 } }
  ];

  function fit(cy) {
    cy.fit(cy.elements(), 24);
    if (cy.zoom() > MAX_FIT_ZOOM) { cy.zoom(MAX_FIT_ZOOM); cy.center(); }
  }

  function layout(count) {
    return { name: count > 60 ? "grid" : "cose", animate: false, padding: 24, nodeRepulsion: 9000 };
  }

  // The claim filters the form asks the API for: every category ticked is no filter; none ticked
  // follows only the relationships that reach no claim (the API cannot say "no category").
  function filterParams(container, form) {
    var params = new URLSearchParams();
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name='category']"));
    var ticked = boxes.filter(function (box) { return box.checked; });
    if (boxes.length && !ticked.length) {
      container.getAttribute("data-entity-relationships").split(" ").forEach(function (type) {
        params.append("relationship_types", type);
      });
    } else if (ticked.length < boxes.length) {
      ticked.forEach(function (box) { params.append("category", box.value); });
    }
    ["since", "until"].forEach(function (name) {
      var input = form.querySelector("input[name='" + name + "']");
      if (input && input.value) { params.set(name, input.value); }
    });
    return params;
  }

  function showStatus(form, text) {
    var status = document.getElementById(form.getAttribute("data-status"));
    if (status) { status.textContent = text; }
  }

  function serverFilters(cy, container, form) {
    var center = container.getAttribute("data-center");
    var entityUrl = container.getAttribute("data-entity-url");
    var unfiltered = cy.nodes().length;
    var latest = 0;

    function redraw(data, query) {
      cy.batch(function () {
        cy.elements().remove();
        cy.add(elements(fromNeighbourhood(data, entityUrl)));
      });
      if (center) { cy.getElementById(center).addClass("center"); }
      cy.layout(layout(cy.nodes().length)).run();
      fit(cy);
      container.setAttribute("data-rendered-nodes", String(cy.nodes().length));
      container.setAttribute("data-query", query);
      showStatus(form, cy.nodes().length + " of " + unfiltered + " nodes shown" + (query ? " (filtered)" : ""));
    }

    function reload() {
      var query = filterParams(container, form).toString();
      var url = new URL(container.getAttribute("data-source"), window.location.href);
      new URLSearchParams(query).forEach(function (value, name) { url.searchParams.append(name, value); });
      var number = ++latest;
      container.setAttribute("aria-busy", "true");
      showStatus(form, "Loading the filtered graph…");
      fetch(url.toString(), { headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.json().then(function (body) {
            if (!response.ok) { throw new Error(body.detail || response.statusText); }
            return body;
          });
        })
        .then(function (body) { if (number === latest) { redraw(body, query); } })
        .catch(function (error) {
          if (number === latest) { showStatus(form, "Could not load the filtered graph: " + error.message); }
        })
        .then(function () { if (number === latest) { container.removeAttribute("aria-busy"); } });
    }

    form.hidden = false;
    form.addEventListener("change", reload);
    form.addEventListener("submit", function (event) { event.preventDefault(); reload(); });
    container.setAttribute("data-query", filterParams(container, form).toString());
    showStatus(form, unfiltered + " nodes shown");
  }

  function draw(container) {
    if (typeof cytoscape !== "function") { return; }
    var data = readJson(container.getAttribute("data-graph"));
    if (container.getAttribute("data-format") === "neighbourhood") {
      data = fromNeighbourhood(data, container.getAttribute("data-entity-url"));
    }
    var center = container.getAttribute("data-center");
    var cy = cytoscape({
      container: container,
      elements: elements(data),
      style: STYLE,
      layout: layout(data.nodes.length),
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
    if (form && container.getAttribute("data-source")) { serverFilters(cy, container, form); }
    container.setAttribute("data-rendered-nodes", String(cy.nodes().length));
    graphs[container.id] = cy;
  }

  document.querySelectorAll(".graph-view[data-graph]").forEach(draw);
  window.ClaimGraph = Object.assign(window.ClaimGraph || {}, { graphs: graphs });
})();

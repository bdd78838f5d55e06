// The dispute timeline: an overview band (vis-timeline, bundled locally) above the server-rendered
// list of events. Selecting an item in the band (pointer, or Enter/Space on a focused item) scrolls
// to its event and opens its evidence; a button flips the list between oldest-first and newest-first.
//
// Keyboard: the band is a toolbar with one tab stop (roving tabindex). Its items are buttons named
// by their day, label and summary; the arrow keys move between them in time order, Home/End jump to
// the first/last, and the band's window follows the focused item.
(function () {
  "use strict";

  var DAY = 24 * 60 * 60 * 1000;
  var NEXT = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

  function openEvent(id) {
    var event = document.getElementById(id);
    if (!event) { return; }
    document.querySelectorAll(".event.highlight").forEach(function (item) { item.classList.remove("highlight"); });
    event.classList.add("highlight");
    var details = event.querySelector("details");
    if (details) { details.open = true; }
    event.scrollIntoView({ behavior: "smooth", block: "start" });
    var heading = event.querySelector("h3");
    if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus({ preventScroll: true }); }
  }

  // Keyboard access to the band's items. vis-timeline draws an item's element only while the item
  // is near the visible window, so the attributes are (re)applied after every redraw.
  function keyboardBand(container, timeline, events) {
    var ids = events.map(function (event) { return event.anchor; });
    var byId = {};
    events.forEach(function (event) { byId[event.anchor] = event; });
    var current = ids[0];

    function element(id) {
      return container.querySelector(".vis-item[data-id='" + window.CSS.escape(id) + "']");
    }

    function decorate() {
      var drawn = [];
      container.querySelectorAll(".vis-item[data-id]").forEach(function (item) {
        var id = item.getAttribute("data-id");
        if (!byId[id]) { return; }
        item.setAttribute("role", "button");
        item.setAttribute("aria-label", byId[id].name);
        item.tabIndex = -1;
        drawn.push(id);
      });
      if (drawn.indexOf(current) < 0 && drawn.length) {
        current = ids.filter(function (id) { return drawn.indexOf(id) >= 0; })[0];
      }
      if (drawn.length) {
        element(current).tabIndex = 0;
        container.removeAttribute("tabindex");
      } else {
        container.tabIndex = 0; // nothing drawn in this window: the band itself keeps the tab stop
      }
    }

    function focusItem(id) {
      current = id;
      var at = Date.parse(byId[id].date);
      var shown = timeline.getWindow();
      if (at < shown.start.valueOf() || at > shown.end.valueOf()) {
        timeline.moveTo(at, { animation: false });
        timeline.redraw();
      }
      decorate();
      var item = element(id);
      if (item) { item.focus({ preventScroll: true }); }
    }

    function select(id) {
      current = id;
      timeline.setSelection([id]);
      openEvent(id);
    }

    container.addEventListener("keydown", function (event) {
      var item = event.target.closest ? event.target.closest(".vis-item[data-id]") : null;
      if (!item) { return; }
      var index = ids.indexOf(item.getAttribute("data-id"));
      var target = null;
      if (NEXT[event.key]) {
        target = Math.min(Math.max(index + NEXT[event.key], 0), ids.length - 1);
      } else if (event.key === "Home") {
        target = 0;
      } else if (event.key === "End") {
        target = ids.length - 1;
      } else if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        select(ids[index]);
        return;
      } else {
        return;
      }
      event.preventDefault();
      focusItem(ids[target]);
    });
    container.addEventListener("focus", function (event) {
      if (event.target === container) { focusItem(current); }
    });
    timeline.on("changed", decorate);
    timeline.on("select", function (properties) {
      if (properties.items.length) { current = properties.items[0]; openEvent(current); }
    });
    decorate();
  }

  function overview() {
    var container = document.getElementById("timeline-overview");
    var script = document.getElementById("timeline-data");
    if (!container || !script || !window.vis || !window.vis.Timeline) { return; }
    var events = JSON.parse(script.textContent);
    if (!events.length) { return; }
    container.hidden = false;
    var keys = document.getElementById(container.getAttribute("aria-describedby"));
    if (keys) { keys.hidden = false; }
    var items = new window.vis.DataSet(events.map(function (event) {
      return { id: event.anchor, content: event.label, start: event.date, title: event.title, className: "kind-" + event.group };
    }));
    var times = events.map(function (event) { return Date.parse(event.date); });
    var first = Math.min.apply(null, times);
    var last = Math.max.apply(null, times);
    var pad = Math.max((last - first) * 0.15, DAY);
    var timeline = new window.vis.Timeline(container, items, {
      start: new Date(first - pad), end: new Date(last + pad),
      stack: true, zoomable: true, moveable: true, margin: { item: 6 }, orientation: "top",
      zoomMin: 2 * DAY, maxHeight: 260, showCurrentTime: false, dataAttributes: ["id"]
    });
    keyboardBand(container, timeline, events);
    container.setAttribute("data-items", String(events.length));
    window.ClaimGraph = Object.assign(window.ClaimGraph || {}, { timeline: timeline });
  }

  function orderToggle() {
    var button = document.getElementById("timeline-order");
    var list = document.getElementById("timeline");
    if (!button || !list) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var items = Array.prototype.slice.call(list.children).reverse();
      items.forEach(function (item) { list.appendChild(item); });
      var newestFirst = list.getAttribute("data-order") !== "newest-first";
      list.setAttribute("data-order", newestFirst ? "newest-first" : "oldest-first");
      button.textContent = newestFirst ? "Show oldest first" : "Show newest first";
      button.setAttribute("aria-pressed", newestFirst ? "true" : "false");
    });
  }

  overview();
  orderToggle();
})();

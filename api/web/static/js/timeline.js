// The dispute timeline: an overview band (vis-timeline, bundled locally) above the server-rendered
// list of events. Selecting an item in the band scrolls to its event and opens its evidence;
// a button flips the list between oldest-first and newest-first.
(function () {
  "use strict";

  var DAY = 24 * 60 * 60 * 1000;

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

  function overview() {
    var container = document.getElementById("timeline-overview");
    var script = document.getElementById("timeline-data");
    if (!container || !script || !window.vis || !window.vis.Timeline) { return; }
    var events = JSON.parse(script.textContent);
    if (!events.length) { container.hidden = true; return; }
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
      zoomMin: 2 * DAY, maxHeight: 260, showCurrentTime: false
    });
    timeline.on("select", function (properties) {
      if (properties.items.length) { openEvent(properties.items[0]); }
    });
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

// The "follow" box: creates a subscription through the API (POST /subscriptions with the API key
// the user types; the key is sent only to this server and never stored) and shows its Atom feed URL.
(function () {
  "use strict";

  var form = document.getElementById("follow-form");
  if (!form) { return; }
  var result = document.getElementById("follow-result");
  form.hidden = false;
  var fallback = document.getElementById("follow-nojs");
  if (fallback) { fallback.hidden = true; }

  function show(kind, html) {
    result.className = "notice " + kind;
    result.innerHTML = html;
    result.hidden = false;
    result.focus();
  }

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var key = form.elements["api_key"].value.trim();
    if (!key) { show("error", "Type your API key first."); return; }
    var body = JSON.parse(form.getAttribute("data-subscription"));
    var name = form.elements["label"].value.trim();
    if (name) { body.label = name; }
    fetch(form.getAttribute("action"), {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-API-Key": key, "Accept": "application/json" },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          show("error", "Could not follow: " + escapeHtml(data.detail || response.statusText || String(response.status)));
          return;
        }
        var feed = new URL(data.feed_url, window.location.href).href;
        show("ok", "Following. Your Atom feed (keep the address private, it is your token):" +
          " <a class=\"feed-url\" id=\"feed-url\" href=\"" + escapeHtml(feed) + "\">" + escapeHtml(feed) + "</a>");
      });
    }).catch(function (error) {
      show("error", "Could not reach the server: " + escapeHtml(String(error)));
    });
  });
})();

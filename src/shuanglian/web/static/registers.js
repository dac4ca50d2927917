// Register rows: hide / reject (a stored judgement) and restore; the entity page's region correction.
// Messages come from data-* attributes rendered through the i18n files; text is set with textContent.
(function () {
  "use strict";
  function status(msg) {
    var el = document.getElementById("register-status") || document.getElementById("region-status");
    if (el) el.textContent = msg;
  }
  function failure(r) {
    return r.json().then(function (b) { throw new Error((b && (b.message || b.detail)) || r.statusText); },
      function () { throw new Error(r.statusText); });
  }
  var table = document.getElementById("register-table");
  if (table) {
    table.addEventListener("click", function (ev) {
      var btn = ev.target.closest("button.row-hide, button.row-restore");
      if (!btn) return;
      var url = "/api/registers/" + encodeURIComponent(btn.dataset.register) + "/rows/" +
        encodeURIComponent(btn.dataset.id) + "/hide";
      var restore = btn.classList.contains("row-restore");
      var reason = (document.getElementById("hide-reason") || {}).value || "";
      btn.disabled = true;
      var req = restore ? window.slFetch(url, { method: "DELETE" })
        : window.slFetch(url, { method: "POST", body: JSON.stringify({ action: btn.dataset.action, reason: reason }) });
      req.then(function (r) {
        if (!r.ok) return failure(r);
        var row = btn.closest("tr");
        if (row) row.remove();
        status(table.dataset[restore ? "restored" : "hidden"] || "");
      }).catch(function (e) { btn.disabled = false; status(e.message); });
    });
  }
  var form = document.getElementById("region-form");
  if (form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var body = { region: form.elements.region.value.trim(), reason: form.elements.reason.value.trim() };
      window.slFetch("/api/entities/" + encodeURIComponent(form.dataset.id) + "/region",
        { method: "POST", body: JSON.stringify(body) })
        .then(function (r) { return r.ok ? r.json() : failure(r); })
        .then(function (out) {
          var cur = document.getElementById("entity-region");
          if (cur) cur.textContent = out.region || "";
          status(form.dataset.saved || "");
          window.setTimeout(function () { window.location.reload(); }, 300);
        })
        .catch(function (e) { status(e.message); });
    });
  }
})();

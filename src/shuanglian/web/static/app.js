// Shuanglian web app behaviour. Data comes from <script type="application/json"> blocks rendered by the
// server (never executed, never inserted as HTML); every label is set with textContent or by the libraries.
(function () {
  "use strict";
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";

  // JSON writes from scripts carry the session's CSRF token.
  window.slFetch = function (url, opts) {
    opts = opts || {};
    opts.headers = Object.assign({ "X-CSRF-Token": csrf, "Content-Type": "application/json" }, opts.headers || {});
    opts.credentials = "same-origin";
    return fetch(url, opts);
  };

  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  window.slData = data;

  // Charts: <div class="chart" data-chart="bar|hbar|treemap|pie" data-json="ID"> with [{name, value}, ...].
  function drawCharts() {
    if (!window.echarts) return;
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var rows = data(el.dataset.json) || [];
      var kind = el.dataset.chart;
      var chart = echarts.init(el);
      var names = rows.map(function (r) { return r.name; });
      var values = rows.map(function (r) { return r.value; });
      var opt;
      if (kind === "treemap") {
        opt = { tooltip: {}, series: [{ type: "treemap", roam: false, nodeClick: false, breadcrumb: { show: false }, data: rows }] };
      } else if (kind === "pie") {
        opt = { tooltip: {}, series: [{ type: "pie", radius: ["35%", "70%"], data: rows }] };
      } else if (kind === "hbar") {
        opt = { tooltip: {}, grid: { left: 10, right: 20, top: 10, bottom: 20, containLabel: true }, xAxis: { type: "value" },
          yAxis: { type: "category", data: names, inverse: true, axisLabel: { width: 150, overflow: "truncate" } }, series: [{ type: "bar", data: values, itemStyle: { color: "#2461a8" } }] };
      } else {
        opt = { tooltip: {}, grid: { left: 10, right: 10, top: 10, bottom: 10, containLabel: true },
          xAxis: { type: "category", data: names, axisLabel: { rotate: 30, interval: 0, width: 110, overflow: "truncate" } },
          yAxis: { type: "value" }, series: [{ type: "bar", data: values, itemStyle: { color: "#b3261e" } }] };
      }
      chart.setOption(opt);
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  // Entity neighbourhood: #graph with data-json -> {nodes: [{id, label, kind, center}], edges: [{source, target, label}]}.
  function drawGraph() {
    var el = document.getElementById("graph");
    if (!el || !window.cytoscape) return;
    var g = data(el.dataset.json) || { nodes: [], edges: [] };
    var colours = { person: "#d35400", place: "#2e7d32", enterprise: "#2461a8", government: "#b3261e", university: "#6a3fb5",
      research_institute: "#6a3fb5", lab: "#6a3fb5", platform: "#00838f", industry: "#8d6e00", document: "#9aa3ad" };
    var elements = g.nodes.map(function (n) {
      return { data: { id: n.id, label: n.label, colour: n.group ? "#c9ced6" : (colours[n.kind] || "#5f6b7a"), size: n.center ? 46 : (n.group ? 36 : 28), href: n.href || "" } };
    }).concat(g.edges.map(function (e, i) {
      return { data: { id: "e" + i, source: e.source, target: e.target, label: e.label || "" } };
    }));
    var cy = cytoscape({
      container: el, elements: elements, wheelSensitivity: 0.2,
      layout: { name: g.nodes.length > 1 ? "cose" : "grid", animate: false, padding: 20 },
      style: [
        { selector: "node", style: { "background-color": "data(colour)", label: "data(label)", width: "data(size)", height: "data(size)",
          "font-size": 11, "text-valign": "bottom", "text-margin-y": 4, "text-wrap": "ellipsis", "text-max-width": 140 } },
        { selector: "edge", style: { width: 1.5, "line-color": "#c3c9d1", "target-arrow-color": "#c3c9d1", "target-arrow-shape": "triangle",
          "curve-style": "bezier", label: "data(label)", "font-size": 9, color: "#6b7380" } }
      ]
    });
    cy.on("tap", "node", function (evt) { var h = evt.target.data("href"); if (h) window.location.href = h; });
    window.slGraph = cy;
  }

  // Chain map: #chain-graph with data-json -> {links: [{id, name, stage, members: n, gap: bool}], edges: [{source, target}]}.
  function drawChain() {
    var el = document.getElementById("chain-graph");
    if (!el || !window.cytoscape) return;
    var g = data(el.dataset.json) || { links: [], edges: [] };
    var stageX = { upstream: 0, midstream: 1, downstream: 2 };
    var perStage = {};
    var elements = g.links.map(function (l) {
      var col = stageX[l.stage] !== undefined ? stageX[l.stage] : 1;
      perStage[col] = (perStage[col] || 0) + 1;
      return { data: { id: l.id, label: l.name + " (" + l.members + ")", gap: l.gap ? 1 : 0, noev: l.noev ? 1 : 0 },
        position: { x: 120 + col * 300, y: perStage[col] * 70 } };
    }).concat(g.edges.map(function (e, i) { return { data: { id: "c" + i, source: e.source, target: e.target } }; }));
    var cy = cytoscape({
      container: el, elements: elements, layout: { name: "preset", padding: 30 }, wheelSensitivity: 0.2,
      style: [
        { selector: "node", style: { shape: "round-rectangle", width: 200, height: 40, "background-color": "#e9f1fb", "border-width": 1,
          "border-color": "#2461a8", label: "data(label)", "text-valign": "center", "font-size": 12, "text-wrap": "ellipsis", "text-max-width": 190 } },
        { selector: "node[gap = 1]", style: { "background-color": "#fff7f6", "border-color": "#b3261e", "border-style": "dashed", "border-width": 2 } },
        { selector: "node[noev = 1]", style: { "background-color": "#f4f4f4", "border-color": "#9aa3ad", "border-style": "dashed", "border-width": 2, color: "#666" } },
        { selector: "edge", style: { width: 1.5, "line-color": "#9aa3ad", "target-arrow-shape": "triangle", "target-arrow-color": "#9aa3ad", "curve-style": "bezier" } },
        { selector: ":selected", style: { "border-width": 3, "border-color": "#d35400" } }
      ]
    });
    cy.on("tap", "node", function (evt) {
      var box = document.getElementById("link-" + evt.target.id());
      document.querySelectorAll(".link-box.flash-target").forEach(function (b) { b.classList.remove("flash-target"); });
      if (box) { box.scrollIntoView({ behavior: "smooth", block: "center" }); box.classList.add("flash-target"); }
    });
    window.slChain = cy;
  }


  // Entity pickers: <input data-suggest list="entity-names"> fills the datalist from /api/entities by name.
  function entitySuggest() {
    var timer = null;
    document.querySelectorAll("input[data-suggest]").forEach(function (inp) {
      inp.addEventListener("input", function () {
        var q = inp.value.trim();
        var list = document.getElementById(inp.getAttribute("list"));
        if (!list || q.length < 1) return;
        clearTimeout(timer);
        timer = setTimeout(function () {
          fetch("/api/entities?limit=10&sort=statements&name=" + encodeURIComponent(q), { credentials: "same-origin" })
            .then(function (r) { return r.ok ? r.json() : { items: [] }; })
            .then(function (d) {
              while (list.firstChild) list.removeChild(list.firstChild);
              (d.items || []).forEach(function (e) {
                var o = document.createElement("option");
                o.value = e.name;
                o.textContent = e.name + (e.region ? " · " + e.region : "");
                list.appendChild(o);
              });
            });
        }, 200);
      });
    });
  }

  // Review queue keys: j/k move between groups, Enter opens, a/r accept/reject the group, u undoes.
  function reviewKeys() {
    var rows = Array.prototype.slice.call(document.querySelectorAll("tr.review-group"));
    if (!rows.length && !document.getElementById("undo-form")) return;
    var i = Math.max(0, rows.findIndex(function (r) { return r.classList.contains("open"); }));
    function focus(k) { if (!rows.length) return; i = Math.max(0, Math.min(rows.length - 1, k)); rows[i].focus(); rows[i].classList.add("focused");
      rows.forEach(function (r, j) { if (j !== i) r.classList.remove("focused"); }); }
    focus(i);
    document.addEventListener("keydown", function (e) {
      var tag = (e.target.tagName || "").toLowerCase();
      if (tag === "input" || tag === "textarea" || tag === "select" || e.ctrlKey || e.metaKey || e.altKey) return;
      var row = rows[i];
      if (e.key === "j") { focus(i + 1); e.preventDefault(); }
      else if (e.key === "k") { focus(i - 1); e.preventDefault(); }
      else if (e.key === "Enter" && row) { var a = row.querySelector("a"); if (a) a.click(); }
      else if (e.key === "a" && row) { var fa = row.querySelector("form.bulk-accept"); if (fa) fa.submit(); }
      else if (e.key === "r" && row) { var fr = row.querySelector("form.bulk-reject"); if (fr) fr.submit(); }
      else if (e.key === "u") { var fu = document.getElementById("undo-form"); if (fu) fu.submit(); }
    });
  }

  // Confirm destructive form submits (reject, split) with the data-confirm text.
  document.addEventListener("submit", function (e) {
    var msg = e.target.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) e.preventDefault();
  });

  document.addEventListener("DOMContentLoaded", function () { drawCharts(); drawGraph(); drawChain(); entitySuggest(); reviewKeys(); });
})();

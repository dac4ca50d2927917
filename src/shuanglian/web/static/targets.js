// Promises vs outcomes (targets page): #promises-chart with data-json -> {chart: {years, series: [{measure, unit,
// targets, outcomes}]}, labels: {target, outcome}}. One pair of bars per measure, a legend to switch measures.
(function () {
  function draw() {
    var el = document.getElementById("promises-chart");
    if (!el || !window.echarts) return;
    var src = document.getElementById(el.getAttribute("data-json"));
    if (!src) return;
    var d = JSON.parse(src.textContent);
    var chart = echarts.init(el);
    var series = [];
    var legend = [];
    d.chart.series.forEach(function (s, i) {
      var a = s.measure + " · " + d.labels.target + " (" + s.unit + ")";
      var b = s.measure + " · " + d.labels.outcome + " (" + s.unit + ")";
      legend.push(a, b);
      series.push({ name: a, type: "bar", data: s.targets });
      series.push({ name: b, type: "bar", data: s.outcomes });
    });
    var selected = {};
    legend.forEach(function (n, i) { selected[n] = i < 2; });
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", data: legend, selected: selected },
      grid: { left: 60, right: 20, top: 50, bottom: 30 },
      xAxis: { type: "category", data: d.chart.years },
      yAxis: { type: "value" },
      series: series
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  document.addEventListener("DOMContentLoaded", draw);
})();

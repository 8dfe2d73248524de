/* 市场监测: draw each chart with the vendored ECharts from the table data the page embeds (json_script
   "dashboard-charts": {name: {type, title, categories, series: [{name, kind, data}], stack, horizontal, tones}}).
   The tables under the charts carry the same figures, so without this script (or ECharts) nothing is lost.
   Colours are site.css's design tokens, read from :root. */
(function () {
  "use strict";
  var source = document.getElementById("dashboard-charts");
  if (!source || typeof window.echarts === "undefined") return;
  var specs = JSON.parse(source.textContent);
  var root = getComputedStyle(document.documentElement);

  function token(name) {
    return root.getPropertyValue(name).trim();
  }

  var PALETTE = ["--accent", "--ok-strong", "--warn-strong", "--danger-strong", "--money", "--accent-deeper", "--muted"];
  var text = token("--text");
  var muted = token("--muted");
  var line = token("--line");
  var font = token("--font");

  function unit(kind) {
    return kind === "rate" ? "%" : "";
  }

  function format(value, kind) {
    if (value === null || value === undefined) return "—";
    if (kind === "rate") return value.toFixed(1) + "%";
    if (kind === "money") return "¥" + value.toLocaleString(undefined, { maximumFractionDigits: 2 });
    return value.toLocaleString(undefined, { maximumFractionDigits: 2 });
  }

  function option(spec) {
    var colors = (spec.tones.length ? spec.tones : PALETTE).map(token);
    var base = {
      color: colors,
      textStyle: { fontFamily: font, color: text },
      animation: false,
      tooltip: { trigger: spec.type === "pie" ? "item" : "axis", confine: true },
      legend: { top: 0, textStyle: { color: muted } }
    };
    if (spec.type === "pie") {
      var series = spec.series[0];
      base.tooltip.valueFormatter = function (v) { return format(v, series.kind); };
      base.series = [{
        name: series.name,
        type: "pie",
        radius: ["35%", "65%"],
        top: 24,
        label: { color: text },
        data: spec.categories.map(function (label, i) { return { name: label, value: series.data[i] }; })
      }];
      return base;
    }
    var kind = spec.series.length ? spec.series[0].kind : "";
    var category = { type: "category", data: spec.categories, axisLine: { lineStyle: { color: line } },
                     axisLabel: { color: muted, hideOverlap: true } };
    var value = { type: "value", splitLine: { lineStyle: { color: line } },
                  axisLabel: { color: muted, formatter: "{value}" + unit(kind) } };
    if (spec.horizontal) {
      category.inverse = true;  // the first row (the top of the ranking) at the top
      category.axisLabel.width = 160;
      category.axisLabel.overflow = "truncate";
    }
    base.grid = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };
    base.xAxis = spec.horizontal ? value : category;
    base.yAxis = spec.horizontal ? category : value;
    base.tooltip.valueFormatter = function (v) { return format(v, kind); };
    base.series = spec.series.map(function (s) {
      return {
        name: s.name,
        type: spec.type,
        stack: spec.stack ? "total" : undefined,
        data: s.data,
        smooth: false,
        showSymbol: spec.type === "line" && spec.categories.length <= 24,
        barMaxWidth: 32
      };
    });
    return base;
  }

  var charts = [];
  Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), function (box) {
    var spec = specs[box.getAttribute("data-chart")];
    if (!spec) return;
    var chart = window.echarts.init(box, null, { renderer: "svg" });
    chart.setOption(option(spec));
    box.setAttribute("data-drawn", "1");
    charts.push(chart);
  });
  window.addEventListener("resize", function () {
    charts.forEach(function (chart) { chart.resize(); });
  });
})();

/* Interactive chart (plotly.js, inlined): hover, zoom, legend toggle; the same numbers in a table below. */
(function () {
  var c = DATA.widget.chart, colors = DATA.colors, kind = c.kind;
  var traces = c.series.map(function (s, i) {
    var color = colors[i % colors.length];
    if (kind === "pie" || kind === "doughnut") {
      return { type: "pie", labels: c.categories, values: s.values, name: s.name, hole: kind === "doughnut" ? 0.55 : 0,
               marker: { colors: colors }, sort: false, textinfo: "percent", hovertemplate: "%{label}: %{value}<extra></extra>" };
    }
    if (kind === "line" || kind === "scatter") {
      return { type: "scatter", mode: kind === "line" ? "lines+markers" : "markers", x: kind === "scatter" ? c.categories.map(Number) : c.categories,
               y: s.values, name: s.name, line: { color: color, width: 3 }, marker: { color: color, size: 8 } };
    }
    var horizontal = kind === "bar";
    return { type: "bar", orientation: horizontal ? "h" : "v", x: horizontal ? s.values : c.categories,
             y: horizontal ? c.categories : s.values, name: s.name, marker: { color: color } };
  });
  var css = getComputedStyle(document.documentElement);
  var fg = css.getPropertyValue("--text").trim(), grid = css.getPropertyValue("--line").trim();
  var layout = {
    paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)", font: { color: fg, family: getComputedStyle(document.body).fontFamily },
    margin: { l: 60, r: 20, t: 10, b: 50 }, showlegend: c.series.length > 1 || kind === "pie" || kind === "doughnut",
    legend: { orientation: "h", y: -0.2 }, barmode: "group",
    xaxis: { title: { text: c.x_label || "" }, gridcolor: grid, automargin: true, type: kind === "scatter" ? "linear" : "category" },
    yaxis: { title: { text: c.y_label || "" }, gridcolor: grid, automargin: true, ticksuffix: c.unit === "%" ? "%" : "", type: kind === "bar" ? "category" : "linear" }
  };
  var plot = h("div", { "class": "chart", role: "img", "aria-label": DATA.summary });
  var table = h("table", {}, [
    h("thead", {}, [h("tr", {}, [h("th", { text: c.x_label || "" })].concat(c.series.map(function (s) { return h("th", { "class": "num", text: s.name }); })))]),
    h("tbody", {}, c.categories.map(function (cat, i) {
      return h("tr", {}, [h("td", { text: cat })].concat(c.series.map(function (s) { return h("td", { "class": "num", text: formatNumber(s.values[i]) }); })));
    }))
  ]);
  mount(h("div", {}, [plot, h("details", {}, [h("summary", { text: DATA.labels.data }), h("div", { "class": "table-wrap" }, [table])])]));
  Plotly.newPlot(plot, traces, layout, { responsive: true, displaylogo: false, modeBarButtonsToRemove: ["toImage", "sendDataToCloud"] });
})();

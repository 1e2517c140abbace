/* Interactive chart (plotly.js, inlined): hover for values, drag to zoom, double-click to reset, click a legend
   entry to hide or show its series. The same numbers are in a table under the chart, for keyboards and screen
   readers, and the chart itself is described in one sentence. */
(function () {
  var c = DATA.widget.chart, colors = DATA.colors, kind = c.kind;
  var css = getComputedStyle(document.documentElement);
  function v(name) { return css.getPropertyValue(name).trim(); }
  var unit = c.unit || "";
  var suffix = unit === "%" ? "%" : unit ? " " + unit : "";
  var valueFormat = c.series.every(function (s) { return s.values.every(Number.isInteger); }) ? ",.0f" : ",.4~f";
  var pie = kind === "pie" || kind === "doughnut";
  var horizontal = kind === "bar";

  var traces = c.series.map(function (s, i) {
    var color = colors[i % colors.length];
    if (pie) {
      return {
        type: "pie", labels: c.categories, values: s.values, name: s.name, hole: kind === "doughnut" ? 0.55 : 0,
        marker: { colors: c.categories.map(function (_, k) { return colors[k % colors.length]; }), line: { color: v("--bg"), width: 2 } },
        sort: false, direction: "clockwise", textinfo: "percent", textposition: "inside",
        hovertemplate: "%{label}: %{value:" + valueFormat + "}" + suffix + " (%{percent})<extra></extra>"
      };
    }
    var hover = (horizontal ? "%{y}: %{x:" : "%{x}: %{y:") + valueFormat + "}" + suffix + "<extra>%{fullData.name}</extra>";
    if (kind === "line" || kind === "scatter") {
      return {
        type: "scatter", mode: kind === "line" ? "lines+markers" : "markers", name: s.name,
        x: kind === "scatter" ? c.categories.map(Number) : c.categories, y: s.values,
        line: { color: color, width: 3 }, marker: { color: color, size: kind === "line" ? 7 : 10 }, hovertemplate: hover
      };
    }
    return {
      type: "bar", orientation: horizontal ? "h" : "v", name: s.name, marker: { color: color },
      x: horizontal ? s.values : c.categories, y: horizontal ? c.categories : s.values, hovertemplate: hover
    };
  });

  function axisTitle(label, withUnit) {
    var text = label || "";
    if (withUnit && unit && unit !== "%") text = text ? text + " (" + unit + ")" : unit;
    return { text: text, standoff: 12 };
  }
  var categoryAxis = { title: axisTitle(c.x_label, false), type: kind === "scatter" ? "linear" : "category",
                       showgrid: kind === "scatter", gridcolor: v("--line"), linecolor: v("--line"), automargin: true, zeroline: false };
  var valueAxis = { title: axisTitle(c.y_label, true), gridcolor: v("--line"), linecolor: v("--line"), automargin: true,
                    zerolinecolor: v("--muted"), ticksuffix: unit === "%" ? "%" : "", tickformat: ",~r", rangemode: "tozero" };
  if (kind === "line" || kind === "scatter") valueAxis.rangemode = "normal";
  if (horizontal) categoryAxis.autorange = "reversed";  // the first category on top, as it is read

  var layout = {
    paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)",
    font: { color: v("--text"), family: getComputedStyle(document.body).fontFamily, size: 13 },
    margin: { l: 10, r: 16, t: 10, b: 10 }, barmode: "group", bargap: 0.25,
    showlegend: c.series.length > 1 || pie,
    legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom" },  // above the plot: never on the axis title
    hoverlabel: { bgcolor: v("--surface"), bordercolor: v("--line"), font: { color: v("--text") } },
    xaxis: horizontal ? valueAxis : categoryAxis,
    yaxis: horizontal ? categoryAxis : valueAxis
  };

  var plot = h("div", { "class": "chart", role: "img", "aria-label": DATA.summary });
  var head = [h("th", { scope: "col", text: c.x_label || "" })].concat(c.series.map(function (s) {
    return h("th", { scope: "col", "class": "num", text: s.name + (suffix ? " (" + unit + ")" : "") });
  }));
  var decimals = c.series.map(function (s) {
    return s.values.reduce(function (d, x) { var f = String(x).split(".")[1]; return Math.max(d, f ? Math.min(f.length, 4) : 0); }, 0);
  });
  var rows = c.categories.map(function (cat, i) {
    return h("tr", {}, [h("th", { scope: "row", text: cat })].concat(c.series.map(function (s, k) {
      return h("td", { "class": "num", text: formatNumber(s.values[i], decimals[k]) });
    })));
  });
  var table = h("table", {}, [h("caption", { text: t("data_caption") }), h("thead", {}, [h("tr", {}, head)]), h("tbody", {}, rows)]);
  var details = h("details", {}, [h("summary", { text: t("data") }), h("div", { "class": "table-wrap" }, [table])]);
  details.addEventListener("toggle", reportHeight);
  mount(h("div", {}, [plot, details]));

  Plotly.newPlot(plot, traces, layout, {
    responsive: true, displaylogo: false, displayModeBar: "hover",
    modeBarButtonsToRemove: ["toImage", "sendDataToCloud", "select2d", "lasso2d", "autoScale2d"]
  }).then(ready, ready);
})();

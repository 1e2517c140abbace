/* A chart of the plan's series (chartkit.js draws it): headline numbers above it, a legend that shows or hides
   each series, a switch between lines, columns and stacked columns when there are several series, a tooltip for
   the pointer and the arrow keys. Series in different units get one chart each. The same numbers are in a table
   under the chart, for keyboards and screen readers, and the chart is described in one sentence. */
(function () {
  var c = DATA.widget.chart;
  var panels = DATA.panels.map(function (p) {
    return { kind: p.kind, categories: p.categories, sequence: p.sequence, unit: p.unit, valueTitle: p.value_title, categoryTitle: p.category_title,
             decimals: p.decimals, summary: p.summary, colors: p.colors, stacked: false,
             panelTitle: DATA.panels.length > 1 ? p.value_title : null,
             series: p.series.map(function (x) { return { name: x.name, values: x.values, hidden: false }; }) };
  });
  var switchable = (c.kind === "line" || c.kind === "column" || c.kind === "bar") && c.series.length > 1;
  var base = c.kind;
  function setView(view) {
    panels.forEach(function (p) {
      p.stacked = view === "stacked";
      p.kind = view === "stacked" ? (base === "bar" ? "bar" : "column") : view;
      p.el.redraw();
    });
  }
  var controls = switchable ? h("div", { "class": "row controls" }, [segmented(t("view"), views(base), base === "column" ? "column" : base, setView)]) : null;
  var blocks = panels.map(function (p, i) { p.el = chartPanel(p, i === 0 ? controls : null); return p.el; });

  var head = [h("th", { scope: "col", text: c.x_label || "" })].concat(c.series.map(function (x) {
    var unit = x.unit || c.unit;
    return h("th", { scope: "col", "class": "num", text: x.name + (unit && x.name.indexOf(unit) < 0 ? " (" + unit + ")" : "") });
  }));
  var rows = c.categories.map(function (cat, i) {
    return h("tr", {}, [h("th", { scope: "row", text: cat })].concat(c.series.map(function (x) {
      return h("td", { "class": "num", text: formatNumber(x.values[i], decimalsOf(x.values)) });
    })));
  });
  var table = h("table", {}, [h("caption", { text: t("data_caption") }), h("thead", {}, [h("tr", {}, head)]), h("tbody", {}, rows)]);
  var details = h("details", {}, [h("summary", { text: t("data") }), h("div", { "class": "table-wrap" }, [table])]);
  details.addEventListener("toggle", reportHeight);
  mount(h("div", {}, blocks.concat([details])));
  panels.forEach(function (p) { p.el.redraw(); });
  onResize(function () { panels.forEach(function (p) { p.el.redraw(); }); });
  ready();
})();

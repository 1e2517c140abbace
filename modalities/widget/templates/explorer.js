/* A chart that explores a table: pick the measure (every numeric column is kept), which column makes the series
   (the long format's category, the other way round, or none for totals), and lines, columns or stacked columns.
   Headline numbers, the legend (a series picker), the tooltip and the table follow the current view. */
(function () {
  var w = DATA.widget, cols = w.table.columns, rows = w.table.rows, ex = DATA.explorer;
  var xi = cols.indexOf(w.x), gi = w.group ? cols.indexOf(w.group) : -1;
  var state = { measure: w.measures[0], by: gi >= 0 ? "group" : "none", view: w.stacked ? "stacked" : w.chart };

  function distinct(index, sortable) {
    var seen = [], set = {};
    rows.forEach(function (r) { var k = String(r[index]); if (!set[k]) { set[k] = true; seen.push(k); } });
    if (sortable) seen.sort(function (a, b) { var na = Number(a), nb = Number(b); return isFinite(na) && isFinite(nb) ? na - nb : a < b ? -1 : a > b ? 1 : 0; });
    return seen;
  }
  function pivot() {
    var mi = cols.indexOf(state.measure), unit = ex.units[state.measure] || null, mean = unit === "%";
    var catIndex = state.by === "swap" ? gi : xi, serIndex = state.by === "group" ? gi : state.by === "swap" ? xi : -1;
    var categories = distinct(catIndex, catIndex === xi && ex.x_sorted), names = serIndex >= 0 ? distinct(serIndex, serIndex === xi && ex.x_sorted) : [state.measure];
    var sums = {}, counts = {};
    rows.forEach(function (r) {
      var val = r[mi]; if (typeof val !== "number") return;
      var key = r[catIndex] + "\u0000" + (serIndex >= 0 ? r[serIndex] : state.measure);
      sums[key] = (sums[key] || 0) + val; counts[key] = (counts[key] || 0) + 1;
    });
    var series = names.map(function (name, k) {
      return { name: name, hidden: k >= 8, values: categories.map(function (cat) {
        var key = cat + "\u0000" + name; return key in sums ? (mean ? sums[key] / counts[key] : sums[key]) : null;
      }) };
    });
    var all = [].concat.apply([], series.map(function (x) { return x.values.filter(function (v) { return v !== null; }); }));
    var kind = state.view === "stacked" ? (w.chart === "bar" ? "bar" : "column") : state.view;
    var title = state.measure + (unit && state.measure.toLowerCase().indexOf(unit.toLowerCase()) < 0 ? " (" + unit + ")" : "");
    return { kind: kind, stacked: state.view === "stacked", categories: categories, series: series, unit: unit,
             sequence: catIndex === xi && ex.x_sequence,
             valueTitle: title, categoryTitle: cols[catIndex], decimals: decimalsOf(all), colors: DATA.colors,
             summary: t("explorer_summary", { measure: state.measure, by: serIndex >= 0 ? cols[serIndex] : "—", x: cols[catIndex] }) };
  }

  var controls = h("div", { "class": "row controls" });
  if (w.measures.length > 1) {
    var pick = h("select", { "aria-label": t("measure"), onchange: function () { state.measure = pick.value; rebuild(); } },
                 w.measures.map(function (m) { return h("option", { value: m, text: m }); }));
    controls.appendChild(h("label", { "class": "field" }, [h("span", { "class": "muted small", text: t("measure") }), pick]));
  }
  if (gi >= 0) {
    var by = h("select", { "aria-label": t("series_by"), onchange: function () { state.by = by.value; rebuild(); } }, [
      h("option", { value: "group", text: t("by_column", { column: w.group }) }),
      h("option", { value: "swap", text: t("by_column", { column: w.x }) }),
      h("option", { value: "none", text: t("by_none") })]);
    controls.appendChild(h("label", { "class": "field" }, [h("span", { "class": "muted small", text: t("series_by") }), by]));
  }
  controls.appendChild(segmented(t("view"), views(w.chart), state.view, function (v) { state.view = v; rebuild(); }));

  var holder = h("div", {}), tableBox = h("div", { "class": "table-wrap" });
  var details = h("details", {}, [h("summary", { text: t("data") }), tableBox]);
  details.addEventListener("toggle", reportHeight);
  var spec, panel;
  function fillTable() {
    var head = [h("th", { scope: "col", text: spec.categoryTitle })].concat(spec.series.map(function (x) { return h("th", { scope: "col", "class": "num", text: x.name }); }));
    var body = spec.categories.map(function (cat, i) {
      return h("tr", {}, [h("th", { scope: "row", text: cat })].concat(spec.series.map(function (x) { return h("td", { "class": "num", text: formatNumber(x.values[i], spec.decimals) }); })));
    });
    tableBox.textContent = "";
    tableBox.appendChild(h("table", {}, [h("caption", { text: spec.valueTitle }), h("thead", {}, [h("tr", {}, head)]), h("tbody", {}, body)]));
  }
  function rebuild() {
    spec = pivot();
    panel = chartPanel(spec, null);
    holder.textContent = ""; holder.appendChild(panel); panel.redraw(); fillTable();
  }
  mount(h("div", {}, [controls, holder, details]));
  rebuild();
  onResize(function () { panel.redraw(); });
  ready();
})();

/* Sortable, filterable table: click a header to sort (again to reverse); type to filter rows. */
(function () {
  var t = DATA.widget.table, labels = DATA.labels;
  var numeric = t.columns.map(function (_, c) {
    var vals = t.rows.map(function (r) { return r[c]; }).filter(function (v) { return v !== null && v !== ""; });
    return vals.length > 0 && vals.every(function (v) { return typeof v === "number"; });
  });
  var state = { col: -1, dir: 1, q: "" };
  var tbody = h("tbody");
  var count = h("p", { "class": "count muted", "aria-live": "polite" });
  var headers = t.columns.map(function (name, c) {
    var th = h("th", { scope: "col", "class": numeric[c] ? "num" : null, "aria-sort": "none" });
    th.appendChild(h("button", { "class": "sort", type: "button", text: name, onclick: function () { sortBy(c); } }));
    return th;
  });
  function cellText(v) { return v === null || v === undefined ? "" : typeof v === "number" ? formatNumber(v) : String(v); }
  function draw() {
    var q = state.q.toLowerCase();
    var rows = t.rows.filter(function (r) { return !q || r.some(function (v) { return cellText(v).toLowerCase().indexOf(q) >= 0; }); });
    if (state.col >= 0) {
      var c = state.col;
      rows = rows.slice().sort(function (a, b) {
        var x = a[c], y = b[c];
        if (x === null || x === "") return 1;
        if (y === null || y === "") return -1;
        if (numeric[c]) return (x - y) * state.dir;
        return String(x).localeCompare(String(y), undefined, { numeric: true }) * state.dir;
      });
    }
    tbody.textContent = "";
    rows.forEach(function (r) {
      tbody.appendChild(h("tr", {}, r.map(function (v, c) { return h("td", { "class": numeric[c] ? "num" : null, text: cellText(v) }); })));
    });
    count.textContent = labels.showing.replace("{n}", rows.length).replace("{total}", t.rows.length);
    headers.forEach(function (th, c) { th.setAttribute("aria-sort", c === state.col ? (state.dir > 0 ? "ascending" : "descending") : "none"); });
    reportHeight();
  }
  function sortBy(c) { state.dir = state.col === c ? -state.dir : 1; state.col = c; draw(); }
  var filter = h("input", { type: "search", placeholder: labels.filter, "aria-label": labels.filter,
                            oninput: function (e) { state.q = e.target.value; draw(); } });
  var table = h("table", {}, [h("thead", {}, [h("tr", {}, headers)]), tbody]);
  mount(h("div", {}, [h("div", { "class": "row" }, [filter]), h("div", { "class": "table-wrap", style: "margin-top:10px" }, [table]), count]));
  draw();
})();

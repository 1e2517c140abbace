/* Sortable, filterable table: select a column heading to sort (again to reverse), type to keep matching rows.
   Long tables are shown a page at a time. Numbers keep one format per column (set by the renderer). */
(function () {
  var tbl = DATA.widget.table, formats = DATA.formats;
  var PAGE = 50;
  var collator = (function () { try { return new Intl.Collator(LANG, { numeric: true, sensitivity: "base" }); } catch (e) { return new Intl.Collator("en", { numeric: true }); } })();
  var state = { col: -1, dir: 1, q: "", page: 0 };

  function cellText(value, c) {
    if (value === null || value === undefined) return "";
    var f = formats[c];
    return typeof value === "number" ? formatNumber(value, f.decimals, f.grouping) : String(value);
  }
  /* Each row with its cells as shown, lower-cased once for filtering. */
  var rows = tbl.rows.map(function (r, i) {
    var shown = r.map(cellText);
    return { cells: r, shown: shown, search: shown.join("\u0000").toLocaleLowerCase(), index: i };
  });

  var tbody = h("tbody");
  var count = h("p", { "class": "count muted", id: "row-count", "aria-live": "polite" });
  var hint = h("p", { "class": "sr-only", id: "sort-hint", text: t("sort_hint") });
  var headers = tbl.columns.map(function (name, c) {
    var th = h("th", { scope: "col", "class": formats[c].numeric ? "num" : null, "aria-sort": "none" });
    th.appendChild(h("button", { "class": "sort", type: "button", "aria-describedby": "sort-hint", onclick: function () { sortBy(c); } },
                     [h("span", { text: name }), h("span", { "class": "arrow", "aria-hidden": "true", text: "↕" })]));
    return th;
  });

  function compare(a, b) {
    var c = state.col, x = a.cells[c], y = b.cells[c];
    var xe = x === null || x === "", ye = y === null || y === "";
    if (xe || ye) return xe && ye ? a.index - b.index : xe ? 1 : -1;  // empty cells last, whichever way
    var d = formats[c].numeric ? x - y : collator.compare(String(x), String(y));
    return d === 0 ? a.index - b.index : d * state.dir;
  }

  var prev = h("button", { type: "button", "class": "secondary", text: "‹ " + t("prev_page"), onclick: function () { state.page--; draw(); } });
  var next = h("button", { type: "button", "class": "secondary", text: t("next_page") + " ›", onclick: function () { state.page++; draw(); } });
  var pageStatus = h("span", { "class": "status muted small" });
  var pager = h("nav", { "class": "row pager", "aria-label": t("pages") }, [prev, pageStatus, next]);

  function draw() {
    var q = state.q.trim().toLocaleLowerCase();
    var shown = q ? rows.filter(function (r) { return r.search.indexOf(q) >= 0; }) : rows.slice();
    if (state.col >= 0) shown.sort(compare);
    var pages = Math.max(1, Math.ceil(shown.length / PAGE));
    state.page = Math.min(Math.max(state.page, 0), pages - 1);
    var slice = shown.slice(state.page * PAGE, (state.page + 1) * PAGE);
    tbody.textContent = "";
    if (!slice.length) {
      tbody.appendChild(h("tr", {}, [h("td", { colspan: tbl.columns.length, "class": "empty", text: t("no_match", { q: state.q.trim() }) })]));
    }
    slice.forEach(function (r) {
      tbody.appendChild(h("tr", {}, r.shown.map(function (text, c) {
        return h("td", { "class": formats[c].numeric ? "num" : null, text: text });
      })));
    });
    count.textContent = t("showing", { n: shown.length, total: rows.length });
    headers.forEach(function (th, c) {
      var on = c === state.col;
      th.setAttribute("aria-sort", on ? (state.dir > 0 ? "ascending" : "descending") : "none");
      th.querySelector(".arrow").textContent = on ? (state.dir > 0 ? "▲" : "▼") : "↕";
    });
    pager.hidden = pages < 2;
    pageStatus.textContent = t("page", { n: state.page + 1, total: pages });
    prev.disabled = state.page === 0;
    next.disabled = state.page >= pages - 1;
    reportHeight();
  }
  function sortBy(c) { state.dir = state.col === c ? -state.dir : 1; state.col = c; state.page = 0; draw(); }

  var filter = h("input", { type: "search", id: "filter", placeholder: t("filter"), autocomplete: "off", "aria-controls": "data-table",
                            "aria-describedby": "row-count", oninput: function (e) { state.q = e.target.value; state.page = 0; draw(); } });
  var table = h("table", { id: "data-table" }, [h("caption", { "class": "sr-only", text: DATA.title }), h("thead", {}, [h("tr", {}, headers)]), tbody]);
  mount(h("div", {}, [
    h("div", { "class": "row toolbar", role: "search" }, [h("label", { "for": "filter", "class": "sr-only", text: t("filter") }), filter]),
    hint, h("div", { "class": "table-wrap" }, [table]), count, pager]));
  draw();
  ready();
})();

/* Atelier's own chart drawing for widgets: SVG built with DOM calls (never markup), in the page's fonts.
   Column, bar (the first category on top), line, scatter, pie and doughnut; grouped or stacked; data labels when
   there are few points; a legend of toggle buttons (the series picker); a tooltip that follows the pointer or the
   arrow keys; headline numbers (total, latest, change) for what is shown. The same rules as the deck's charts
   (renderers/chart): round ticks, bars from zero, a line's axis hugging values far from zero, titled axes. */
"use strict";
var SVGNS = "http://www.w3.org/2000/svg";

function s(tag, attrs, children) {
  var node = document.createElementNS(SVGNS, tag);
  Object.keys(attrs || {}).forEach(function (k) {
    if (attrs[k] === null || attrs[k] === undefined) return;
    if (k === "text") node.textContent = String(attrs[k]); else node.setAttribute(k, String(attrs[k]));
  });
  (children || []).forEach(function (c) { if (c) node.appendChild(c); });
  return node;
}

function niceTicks(lo, hi, count) {
  if (hi === lo) hi = lo + 1;
  var raw = (hi - lo) / Math.max((count || 5) - 1, 1);
  var mag = Math.pow(10, Math.floor(Math.log10(raw)));
  var step = [1, 2, 2.5, 5, 10].map(function (m) { return m * mag; }).filter(function (v) { return v >= raw; })[0];
  var start = Math.floor(lo / step + 1e-9) * step, ticks = [];
  for (var v = start; v < hi + step * 0.999; v += step) ticks.push(Math.round(v * 1e10) / 1e10);
  return ticks;
}

function decimalsOf(values) {
  return values.reduce(function (d, v) {
    var f = Math.abs(v).toFixed(2).replace(/0+$/, "").split(".")[1];
    return Math.max(d, f ? f.length : 0);
  }, 0);
}

function unitText(v, decimals, unit) {
  var text = formatNumber(v, decimals);
  return unit === "%" ? text + "%" : text;
}

/* The numbers above a chart: a total (only where adding makes sense), and along time or a count (spec.sequence)
   the latest value and its change; categories such as branches or regions have no latest. */
function headlines(spec) {
  var shown = spec.series.filter(function (x) { return !x.hidden; });
  var out = [];
  if (!shown.length) return out;
  var additive = spec.unit !== "%" && spec.kind !== "scatter";
  var d = decimalsOf([].concat.apply([], shown.map(function (x) { return x.values; })));
  var unit = spec.unit && spec.unit !== "%" ? " " + spec.unit : "";
  function sum(i) { return shown.reduce(function (a, x) { return a + (x.values[i] || 0); }, 0); }
  var one = shown.length === 1;
  if (additive) {
    var total = shown.reduce(function (a, x) { return a + x.values.reduce(function (b, v) { return b + v; }, 0); }, 0);
    out.push({ label: t("total"), value: formatNumber(total, d) + unit });
  }
  if (spec.kind === "pie" || spec.kind === "doughnut" || spec.kind === "scatter") return out;
  if ((!one && !additive) || !spec.sequence) return out;
  var n = spec.categories.length, last = sum(n - 1);
  out.push({ label: t("latest", { when: spec.categories[n - 1] }), value: unitText(last, d, spec.unit) + unit });
  if (n > 1) {
    var prev = sum(n - 2), diff = last - prev;
    var pct = prev !== 0 && spec.unit !== "%" ? " (" + (diff >= 0 ? "+" : "") + formatNumber(diff / Math.abs(prev) * 100, 1) + "%)" : "";
    var word = spec.unit === "%" ? " " + t("points") : unit;
    // An arrow, not a colour: whether a rise is good depends on what is measured.
    out.push({ label: t("change", { when: spec.categories[n - 2] }),
               value: (diff > 0 ? "▲ +" : diff < 0 ? "▼ " : "") + formatNumber(diff, d) + word + pct });
  }
  return out;
}

function headlineBar(spec) {
  return h("dl", { "class": "headlines" }, headlines(spec).map(function (x) {
    return h("div", { "class": "headline" }, [h("dt", { text: x.label }), h("dd", { text: x.value })]);
  }));
}

/* Draws the chart into `box` (emptied first); returns the tooltip updater for keyboard use. */
function drawChart(box, spec) {
  box.textContent = "";
  var css = getComputedStyle(document.documentElement);
  function v(name) { return css.getPropertyValue(name).trim(); }
  var W = Math.max(box.clientWidth || 640, 280), H = Math.round(Math.min(Math.max(W * 0.52, 260), 420));
  var fs = 13, svg = s("svg", { width: W, height: H, viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": spec.summary || "", "class": "plot" });
  box.appendChild(svg);
  var tip = h("div", { "class": "tip", hidden: true, role: "status" });
  box.appendChild(tip);
  var shown = spec.series.map(function (x, i) { return { s: x, i: i }; }).filter(function (x) { return !x.s.hidden; });
  function measure(text, size) { var n = s("text", { "font-size": size || fs, text: text }); svg.appendChild(n); var w = n.getComputedTextLength(); svg.removeChild(n); return w; }
  function label(text, x, y, anchor, color, size, extra) {
    var a = { x: x, y: y, "text-anchor": anchor || "start", fill: color || v("--text"), "font-size": size || fs, text: text };
    Object.keys(extra || {}).forEach(function (k) { a[k] = extra[k]; });
    var n = s("text", a); svg.appendChild(n); return n;
  }
  if (!shown.length) { label(t("nothing_shown"), W / 2, H / 2, "middle", v("--muted")); return function () {}; }

  if (spec.kind === "pie" || spec.kind === "doughnut") {
    var vals = spec.series[0].values, total = vals.reduce(function (a, b) { return a + b; }, 0) || 1;
    var r = Math.min(H / 2 - 8, W / 2 - 140), cx = r + 12, cy = H / 2, angle = -Math.PI / 2;
    vals.forEach(function (val, i) {
      var sweep = val / total * Math.PI * 2, a0 = angle, a1 = angle + sweep; angle = a1;
      if (sweep <= 0) return;
      var large = sweep > Math.PI ? 1 : 0, color = spec.colors[i % spec.colors.length];
      var d = sweep >= Math.PI * 2 - 1e-9 ? "M" + (cx - r) + "," + cy + "a" + r + "," + r + " 0 1 0 " + 2 * r + ",0a" + r + "," + r + " 0 1 0 " + -2 * r + ",0"
        : "M" + cx + "," + cy + "L" + (cx + r * Math.cos(a0)) + "," + (cy + r * Math.sin(a0)) + "A" + r + "," + r + " 0 " + large + " 1 " + (cx + r * Math.cos(a1)) + "," + (cy + r * Math.sin(a1)) + "Z";
      var wedge = s("path", { d: d, fill: color, stroke: v("--bg"), "stroke-width": 2, "class": "mark" });
      wedge.addEventListener("pointerenter", function () { show(spec.categories[i] + ": " + unitText(val, spec.decimals, spec.unit) + " (" + formatNumber(val / total * 100, 0) + "%)", cx, cy); });
      wedge.addEventListener("pointerleave", hide);
      svg.appendChild(wedge);
      var mid = (a0 + a1) / 2, at = spec.kind === "doughnut" ? 0.78 : 0.62;
      if (val / total >= 0.04) label(formatNumber(val / total * 100, 0) + "%", cx + r * at * Math.cos(mid), cy + r * at * Math.sin(mid) + 4, "middle", "#fff", fs, { "font-weight": 700 });
    });
    if (spec.kind === "doughnut") svg.appendChild(s("circle", { cx: cx, cy: cy, r: r * 0.5, fill: v("--bg") }));
    spec.categories.forEach(function (c, i) {
      var y = cy - spec.categories.length * 12 + i * 24 + 12;
      svg.appendChild(s("rect", { x: cx + r + 28, y: y - 10, width: 12, height: 12, rx: 2, fill: spec.colors[i % spec.colors.length] }));
      label(c, cx + r + 48, y, "start", v("--text"));
    });
    return function () {};
  }

  var horizontal = spec.kind === "bar", scatter = spec.kind === "scatter";
  var stacked = spec.stacked && (spec.kind === "bar" || spec.kind === "column" || spec.kind === "area");
  var n = spec.categories.length, values = [];
  if (stacked) {
    for (var ci = 0; ci < n; ci++) {
      var pos = 0, neg = 0;
      shown.forEach(function (x) { var val = x.s.values[ci] || 0; if (val >= 0) pos += val; else neg += val; });
      values.push(pos, neg);
    }
  } else shown.forEach(function (x) { values = values.concat(x.s.values.filter(function (y) { return typeof y === "number"; })); });
  var lo = Math.min.apply(null, values), hi = Math.max.apply(null, values);
  var fromZero = spec.kind === "bar" || spec.kind === "column" || stacked || (lo >= 0 && lo < 0.5 * hi) || (hi <= 0 && hi > 0.5 * lo);
  if (fromZero) { lo = Math.min(0, lo); hi = Math.max(0, hi); }
  var ticks = niceTicks(lo, hi), tlo = ticks[0], thi = ticks[ticks.length - 1];
  var tickDec = decimalsOf([ticks.length > 1 ? ticks[1] - ticks[0] : 1]);
  var tickText = ticks.map(function (x) { return unitText(x, tickDec, spec.unit); });
  var few = (spec.kind === "line" ? shown.length === 1 && n <= 8 : (horizontal || spec.kind === "column") && !stacked && shown.length <= 3 && n * shown.length <= 12);
  var leftTitle = horizontal ? spec.categoryTitle : spec.valueTitle, bottomTitle = horizontal ? spec.valueTitle : spec.categoryTitle;
  var catLabels = scatter ? [] : spec.categories;
  var left = (leftTitle ? 22 : 0) + (horizontal ? Math.min(W * 0.3, Math.max.apply(null, catLabels.map(function (c) { return measure(c); })) + 12)
                                                  : Math.max.apply(null, tickText.map(function (x) { return measure(x); })) + 10);
  var plot = { x: left, y: few ? 22 : 10, w: W - left - (horizontal && few ? 56 : 14), h: H - (few ? 22 : 10) - 26 - (bottomTitle ? 22 : 0) };
  function at(val) { var f = (val - tlo) / ((thi - tlo) || 1); return horizontal ? plot.x + f * plot.w : plot.y + plot.h - f * plot.h; }
  var band = (horizontal ? plot.h : plot.w) / n;
  ticks.forEach(function (tk, k) {
    if (horizontal) {
      svg.appendChild(s("line", { x1: at(tk), x2: at(tk), y1: plot.y, y2: plot.y + plot.h, stroke: v("--line") }));
      label(tickText[k], at(tk), plot.y + plot.h + 18, "middle", v("--muted"), 12);
    } else {
      svg.appendChild(s("line", { x1: plot.x, x2: plot.x + plot.w, y1: at(tk), y2: at(tk), stroke: v("--line") }));
      label(tickText[k], plot.x - 6, at(tk) + 4, "end", v("--muted"), 12);
    }
  });
  var zero = at(tlo <= 0 && 0 <= thi ? 0 : tlo);
  var marks = s("g", { "class": "marks" }); svg.appendChild(marks);
  var labelsLayer = [];
  if (horizontal || spec.kind === "column") {
    var k = stacked ? 1 : shown.length, bar = band / (k + 0.1 * (k - 1) + 0.5);
    var base = {};
    shown.forEach(function (x, si) {
      x.s.values.forEach(function (val, ci) {
        if (typeof val !== "number") return;
        var key = ci + (val < 0 ? "n" : "p"), from = stacked ? (base[key] || 0) : 0, to = from + val;
        if (stacked) base[key] = to;
        var a = Math.min(at(from), at(to)), b = Math.max(at(from), at(to));
        var start = band * ci + bar * 0.25 + (stacked ? 0 : si * bar * 1.1);
        var rect = horizontal ? { x: a, y: plot.y + start, width: Math.max(b - a, 1), height: bar }
                              : { x: plot.x + start, y: a, width: bar, height: Math.max(b - a, 1) };
        rect.fill = spec.colors[x.i % spec.colors.length]; rect.rx = 2; rect["class"] = "mark";
        marks.appendChild(s("rect", rect));
        if (few) {
          var txt = unitText(val, spec.decimals, spec.unit);
          labelsLayer.push(horizontal ? [txt, (val >= 0 ? b + 5 : a - 5), plot.y + start + bar / 2 + 4, val >= 0 ? "start" : "end"]
                                      : [txt, plot.x + start + bar / 2, val >= 0 ? a - 5 : b + 14, "middle"]);
        }
      });
    });
  } else {
    var xs = scatter ? spec.categories.map(Number) : null;
    var xlo = scatter ? Math.min.apply(null, xs) : 0, xhi = scatter ? Math.max.apply(null, xs) : 1;
    var px = function (i) { return scatter ? plot.x + ((xs[i] - xlo) / ((xhi - xlo) || 1)) * plot.w * 0.94 + plot.w * 0.03 : plot.x + band * i + band / 2; };
    shown.forEach(function (x) {
      var color = spec.colors[x.i % spec.colors.length], pts = [];
      x.s.values.forEach(function (val, i) { if (typeof val === "number") pts.push([px(i), at(val), val]); });
      if (!scatter) marks.appendChild(s("polyline", { points: pts.map(function (p) { return p[0] + "," + p[1]; }).join(" "), fill: "none", stroke: color, "stroke-width": 2.5, "stroke-linejoin": "round" }));
      pts.forEach(function (p) {
        marks.appendChild(s("circle", { cx: p[0], cy: p[1], r: scatter ? 5 : 3.5, fill: color, stroke: v("--bg"), "stroke-width": 1.5, "class": "mark" }));
        if (few) labelsLayer.push([unitText(p[2], spec.decimals, spec.unit), p[0], p[1] - 9, "middle"]);
      });
    });
    if (scatter) niceTicks(xlo, xhi).forEach(function (tk) {
      if (tk >= xlo && tk <= xhi) label(formatNumber(tk, decimalsOf([tk])), plot.x + ((tk - xlo) / ((xhi - xlo) || 1)) * plot.w * 0.94 + plot.w * 0.03, plot.y + plot.h + 18, "middle", v("--muted"), 12);
    });
  }
  labelsLayer.forEach(function (l) { label(l[0], l[1], l[2], l[3], v("--text"), 12); });
  if (horizontal) {
    svg.appendChild(s("line", { x1: zero, x2: zero, y1: plot.y, y2: plot.y + plot.h, stroke: v("--muted") }));
    spec.categories.forEach(function (c, i) { label(c, plot.x - 6, plot.y + band * i + band / 2 + 4, "end", v("--text"), 12); });
  } else {
    svg.appendChild(s("line", { x1: plot.x, x2: plot.x + plot.w, y1: plot.y + plot.h, y2: plot.y + plot.h, stroke: v("--muted") }));
    if (!scatter) {
      var widest = Math.max.apply(null, spec.categories.map(function (c) { return measure(c, 12); }));
      var every = Math.max(1, Math.ceil((widest + 8) / band));
      spec.categories.forEach(function (c, i) { if (i % every === 0) label(c, plot.x + band * i + band / 2, plot.y + plot.h + 18, "middle", v("--text"), 12); });
    }
  }
  if (leftTitle) label(leftTitle, 0, 0, "middle", v("--muted"), 12, { transform: "translate(12," + (plot.y + plot.h / 2) + ") rotate(-90)" });
  if (bottomTitle) label(bottomTitle, plot.x + plot.w / 2, H - 6, "middle", v("--muted"), 12);

  /* The tooltip: every shown series' value at the category under the pointer (or chosen with the arrow keys). */
  var cursor = s("rect", { fill: v("--line"), opacity: 0.35, visibility: "hidden" });
  svg.insertBefore(cursor, marks);
  function show(text, x, y) {
    tip.textContent = text; tip.hidden = false;
    tip.style.left = Math.min(Math.max(x + 12, 0), W - 180) + "px"; tip.style.top = Math.max(y - 10, 0) + "px";
  }
  function hide() { tip.hidden = true; cursor.setAttribute("visibility", "hidden"); }
  function at_category(ci) {
    if (scatter || ci < 0 || ci >= n) return hide();
    var lines = [spec.categories[ci]].concat(shown.map(function (x) { return x.s.name + ": " + unitText(x.s.values[ci], spec.decimals, spec.unit); }));
    if (horizontal) { cursor.setAttribute("x", plot.x); cursor.setAttribute("y", plot.y + band * ci); cursor.setAttribute("width", plot.w); cursor.setAttribute("height", band); }
    else { cursor.setAttribute("x", plot.x + band * ci); cursor.setAttribute("y", plot.y); cursor.setAttribute("width", band); cursor.setAttribute("height", plot.h); }
    cursor.setAttribute("visibility", "visible");
    show(lines.join(" · "), horizontal ? plot.x + plot.w / 2 : plot.x + band * ci + band / 2, horizontal ? plot.y + band * ci : plot.y);
    box.setAttribute("data-category", String(ci));
  }
  svg.addEventListener("pointermove", function (e) {
    var r = svg.getBoundingClientRect(), pos = horizontal ? e.clientY - r.top - plot.y : e.clientX - r.left - plot.x;
    at_category(Math.floor(pos / band));
  });
  svg.addEventListener("pointerleave", hide);
  return at_category;
}

/* A legend of toggle buttons: each shows or hides its series; every series stays listed. */
function legend(spec, redraw) {
  if (spec.series.length < 2) return null;
  return h("div", { "class": "legend", role: "group", "aria-label": t("series") }, spec.series.map(function (x, i) {
    var b = h("button", { type: "button", "class": "key", "aria-pressed": String(!x.hidden), onclick: function () {
      x.hidden = !x.hidden; b.setAttribute("aria-pressed", String(!x.hidden)); redraw();
    } }, [h("span", { "class": "swatch", style: "background:" + spec.colors[i % spec.colors.length] }), x.name]);
    return b;
  }));
}

/* Buttons that choose one of several views (lines, columns, stacked), marked with aria-pressed. */
function segmented(name, options, current, choose) {
  var buttons = options.map(function (o) {
    return h("button", { type: "button", "class": "seg", "aria-pressed": String(o.value === current), "data-value": o.value, text: o.label, onclick: function () {
      buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b === this)); }, this); choose(o.value);
    } });
  });
  return h("div", { "class": "segmented", role: "group", "aria-label": name }, buttons);
}

function views(kind) {
  var out = [{ value: kind === "bar" ? "bar" : "line", label: t(kind === "bar" ? "view_bars" : "view_lines") }];
  if (kind !== "bar") out.push({ value: "column", label: t("view_columns") });
  out.push({ value: "stacked", label: t("view_stacked") });
  return out;
}

/* The whole chart panel: headline numbers, controls, the drawing, keyboard access, redrawn on changes. */
function chartPanel(spec, controls) {
  var plotBox = h("div", { "class": "chart", tabindex: "0", "aria-label": spec.summary || "" });
  var heads = h("div", {});
  var keyLine = legend(spec, redraw);
  var cur = -1, move = function () {};
  function redraw() {
    heads.textContent = ""; heads.appendChild(headlineBar(spec));
    move = drawChart(plotBox, spec); reportHeight();
  }
  plotBox.addEventListener("keydown", function (e) {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft" && e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    e.preventDefault(); cur = Math.max(0, Math.min(spec.categories.length - 1, cur + (e.key === "ArrowRight" || e.key === "ArrowDown" ? 1 : -1)));
    move(cur);
  });
  var title = spec.panelTitle ? h("h2", { "class": "panel-title", text: spec.panelTitle }) : null;
  var panel = h("section", { "class": "panel" }, [title, heads, controls || null, keyLine, plotBox]);
  panel.redraw = redraw;
  return panel;
}

var resizeTimer = null;
function onResize(fn) { window.addEventListener("resize", function () { clearTimeout(resizeTimer); resizeTimer = setTimeout(fn, 120); }); }

/* Shared by every Atelier widget: the plan's data, a DOM helper that only ever sets text, number formats,
   and the height reports that let an embedding page size its iframe. */
"use strict";
var DATA = JSON.parse(document.getElementById("widget-data").textContent);
var LANG = document.documentElement.lang || "en";
var APP = document.getElementById("app");

/* Builds an element. Text goes in with textContent and attributes with setAttribute: nothing here ever parses
   a string as markup, which is why the page can forbid it outright (Trusted Types in the CSP). */
function h(tag, attrs, children) {
  var node = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (k) {
    var v = attrs[k];
    if (v === null || v === undefined || v === false) return;
    if (k === "text") node.textContent = String(v);
    else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  });
  (children || []).forEach(function (c) {
    if (c === null || c === undefined || c === false) return;
    node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  });
  return node;
}

/* A label with its {placeholders} filled in. */
function t(key, values) {
  var s = DATA.labels[key] || key;
  Object.keys(values || {}).forEach(function (k) { s = s.split("{" + k + "}").join(String(values[k])); });
  return s;
}

var numberFormats = {};
function numberFormat(options) {
  var key = JSON.stringify(options);
  if (!numberFormats[key]) {
    try { numberFormats[key] = new Intl.NumberFormat(LANG, options); }
    catch (e) { numberFormats[key] = new Intl.NumberFormat("en", options); }
  }
  return numberFormats[key];
}

/* A number for people: a fixed count of decimals when given, else up to two; "—" for what is not a number. */
function formatNumber(v, decimals, grouping) {
  if (typeof v !== "number" || !isFinite(v)) return "—";
  var d = decimals === undefined || decimals === null ? (Number.isInteger(v) ? 0 : 2) : decimals;
  return numberFormat({ minimumFractionDigits: d, maximumFractionDigits: d, useGrouping: grouping !== false }).format(v);
}

/* A measured quantity without false precision: six significant digits. */
function formatQuantity(v) {
  if (typeof v !== "number" || !isFinite(v)) return "—";
  return numberFormat({ maximumSignificantDigits: 6 }).format(v);
}

function mount(node) { APP.textContent = ""; APP.appendChild(node); reportHeight(); }

/* Marks the widget as drawn (the preview waits for this). */
function ready() { document.documentElement.setAttribute("data-ready", ""); reportHeight(); }

/* The embedding page sizes its iframe from the height this page reports (renderers/height.js, which comes first
   in the page's script and defines reportHeight). */
watchHeight();

/* Shared by every Atelier widget: the plan's data, a DOM helper that only ever sets text, and height reports. */
var DATA = JSON.parse(document.getElementById("widget-data").textContent);
function h(tag, attrs, children) {
  var node = document.createElement(tag);
  if (attrs) {
    Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") node.textContent = String(v);
      else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    });
  }
  (children || []).forEach(function (c) {
    if (c === null || c === undefined) return;
    node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  });
  return node;
}
function formatNumber(v, decimals) {
  if (typeof v !== "number" || !isFinite(v)) return "—";
  var d = decimals === undefined ? (Number.isInteger(v) ? 0 : 2) : decimals;
  return v.toLocaleString(document.documentElement.lang || undefined, { minimumFractionDigits: d, maximumFractionDigits: d });
}
var APP = document.getElementById("app");
function mount(node) { APP.textContent = ""; APP.appendChild(node); reportHeight(); }
function reportHeight() {
  var height = Math.ceil(document.documentElement.scrollHeight);
  try { window.parent.postMessage({ type: "atelier:resize", height: height }, "*"); } catch (e) { /* no parent */ }
}
if (window.ResizeObserver) new ResizeObserver(reportHeight).observe(document.documentElement);
window.addEventListener("load", reportHeight);

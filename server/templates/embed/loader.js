/* Atelier embed loader: keeps every Atelier iframe on this page as tall as its content.
   Each embed posts {type: "atelier:resize", height} to this page; only messages that come from one of this
   server's /embed/ iframes are used, and only their height, clamped to a sane range. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__atelierEmbedLoader) return;
  window.__atelierEmbedLoader = true;
  var origin = new URL(script.src, location.href).origin;

  function embeds() {
    return Array.prototype.filter.call(document.getElementsByTagName("iframe"), function (f) {
      try {
        var u = new URL(f.getAttribute("src") || "", location.href);
        return u.origin === origin && u.pathname.indexOf("/embed/") === 0;
      } catch (e) { return false; }
    });
  }
  function hello(frame) {
    try { frame.contentWindow.postMessage({ type: "atelier:hello" }, "*"); } catch (e) { /* not loaded yet */ }
  }
  window.addEventListener("message", function (e) {
    var d = e.data;
    if (!d || d.type !== "atelier:resize" || typeof d.height !== "number" || !isFinite(d.height)) return;
    embeds().forEach(function (f) {
      if (f.contentWindow === e.source) f.style.height = Math.max(40, Math.min(20000, Math.ceil(d.height))) + "px";
    });
  });
  function wire(f) {
    if (f.__atelier) return;
    f.__atelier = true;
    f.addEventListener("load", function () { hello(f); });
    hello(f);
  }
  embeds().forEach(wire);
  if (window.MutationObserver) {
    new MutationObserver(function () { embeds().forEach(wire); }).observe(document.documentElement, { childList: true, subtree: true });
  }
})();

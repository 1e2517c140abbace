/* Relays the sandboxed page's height to whoever embeds this page, and stops the page if it navigates away:
   a custom page may only ever show itself. */
"use strict";
(function () {
  var frame = document.getElementById("content");
  var loads = 0, last = 0;
  function report(height) {
    if (window.parent === window || height === last) return;
    last = height;
    window.parent.postMessage({ type: "atelier:resize", height: height }, "*");
  }
  window.addEventListener("message", function (e) {
    var d = e.data;
    if (e.source === frame.contentWindow && d && d.type === "atelier:resize" && typeof d.height === "number" && isFinite(d.height)) {
      var height = Math.max(40, Math.min(20000, Math.ceil(d.height)));
      frame.style.height = height + "px";
      report(height);
    } else if (e.source === window.parent && d && d.type === "atelier:hello") {
      last = 0;
      report(Math.ceil(document.documentElement.getBoundingClientRect().height));
    }
  });
  frame.addEventListener("load", function () {
    loads += 1;
    if (loads > 1) {  // the page went somewhere else: take it down and say so
      var note = document.createElement("p");
      note.textContent = document.body.getAttribute("data-stopped");
      frame.replaceWith(note);
      report(Math.ceil(document.documentElement.getBoundingClientRect().height));
    }
  });
})();

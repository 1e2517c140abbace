/* How every Atelier page that sits in an iframe tells its parent how tall it is, so that the parent can size the
   iframe: the page posts {type: "atelier:resize", height} (CSS pixels) whenever its height changes, and again when
   the parent asks with {type: "atelier:hello"}. The canvas (frontend/src/cards/WidgetFrame.tsx) and the embed
   loader (/embed.js) read these messages. renderers/height.py puts this file at the top of each page's own script
   (the pages load nothing from anywhere); it only defines, and each page starts the part it needs. */
"use strict";
var lastHeight = 0;

/* Posts a height to the parent window, unless there is none or it was the last height posted. */
function postHeight(height) {
  if (height === lastHeight || window.parent === window) return;
  lastHeight = height;
  window.parent.postMessage({ type: "atelier:resize", height: height }, "*");
}

/* Posts this page's own height. */
function reportHeight() { postHeight(Math.ceil(document.documentElement.getBoundingClientRect().height)); }

/* Keeps the parent told of this page's height: on load, on every change, and whenever it asks. */
function watchHeight() {
  window.addEventListener("message", function (e) {
    if (e.source === window.parent && e.data && e.data.type === "atelier:hello") { lastHeight = 0; reportHeight(); }
  });
  if (window.ResizeObserver) new ResizeObserver(function () { reportHeight(); }).observe(document.documentElement);
  window.addEventListener("load", reportHeight);
}

/* For a page of ours that frames a sandboxed page: sizes `frame` to the heights that page reports (clamped to a
   sane range) and passes them on. When the parent asks, the framed page is asked in turn (`askFrame`), or else
   this page reports its own height. The framed page may only ever show itself: if it navigates, its frame loads a
   second time, and is replaced by a note, the text of the body's data-stopped attribute. */
function relayHeight(frame, askFrame) {
  var loads = 0;
  window.addEventListener("message", function (e) {
    var d = e.data;
    var sized = d && d.type === "atelier:resize" && typeof d.height === "number" && isFinite(d.height);
    if (e.source === frame.contentWindow && sized) {
      var height = Math.max(40, Math.min(20000, Math.ceil(d.height)));
      frame.style.height = height + "px";
      postHeight(height);
    } else if (e.source === window.parent && d && d.type === "atelier:hello") {
      lastHeight = 0;
      if (askFrame) frame.contentWindow.postMessage({ type: "atelier:hello" }, "*");
      else reportHeight();
    }
  });
  frame.addEventListener("load", function () {
    loads += 1;
    if (loads < 2) return;
    var note = document.createElement("p");
    note.textContent = document.body.getAttribute("data-stopped");
    frame.replaceWith(note);
    reportHeight();
  });
}

/* The embed viewer: step through slides, or pan and zoom a board; report the page's height to the embedding
   page as every Atelier embed does (renderers/height.js, which comes first in this script). Only numbers and
   addresses from the viewer's own JSON are used. */
(function () {
  var DATA = JSON.parse(document.getElementById("viewer-data").textContent);
  watchHeight();
  function label(key, values) {
    var s = DATA.labels[key];
    Object.keys(values).forEach(function (k) { s = s.split("{" + k + "}").join(String(values[k])); });
    return s;
  }

  if (DATA.kind === "slides" && DATA.pictures.length) {
    var img = document.getElementById("slide"), counter = document.getElementById("counter");
    var prev = document.getElementById("prev"), next = document.getElementById("next");
    var stage = document.getElementById("stage"), full = document.getElementById("fullscreen");
    var i = 0, n = DATA.pictures.length;
    var show = function (k) {
      i = Math.max(0, Math.min(n - 1, k));
      img.src = DATA.pictures[i].url;
      img.alt = DATA.pictures[i].alt;
      counter.textContent = (i + 1) + " / " + n;
      counter.setAttribute("aria-label", label("slide", { n: i + 1, total: n }));
      prev.disabled = i === 0;
      next.disabled = i === n - 1;
      if (i + 1 < n) { var pre = new Image(); pre.src = DATA.pictures[i + 1].url; }
    };
    prev.addEventListener("click", function () { show(i - 1); });
    next.addEventListener("click", function () { show(i + 1); });
    stage.addEventListener("click", function (e) {
      var r = stage.getBoundingClientRect();
      show(e.clientX - r.left < r.width / 3 ? i - 1 : i + 1);
    });
    document.addEventListener("keydown", function (e) {
      if (e.target.closest && e.target.closest("details")) return;
      var keys = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1 };
      if (e.key === "Home") { e.preventDefault(); show(0); }
      else if (e.key === "End") { e.preventDefault(); show(n - 1); }
      else if (keys[e.key] && !(e.key === " " && e.target.tagName === "BUTTON")) { e.preventDefault(); show(i + keys[e.key]); }
    });
    if (document.fullscreenEnabled) {
      full.addEventListener("click", function () {
        if (document.fullscreenElement) document.exitFullscreen(); else stage.requestFullscreen();
      });
    } else {
      full.hidden = true;
    }
    show(0);
  }

  if (DATA.kind === "board" && DATA.pictures.length) {
    var box = document.getElementById("stage"), board = document.getElementById("board");
    var p = DATA.pictures[0];
    var view = { x: 0, y: 0, s: 1 };
    var apply = function () { board.style.transform = "translate(" + view.x + "px," + view.y + "px) scale(" + view.s + ")"; };
    var natural = function () { return { w: p.width || board.naturalWidth || 1, h: p.height || board.naturalHeight || 1 }; };
    var fitView = function () {
      var r = box.getBoundingClientRect(), size = natural();
      var s = Math.min(r.width / size.w, r.height / size.h) * 0.96;
      view.s = s;
      view.x = (r.width - size.w * s) / 2;
      view.y = (r.height - size.h * s) / 2;
      apply();
    };
    var zoom = function (factor, cx, cy) {
      var r = box.getBoundingClientRect();
      if (cx === undefined) { cx = r.width / 2; cy = r.height / 2; }
      var s = Math.max(0.05, Math.min(8, view.s * factor));
      view.x = cx - (cx - view.x) * s / view.s;
      view.y = cy - (cy - view.y) * s / view.s;
      view.s = s;
      apply();
    };
    document.getElementById("zoom-in").addEventListener("click", function () { zoom(1.25); });
    document.getElementById("zoom-out").addEventListener("click", function () { zoom(0.8); });
    document.getElementById("fit").addEventListener("click", fitView);
    box.addEventListener("wheel", function (e) {
      e.preventDefault();
      var r = box.getBoundingClientRect();
      zoom(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
    }, { passive: false });
    var drag = null;
    box.addEventListener("pointerdown", function (e) {
      drag = { x: e.clientX - view.x, y: e.clientY - view.y };
      box.setPointerCapture(e.pointerId);
      box.classList.add("dragging");
    });
    box.addEventListener("pointermove", function (e) {
      if (!drag) return;
      view.x = e.clientX - drag.x;
      view.y = e.clientY - drag.y;
      apply();
    });
    var stop = function () { drag = null; box.classList.remove("dragging"); };
    box.addEventListener("pointerup", stop);
    box.addEventListener("pointercancel", stop);
    box.addEventListener("keydown", function (e) {
      var step = 40, moves = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
      if (e.key === "+" || e.key === "=") zoom(1.25);
      else if (e.key === "-" || e.key === "_") zoom(0.8);
      else if (e.key === "0") fitView();
      else if (moves[e.key]) { view.x += moves[e.key][0]; view.y += moves[e.key][1]; apply(); }
      else return;
      e.preventDefault();
    });
    if (window.ResizeObserver) new ResizeObserver(fitView).observe(box);
    if (board.complete) fitView(); else board.addEventListener("load", fitView);
  }
})();

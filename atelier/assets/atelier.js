/* Atelier answers inside a notebook or a documentation page: a deck's slide strip gets previous/next and a counter,
   and a widget's still picture gives way to the live widget in its sandboxed frame. It runs once per figure and
   touches nothing outside .atelier figures; where scripts do not run, the strip scrolls and the picture stays. */
(function () {
  "use strict";
  function setUpStrip(figure) {
    var strip = figure.querySelector(".atelier-strip");
    var controls = figure.querySelector(".atelier-controls");
    if (!strip || !controls) return;
    figure.classList.add("atelier-live");
    var slides = strip.querySelectorAll("img");
    var prev = controls.querySelector("[data-step='-1']");
    var next = controls.querySelector("[data-step='1']");
    var count = controls.querySelector(".atelier-count");
    var current = function () {
      var width = strip.clientWidth || 1;
      return Math.max(0, Math.min(slides.length - 1, Math.round(strip.scrollLeft / width)));
    };
    var update = function () {
      var i = current();
      count.textContent = (i + 1) + " / " + slides.length;
      prev.disabled = i === 0;
      next.disabled = i === slides.length - 1;
    };
    var go = function (step) {
      strip.scrollTo({ left: (current() + step) * strip.clientWidth, behavior: "auto" });
      update();
    };
    prev.addEventListener("click", function () { go(-1); });
    next.addEventListener("click", function () { go(1); });
    strip.addEventListener("scroll", update, { passive: true });
    strip.addEventListener("keydown", function (e) {
      if (e.key === "ArrowLeft" || e.key === "ArrowRight") { e.preventDefault(); go(e.key === "ArrowLeft" ? -1 : 1); }
    });
    controls.hidden = false;
    update();
  }
  function setUpWidget(figure) {
    var frame = figure.querySelector(".atelier-frame");
    var still = figure.querySelector(".atelier-still");
    if (!frame) return;
    frame.hidden = false;
    if (still) still.hidden = true;
  }
  function setUp() {
    var figures = document.querySelectorAll("figure.atelier:not([data-atelier-ready])");
    for (var k = 0; k < figures.length; k++) {
      figures[k].setAttribute("data-atelier-ready", "");
      setUpStrip(figures[k]);
      setUpWidget(figures[k]);
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();

/* Countdown to a moment: days, hours, minutes and seconds, updated every second, with the moment itself written
   out in the reader's own time zone. A date without a time means the start of that day where the reader is.
   A countdown with intervals instead is a timer (intervalTimer below). */
(function () {
  var spec = DATA.widget;
  if (spec.intervals && spec.intervals.length) { intervalTimer(spec); return; }
  var dateOnly = spec.target.length === 10;
  var target = new Date(dateOnly ? spec.target + "T00:00:00" : spec.target).getTime();
  var names = [t("days"), t("hours"), t("minutes"), t("seconds")];
  var nums = names.map(function () { return h("span", { "class": "n" }); });
  var caption = h("p", { "class": "countdown-caption", "aria-live": "polite" });
  var when;
  try {
    var options = dateOnly ? { dateStyle: "full" } : { dateStyle: "full", timeStyle: "short" };
    when = new Intl.DateTimeFormat(LANG, options).format(new Date(target));
  } catch (e) { when = new Date(target).toString(); }
  var whenText = h("p", { "class": "muted small", text: t("when", { date: when }) });
  var state = null, timer = null;
  function tick() {
    var left = Math.max(0, target - Date.now());
    var parts = [Math.floor(left / 86400000), Math.floor(left / 3600000) % 24, Math.floor(left / 60000) % 60, Math.floor(left / 1000) % 60];
    nums.forEach(function (n, k) { n.textContent = String(parts[k]); });
    var now = left > 0 ? "running" : "reached";
    if (now !== state) {
      state = now;
      caption.textContent = left > 0 ? t("until", { label: spec.label }) : t("reached", { label: spec.label });
    }
    if (left <= 0 && timer) { clearInterval(timer); timer = null; }
  }
  var grid = h("div", { "class": "countdown", role: "timer", "aria-live": "off", "aria-describedby": "countdown-caption" },
               nums.map(function (n, k) { return h("div", { "class": "unit" }, [n, h("span", { "class": "muted small", text: names[k] })]); }));
  caption.id = "countdown-caption";
  mount(h("div", {}, [grid, caption, whenText]));
  tick();
  timer = setInterval(tick, 1000);
  ready();
})();

/* A timer: each interval (e.g. Focus 25 min, Break 5 min) counted down in turn once Start is pressed, then the
   first again, with Pause, Reset and Skip. The length of each interval can be changed while the timer is stopped,
   in minutes when every interval is whole minutes, else in seconds. Time is measured from the clock (Date.now),
   not by counting ticks, so a throttled background tab stays right. */
function intervalTimer(spec) {
  var seconds = spec.intervals.map(function (it) { return it.seconds; });
  var unit = seconds.every(function (s) { return s % 60 === 0; }) ? 60 : 1;
  var current = 0, round = 1, left = seconds[0] * 1000, endsAt = null, ticker = null;
  var phase = h("p", { "class": "timer-phase", "aria-live": "polite" });
  var clock = h("span", { "class": "n timer-clock", role: "timer", "aria-live": "off" });
  var roundText = h("p", { "class": "muted small" });
  var start = h("button", { type: "button", onclick: toggle });
  var reset = h("button", { type: "button", "class": "secondary", text: t("reset"), onclick: resetAll });
  var skip = h("button", { type: "button", "class": "secondary", text: t("skip"), onclick: next });
  var inputs = spec.intervals.map(function (it, k) {
    var box = h("input", { type: "number", min: 1, max: 86400 / unit, step: 1, value: it.seconds / unit, id: "m" + k,
                           inputmode: "numeric", onchange: function () { setLength(k, box); } });
    return h("label", { "for": "m" + k, "class": "timer-interval" }, [h("span", { text: it.label }), box,
             h("span", { "class": "muted small", text: t(unit === 60 ? "min" : "sec") })]);
  });
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function show() {
    var s = Math.ceil(left / 1000), hours = Math.floor(s / 3600), mins = Math.floor(s / 60) % 60, secs = s % 60;
    clock.textContent = (hours ? hours + ":" + pad(mins) : String(mins)) + ":" + pad(secs);
    phase.textContent = spec.intervals[current].label;
    roundText.textContent = t("round", { n: round });
    start.textContent = endsAt ? t("pause") : (left < seconds[current] * 1000 ? t("resume") : t("start"));
    inputs.forEach(function (label) { label.querySelector("input").disabled = !!endsAt; });
  }
  function tick() {
    left = Math.max(0, endsAt - Date.now());
    if (left === 0) { next(); return; }
    show();
  }
  function toggle() {
    if (endsAt) { left = Math.max(0, endsAt - Date.now()); endsAt = null; clearInterval(ticker); ticker = null; }
    else { endsAt = Date.now() + left; ticker = setInterval(tick, 250); }
    show();
  }
  function next() {
    var running = !!endsAt;
    phase.textContent = "";
    current = (current + 1) % seconds.length;
    if (current === 0) round += 1;
    left = seconds[current] * 1000;
    if (running) endsAt = Date.now() + left;
    show();
  }
  function resetAll() {
    if (ticker) clearInterval(ticker);
    ticker = null; endsAt = null; current = 0; round = 1; left = seconds[0] * 1000;
    show();
  }
  function setLength(k, box) {
    var v = Math.round(parseFloat(box.value) * unit);
    if (!isFinite(v) || v <= 0 || v > 86400) { box.value = seconds[k] / unit; return; }
    seconds[k] = v;
    if (k === current && !endsAt) left = v * 1000;
    show();
  }
  mount(h("div", { "class": "timer" }, [
    h("div", { "class": "countdown-timer" }, [phase, clock, roundText]),
    h("div", { "class": "row" }, [start, reset, skip]),
    h("div", { "class": "timer-intervals" }, inputs)]));
  show();
  ready();
}

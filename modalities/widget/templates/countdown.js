/* Countdown to a moment: days, hours, minutes and seconds, updated every second, with the moment itself written
   out in the reader's own time zone. A date without a time means the start of that day where the reader is. */
(function () {
  var spec = DATA.widget;
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

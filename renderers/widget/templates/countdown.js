/* Countdown to a moment: days, hours, minutes, seconds, updated every second. */
(function () {
  var spec = DATA.widget, labels = DATA.labels;
  var target = new Date(spec.target.length === 10 ? spec.target + "T00:00:00" : spec.target).getTime();
  var names = [labels.days, labels.hours, labels.minutes, labels.seconds];
  var nums = names.map(function () { return h("span", { "class": "n" }); });
  var caption = h("p", { "class": "muted", "aria-live": "polite" });
  function tick() {
    var left = Math.max(0, target - Date.now());
    var parts = [Math.floor(left / 86400000), Math.floor(left / 3600000) % 24, Math.floor(left / 60000) % 60, Math.floor(left / 1000) % 60];
    nums.forEach(function (n, k) { n.textContent = String(parts[k]); });
    caption.textContent = left > 0 ? labels.until.replace("{label}", spec.label) : labels.reached.replace("{label}", spec.label);
  }
  mount(h("div", {}, [h("div", { "class": "countdown", role: "timer" }, nums.map(function (n, k) { return h("div", { "class": "unit" }, [n, h("span", { "class": "muted", text: names[k] })]); })), caption]));
  tick();
  setInterval(tick, 1000);
})();

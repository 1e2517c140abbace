/* Unit or currency converter with rates from the plan. */
(function () {
  var spec = DATA.widget, labels = DATA.labels;
  function options(sel) { return spec.units.map(function (u, k) { return h("option", { value: k, selected: k === sel, text: u.name }); }); }
  var amount = h("input", { type: "number", id: "amount", value: 1, step: "any", oninput: update });
  var from = h("select", { id: "from", "aria-label": labels.from, onchange: update }, options(0));
  var to = h("select", { id: "to", "aria-label": labels.to, onchange: update }, options(1));
  var result = h("output", { "class": "result", "for": "amount from to", "aria-live": "polite" });
  function update() {
    var a = parseFloat(amount.value), f = spec.units[+from.value], t = spec.units[+to.value];
    result.textContent = isNaN(a) ? "—" : formatNumber(a / f.per_base * t.per_base, 4).replace(/\.?0+$/, "") + " " + t.name;
  }
  function swap() { var x = from.value; from.value = to.value; to.value = x; update(); }
  mount(h("div", { "class": "converter card" }, [
    h("div", { "class": "row" }, [h("label", { "for": "amount", text: labels.amount }), amount, from,
      h("button", { type: "button", "class": "secondary", "aria-label": labels.swap, text: "⇄", onclick: swap }), to]),
    result, spec.note ? h("p", { "class": "muted", text: spec.note }) : null]));
  update();
})();

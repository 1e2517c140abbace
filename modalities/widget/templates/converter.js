/* Unit or currency converter with the rates the plan gives: an amount, a unit to convert from and one to convert
   to, the result, the rate it used, and the amount in every other unit. */
(function () {
  var spec = DATA.widget, units = spec.units;
  function options(selected) {
    return units.map(function (u, k) { return h("option", { value: k, selected: k === selected, text: u.name }); });
  }
  var amount = h("input", { type: "number", id: "amount", value: 1, step: "any", inputmode: "decimal", oninput: update });
  var from = h("select", { id: "from", onchange: update }, options(0));
  var to = h("select", { id: "to", onchange: update }, options(1));
  var result = h("output", { "class": "result", id: "result", "for": "amount from to", "aria-live": "polite" });
  var rate = h("p", { "class": "muted small" });
  var othersBody = h("tbody");
  var othersCaption = h("caption");
  var others = h("details", { "class": "others" }, [h("summary", { text: t("every_unit") }),
    h("div", { "class": "table-wrap" }, [h("table", {}, [othersCaption, othersBody])])]);
  others.addEventListener("toggle", reportHeight);

  function convert(a, f, g) { return a / units[f].per_base * units[g].per_base; }
  function update() {
    var a = parseFloat(amount.value), f = +from.value, g = +to.value;
    amount.setAttribute("aria-invalid", isFinite(a) ? "false" : "true");
    result.textContent = isFinite(a) ? formatQuantity(convert(a, f, g)) + " " + units[g].name : "—";
    rate.textContent = t("rate", { from: units[f].name, value: formatQuantity(convert(1, f, g)), to: units[g].name });
    othersCaption.textContent = t("all_units", { amount: isFinite(a) ? formatQuantity(a) : "—", unit: units[f].name });
    othersBody.textContent = "";
    units.forEach(function (u, k) {
      if (k === f) return;
      othersBody.appendChild(h("tr", {}, [h("th", { scope: "row", text: u.name }),
        h("td", { "class": "num", text: isFinite(a) ? formatQuantity(convert(a, f, k)) : "—" })]));
    });
    reportHeight();
  }
  function swap() { var x = from.value; from.value = to.value; to.value = x; update(); }
  function control(id, label, input) { return h("div", { "class": "control" }, [h("label", { "for": id, text: label }), input]); }

  mount(h("div", { "class": "converter card" }, [
    h("div", { "class": "row" }, [
      control("amount", t("amount"), amount), control("from", t("from"), from),
      h("button", { type: "button", "class": "secondary swap", "aria-label": t("swap"), title: t("swap"), text: "⇄", onclick: swap }),
      control("to", t("to"), to)]),
    result, rate, spec.note ? h("p", { "class": "muted small", text: spec.note }) : null, others]));
  update();
  ready();
})();

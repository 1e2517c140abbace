/* Checklist: tick items off; a progress bar and a count say how far along you are. */
(function () {
  var items = DATA.widget.items;
  var bar = h("progress", { max: items.length, value: 0, "aria-labelledby": "progress-label" });
  var status = h("span", { "class": "muted small", id: "progress-label", "aria-live": "polite" });
  var boxes = [];
  function update() {
    var done = boxes.filter(function (b) { return b.checked; }).length;
    bar.value = done;
    status.textContent = t("done", { n: done, total: items.length });
  }
  var list = h("div", { "class": "checklist", role: "group", "aria-labelledby": "w-title" }, items.map(function (it, k) {
    var box = h("input", { type: "checkbox", id: "c" + k, checked: it.done, onchange: update });
    boxes.push(box);
    return h("label", { "for": "c" + k }, [box, h("span", { text: it.text })]);
  }));
  var clear = h("button", { type: "button", "class": "secondary", text: t("uncheck"),
                            onclick: function () { boxes.forEach(function (b) { b.checked = false; }); update(); } });
  mount(h("div", {}, [h("div", { "class": "row spread" }, [status, clear]), h("div", { style: "margin-top:8px" }, [bar]), list]));
  update();
  ready();
})();

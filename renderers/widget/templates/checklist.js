/* Checklist with a progress bar. */
(function () {
  var items = DATA.widget.items, labels = DATA.labels;
  var bar = h("progress", { max: items.length, value: 0, "aria-label": labels.progress });
  var status = h("p", { "class": "muted", "aria-live": "polite" });
  var boxes = [];
  function update() {
    var done = boxes.filter(function (b) { return b.checked; }).length;
    bar.value = done;
    status.textContent = labels.done.replace("{n}", done).replace("{total}", items.length);
  }
  var list = h("div", { "class": "checklist", role: "group", "aria-label": DATA.title }, items.map(function (it, k) {
    var box = h("input", { type: "checkbox", id: "c" + k, checked: it.done, onchange: update });
    boxes.push(box);
    return h("label", { "for": "c" + k }, [box, h("span", { text: it.text })]);
  }));
  mount(h("div", {}, [bar, status, list]));
  update();
})();

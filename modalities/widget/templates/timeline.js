/* A vertical timeline of dated events, in the plan's order. */
(function () {
  mount(h("ol", { "class": "timeline", "aria-labelledby": "w-title" }, DATA.widget.events.map(function (ev) {
    return h("li", {}, [
      h("div", { "class": "date", text: ev.date }),
      h("div", { "class": "title", text: ev.title }),
      ev.detail ? h("div", { "class": "detail", text: ev.detail }) : null
    ]);
  })));
  ready();
})();

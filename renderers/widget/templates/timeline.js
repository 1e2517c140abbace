/* A vertical timeline of dated events. */
(function () {
  mount(h("ol", { "class": "timeline" }, DATA.widget.events.map(function (ev) {
    return h("li", {}, [h("div", { "class": "date", text: ev.date }), h("div", { "class": "title", text: ev.title }), ev.detail ? h("div", { "class": "muted", text: ev.detail }) : null]);
  })));
})();

/* Flashcards: click or press Space to flip; arrows or buttons for next/previous; shuffle. */
(function () {
  var cards = DATA.widget.cards.slice(), labels = DATA.labels, i = 0;
  var front = h("div", { "class": "face front" }), back = h("div", { "class": "face back" });
  var card = h("div", { "class": "flashcard", tabindex: "0", role: "button", "aria-pressed": "false", "aria-label": labels.flip }, [h("div", { "class": "inner" }, [front, back])]);
  var counter = h("span", { "class": "muted", "aria-live": "polite" });
  function show() {
    card.classList.remove("flipped");
    card.setAttribute("aria-pressed", "false");
    front.textContent = cards[i].front;
    back.textContent = cards[i].back;
    counter.textContent = (i + 1) + " / " + cards.length;
  }
  function flip() { card.classList.toggle("flipped"); card.setAttribute("aria-pressed", String(card.classList.contains("flipped"))); }
  function go(d) { i = (i + d + cards.length) % cards.length; show(); }
  function shuffle() { for (var k = cards.length - 1; k > 0; k--) { var j = Math.floor(Math.random() * (k + 1)); var t = cards[k]; cards[k] = cards[j]; cards[j] = t; } i = 0; show(); }
  card.addEventListener("click", flip);
  card.addEventListener("keydown", function (e) {
    if (e.key === " " || e.key === "Enter") { e.preventDefault(); flip(); }
    if (e.key === "ArrowRight") go(1);
    if (e.key === "ArrowLeft") go(-1);
  });
  mount(h("div", {}, [card, h("div", { "class": "row", style: "margin-top:12px;justify-content:space-between" }, [
    h("div", { "class": "row" }, [h("button", { type: "button", "class": "secondary", text: labels.prev, onclick: function () { go(-1); } }),
                                 h("button", { type: "button", text: labels.next, onclick: function () { go(1); } })]),
    counter,
    h("button", { type: "button", "class": "secondary", text: labels.shuffle, onclick: shuffle })])]));
  show();
})();

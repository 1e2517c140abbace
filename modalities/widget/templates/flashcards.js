/* Flashcards: select the card (or press Space or Enter) to flip it; the arrow keys or the buttons move between
   cards; "I knew it" sets a card aside and moves on, until every card is known; Shuffle deals them again.
   Only the side facing the reader is exposed to screen readers, and each flip is announced. */
(function () {
  var deck = DATA.widget.cards.map(function (c, i) { return { front: c.front, back: c.back, id: i }; });
  var known = {};
  var i = 0, flipped = false;

  var frontText = h("span", { "class": "text" }), backText = h("span", { "class": "text" });
  var front = h("span", { "class": "face front" }, [h("span", { "class": "side", "aria-hidden": "true", text: t("front") }), frontText]);
  var back = h("span", { "class": "face back", "aria-hidden": "true" }, [h("span", { "class": "side", "aria-hidden": "true", text: t("back") }), backText]);
  var card = h("button", { type: "button", "class": "flashcard", "aria-describedby": "cards-keys", onclick: flip },
               [h("span", { "class": "inner" }, [front, back])]);
  var counter = h("span", { "class": "muted small", "aria-live": "polite" });
  var knownCount = h("span", { "class": "muted small" });
  var announce = h("p", { "class": "sr-only", "aria-live": "polite" });
  var prevBtn = h("button", { type: "button", "class": "secondary", text: "‹ " + t("prev"), onclick: function () { go(-1); } });
  var nextBtn = h("button", { type: "button", "class": "secondary", text: t("next") + " ›", onclick: function () { go(1); } });
  var flipBtn = h("button", { type: "button", "class": "secondary", text: t("show_back"), onclick: flip });
  var knewBtn = h("button", { type: "button", text: "✓ " + t("known"), onclick: markKnown });
  var shuffleBtn = h("button", { type: "button", "class": "secondary", text: "⤮ " + t("shuffle"), onclick: shuffle });
  var playing = h("div", {}, [
    card,
    h("div", { "class": "row spread cards-bar" }, [h("div", { "class": "row" }, [prevBtn, flipBtn, nextBtn]), h("div", { "class": "row" }, [knewBtn, shuffleBtn])]),
    h("div", { "class": "row spread cards-bar" }, [counter, knownCount]),
    h("p", { "class": "sr-only", id: "cards-keys", text: t("keys") }), announce
  ]);
  var again = h("button", { type: "button", text: t("again"), onclick: restart });
  var finished = h("div", { "class": "finished card", hidden: true }, [h("p", { "class": "score", text: t("all_known", { total: deck.length }) }), again]);

  function remaining() { return deck.filter(function (c) { return !known[c.id]; }).length; }
  function show() {
    var c = deck[i];
    flipped = false;
    card.classList.remove("flipped");
    card.classList.toggle("known", !!known[c.id]);
    frontText.textContent = c.front;
    backText.textContent = c.back;
    front.removeAttribute("aria-hidden");
    back.setAttribute("aria-hidden", "true");
    card.setAttribute("aria-label", t("flip") + ": " + c.front);
    flipBtn.textContent = t("show_back");
    counter.textContent = t("card", { n: i + 1, total: deck.length });
    knownCount.textContent = t("known_count", { n: deck.length - remaining() });
    reportHeight();
  }
  function flip() {
    flipped = !flipped;
    card.classList.toggle("flipped", flipped);
    front.setAttribute("aria-hidden", String(flipped));
    back.setAttribute("aria-hidden", String(!flipped));
    var c = deck[i];
    card.setAttribute("aria-label", t("flip") + ": " + (flipped ? c.back : c.front));
    flipBtn.textContent = flipped ? t("show_front") : t("show_back");
    announce.textContent = (flipped ? t("back") : t("front")) + ": " + (flipped ? c.back : c.front);
  }
  /* Moves by d, skipping cards already known. */
  function go(d) {
    if (!remaining()) return;
    do { i = (i + d + deck.length) % deck.length; } while (known[deck[i].id]);
    show();
  }
  function markKnown() {
    known[deck[i].id] = true;
    if (!remaining()) { playing.hidden = true; finished.hidden = false; again.focus(); reportHeight(); return; }
    go(1);
  }
  function shuffle() {
    for (var k = deck.length - 1; k > 0; k--) { var j = Math.floor(Math.random() * (k + 1)); var x = deck[k]; deck[k] = deck[j]; deck[j] = x; }
    i = -1;
    go(1);
  }
  function restart() { known = {}; playing.hidden = false; finished.hidden = true; i = 0; show(); card.focus(); }

  playing.addEventListener("keydown", function (e) {
    if (e.target.tagName === "INPUT") return;
    if (e.key === "ArrowRight") { e.preventDefault(); go(1); }
    else if (e.key === "ArrowLeft") { e.preventDefault(); go(-1); }
  });
  mount(h("div", {}, [playing, finished]));
  show();
  ready();
})();

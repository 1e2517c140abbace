/* Multiple-choice quiz: pick answers, check, see the score and an explanation per question. */
(function () {
  var qs = DATA.widget.questions, labels = DATA.labels;
  var score = h("p", { "class": "score", "aria-live": "polite" });
  var blocks = qs.map(function (q, qi) {
    var feedback = h("p", { "class": "feedback", "aria-live": "polite" });
    var options = q.options.map(function (opt, oi) {
      var id = "q" + qi + "o" + oi;
      return h("label", { "class": "option", "for": id }, [h("input", { type: "radio", id: id, name: "q" + qi, value: oi }), h("span", { text: opt })]);
    });
    return { q: q, feedback: feedback, options: options,
             node: h("div", { "class": "question card" }, [h("fieldset", {}, [h("legend", { text: (qi + 1) + ". " + q.question })].concat(options)), feedback]) };
  });
  function check() {
    var right = 0;
    blocks.forEach(function (b, qi) {
      var picked = document.querySelector('input[name="q' + qi + '"]:checked');
      b.options.forEach(function (o, oi) { o.classList.remove("correct", "wrong"); if (oi === b.q.answer) o.classList.add("correct"); });
      if (picked && +picked.value === b.q.answer) { right++; b.feedback.textContent = labels.correct + (b.q.explanation ? " " + b.q.explanation : ""); }
      else {
        if (picked) b.options[+picked.value].classList.add("wrong");
        b.feedback.textContent = (picked ? labels.wrong : labels.unanswered) + " " + labels.answer + ": " + b.q.options[b.q.answer] + (b.q.explanation ? ". " + b.q.explanation : "");
      }
    });
    score.textContent = labels.score.replace("{n}", right).replace("{total}", qs.length);
    reportHeight();
  }
  function reset() {
    blocks.forEach(function (b) { b.options.forEach(function (o) { o.classList.remove("correct", "wrong"); o.querySelector("input").checked = false; }); b.feedback.textContent = ""; });
    score.textContent = "";
    reportHeight();
  }
  mount(h("div", {}, blocks.map(function (b) { return b.node; }).concat([
    h("div", { "class": "row" }, [h("button", { type: "button", text: labels.check, onclick: check }), h("button", { type: "button", "class": "secondary", text: labels.reset, onclick: reset })]),
    score])));
})();

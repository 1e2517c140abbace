/* Multiple-choice quiz: pick an answer per question, check them all at once, read the score and the reason for
   each answer; "Try again" clears everything. Right and wrong are said in words and marks, not by colour alone. */
(function () {
  var qs = DATA.widget.questions;
  var checked = false;
  var progress = h("p", { "class": "muted small", "aria-live": "polite" });
  var score = h("p", { "class": "score", tabindex: "-1", "aria-live": "polite" });

  var blocks = qs.map(function (q, qi) {
    var feedback = h("p", { "class": "feedback", id: "q" + qi + "-feedback" });
    var inputs = [];
    var options = q.options.map(function (text, oi) {
      var input = h("input", { type: "radio", id: "q" + qi + "o" + oi, name: "q" + qi, value: oi, onchange: update });
      inputs.push(input);
      return h("label", { "class": "option", "for": "q" + qi + "o" + oi }, [input, h("span", { text: text })]);
    });
    var legend = h("legend", {}, [h("span", { "class": "sr-only", text: t("question", { n: qi + 1 }) + ": " }),
                                  h("span", { "aria-hidden": "true", text: (qi + 1) + ". " }), q.question]);
    var node = h("div", { "class": "question card" }, [
      h("fieldset", { "aria-describedby": "q" + qi + "-feedback" }, [legend].concat(options)), feedback]);
    return { q: q, inputs: inputs, options: options, feedback: feedback, node: node };
  });

  function picked(b) {
    for (var k = 0; k < b.inputs.length; k++) if (b.inputs[k].checked) return k;
    return -1;
  }
  function update() {
    var n = blocks.filter(function (b) { return picked(b) >= 0; }).length;
    progress.textContent = t("answered", { n: n, total: qs.length });
  }
  function check() {
    var right = 0;
    blocks.forEach(function (b) {
      var choice = picked(b), good = choice === b.q.answer;
      if (good) right++;
      b.options.forEach(function (o, oi) {
        o.classList.toggle("correct", oi === b.q.answer);
        o.classList.toggle("wrong", oi === choice && !good);
      });
      b.inputs.forEach(function (i) { i.disabled = true; });
      b.feedback.className = "feedback " + (good ? "good" : "bad");
      b.feedback.textContent = "";
      b.feedback.appendChild(h("strong", { text: good ? t("correct") : choice < 0 ? t("unanswered") : t("wrong") }));
      var why = (good ? "" : " " + t("answer", { answer: b.q.options[b.q.answer] })) + (b.q.explanation ? " " + b.q.explanation : "");
      if (why) b.feedback.appendChild(h("span", { "class": "why", text: why }));
    });
    score.textContent = t("score", { n: right, total: qs.length });
    checked = true;
    action.textContent = t("retry");
    score.focus();
    reportHeight();
  }
  function retry() {
    blocks.forEach(function (b) {
      b.inputs.forEach(function (i) { i.checked = false; i.disabled = false; });
      b.options.forEach(function (o) { o.classList.remove("correct", "wrong"); });
      b.feedback.textContent = "";
      b.feedback.className = "feedback";
    });
    score.textContent = "";
    checked = false;
    action.textContent = t("check");
    update();
    blocks[0].inputs[0].focus();
    reportHeight();
  }
  var action = h("button", { type: "button", text: t("check"), onclick: function () { if (checked) retry(); else check(); } });

  mount(h("div", {}, [progress].concat(blocks.map(function (b) { return b.node; }), [h("div", { "class": "row" }, [action]), score])));
  update();
  ready();
})();

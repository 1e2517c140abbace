/* Calculator: named inputs (a slider and a number box when the plan gives a range), outputs recomputed on every
   change from formulas in a small arithmetic language. Formulas are model-written, so they are parsed and
   evaluated here by a tiny interpreter, the same grammar as renderers/plan/formula.py; never eval or Function. */
(function () {
  var spec = DATA.widget;
  var has = Object.prototype.hasOwnProperty;
  var FUNCS = {
    min: Math.min, max: Math.max, floor: Math.floor, ceil: Math.ceil, abs: Math.abs,
    exp: function (x) { return Math.exp(Math.min(x, 700)); },
    sqrt: function (x) { return x < 0 ? NaN : Math.sqrt(x); },
    pow: Math.pow,
    round: function (x, d) { var f = Math.pow(10, Math.max(-12, Math.min(12, Math.trunc(d || 0)))); return Math.sign(x) * Math.round(Math.abs(x) * f) / f; },
    log: function (x, b) { return b === undefined ? Math.log(x) : Math.log(x) / Math.log(b); }
  };

  function tokenize(src) {
    var re = /\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+)|([A-Za-z_][A-Za-z0-9_]*)|(<=|>=|==|!=|[-+*\/%^(),<>]))/y, out = [], m;
    src = src.replace(/\s+$/, "");
    while (re.lastIndex < src.length) {
      var at = re.lastIndex;
      m = re.exec(src);
      if (!m || re.lastIndex === at) throw new Error("unexpected character at " + (at + 1));
      out.push(m[1] || m[2] || m[3]);
    }
    return out;
  }
  function parse(src) {
    var tokens = tokenize(src), i = 0;
    function peek() { return tokens[i]; }
    function take(x) { var tok = tokens[i++]; if (x !== undefined && tok !== x) throw new Error("expected " + x); return tok; }
    function expr() { var l = sum(); if (["<", "<=", ">", ">=", "==", "!="].indexOf(peek()) >= 0) { var op = take(); l = { op: op, a: l, b: sum() }; } return l; }
    function sum() { var l = product(); while (peek() === "+" || peek() === "-") { var op = take(); l = { op: op, a: l, b: product() }; } return l; }
    function product() { var l = power(); while (peek() === "*" || peek() === "/" || peek() === "%") { var op = take(); l = { op: op, a: l, b: power() }; } return l; }
    function power() { var b = unary(); if (peek() === "^") { take(); return { op: "^", a: b, b: power() }; } return b; }
    function unary() { if (peek() === "-") { take(); return { op: "neg", a: unary() }; } if (peek() === "+") { take(); return unary(); } return atom(); }
    function atom() {
      var tok = peek();
      if (tok === undefined) throw new Error("the formula ends too early");
      if (tok === "(") { take(); var e = expr(); take(")"); return e; }
      if (/^[\d.]/.test(tok)) { take(); return { op: "num", v: parseFloat(tok) }; }
      if (!/^[A-Za-z_]/.test(tok)) throw new Error("unexpected " + tok);
      take();
      if (peek() === "(") {
        if (tok !== "if" && !has.call(FUNCS, tok)) throw new Error("unknown function " + tok);
        take("(");
        var args = [expr()];
        while (peek() === ",") { take(); args.push(expr()); }
        take(")");
        return { op: "call", f: tok, args: args };
      }
      return { op: "name", v: tok };
    }
    var tree = expr();
    if (i < tokens.length) throw new Error("unexpected " + tokens[i]);
    return tree;
  }
  function evaluate(n, env) {
    switch (n.op) {
      case "num": return n.v;
      case "name": return has.call(env, n.v) ? env[n.v] : NaN;
      case "neg": return -evaluate(n.a, env);
      case "call":
        if (n.f === "if") return evaluate(n.args[0], env) ? evaluate(n.args[1], env) : evaluate(n.args[2], env);
        return FUNCS[n.f].apply(null, n.args.map(function (a) { return evaluate(a, env); }));
    }
    var a = evaluate(n.a, env), b = evaluate(n.b, env);
    switch (n.op) {
      case "+": return a + b;
      case "-": return a - b;
      case "*": return a * b;
      case "/": return b === 0 ? NaN : a / b;
      case "%": return b === 0 ? NaN : a % b;
      case "^": return Math.pow(a, b);
      case "<": return +(a < b);
      case "<=": return +(a <= b);
      case ">": return +(a > b);
      case ">=": return +(a >= b);
      case "==": return +(a === b);
      case "!=": return +(a !== b);
    }
    return NaN;
  }

  var trees = spec.outputs.map(function (o) { try { return parse(o.formula); } catch (e) { return null; } });
  var boxes = {}, outs = {};

  function decimalsOf(x) { var f = String(x).split(".")[1]; return f ? Math.min(f.length, 6) : 0; }
  function rangeText(inp) {
    var d = Math.max(decimalsOf(inp.min), decimalsOf(inp.max));
    return t("range", { min: formatNumber(inp.min, d), max: formatNumber(inp.max, d) });
  }

  var fields = spec.inputs.map(function (inp) {
    var id = "in-" + inp.name, hintId = id + "-hint", errorId = id + "-error";
    var ranged = inp.min !== null && inp.max !== null;
    var slider = null;
    var box = h("input", {
      id: id, type: "number", inputmode: "decimal", value: inp.default, step: inp.step || "any", min: inp.min, max: inp.max,
      "data-name": inp.name, "aria-describedby": (ranged ? hintId + " " : "") + errorId,
      oninput: function () { if (slider && box.value !== "" && isFinite(+box.value)) slider.value = box.value; recompute(); }
    });
    if (ranged) {
      slider = h("input", {
        type: "range", min: inp.min, max: inp.max, step: inp.step || (inp.max - inp.min) / 100, value: inp.default,
        "aria-label": inp.label, "aria-describedby": hintId, tabindex: "-1",
        oninput: function () { box.value = slider.value; recompute(); }
      });
    }
    var error = h("div", { "class": "error", id: errorId, "aria-live": "polite" });
    boxes[inp.name] = { box: box, error: error, spec: inp };
    return h("div", { "class": "field" }, [
      h("label", { "for": id, text: inp.label }),
      h("div", { "class": "inputs" }, [slider, box, inp.unit ? h("span", { "class": "unit", text: inp.unit }) : null]),
      ranged ? h("div", { "class": "hint", id: hintId, text: rangeText(inp) }) : null,
      error
    ]);
  });

  var outputs = spec.outputs.map(function (o) {
    var value = h("output", { "class": "value", id: "out-" + o.name, "data-name": o.name,
                              "for": spec.inputs.map(function (i) { return "in-" + i.name; }).join(" ") });
    outs[o.name] = value;
    return h("div", { "class": "output" }, [
      h("label", { "for": "out-" + o.name, text: o.label }),
      h("span", {}, [value, o.unit ? h("span", { "class": "unit", text: o.unit }) : null])
    ]);
  });

  function readInput(name) {
    var entry = boxes[name], inp = entry.spec, raw = entry.box.value.trim(), v = parseFloat(raw);
    var message = "";
    if (raw === "" || !isFinite(v)) { message = t("not_number"); v = NaN; }
    else if ((inp.min !== null && v < inp.min) || (inp.max !== null && v > inp.max)) {
      var d = Math.max(decimalsOf(inp.min), decimalsOf(inp.max));
      message = inp.min !== null && inp.max !== null ? t("out_of_range", { min: formatNumber(inp.min, d), max: formatNumber(inp.max, d) }) : "";
    }
    entry.error.textContent = message;
    entry.box.setAttribute("aria-invalid", message ? "true" : "false");
    return v;
  }
  function recompute() {
    var env = {};
    spec.inputs.forEach(function (inp) { env[inp.name] = readInput(inp.name); });
    spec.outputs.forEach(function (o, k) {
      var v = NaN;
      try { if (trees[k]) v = evaluate(trees[k], env); } catch (e) { v = NaN; }
      env[o.name] = v;
      outs[o.name].textContent = formatNumber(v, o.decimals);
    });
    reportHeight();
  }
  function reset() {
    spec.inputs.forEach(function (inp) {
      boxes[inp.name].box.value = inp.default;
      var slider = boxes[inp.name].box.parentNode.querySelector("input[type=range]");
      if (slider) slider.value = inp.default;
    });
    recompute();
  }

  var labelOf = {};
  spec.inputs.concat(spec.outputs).forEach(function (x) { labelOf[x.name] = x.label; });
  var how = h("details", {}, [h("summary", { text: t("how") }), h("ul", { "class": "formulas" }, spec.outputs.map(function (o) {
    return h("li", {}, [o.label + " = ", h("code", { text: o.formula })]);
  }))]);
  how.addEventListener("toggle", reportHeight);

  mount(h("div", { "class": "calc" }, [
    h("form", { "class": "card", novalidate: true, onsubmit: function (e) { e.preventDefault(); } }, fields.concat([
      h("div", { "class": "row", style: "margin-top:14px" }, [h("button", { type: "button", "class": "secondary", text: t("reset"), onclick: reset })])
    ])),
    h("section", { "class": "card", "aria-label": t("results") }, [h("div", { role: "status", "aria-live": "polite", "aria-atomic": "false" }, outputs), how])
  ]));
  recompute();
  ready();
})();

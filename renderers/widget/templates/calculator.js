/* Calculator: outputs recomputed from the inputs with a small formula evaluator (no eval, no Function). */
(function () {
  var spec = DATA.widget;
  var FUNCS = {
    min: Math.min, max: Math.max, floor: Math.floor, ceil: Math.ceil, abs: Math.abs, exp: Math.exp,
    sqrt: function (x) { return x < 0 ? NaN : Math.sqrt(x); }, pow: Math.pow,
    round: function (x, d) { var f = Math.pow(10, d || 0); return Math.round(x * f) / f; },
    log: function (x, b) { return b === undefined ? Math.log(x) : Math.log(x) / Math.log(b); }
  };
  function tokenize(src) {
    var re = /\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+)|([A-Za-z_][A-Za-z0-9_]*)|(<=|>=|==|!=|[-+*\/%^(),<>]))/y, out = [], m;
    src = src.replace(/\s+$/, "");
    re.lastIndex = 0;
    while (re.lastIndex < src.length) {
      var at = re.lastIndex;
      m = re.exec(src);
      if (!m || re.lastIndex === at) throw new Error("bad character at " + (at + 1));
      out.push(m[1] || m[2] || m[3]);
    }
    return out;
  }
  function parse(src) {
    var t = tokenize(src), i = 0;
    function peek() { return t[i]; }
    function take(x) { var v = t[i++]; if (x !== undefined && v !== x) throw new Error("expected " + x); return v; }
    function expr() { var l = sum(); if (["<", "<=", ">", ">=", "==", "!="].indexOf(peek()) >= 0) { var op = take(); l = { op: op, a: l, b: sum() }; } return l; }
    function sum() { var l = product(); while (peek() === "+" || peek() === "-") { var op = take(); l = { op: op, a: l, b: product() }; } return l; }
    function product() { var l = power(); while (peek() === "*" || peek() === "/" || peek() === "%") { var op = take(); l = { op: op, a: l, b: power() }; } return l; }
    function power() { var b = unary(); if (peek() === "^") { take(); return { op: "^", a: b, b: power() }; } return b; }
    function unary() { if (peek() === "-") { take(); return { op: "neg", a: unary() }; } if (peek() === "+") { take(); return unary(); } return atom(); }
    function atom() {
      var tok = peek();
      if (tok === undefined) throw new Error("unexpected end");
      if (tok === "(") { take(); var e = expr(); take(")"); return e; }
      if (/^[\d.]/.test(tok)) { take(); return { op: "num", v: parseFloat(tok) }; }
      take();
      if (peek() === "(") {
        if (tok !== "if" && !Object.prototype.hasOwnProperty.call(FUNCS, tok)) throw new Error("unknown function " + tok);
        take("("); var args = [expr()]; while (peek() === ",") { take(); args.push(expr()); } take(")");
        return { op: "call", f: tok, args: args };
      }
      return { op: "name", v: tok };
    }
    var tree = expr();
    if (i < t.length) throw new Error("unexpected " + t[i]);
    return tree;
  }
  function evaluate(n, env) {
    switch (n.op) {
      case "num": return n.v;
      case "name": return Object.prototype.hasOwnProperty.call(env, n.v) ? env[n.v] : NaN;
      case "neg": return -evaluate(n.a, env);
      case "call":
        if (n.f === "if") return evaluate(n.args[0], env) ? evaluate(n.args[1], env) : evaluate(n.args[2], env);
        return FUNCS[n.f].apply(null, n.args.map(function (a) { return evaluate(a, env); }));
    }
    var a = evaluate(n.a, env), b = evaluate(n.b, env);
    switch (n.op) {
      case "+": return a + b; case "-": return a - b; case "*": return a * b;
      case "/": return b === 0 ? NaN : a / b; case "%": return b === 0 ? NaN : a % b; case "^": return Math.pow(a, b);
      case "<": return +(a < b); case "<=": return +(a <= b); case ">": return +(a > b); case ">=": return +(a >= b);
      case "==": return +(a === b); case "!=": return +(a !== b);
    }
    return NaN;
  }
  var trees = spec.outputs.map(function (o) { return parse(o.formula); });
  var controls = {}, outs = {};
  var inputs = spec.inputs.map(function (inp) {
    var id = "in-" + inp.name;
    var attrs = { id: id, type: "number", value: inp.default, step: inp.step || "any", min: inp.min, max: inp.max,
                  "data-name": inp.name, oninput: function (e) { if (slider) slider.value = e.target.value; recompute(); } };
    var number = h("input", attrs);
    var slider = null;
    if (inp.min !== null && inp.max !== null) {
      slider = h("input", { type: "range", min: inp.min, max: inp.max, step: inp.step || (inp.max - inp.min) / 100, value: inp.default,
                            "aria-label": inp.label, oninput: function (e) { number.value = e.target.value; recompute(); } });
    }
    controls[inp.name] = number;
    return h("div", { "class": "field" }, [
      h("label", { "for": id, text: inp.label + (inp.unit ? " (" + inp.unit + ")" : "") }),
      h("div", { "class": "inputs" }, [slider, number])
    ]);
  });
  var outputs = spec.outputs.map(function (o) {
    var value = h("output", { "class": "value", "for": Object.keys(controls).map(function (k) { return "in-" + k; }).join(" "), "data-name": o.name });
    outs[o.name] = value;
    return h("div", { "class": "output" }, [h("span", { text: o.label }), h("span", {}, [value, o.unit ? " " + o.unit : ""])]);
  });
  function recompute() {
    var env = {};
    spec.inputs.forEach(function (inp) { var v = parseFloat(controls[inp.name].value); env[inp.name] = isNaN(v) ? inp.default : v; });
    spec.outputs.forEach(function (o, k) {
      var v;
      try { v = evaluate(trees[k], env); } catch (e) { v = NaN; }
      env[o.name] = v;
      outs[o.name].textContent = formatNumber(v, o.decimals);
    });
  }
  mount(h("div", { "class": "calc" }, [h("form", { "class": "card", onsubmit: function (e) { e.preventDefault(); } }, inputs),
                                        h("section", { "class": "card", "aria-live": "polite", "aria-label": DATA.labels.results }, outputs)]));
  recompute();
})();

"""The calculator widget's formula language: arithmetic, comparisons and a few functions, nothing else.

Formulas are written by models, so they are never `eval`-ed anywhere: this module parses them into a small tree
(to validate a plan and compute values on the server), and the widget's page carries an evaluator for the same
grammar written without `eval` or `Function`.

    expr    := compare
    compare := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)?
    sum     := product (("+" | "-") product)*
    product := power (("*" | "/" | "%") power)*
    power   := unary ("^" power)?
    unary   := "-" unary | "+" unary | atom
    atom    := number | name | name "(" args ")" | "(" expr ")"
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

FUNCTIONS: dict[str, tuple[int, int]] = {  # name -> (min args, max args)
    "min": (1, 20),
    "max": (1, 20),
    "round": (1, 2),
    "floor": (1, 1),
    "ceil": (1, 1),
    "abs": (1, 1),
    "sqrt": (1, 1),
    "pow": (2, 2),
    "log": (1, 2),
    "exp": (1, 1),
    "if": (3, 3),
}

_TOKEN = re.compile(r"\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+)|([A-Za-z_][A-Za-z0-9_]*)|(<=|>=|==|!=|[-+*/%^(),<>]))")


class FormulaError(ValueError):
    pass


@dataclass(frozen=True)
class Node:
    op: str  # "num", "name", "call", "neg", or a binary operator
    args: tuple = ()
    value: float | str | None = None


def tokenize(src: str) -> list[str]:
    tokens, pos = [], 0
    src = src.rstrip()
    while pos < len(src):
        m = _TOKEN.match(src, pos)
        if not m or m.end() == pos:
            raise FormulaError(f"unexpected character '{src[pos:].strip()[:1]}' at position {pos + 1}")
        tokens.append(next(g for g in m.groups() if g is not None))
        pos = m.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[str]):
        self.t = tokens
        self.i = 0

    def peek(self) -> str | None:
        return self.t[self.i] if self.i < len(self.t) else None

    def take(self, expected: str | None = None) -> str:
        tok = self.peek()
        if tok is None or (expected is not None and tok != expected):
            raise FormulaError(f"expected '{expected}'" + (f" but found '{tok}'" if tok else " at the end"))
        self.i += 1
        return tok

    def expr(self) -> Node:
        left = self.sum()
        if self.peek() in ("<", "<=", ">", ">=", "==", "!="):
            op = self.take()
            left = Node(op, (left, self.sum()))
        return left

    def sum(self) -> Node:
        left = self.product()
        while self.peek() in ("+", "-"):
            op = self.take()
            left = Node(op, (left, self.product()))
        return left

    def product(self) -> Node:
        left = self.power()
        while self.peek() in ("*", "/", "%"):
            op = self.take()
            left = Node(op, (left, self.power()))
        return left

    def power(self) -> Node:
        base = self.unary()
        if self.peek() == "^":
            self.take()
            return Node("^", (base, self.power()))
        return base

    def unary(self) -> Node:
        if self.peek() == "-":
            self.take()
            return Node("neg", (self.unary(),))
        if self.peek() == "+":
            self.take()
            return self.unary()
        return self.atom()

    def atom(self) -> Node:
        tok = self.peek()
        if tok is None:
            raise FormulaError("the formula ends too early")
        if tok == "(":
            self.take()
            inner = self.expr()
            self.take(")")
            return inner
        if tok[0].isdigit() or tok[0] == ".":
            self.take()
            return Node("num", value=float(tok))
        if tok[0].isalpha() or tok[0] == "_":
            self.take()
            if self.peek() == "(":
                if tok not in FUNCTIONS:
                    raise FormulaError(f"unknown function '{tok}'; known: {', '.join(FUNCTIONS)}")
                self.take("(")
                args = [self.expr()]
                while self.peek() == ",":
                    self.take()
                    args.append(self.expr())
                self.take(")")
                lo, hi = FUNCTIONS[tok]
                if not lo <= len(args) <= hi:
                    raise FormulaError(f"{tok}() takes {lo}" + (f" to {hi}" if hi != lo else "") + " arguments")
                return Node("call", tuple(args), tok)
            return Node("name", value=tok)
        raise FormulaError(f"unexpected '{tok}'")


def parse(src: str) -> Node:
    tokens = tokenize(src)
    if not tokens:
        raise FormulaError("the formula is empty")
    parser = _Parser(tokens)
    node = parser.expr()
    if parser.peek() is not None:
        raise FormulaError(f"unexpected '{parser.peek()}' after the end of the expression")
    return node


def names(node: Node) -> set[str]:
    if node.op == "name":
        return {str(node.value)}
    out: set[str] = set()
    for a in node.args:
        out |= names(a)
    return out


_BINARY: dict[str, Callable[[float, float], float]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b if b else math.nan,
    "%": lambda a, b: math.fmod(a, b) if b else math.nan,
    "^": lambda a, b: _safe_pow(a, b),
    "<": lambda a, b: float(a < b),
    "<=": lambda a, b: float(a <= b),
    ">": lambda a, b: float(a > b),
    ">=": lambda a, b: float(a >= b),
    "==": lambda a, b: float(a == b),
    "!=": lambda a, b: float(a != b),
}


def _safe_pow(a: float, b: float) -> float:
    try:
        result = math.pow(a, b)
    except (OverflowError, ValueError):
        return math.nan
    return result


def _call(name: str, args: list[float]) -> float:
    try:
        if name == "min":
            return min(args)
        if name == "max":
            return max(args)
        if name == "round":
            digits = int(args[1]) if len(args) > 1 else 0
            return round(args[0], max(min(digits, 12), -12))
        if name == "floor":
            return float(math.floor(args[0]))
        if name == "ceil":
            return float(math.ceil(args[0]))
        if name == "abs":
            return abs(args[0])
        if name == "sqrt":
            return math.sqrt(args[0]) if args[0] >= 0 else math.nan
        if name == "pow":
            return _safe_pow(args[0], args[1])
        if name == "log":
            return math.log(args[0], args[1]) if len(args) > 1 else math.log(args[0])
        if name == "exp":
            return math.exp(min(args[0], 700))
        if name == "if":
            return args[1] if args[0] else args[2]
    except (ValueError, ZeroDivisionError, OverflowError):
        return math.nan
    raise FormulaError(f"unknown function '{name}'")


def evaluate(node: Node, env: dict[str, float]) -> float:
    if node.op == "num" and node.value is not None:  # a number's node always holds it
        return float(node.value)
    if node.op == "name":
        if node.value not in env:
            raise FormulaError(f"unknown name '{node.value}'")
        return env[str(node.value)]
    if node.op == "neg":
        return -evaluate(node.args[0], env)
    if node.op == "call":
        return _call(str(node.value), [evaluate(a, env) for a in node.args])
    a, b = (evaluate(x, env) for x in node.args)
    return _BINARY[node.op](a, b)

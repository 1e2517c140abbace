"""Processes with conditions, read into a flow: steps, decisions with labelled branches, and loops back.

"If CI fails, the developer pushes a fix and CI runs again" is no straight step: it is a decision ("CI fails?")
whose "yes" branch does something and goes back to the step that runs CI. This module reads such sentences in
English (if / otherwise / unless / in which case, again / another) and Chinese (如果 / 若 / 則 / 否則 / 除非, 回到 /
重新), in steps that are numbered items or paragraphs, into a small graph that a whiteboard draws as a flowchart.
Every label is the source's own words: a condition becomes the decision's question, the branches keep their clauses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CJK = re.compile(r"[\u3400-\u9fff]")

# Conditional sentences. Each pattern gives the condition (c), what happens when it holds (a) and, when the
# sentence says, what happens otherwise (b). `negated` patterns (unless) swap the branches.
_IF_EN = re.compile(
    r"^(?:if|when(?:ever)?|in case)\s+(?P<c>.+?)(?:,\s*(?:then\s+)?|\s+then\s+)(?P<a>.+?)"
    r"(?:\s*[;,]\s*(?:otherwise|else|if not)\s*,?\s*(?P<b>.+))?$", re.IGNORECASE)
_IF_EN_BARE = re.compile(r"^(?:if)\s+(?P<rest>.+)$", re.IGNORECASE)
_UNLESS_FIRST_EN = re.compile(r"^unless\s+(?P<c>.+?),\s*(?P<a>.+)$", re.IGNORECASE)
_UNLESS_AFTER_EN = re.compile(r"^(?P<a>.+?),?\s+unless\s+(?P<c>.+?)(?:,\s*in which case\s*,?\s*(?P<b>.+))?$",
                              re.IGNORECASE)
_OTHERWISE_EN = re.compile(r"^(?P<a>.+?)\s*[;,]\s*otherwise\s*,?\s*(?P<b>.+)$", re.IGNORECASE)
_ELSE_EN = re.compile(r"^(?:otherwise|else|if not)\s*,?\s*(?P<b>.+)$", re.IGNORECASE)
_C = r"(?:，|(?<!\d),|,(?!\d))"  # a comma, but not one between digits ("5,000")
_IF_ZH = re.compile(rf"^(?:如果|若|假如|要是|倘若)(?P<c>.+?)(?:的話)?(?:\s*{_C}\s*(?:就|則|便)?|則|就)(?P<a>.+?)"
                    rf"(?:\s*(?:[；;]|{_C})\s*(?:否則|不然|反之)\s*{_C}?(?P<b>.+))?$")
_UNLESS_ZH = re.compile(rf"^除非(?P<c>.+?)\s*{_C}\s*(?P<a>.+)$")
_OTHERWISE_ZH = re.compile(rf"^(?P<a>.+?)\s*(?:[；;]|{_C})\s*(?:否則|不然)\s*{_C}?(?P<b>.+)$")
_ELSE_ZH = re.compile(rf"^(?:否則|不然|反之)\s*{_C}?(?P<b>.+)$")
# A branch that only moves on to the next step ("直接進入主管審核", "go straight to review"): no step of its own.
_MOVE_ON = re.compile(r"^(?:直接)?(?:進入|前往|跳到|跳至|進到)|"
                      r"^(?:then\s+)?(?:go(?:es)?|proceeds?|moves?|skips?|passes)\s+(?:straight\s+|directly\s+|on\s+)?to\b",
                      re.IGNORECASE)
CONDITION_WORDS = re.compile(r"\b(?:if|unless|otherwise)\b|如果|若|否則|除非|假如|要是|倘若", re.IGNORECASE)

# Where a branch goes back: "CI runs again", "asks for another review", "回到主管審核", "重新送出".
_LOOP_EN = re.compile(r"\b(?:again|another|once more|back to)\b", re.IGNORECASE)
_LOOP_ZH = re.compile(r"回到|返回|重回|再次|重新")
_LEADING = re.compile(r"^(?:first(?:ly)?|then|next|after that|finally|lastly|last|second(?:ly)?|third(?:ly)?)\s*,\s*|"
                      r"^(?:首先|接著|然後|之後|最後|其次)\s*[，,]?\s*", re.IGNORECASE)
_SUBJECT_START = re.compile(r"\s(?=(?:a|an|the|we|you|they|it|he|she|someone|our|their|his|her|my|your)\s)",
                            re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])|(?<=[。！？])")
_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|ext|etc|vs|no|approx|dept|Mr|Ms|Dr)\.$", re.IGNORECASE)
_INTRO = re.compile(r"\bfollows? (?:these|the following|the) steps\b|\bas follows\b|下列步驟|以下步驟|步驟如下",
                    re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_STOP = frozenset("the and for with that this from into then again another once more back asks ask are was were has "
                  "have had its their our his her you they when will would".split())


@dataclass
class FlowNode:
    id: str
    label: str
    kind: str = "step"  # step, decision or terminal


@dataclass
class FlowEdge:
    source: str
    target: str
    label: str | None = None


@dataclass
class Flow:
    nodes: list[FlowNode] = field(default_factory=list)
    edges: list[FlowEdge] = field(default_factory=list)

    @property
    def decisions(self) -> int:
        return sum(n.kind == "decision" for n in self.nodes)


def is_zh(text: str) -> bool:
    return len(_CJK.findall(text)) > 0.3 * max(1, len(text.replace(" ", "")))


def has_conditions(steps: list[str]) -> bool:
    return any(CONDITION_WORDS.search(s) for s in steps)


def is_intro(paragraph: str) -> bool:
    """A sentence that announces the steps ("… follows these steps.", "請依下列步驟…") rather than being one."""
    return bool(_INTRO.search(paragraph))


def numbered_steps(content: str) -> list[str]:
    """The numbered items of a text, each with its continuation lines ("4. … asks\n   for another review.")."""
    steps: list[str] = []
    open_item = False  # the last line belonged to a numbered item, so an indented line continues it
    for line in content.splitlines():
        m = re.match(r"^\s{0,3}(\d{1,2})[.)、．]\s+(.+)$", line)
        if m:
            steps.append(m.group(2).strip())
            open_item = True
        elif not line.strip():
            continue
        elif open_item and line[:1] in (" ", "\t") and not re.match(r"^\s*[-*+•]\s", line):
            joiner = "" if is_zh(steps[-1][-1:] + line.strip()[:1]) else " "
            steps[-1] = steps[-1] + joiner + line.strip()
        else:
            open_item = False
    return steps


def _sentences(text: str) -> list[str]:
    out: list[str] = []
    for piece in _SENTENCE.split(" ".join(text.split())):
        piece = piece.strip()
        if not piece:
            continue
        if out and _ABBREVIATION.search(out[-1]):  # "ext. 214": not the end of a sentence
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def _clean(text: str) -> str:
    text = _LEADING.sub("", text.strip()).strip()
    text = text.rstrip(" .。;；,，")
    return text[:1].upper() + text[1:] if text else text


def _question(condition: str, zh: bool) -> str:
    c = _clean(condition)
    return f"{c}？" if zh else f"{c}?"


def _tokens(text: str) -> set[str]:
    if is_zh(text):
        han = "".join(_CJK.findall(text))
        return {han[i:i + 2] for i in range(len(han) - 1)}
    words = [w for w in _WORD.findall(text) if len(w) >= 3 or w.isupper()]  # "CI", "QA" count
    return {w.lower()[:5] for w in words if w.lower() not in _STOP}


class _Builder:
    def __init__(self, zh: bool, limit: int) -> None:
        self.zh = zh
        self.limit = limit
        self.flow = Flow()
        self.ends: list[tuple[str, str | None]] = []  # open ends: (node, label of the edge that leaves it)
        self.last_decision: str | None = None  # the decision an "otherwise …" sentence continues

    @property
    def yes(self) -> str:
        return "是" if self.zh else "yes"

    @property
    def no(self) -> str:
        return "否" if self.zh else "no"

    def node(self, label: str, kind: str = "step") -> str:
        node_id = f"f{len(self.flow.nodes) + 1}"
        self.flow.nodes.append(FlowNode(node_id, self._fit(label), kind))
        return node_id

    def _fit(self, label: str) -> str:
        if len(label) > self.limit:  # an aside in brackets goes first, so the step reads whole
            label = re.sub(r"\s*[（(][^()（）]*[)）]", "", label).strip()
        return label

    def edge(self, source: str, target: str, label: str | None = None) -> None:
        self.flow.edges.append(FlowEdge(source, target, label))

    def enter(self, target: str) -> None:
        """Connects every open end to `target`, which becomes the one open end."""
        for source, label in self.ends:
            self.edge(source, target, label)
        self.ends = [(target, None)]

    def loop_target(self, text: str, before: int) -> str | None:
        """The earlier step that "… again" / "回到 …" points back to: the one sharing most of its words."""
        words = _tokens(_LOOP_ZH.sub("", _LOOP_EN.sub("", text)))
        if not words:
            return None
        best, score = None, (0.0, 0.0, 0.0)
        for n in self.flow.nodes[:before]:
            if n.kind == "terminal":
                continue
            theirs = _tokens(n.label)
            shared = len(words & theirs)
            # Most of the words found; then a step over a decision (a review is done again, not its verdict);
            # then the closest label ("主管審核" before "直接進入主管審核").
            here = (shared / len(words), float(n.kind == "step"), shared / len(words | theirs))
            if here > score:
                best, score = n.id, here
        return best if score[0] >= 0.5 else None

    def branch(self, text: str | None, source: str, label: str | None) -> list[tuple[str, str | None]]:
        """The nodes of one branch from `source`; returns its open ends (none when it loops back)."""
        if not text or _MOVE_ON.match(_clean(text)):
            return [(source, label)]
        before = len(self.flow.nodes)
        pieces = re.split(r",?\s+and\s+(?=[^,;]*\b(?:again|another|once more)\b)|[，,]\s*(?=回到|返回|重回)", text)
        previous: str = source
        edge_label: str | None = label
        for piece in (p for p in pieces if p.strip()):
            loops = _LOOP_EN.search(piece) or _LOOP_ZH.search(piece)
            target = self.loop_target(piece, before) if loops else None
            if target is not None:
                shown = piece.strip().rstrip(" .。;；,，")  # as written: an edge label is no sentence
                self.edge(previous, target, edge_label if previous == source else (shown[:40] or None))
                return []
            node = self.node(_clean(piece))
            self.edge(previous, node, edge_label)
            previous, edge_label = node, None
        return [(previous, None)]

    def decision(self, condition: str, then: str | None, otherwise: str | None, negated: bool = False,
                 lead: str | None = None) -> None:
        """A decision on `condition` (or, with `lead`, the step before that says what is checked)."""
        yes_label: str | None
        if lead is not None:
            d = lead
            next(n for n in self.flow.nodes if n.id == d).kind = "decision"
            yes_label, no_label = None, ("否則" if self.zh else "otherwise")
        else:
            d = self.node(_question(condition, self.zh), "decision")
            self.enter(d)
            yes_label, no_label = self.yes, self.no
        if negated:  # "unless C, A": A happens when C does not hold
            then, otherwise = otherwise, then
        ends: list[tuple[str, str | None]] = self.branch(then, d, yes_label) if then else [(d, yes_label)]
        ends += self.branch(otherwise, d, no_label) if otherwise else [(d, no_label)]
        self.ends = ends
        self.last_decision = d

    def otherwise(self, text: str) -> None:
        """'Otherwise …' / '否則 …' as its own sentence: the last decision's "no" branch."""
        d = self.last_decision
        if d is None or (d, self.no) not in self.ends:
            self.enter(self.node(_clean(text)))
            return
        self.ends.remove((d, self.no))
        self.ends += self.branch(text, d, self.no)

    def sentence(self, text: str) -> None:
        s = _clean(text)
        if not s:
            return
        zh = is_zh(s)
        if m := (_ELSE_ZH.match(s) if zh else _ELSE_EN.match(s)):
            self.otherwise(m.group("b"))
            return
        if zh:
            if m := _IF_ZH.match(s):
                self.decision(m.group("c"), m.group("a"), m.group("b"))
                return
            if m := _UNLESS_ZH.match(s):
                self.decision(m.group("c"), m.group("a"), None, negated=True)
                return
            if m := _OTHERWISE_ZH.match(s):
                self._otherwise_after(m.group("a"), m.group("b"))
                return
        else:
            if m := _IF_EN.match(s):
                self.decision(m.group("c"), m.group("a"), m.group("b"))
                return
            if m := _IF_EN_BARE.match(s):
                split = _SUBJECT_START.search(m.group("rest"), 3)
                if split:
                    self.decision(m.group("rest")[: split.start()], m.group("rest")[split.end():], None)
                    return
            if m := _UNLESS_FIRST_EN.match(s):
                self.decision(m.group("c"), m.group("a"), None, negated=True)
                return
            if m := _UNLESS_AFTER_EN.match(s):
                self.decision(m.group("c"), m.group("b"), m.group("a"))
                return
            if m := _OTHERWISE_EN.match(s):
                self._otherwise_after(m.group("a"), m.group("b"))
                return
        # A step written as a question ("Tests pass?") is a decision, even with no branches written out.
        self.enter(self.node(s, "decision" if s.endswith(("?", "？")) else "step"))

    def _otherwise_after(self, first: str, other: str) -> None:
        """'A; otherwise B' with no condition of its own: the step just before says what is checked ("Check the
        date. Items bought within 30 days get a full refund; otherwise …"); without one, A is the check."""
        lead = self.ends[0][0] if len(self.ends) == 1 and self.flow.nodes and self.ends[0][0] == \
            self.flow.nodes[-1].id and self.flow.nodes[-1].kind == "step" and self._in_step else None
        if lead is None:
            lead = self.node(_clean(first))
            self.enter(lead)
            first_branch = None
        else:
            first_branch = first
        self.decision("", first_branch, other, lead=lead)

    _in_step = False

    def step(self, text: str) -> None:
        self._in_step = False
        for k, s in enumerate(_sentences(text)):
            self._in_step = k > 0
            self.sentence(s)


def read_flow(steps: list[str], zh: bool, limit: int | None = None) -> Flow:
    """The steps (numbered items or paragraphs) as a flow from Start to Done, with a decision for each condition."""
    b = _Builder(zh, limit or (48 if zh else 120))
    start = b.node("開始" if zh else "Start", "terminal")
    b.ends = [(start, None)]
    for text in steps:
        b.step(text)
    b.enter(b.node("完成" if zh else "Done", "terminal"))
    return b.flow

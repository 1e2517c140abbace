"""Mermaid text into a whiteboard plan: flowcharts (`graph`/`flowchart`, subgraphs as groups), `mindmap`,
`sequenceDiagram` and `timeline`.

It is written for Mermaid that language models produce, which Mermaid itself often refuses: labels with
parentheses, brackets, quotes or colons left unquoted (`A[Call API (POST /v1)]`), Chinese ids and labels,
`-->|label|` and `A -- label --> B` edges, `;` at line ends, a ```mermaid fence around the text, a missing header.
What it cannot read is skipped and reported with its line number, never guessed into the board.

Mermaid's ids become plan ids where they fit the plan's id pattern; others (Chinese ids, dotted names) get
generated ids, and their text stays as the label. `%% atelier: kind=... direction=...` comments, written by the
board.mmd exporter, give back what Mermaid has no words for.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from . import mermaid_shapes
from . import plan as W

MAX_NODES = 150
MAX_EDGES = 300
MAX_GROUPS = 20
MAX_SKIPPED = 200  # lines not understood before the rest of a "diagram" is given up on: it is no diagram
_PLAN_ID = re.compile(r"^[A-Za-z0-9_\-]{1,40}$")
_HEADER = re.compile(
    r"^\s*(?:(?P<flow>graph|flowchart)(?:\s+(?P<dir>TB|TD|BT|RL|LR))?|(?P<other>sequenceDiagram|mindmap|timeline))"
    r"\b\s*;?\s*$",
    re.IGNORECASE,
)
_FENCE = re.compile(r"```\s*(?:mermaid)?\s*\n(.*?)```", re.DOTALL | re.IGNORECASE)
_HINT = re.compile(r"^\s*%%\s*atelier:\s*(.*)$", re.IGNORECASE)


class MermaidError(ValueError):
    """The text holds no diagram Atelier can read."""


@dataclass
class MermaidResult:
    plan: W.WhiteboardPlan
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line number, why)
    # Where the board's title came from: "title" (front matter, a `title` or `accTitle` line), "root" (a mind
    # map's centre), "given" (the caller's), "comment" (the first `%%` comment), "content" (the first node) or
    # "none".
    title_source: str = "none"


def looks_like_mermaid(text: str) -> bool:
    """True when the text (or a fenced block in it) starts with a Mermaid diagram header we read."""
    body = _extract(text)[0]
    for line in body.splitlines():
        if not line.strip() or line.strip().startswith("%%"):
            continue
        return bool(_HEADER.match(line))
    return False


def _extract(text: str) -> tuple[str, int]:
    """The Mermaid part of the text and the line number it starts at: a fenced block when there is one."""
    m = _FENCE.search(text)
    if m and (_HEADER.search(m.group(1).split("\n", 1)[0]) or "-->" in m.group(1)):
        return m.group(1), text[: m.start(1)].count("\n")
    return text, 0


_ENCODED = re.compile(r"[#&<`\"\n]")


def decode(label: str) -> str:
    """Mermaid's entity codes (#quot; #35; #9829;), HTML entities, <br> and markdown-string backticks."""
    label = label.strip()
    if not _ENCODED.search(label):  # plain text (most labels): only its spaces to tidy
        return " ".join(label.split())
    if len(label) >= 2 and label[0] == label[-1] == '"':
        label = label[1:-1]
    if len(label) >= 2 and label[0] == label[-1] == "`":
        label = label[1:-1]
    label = re.sub(r"#(\d{1,7});", lambda m: chr(int(m.group(1))) if int(m.group(1)) < 0x110000 else "", label)
    label = re.sub(r"#([a-zA-Z]{2,8});", r"&\1;", label)
    label = html.unescape(label)
    label = re.sub(r"<br\s*/?>", "\n", label, flags=re.IGNORECASE)
    label = re.sub(r"</?(?:b|i|u|em|strong|small|sub|sup)>", "", label, flags=re.IGNORECASE)
    return "\n".join(" ".join(part.split()) for part in label.split("\n")).strip()


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _Builder:
    """Collects nodes, edges and groups under Mermaid's ids, then maps them to valid plan ids."""

    def __init__(self) -> None:
        self.order: list[str] = []
        self.labels: dict[str, str] = {}
        self.shapes: dict[str, W.NodeShape] = {}
        self.group_of: dict[str, str] = {}
        self.times: dict[str, str] = {}
        self.edges: list[tuple[str, str, str | None, bool, W.ArrowHeads]] = []
        self.groups: list[tuple[str, str]] = []
        self.skipped: list[tuple[int, str]] = []
        self.title: str | None = None  # an `accTitle:` line's

    def node(self, key: str, label: str | None = None, shape: W.NodeShape | None = None,
             group: str | None = None) -> str:
        if key not in self.labels:
            if len(self.order) >= MAX_NODES:
                raise _Full()
            self.order.append(key)
            self.labels[key] = key
        if label is not None and label.strip():
            self.labels[key] = label
        if shape is not None:
            self.shapes[key] = shape
        if group is not None and key not in self.group_of:
            self.group_of[key] = group
        return key

    def group(self, key: str, label: str) -> str:
        if all(k != key for k, _ in self.groups):
            if len(self.groups) >= MAX_GROUPS:
                raise _Full()
            self.groups.append((key, label))
        return key

    def edge(self, a: str, b: str, label: str | None, dashed: bool, heads: W.ArrowHeads) -> None:
        if len(self.edges) >= MAX_EDGES:
            raise _Full()
        self.edges.append((a, b, label or None, dashed, heads))

    def plan(self, title: str, kind: W.DiagramKind, direction: W.Direction) -> W.WhiteboardPlan:
        if not self.order:
            raise MermaidError("the Mermaid text has no nodes")
        taken = {k for k in self.order if _PLAN_ID.match(k)} | {k for k, _ in self.groups if _PLAN_ID.match(k)}
        ids: dict[str, str] = {}
        counter = 0

        def fresh(prefix: str) -> str:
            nonlocal counter
            while True:
                counter += 1
                candidate = f"{prefix}{counter}"
                if candidate not in taken:
                    taken.add(candidate)
                    return candidate

        for key in self.order:
            ids[key] = key if _PLAN_ID.match(key) else fresh("n")
        group_ids = {k: (k if _PLAN_ID.match(k) and k not in ids.values() else fresh("g")) for k, _ in self.groups}
        used_groups = {self.group_of[k] for k in self.order if k in self.group_of}
        groups = [W.Group(id=group_ids[k], label=_clip(label or k, 80)) for k, label in self.groups if k in used_groups]
        nodes = [
            W.Node(id=ids[k], label=_clip(self.labels[k] or k, 160), shape=self.shapes.get(k, W.NodeShape.BOX),
                   group=group_ids[self.group_of[k]] if k in self.group_of else None,
                   time=_clip(self.times[k], 40) if k in self.times else None)
            for k in self.order
        ]
        edges = [W.Edge(source=ids[a], target=ids[b], label=_clip(lbl, 80) if lbl else None, dashed=dashed,
                        heads=heads) for a, b, lbl, dashed, heads in self.edges]
        return W.WhiteboardPlan(title=_clip(title, 150), kind=kind, direction=direction, nodes=nodes, edges=edges,
                                groups=groups)


class _Full(Exception):
    """The plan's limits are reached; the rest of the text is skipped."""


# ---- flowcharts ------------------------------------------------------------------------------------------

_FLOW_SHAPES = mermaid_shapes.read(mermaid_shapes.FLOWCHART)
_SHAPE_NAMES = {
    "rect": W.NodeShape.BOX, "rectangle": W.NodeShape.BOX, "proc": W.NodeShape.BOX, "process": W.NodeShape.BOX,
    "rounded": W.NodeShape.ROUND, "event": W.NodeShape.ROUND, "stadium": W.NodeShape.TERMINAL,
    "pill": W.NodeShape.TERMINAL, "terminal": W.NodeShape.TERMINAL, "diam": W.NodeShape.DECISION,
    "diamond": W.NodeShape.DECISION, "decision": W.NodeShape.DECISION, "question": W.NodeShape.DECISION,
    "cyl": W.NodeShape.DATABASE, "cylinder": W.NodeShape.DATABASE, "database": W.NodeShape.DATABASE,
    "db": W.NodeShape.DATABASE, "circle": W.NodeShape.ACTOR, "circ": W.NodeShape.ACTOR,
    "dbl-circ": W.NodeShape.TERMINAL, "double-circle": W.NodeShape.TERMINAL, "odd": W.NodeShape.NOTE,
    "card": W.NodeShape.NOTE, "notch-rect": W.NodeShape.NOTE, "doc": W.NodeShape.NOTE,
    "document": W.NodeShape.NOTE, "sm-circ": W.NodeShape.TERMINAL, "start": W.NodeShape.TERMINAL,
    "stop": W.NodeShape.TERMINAL, "fr-circ": W.NodeShape.TERMINAL,
}
# An id: letters (any script), digits, '_', and '-' or '.' when they do not begin a link.
_ID = re.compile(r"(?:[\w\u00C0-\U0010FFFF]|-(?![-.=>])|\.(?![-.]))+")
_LINK_TEXT = re.compile(
    r"\s*(?P<start>[<ox])?(?P<open>--|==|-\.)(?![->=.])\s*(?P<text>[^|]{1,200}?)\s*"
    r"(?P<close>-{2,}|={2,}|\.-+|\.+-)(?P<end>[>ox])?(?=[\s\w\u00C0-\U0010FFFF\"\[(]|$)"
)
_LINK = re.compile(r"\s*(?P<start><|[ox](?=[-=]))?(?P<body>-{2,}|={2,}|-\.+-|-\.-*)"
                   r"(?P<end>>|[ox](?![\w\u00C0-\U0010FFFF]))?")
_PIPE = re.compile(r'\s*\|(?P<label>\s*"[^"]*"\s*|[^|]*)\|')


def _split_statements(line: str) -> list[str]:
    """Splits at ';' outside quotes and brackets (Mermaid's statement separator)."""
    if ";" not in line:
        return [line.strip()] if line.strip() else []
    out, buf, depth, quote = [], "", 0, False
    for ch in line:
        if ch == '"':
            quote = not quote
        elif not quote and ch in "[({":
            depth += 1
        elif not quote and ch in "])}":
            depth = max(0, depth - 1)
        if ch == ";" and depth == 0 and not quote:
            out.append(buf)
            buf = ""
        else:
            buf += ch
    out.append(buf)
    return [s.strip() for s in out if s.strip()]


def _skip_spaces(s: str, k: int) -> int:
    while k < len(s) and s[k].isspace():
        k += 1
    return k


def _continues(s: str, k: int) -> bool:
    """Whether what follows s[k] may follow a node: nothing, a link, '&', ':::class' or a label pipe."""
    k = _skip_spaces(s, k)
    if k >= len(s) or s.startswith(("&", ":::", "|"), k):
        return True
    m = _LINK.match(s, k)
    return bool(m and m.group("body"))


def _read_label(s: str, i: int, closer: str) -> tuple[str, int] | None:
    """The label starting at s[i] and the index after `closer`: quoted text, or unquoted text with brackets
    balanced; failing both, the last `closer` that is followed by something a node may be followed by. Reads
    forward by position (no slices of the rest), so a long line is read in linear time."""
    start = _skip_spaces(s, i)
    if s.startswith('"', start):
        end = s.find('"', start + 1)
        while end != -1:
            after = _skip_spaces(s, end + 1)
            if s.startswith(closer, after):
                return s[start : end + 1], after + len(closer)
            end = s.find('"', end + 1)
    depth = 0
    k = i
    while k < len(s):
        if s.startswith(closer, k) and depth == 0:
            return s[i:k], k + len(closer)
        ch = s[k]
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        k += 1
    # Unbalanced text inside the label: take the last closer after which the statement goes on sensibly.
    pos = s.rfind(closer, i)
    while pos != -1 and pos >= i:
        if _continues(s, pos + len(closer)):
            return s[i:pos], pos + len(closer)
        pos = s.rfind(closer, i, pos + len(closer) - 1) if pos > i else -1
    return None


_CLASS = re.compile(r":::[\w-]+")


def _node_at(s: str, i: int) -> tuple[str, str | None, W.NodeShape | None, int] | None:
    """A node reference at s[i]: (id, label or None, shape or None, index after it)."""
    while i < len(s) and s[i] == " ":
        i += 1
    if i < len(s) and s[i] == '"':
        # A quoted "id" (an LLM habit): the text is both id and label.
        end = s.find('"', i + 1)
        if end > i:
            text = s[i + 1 : end]
            return text, text, None, end + 1
    m = _ID.match(s, i)
    if not m:
        return None
    key = m.group(0)
    j = m.end()
    label = shape = None
    if s.startswith("@{", j):
        close = s.find("}", j)
        if close != -1:
            attrs = dict(re.findall(r'(\w+)\s*:\s*("[^"]*"|[^,}]+)', s[j + 2 : close]))
            shape = _SHAPE_NAMES.get(attrs.get("shape", "").strip().strip('"').lower(), W.NodeShape.BOX)
            label = attrs.get("label")
            j = close + 1
    else:
        for opening, closer, plan_shape in _FLOW_SHAPES:
            if s.startswith(opening, j):
                got = _read_label(s, j + len(opening), closer)
                if got is not None:
                    label, j = got
                    shape = plan_shape
                    break
    m = _CLASS.match(s, j)
    if m:
        j = m.end()
    return key, decode(label) if label is not None else None, shape, j


def _link_at(s: str, i: int) -> tuple[str | None, bool, W.ArrowHeads, bool, int] | None:
    """A link at s[i]: (label, dashed, heads, reversed, index after it)."""
    m = _LINK_TEXT.match(s, i)
    text = None
    if m:
        start, end = m.group("start"), m.group("end")
        dashed = "." in m.group("open") + m.group("close")
        text = m.group("text")
        j = m.end()
    else:
        m = _LINK.match(s, i)
        if not m or not m.group("body"):
            return None
        start, end = m.group("start"), m.group("end")
        dashed = "." in m.group("body")
        j = m.end()
    pipe = _PIPE.match(s, j)
    if pipe:
        text = pipe.group("label")
        j = pipe.end()
    reverse = False
    if start and end:
        heads = W.ArrowHeads.BOTH if start == "<" else W.ArrowHeads.END
    elif end:
        heads = W.ArrowHeads.END
    elif start == "<":
        heads, reverse = W.ArrowHeads.END, True  # "A <-- B" is not Mermaid, but it means B points at A
    else:
        heads = W.ArrowHeads.NONE
    return (decode(text) if text else None), dashed, heads, reverse, j


def _flowchart(lines: list[tuple[int, str]], b: _Builder) -> None:
    stack: list[str] = []
    for number, raw in lines:
        for stmt in _split_statements(raw):
            low = stmt.lower()
            if low == "end":
                if stack:
                    stack.pop()
                continue
            if low.startswith("subgraph"):
                rest = stmt[len("subgraph"):].strip()
                key, label = _subgraph_title(rest, len(b.groups) + 1)
                stack.append(b.group(key, label))
                continue
            if re.match(r"^(?:direction|classDef|class|style|linkStyle|click|accTitle|accDescr)\b", stmt):
                acc = re.match(r"^accTitle\s*:\s*(.+)$", stmt)
                if acc:
                    b.title = decode(acc.group(1))
                continue
            group = stack[-1] if stack else None
            if not _statement(stmt, b, group) and not _loose(stmt, b, group):
                b.skipped.append((number, f"not understood: {stmt[:60]}"))
                if len(b.skipped) >= MAX_SKIPPED:
                    b.skipped.append((number, f"{MAX_SKIPPED} lines were not understood; the rest was not read"))
                    return


def _subgraph_title(rest: str, n: int) -> tuple[str, str]:
    if not rest:
        return f"group{n}", f"Group {n}"
    m = re.match(r'^([^\s\["]+)\s*\[(.*)\]\s*$', rest)
    if m:
        return m.group(1), decode(m.group(2))
    if rest.startswith('"'):
        text = decode(rest)
        return text, text
    text = decode(rest)
    return text, text


def _statement(stmt: str, b: _Builder, group: str | None) -> bool:
    """One flowchart statement: a chain of node groups joined by links. False (and nothing added) when it is not
    one. Positions move forward only (no slicing of the rest), so a long statement is read in linear time; what
    lies past the board's limits is never read."""
    chain: list[tuple[list[tuple[str, str | None, W.NodeShape | None]], tuple | None]] = []
    i = 0
    end = len(stmt.rstrip())
    link = None
    full = False
    while True:
        refs = []
        while True:
            got = _node_at(stmt, i)
            if got is None:
                return False
            key, label, shape, i = got
            if key.lower() == "end" and label is None:
                return False
            refs.append((key, label, shape))
            m = _AMPERSAND.match(stmt, i)
            if not m:
                break
            i = m.end()
        chain.append((refs, link))
        if i >= end:
            break
        if len(chain) > MAX_EDGES:
            full = True
            break
        link = _link_at(stmt, i)
        if link is None:
            return False
        i = link[4]
    keys = [[b.node(key, label, shape, group) for key, label, shape in refs] for refs, _ in chain]
    for left, right, (_, lk) in zip(keys, keys[1:], chain[1:], strict=False):
        assert lk is not None  # every group after the first came after a link
        label, dashed, heads, reverse, _ = lk
        for a in left:
            for c in right:
                b.edge(c, a, label, dashed, heads) if reverse else b.edge(a, c, label, dashed, heads)
    if full:
        raise _Full()
    return True


_AMPERSAND = re.compile(r"[ \t]*&[ \t]*")


# The spaces around a link stay with the texts (decode strips them): a leading `\s*` would rescan every run of
# spaces from each of its positions.
_LOOSE_LINK = re.compile(r"(<?-{2,}[>ox]?|<?={2,}[>ox]?|<?-\.+-[>ox]?)(?:\s*\|([^|]*)\|)?")


def _loose(stmt: str, b: _Builder, group: str | None) -> bool:
    """A chain written with free text for nodes ("Load balancer --> Web server"): each text is a node."""
    parts = _LOOSE_LINK.split(stmt, maxsplit=MAX_EDGES + 1)  # what lies past the board's limits is never read
    texts = [decode(t) for t in parts[0::3]]
    if len(texts) < 2 or not all(texts):
        return False
    keys = [b.node(t, None if t in b.labels else t, None, group) for t in texts]
    for k in range(len(keys) - 1):
        link, label = parts[3 * k + 1], parts[3 * k + 2]
        heads = W.ArrowHeads.BOTH if link.startswith("<") and link.endswith(">") else (
            W.ArrowHeads.END if link[-1] in ">ox" else W.ArrowHeads.NONE)
        b.edge(keys[k], keys[k + 1], decode(label) if label else None, "." in link, heads)
    return True


# ---- mind maps -------------------------------------------------------------------------------------------

_MIND_SHAPES = mermaid_shapes.read(mermaid_shapes.MINDMAP)


def _mindmap(lines: list[tuple[int, str]], b: _Builder) -> None:
    stack: list[tuple[int, str]] = []
    auto = 0
    for number, raw in lines:
        text = raw.rstrip()
        stripped = text.strip()
        if stripped.startswith("::icon") or not stripped:
            continue
        indent = len(text.expandtabs(4)) - len(text.expandtabs(4).lstrip())
        if ":::" in stripped:  # a class after the node ("Beds:::urgent"); found by position, not by a rescan
            cut = stripped.rfind(":::")
            if re.fullmatch(r"[\w\s-]+", stripped[cut + 3:]):
                stripped = stripped[:cut].rstrip()
        key = label = shape = None
        m = _ID.match(stripped)
        head = m.group(0) if m else ""
        for opening, closer, plan_shape in _MIND_SHAPES:
            pos = len(head)
            fits = len(stripped) >= pos + len(opening) + len(closer)
            if stripped.startswith(opening, pos) and stripped.endswith(closer) and fits:
                key = head or None
                label = decode(stripped[pos + len(opening) : len(stripped) - len(closer)])
                shape = plan_shape
                break
            if not head and stripped.startswith(opening) and stripped.endswith(closer):
                label = decode(stripped[len(opening) : len(stripped) - len(closer)])
                shape = plan_shape
                break
        if label is None:
            label = decode(stripped)
        if key is None:
            auto += 1
            key = f"\u0000{auto}"  # no id in the text: a key that can never be a plan id, so one is generated
        while stack and stack[-1][0] >= indent:
            stack.pop()
        node = b.node(key, label, shape or W.NodeShape.ROUND)
        if stack:
            b.edge(stack[-1][1], node, None, False, W.ArrowHeads.END)
        elif len(b.order) > 1:
            b.edge(b.order[0], node, None, False, W.ArrowHeads.END)  # a second root hangs from the first
            b.skipped.append((number, "a mind map has one centre; this line was attached to it"))
        stack.append((indent, node))


# ---- sequence diagrams -----------------------------------------------------------------------------------

_MESSAGE = re.compile(
    r"^(?P<a>[^:]+?)\s*(?P<arrow><<-->>|<<->>|-->>|->>|--x|-x|--\)|-\)|-->|->)\s*[+-]?\s*(?P<b>[^:]+?)\s*"
    r"(?::\s*(?P<text>.*))?$"
)
_SEQ_ARROWS = {
    "->>": (False, W.ArrowHeads.END), "-->>": (True, W.ArrowHeads.END), "->": (False, W.ArrowHeads.NONE),
    "-->": (True, W.ArrowHeads.NONE), "-x": (False, W.ArrowHeads.END), "--x": (True, W.ArrowHeads.END),
    "-)": (False, W.ArrowHeads.END), "--)": (True, W.ArrowHeads.END), "<<->>": (False, W.ArrowHeads.BOTH),
    "<<-->>": (True, W.ArrowHeads.BOTH),
}
_SEQ_IGNORED = re.compile(
    r"^(?:loop|alt|else|opt|par|and|critical|option|break|rect|activate|deactivate|autonumber|create|destroy|"
    r"links?|properties|details)\b", re.IGNORECASE)


def _participant_key(name: str) -> str:
    return decode(name.strip())


def _sequence(lines: list[tuple[int, str]], b: _Builder) -> str | None:
    title = None
    box: str | None = None
    depth = 0  # open loop/alt/... blocks, whose 'end' is not a box's
    for number, raw in lines:
        stmt = raw.strip().rstrip(";")
        m = re.match(r"^(participant|actor)\s+(.+?)(?:\s+as\s+(.+))?$", stmt, re.IGNORECASE)
        if m:
            name = m.group(2).split("@{")[0].strip()
            shape = W.NodeShape.ACTOR if m.group(1).lower() == "actor" else W.NodeShape.BOX
            if "@{" in m.group(2) and re.search(r'"type"\s*:\s*"(?:database|collections)"', m.group(2)):
                shape = W.NodeShape.DATABASE
            key = _participant_key(name)
            b.node(key, decode(m.group(3)) if m.group(3) else key, shape, box)
            continue
        m = re.match(r"^box\b\s*(.*)$", stmt, re.IGNORECASE)
        if m:
            label = re.sub(r"^(?:rgba?\([^)]*\)|#[0-9a-fA-F]{3,8}|transparent|aqua|azure|beige|blue|cyan|gold|green|"
                           r"red|yellow|purple|orange|gray|grey|pink|white|black|lightblue|lightgreen|lightgrey|"
                           r"lightgray|lightyellow|lavender|teal|navy|olive|salmon|tan|violet|wheat)\b\s*", "",
                           m.group(1), flags=re.IGNORECASE).strip()
            box = b.group(f"box{len(b.groups) + 1}", decode(label) or f"Group {len(b.groups) + 1}")
            continue
        if stmt.lower() == "end":
            if depth:
                depth -= 1
            else:
                box = None
            continue
        m = re.match(r"^title\s*:?\s*(.+)$", stmt, re.IGNORECASE)
        if m:
            title = decode(m.group(1))
            continue
        if _SEQ_IGNORED.match(stmt):
            if re.match(r"^(?:loop|alt|opt|par|critical|break|rect)\b", stmt, re.IGNORECASE):
                depth += 1
            continue
        if re.match(r"^note\b", stmt, re.IGNORECASE):
            b.skipped.append((number, "notes are not drawn on the board"))
            continue
        m = _MESSAGE.match(stmt)
        if m:
            dashed, heads = _SEQ_ARROWS[m.group("arrow")]
            src = b.node(_participant_key(m.group("a")))
            dst = b.node(_participant_key(m.group("b").lstrip("+-")))
            text = decode(m.group("text") or "")
            b.edge(src, dst, text or None, dashed, heads)
            continue
        b.skipped.append((number, f"not understood: {stmt[:60]}"))
        if len(b.skipped) >= MAX_SKIPPED:
            b.skipped.append((number, f"{MAX_SKIPPED} lines were not understood; the rest was not read"))
            break
    return title


# ---- timelines -------------------------------------------------------------------------------------------


def _timeline(lines: list[tuple[int, str]], b: _Builder) -> str | None:
    title = None
    section = None
    period: str | None = None
    count = 0

    def event(label: str, time: str | None) -> None:
        nonlocal count
        count += 1
        key = f"e{count}"
        b.node(key, label, None, section)
        if time is not None:
            b.times[key] = time

    for number, raw in lines:
        stmt = raw.strip()
        m = re.match(r"^title\s+(.+)$", stmt, re.IGNORECASE)
        if m:
            title = decode(m.group(1))
            continue
        m = re.match(r"^section\s+(.+)$", stmt, re.IGNORECASE)
        if m:
            section = b.group(f"s{len(b.groups) + 1}", decode(m.group(1)))
            continue
        parts = [decode(p) for p in stmt.split(":")]
        if stmt.startswith(":"):
            if period is None:
                b.skipped.append((number, "an event with no time before it"))
                continue
            for p in parts[1:]:
                if p:
                    event(p, period)
            continue
        period = parts[0]
        events = [p for p in parts[1:] if p]
        if not events:
            event(period, None)  # a moment with no events: the moment itself is the event
            period = None
        for p in events:
            event(p, period)
    return title


# ---- entry point -----------------------------------------------------------------------------------------


def parse_mermaid(text: str, title: str | None = None) -> MermaidResult:
    """Reads Mermaid text into a whiteboard plan. Raises MermaidError when it holds no diagram."""
    body, offset = _extract(text)
    raw_lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    doc_title = None
    start = 0
    # YAML front matter: only its title is used.
    first = next((k for k, line in enumerate(raw_lines) if line.strip()), None)
    if first is not None and raw_lines[first].strip() == "---":
        for k in range(first + 1, len(raw_lines)):
            if raw_lines[k].strip() == "---":
                start = k + 1
                break
            m = re.match(r"^\s*title\s*:\s*(.+?)\s*$", raw_lines[k])
            if m:
                value = m.group(1)
                if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                    value = value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
                doc_title = value
    hints: dict[str, str] = {}
    lines: list[tuple[int, str]] = []
    comments: list[str] = []
    header = None
    for k in range(start, len(raw_lines)):
        line = raw_lines[k]
        hint = _HINT.match(line)
        if hint:
            hints.update(dict(re.findall(r"(\w+)=([\w,\-]+)", hint.group(1))))
            continue
        stripped = line.strip()
        if stripped.startswith("%%") and not stripped.startswith("%%{"):
            comments.append(stripped.lstrip("%").strip())
        if not stripped or stripped.startswith("%%"):
            continue
        line = re.sub(r"\s%%.*$", "", line)  # a comment at the end of a line
        if header is None:
            m = _HEADER.match(line)
            if m:
                header = m
                continue
        lines.append((k + 1 + offset, line))
    b = _Builder()
    kind = W.DiagramKind.FLOWCHART
    direction = W.Direction.AUTO
    try:
        if header is None or header.group("flow"):
            if header is not None and header.group("dir"):
                direction = W.Direction.RIGHT if header.group("dir").upper() in ("LR", "RL") else W.Direction.DOWN
            _flowchart(lines, b)
        elif header.group("other").lower() == "mindmap":
            kind = W.DiagramKind.MINDMAP
            _mindmap(lines, b)
        elif header.group("other").lower() == "sequencediagram":
            kind = W.DiagramKind.SEQUENCE
            doc_title = _sequence(lines, b) or doc_title
        else:
            kind = W.DiagramKind.TIMELINE
            doc_title = _timeline(lines, b) or doc_title
    except _Full:
        b.skipped.append((0, f"the board holds at most {MAX_NODES} nodes, {MAX_EDGES} edges and {MAX_GROUPS} "
                             "groups; the rest was left out"))
    if "kind" in hints:
        try:
            kind = W.DiagramKind(hints["kind"])
        except ValueError:
            pass
    if "direction" in hints:
        try:
            direction = W.Direction(hints["direction"])
        except ValueError:
            pass
    if not b.order:
        raise MermaidError("no Mermaid diagram found: start with a header such as 'flowchart TD', 'sequenceDiagram', "
                           "'mindmap' or 'timeline', then one statement per line")
    chosen, source = _title(doc_title or b.title, kind, b, title, comments)
    plan = _rename(b.plan(chosen, kind, direction), hints)
    return MermaidResult(plan, b.skipped, source)


def _title(stated: str | None, kind: W.DiagramKind, b: _Builder, given: str | None,
           comments: list[str]) -> tuple[str, str]:
    """The board's title and where it came from: the diagram's own title, else a mind map's centre, else the
    caller's, else the first comment's first clause, else the first node. Never the Mermaid source."""
    if stated and stated.strip():
        return stated.strip(), "title"
    if kind == W.DiagramKind.MINDMAP and b.order and b.labels[b.order[0]].strip():
        return " ".join(b.labels[b.order[0]].split()), "root"
    if given and given.strip():
        return given.strip(), "given"
    for comment in comments:
        first = re.split(r"[;；,，:：。.]\s*", comment, maxsplit=1)[0].strip()
        if 2 <= len(first) <= 80:
            return first, "comment"
    if b.order and b.labels[b.order[0]].strip():
        return " ".join(b.labels[b.order[0]].split())[:150], "content"
    return "Diagram", "none"


def _rename(plan: W.WhiteboardPlan, hints: dict[str, str]) -> W.WhiteboardPlan:
    """Gives back the ids an `atelier:` hint lists (for sequences and timelines, whose syntax has none), when the
    list matches what was read; otherwise the plan keeps its generated ids."""
    data = plan.model_dump(mode="json")

    def mapping(key: str, items: list[dict]) -> dict[str, str] | None:
        wanted = [x for x in hints.get(key, "").split(",") if x]
        if not wanted or len(wanted) != len(items) or len(set(wanted)) != len(wanted):
            return None
        if not all(_PLAN_ID.match(x) for x in wanted):
            return None
        return {item["id"]: new for item, new in zip(items, wanted, strict=True)}

    groups = mapping("groups", data["groups"])
    nodes = mapping("nodes", data["nodes"])
    if groups is None and nodes is None:
        return plan
    for g in data["groups"]:
        g["id"] = (groups or {}).get(g["id"], g["id"])
    for n in data["nodes"]:
        n["id"] = (nodes or {}).get(n["id"], n["id"])
        if n["group"] is not None:
            n["group"] = (groups or {}).get(n["group"], n["group"])
    for e in data["edges"]:
        e["source"] = (nodes or {}).get(e["source"], e["source"])
        e["target"] = (nodes or {}).get(e["target"], e["target"])
    try:
        return W.WhiteboardPlan.model_validate(data)
    except ValueError:
        return plan

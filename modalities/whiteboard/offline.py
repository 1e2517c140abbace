"""Offline whiteboard building: the board's structure read from the content, in English and Traditional Chinese.

In order of how sure each reading is:
- Mermaid text (a fenced block, or text that starts with a Mermaid header) is parsed as it is (models/mermaid.py);
- arrows in text ("A → B → C", "A -> B", "A --> |yes| B") become a flowchart, or an architecture when headings
  group the components;
- "X calls / sends ... to Y" lines (「A 傳送 X 給 B」) become a sequence;
- dated lines ("2019: …", "2021年3月 …") become a timeline;
- numbered steps become a flowchart from Start to Done, questions as decisions;
- an outline (headings, indented lists, any depth) becomes a mind map around the title.
The request's words ("mind map", "brainstorm", "timeline", 「心智圖」…) choose among readings the data allows.
"""

from __future__ import annotations

import re

from .mermaid_in import MermaidError, looks_like_mermaid, parse_mermaid
from . import plan as W

from models.planners.base import PlanRequest
from models.planners.offline.common import dated_items, is_zh, topic_of
from models.planners.offline.condense import headline, shorten
from models.planners.offline.document import Document, clean_inline

MAX_NODES = 150

_ARROW_SPLIT = re.compile(r"\s*(?:-->|->|→|=>|⇒|⟶|➜|➡️?)\s*")
_MERMAID_LINK = re.compile(r"-->|==>|-\.->")
_EDGE_LABEL = re.compile(r"^\|([^|]{1,80})\|\s*(.+)$")
_BULLET = re.compile(r"^(?P<indent>\s*)(?:[-*+•·▪◦‣]|\d{1,2}[.)、．])\s+(?P<text>.+)$")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
_SEQ = re.compile(
    r"^\s*(?:\d+[.)]\s*)?(?P<a>[\w .\-/]{1,40}?)\s+(?P<verb>calls|sends|requests|returns|replies to|responds to|"
    r"notifies|asks|queries|writes to|reads from|forwards|publishes to|posts to|fetches from)\s+(?P<rest>.+?)\s*\.?$",
    re.IGNORECASE,
)
_SEQ_ZH = [
    # 「A 傳送 X 給 B」「A 回傳 X 給 B」
    re.compile(r"^\s*(?:\d+[.)、]\s*)?(?P<a>[^\s，,：:]{1,16}?)\s*(?P<verb>傳送|發送|送出|回傳|回覆|轉送)\s*(?P<msg>.+?)\s*"
               r"(?:給|到|至)\s*(?P<b>[^\s，,。]{1,16})\s*。?$"),
    # 「A 向 B 請求 X」「A 對 B 發送 X」
    re.compile(r"^\s*(?:\d+[.)、]\s*)?(?P<a>[^\s，,：:]{1,16}?)\s*(?:向|對)\s*(?P<b>[^\s，,]{1,16}?)\s*"
               r"(?P<verb>請求|查詢|發送|傳送|回傳|回覆|呼叫|要求)\s*(?P<msg>.*?)\s*。?$"),
    # 「A 呼叫 B」「A 通知 B …」
    re.compile(r"^\s*(?:\d+[.)、]\s*)?(?P<a>[^\s，,：:]{1,16}?)\s*(?P<verb>呼叫|通知|查詢|請求)\s*(?P<b>[^\s，,。]{1,16})"
               r"(?:\s*[，,]?\s*(?P<msg>.+?))?\s*。?$"),
]
_REPLY_VERBS = ("returns", "replies", "responds", "回傳", "回覆")


def _fit(text: str, limit: int) -> str:
    """The text as written when it fits, else shortened."""
    text = clean_inline(text)
    return text if len(text) <= limit else shorten(text, limit)


class _Graph:
    def __init__(self) -> None:
        self.nodes: list[W.Node] = []
        self.edges: list[W.Edge] = []
        self.by_label: dict[str, str] = {}

    def node(self, label: str, shape: W.NodeShape | None = None, group: str | None = None) -> str:
        label = clean_inline(label).strip().strip("\"'[](){}").strip() or "?"
        key = label.lower()
        if key in self.by_label:
            return self.by_label[key]
        node_id = f"n{len(self.nodes) + 1}"
        if shape is None:
            shape = W.NodeShape.DECISION if label.endswith(("?", "？")) else W.NodeShape.BOX
        self.nodes.append(W.Node(id=node_id, label=label[:160], shape=shape, group=group))
        self.by_label[key] = node_id
        return node_id

    def edge(self, a: str, b: str, label: str | None = None, dashed: bool = False) -> None:
        if a != b or label:
            self.edges.append(W.Edge(source=a, target=b, label=label[:80] if label else None, dashed=dashed))


def _arrow_chains(lines: list[str], groups: dict[str, str]) -> _Graph | None:
    """Chains of arrows; `groups` maps a component's label (lower case) to the group it was listed under."""
    g = _Graph()
    for line in lines:
        if not _ARROW_SPLIT.search(line):
            continue
        parts = [p for p in _ARROW_SPLIT.split(line.strip().strip("-*• ")) if p.strip()]
        prev = None
        for part in parts:
            label = None
            m = _EDGE_LABEL.match(part.strip())
            if m:
                label, part = m.group(1).strip(), m.group(2)
            name = clean_inline(part).strip().strip("\"'[](){}").strip()
            current = g.node(name, group=groups.get(name.lower()))
            if prev is not None:
                g.edge(prev, current, label)
            prev = current
    return g if g.edges else None


def _sequence(lines: list[str]) -> _Graph | None:
    g = _Graph()
    for line in lines:
        m = _SEQ.match(line)
        if m:
            a, verb, rest = m.group("a"), m.group("verb").lower(), m.group("rest")
            target, message = rest, verb
            tm = re.match(r"(?P<msg>.+?)\s+(?:to|from)\s+(?P<b>[\w .\-/]{1,40})$", rest)
            if verb.endswith((" to", " from")):
                parts = rest.split(" with ", 1)
                target = parts[0]
                message = verb.split()[0] + (" " + parts[1] if len(parts) > 1 else "")
            elif tm:
                target, message = tm.group("b"), f"{verb} {tm.group('msg')}"
            else:
                target = re.split(r"\s+(?:with|for|about)\s+", rest, maxsplit=1)[0]
                extra = rest[len(target):].strip()
                message = verb + (" " + extra if extra else "")
            src = g.node(a, W.NodeShape.ACTOR)
            dst = g.node(target, W.NodeShape.ACTOR)
            g.edge(src, dst, message[:80], dashed=verb.startswith(_REPLY_VERBS))
            continue
        for pattern in _SEQ_ZH:
            m = pattern.match(line)
            if m:
                verb = m.group("verb")
                message = (m.groupdict().get("msg") or "").strip() or verb
                if message != verb and verb not in ("傳送", "發送", "送出"):
                    message = f"{verb}{message}"
                src = g.node(m.group("a"), W.NodeShape.ACTOR)
                dst = g.node(m.group("b"), W.NodeShape.ACTOR)
                g.edge(src, dst, message[:80], dashed=verb in _REPLY_VERBS)
                break
    return g if len(g.edges) >= 2 else None


def _outline(content: str, root_label: str, zh: bool) -> _Graph | None:
    """Headings and indented lists as a tree under the title: heading levels, then list indentation, give depth."""
    items: list[tuple[int, str]] = []
    heading_depth = 0
    indents: list[int] = []
    min_heading = min((len(m.group("hashes")) for m in map(_HEADING.match, content.splitlines()) if m), default=1)
    for raw in content.splitlines():
        if not raw.strip():
            continue
        m = _HEADING.match(raw)
        if m:
            level = len(m.group("hashes")) - min_heading
            if level == 0 and not items and len(re.findall(r"^#\s", content, re.M)) == 1 and min_heading == 1:
                continue  # the document's title: it is the centre
            heading_depth = level + 1
            indents = []
            items.append((level, clean_inline(m.group("text"))))
            continue
        m = _BULLET.match(raw)
        if m:
            width = len(m.group("indent").expandtabs(4))
            while indents and indents[-1] > width:
                indents.pop()
            if not indents or indents[-1] < width:
                indents.append(width)
            items.append((heading_depth + len(indents) - 1, clean_inline(m.group("text"))))
    if len(items) < 2 or max(d for d, _ in items) < 1 and not any(_HEADING.match(r) for r in content.splitlines()):
        return None
    g = _Graph()
    root = g.node(root_label, W.NodeShape.ROUND)
    stack: list[tuple[int, str]] = [(-1, root)]
    limit = 60 if not zh else 24
    for depth, text in items[: MAX_NODES - 1]:
        while stack[-1][0] >= depth:
            stack.pop()
        node = g.node(shorten(headline(text, limit * 2), limit), W.NodeShape.ROUND)
        g.edge(stack[-1][1], node)
        stack.append((depth, node))
    return g


def _section_groups(doc: Document) -> tuple[list[W.Group], dict[str, str]]:
    """Headings whose items name components: one group per heading, and each component's group."""
    groups: list[W.Group] = []
    member: dict[str, str] = {}
    for s in doc.sections:
        names = [clean_inline(i.text) for i in s.items if not _ARROW_SPLIT.search(i.text)]
        if not s.heading or not names:
            continue
        gid = f"g{len(groups) + 1}"
        groups.append(W.Group(id=gid, label=s.heading[:80]))
        for name in names:
            member.setdefault(name.lower(), gid)
    return groups[:20], member


def _from_mermaid(request: PlanRequest, title: str) -> W.WhiteboardPlan | None:
    text = request.content
    if not (looks_like_mermaid(text) or _MERMAID_LINK.search(text)):
        return None
    try:
        plan = parse_mermaid(text, title).plan
    except MermaidError:
        return None
    return plan


def build_whiteboard(request: PlanRequest, doc: Document) -> tuple[W.WhiteboardPlan, bool]:
    zh = is_zh(doc, request.prompt)
    title = topic_of(request.prompt, doc)
    prompt = request.prompt.lower()
    lines = [line.strip() for line in request.content.splitlines() if line.strip()]
    texts = [i.text for s in doc.all_sections for i in s.items] + [p for s in doc.all_sections for p in s.paragraphs]
    wants_mindmap = any(w in prompt for w in ("mind map", "mindmap", "心智圖", "思維導圖"))
    wants_timeline = "timeline" in prompt or "時間軸" in prompt or "年表" in prompt
    wants_brainstorm = "brainstorm" in prompt or "腦力激盪" in prompt
    wants_sequence = "sequence" in prompt or "時序" in prompt

    plan = _from_mermaid(request, title) if request.content else None
    if plan is not None:
        return plan, False

    kind = None
    graph = None
    groups: list[W.Group] = []
    if lines:
        groups, member = _section_groups(doc)
        graph = _arrow_chains(lines, member)
        if graph:
            used = {n.group for n in graph.nodes if n.group}
            groups = [g for g in groups if g.id in used]
            kind = W.DiagramKind.ARCHITECTURE if groups else W.DiagramKind.FLOWCHART
        else:
            groups = []
    if graph is None and lines:
        graph = _sequence(lines)
        if graph:
            kind = W.DiagramKind.SEQUENCE
    if graph is None and not wants_mindmap:
        dated = max(dated_items(texts), dated_items([_BULLET.sub(r"\g<text>", line) for line in lines]), key=len)
        if len(dated) >= 3 or (wants_timeline and dated):
            nodes = [W.Node(id=f"e{k}", label=_fit(what, 80 if not zh else 30), time=date[:40])
                     for k, (date, what) in enumerate(dated[:MAX_NODES], start=1)]
            return W.WhiteboardPlan(title=title, kind=W.DiagramKind.TIMELINE, nodes=nodes), False
    if graph is None and not wants_mindmap and not wants_brainstorm:
        steps = [i.text for s in doc.all_sections if s.ordered for i in s.items if i.level == 0]
        if len(steps) >= 3 and not doc.sections[1:]:
            graph = _Graph()
            prev = graph.node("開始" if zh else "Start", W.NodeShape.TERMINAL)
            for step in steps[: MAX_NODES - 2]:
                n = graph.node(shorten(step, 80 if not zh else 30))
                graph.edge(prev, n)
                prev = n
            graph.edge(prev, graph.node("完成" if zh else "Done", W.NodeShape.TERMINAL))
            kind = W.DiagramKind.FLOWCHART
    if graph is None and not doc.is_empty:
        graph = _outline(request.content, title, zh)
        if graph is None:
            graph = _Graph()
            root = graph.node(title, W.NodeShape.ROUND)
            for s in (doc.sections or [doc.lead])[:10]:
                branch_label = s.heading or headline(s.text, 40)
                if branch_label:
                    branch = graph.node(shorten(branch_label, 60 if not zh else 20), W.NodeShape.ROUND)
                    graph.edge(root, branch)
                    for p in s.paragraphs[:4]:
                        graph.edge(branch, graph.node(shorten(headline(p, 50 if not zh else 18), 60),
                                                      W.NodeShape.ROUND))
        kind = W.DiagramKind.MINDMAP
    scaffold = graph is None or len(graph.nodes) < 2
    if scaffold:
        graph = _Graph()
        root = graph.node(title, W.NodeShape.ROUND)
        for label in (["目標", "步驟", "風險", "下一步"] if zh else ["Goals", "Steps", "Risks", "Next steps"]):
            graph.edge(root, graph.node(label, W.NodeShape.ROUND))
        kind = W.DiagramKind.MINDMAP

    # Words in the request choose among the readings the data allows.
    if wants_sequence and kind is W.DiagramKind.FLOWCHART:
        kind = W.DiagramKind.SEQUENCE
    elif wants_mindmap and kind in (W.DiagramKind.FLOWCHART, W.DiagramKind.ARCHITECTURE) and not scaffold:
        kind = W.DiagramKind.MINDMAP
        groups = []
    elif ("flowchart" in prompt or "flow chart" in prompt or "流程圖" in prompt) and kind is W.DiagramKind.MINDMAP \
            and not scaffold:
        kind = W.DiagramKind.FLOWCHART
    elif wants_brainstorm:
        kind = W.DiagramKind.BRAINSTORM
        return _brainstorm(title, doc, graph, zh), scaffold

    nodes = graph.nodes[:MAX_NODES]
    if kind is not W.DiagramKind.ARCHITECTURE:
        nodes = [n.model_copy(update={"group": None}) for n in nodes]
        groups = []
    keep = {n.id for n in nodes}
    edges = [e for e in graph.edges if e.source in keep and e.target in keep][:300]
    return W.WhiteboardPlan(title=title, kind=kind, nodes=nodes, edges=edges, groups=groups), scaffold


def _brainstorm(title: str, doc: Document, graph: _Graph, zh: bool) -> W.WhiteboardPlan:
    """Sticky notes: one cluster per section (its items and sentences as notes), else the graph's nodes."""
    groups: list[W.Group] = []
    nodes: list[W.Node] = []
    limit = 60 if not zh else 24
    for s in doc.sections[:20]:
        notes = [i.text for i in s.items] or [headline(p, limit * 2) for p in s.paragraphs]
        if not s.heading or not notes:
            continue
        gid = f"g{len(groups) + 1}"
        groups.append(W.Group(id=gid, label=s.heading[:80]))
        for text in notes[:12]:
            if len(nodes) < MAX_NODES:
                nodes.append(W.Node(id=f"n{len(nodes) + 1}", label=shorten(clean_inline(text), limit),
                                    shape=W.NodeShape.NOTE, group=gid))
    if not nodes:
        nodes = [W.Node(id=n.id, label=n.label, shape=W.NodeShape.NOTE) for n in graph.nodes[1:MAX_NODES + 1]
                 if n.label != title] or [W.Node(id="n1", label=title, shape=W.NodeShape.NOTE)]
        groups = []
    return W.WhiteboardPlan(title=title, kind=W.DiagramKind.BRAINSTORM, nodes=nodes, groups=groups)

"""Offline whiteboard building: arrows in text become a flowchart, "X sends Y to Z" lines a sequence, dated lines
a timeline, numbered steps a process, outlines and sections a mind map."""

from __future__ import annotations

import re

from renderers.plan import whiteboard as W

from ..base import PlanRequest
from .common import dated_items, is_zh, topic_of
from .condense import headline, shorten
from .document import Document

MAX_NODES = 150

_ARROW_SPLIT = re.compile(r"\s*(?:-->|->|→|=>|⇒|⟶)\s*")
_EDGE_LABEL = re.compile(r"^\|([^|]{1,80})\|\s*(.+)$")
_SEQ = re.compile(
    r"^\s*(?P<a>[\w .\-]{1,40}?|[\u4e00-\u9fff]{1,12})\s+(?P<verb>calls|sends|requests|returns|replies to|responds to|"
    r"notifies|asks|queries|writes to|reads from)\s+(?P<rest>.+?)\s*\.?$",
    re.IGNORECASE,
)
_SEQ_ZH = re.compile(r"^\s*(?P<a>[^\s，,]{1,12})\s*(?:呼叫|傳送|發送|回傳|通知|請求|查詢)(?P<rest>.+)$")


class _Graph:
    def __init__(self) -> None:
        self.nodes: list[W.Node] = []
        self.edges: list[W.Edge] = []
        self.by_label: dict[str, str] = {}

    def node(self, label: str, shape: W.NodeShape | None = None, group: str | None = None) -> str:
        label = label.strip().strip("\"'[](){}").strip() or "?"
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


def _arrow_chains(lines: list[str]) -> _Graph | None:
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
            current = g.node(part)
            if prev is not None:
                g.edge(prev, current, label)
            prev = current
    return g if len(g.edges) >= 1 else None


def _sequence(lines: list[str]) -> _Graph | None:
    g = _Graph()
    for line in lines:
        m = _SEQ.match(line)
        if m:
            a, verb, rest = m.group("a"), m.group("verb").lower(), m.group("rest")
            target, message = rest, verb
            tm = re.match(r"(?P<msg>.+?)\s+(?:to|from)\s+(?P<b>[\w .\-]{1,40})$", rest)
            if tm:
                target, message = tm.group("b"), f"{verb} {tm.group('msg')}"
            elif verb in ("calls", "notifies", "asks", "queries"):
                target = rest.split(" with ")[0].split(" for ")[0]
                message = verb + (" " + rest[len(target):].strip() if rest[len(target):].strip() else "")
            src = g.node(a, W.NodeShape.ACTOR)
            dst = g.node(target, W.NodeShape.ACTOR)
            g.edge(src, dst, message[:80], dashed=verb.startswith(("returns", "replies", "responds")))
    return g if len(g.edges) >= 2 else None


def build_whiteboard(request: PlanRequest, doc: Document) -> tuple[W.WhiteboardPlan, bool]:
    zh = is_zh(doc, request.prompt)
    title = topic_of(request.prompt, doc)
    prompt = request.prompt.lower()
    lines = [l.strip() for l in request.content.splitlines() if l.strip()]
    texts = [i.text for s in doc.all_sections for i in s.items] + [p for s in doc.all_sections for p in s.paragraphs]
    kind = None
    graph = None

    if lines:
        graph = _arrow_chains(lines)
        if graph:
            kind = W.DiagramKind.FLOWCHART
    if graph is None and (lines or texts):
        graph = _sequence(lines)
        if graph:
            kind = W.DiagramKind.SEQUENCE
    if graph is None:
        dated = dated_items(texts)
        if len(dated) >= 3:
            graph = _Graph()
            prev = None
            for date, what in dated[:MAX_NODES]:
                n = graph.node(f"{date} {shorten(what, 60 if not zh else 24)}", W.NodeShape.ROUND)
                if prev:
                    graph.edge(prev, n)
                prev = n
            kind = W.DiagramKind.TIMELINE
    if graph is None:
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
        graph = _Graph()
        root = graph.node(title, W.NodeShape.ROUND)
        sections = doc.sections or [doc.lead]
        for s in sections[:10]:
            branch_label = s.heading or headline(s.text, 40)
            if not branch_label:
                continue
            branch = graph.node(shorten(branch_label, 60 if not zh else 20))
            graph.edge(root, branch)
            leaves = [i.text for i in s.items if i.level == 0] or [shorten(p, 60) for p in s.paragraphs]
            parent_for_level = branch
            for item in s.items[:8] if s.items else []:
                leaf = graph.node(shorten(item.text, 60 if not zh else 20))
                graph.edge(branch if item.level == 0 else parent_for_level, leaf)
                if item.level == 0:
                    parent_for_level = leaf
            if not s.items:
                for p in leaves[:4]:
                    graph.edge(branch, graph.node(shorten(headline(p, 50 if not zh else 18), 60)))
        kind = W.DiagramKind.MINDMAP
    scaffold = graph is None
    if scaffold:
        graph = _Graph()
        root = graph.node(title, W.NodeShape.ROUND)
        for label in (["目標", "步驟", "風險", "下一步"] if zh else ["Goals", "Steps", "Risks", "Next steps"]):
            graph.edge(root, graph.node(label))
        kind = W.DiagramKind.MINDMAP

    # Words in the request override the shape-based guess where the data fits.
    if "sequence" in prompt or "時序" in prompt:
        kind = W.DiagramKind.SEQUENCE
    elif ("mind map" in prompt or "mindmap" in prompt or "心智圖" in prompt) and kind is not W.DiagramKind.SEQUENCE:
        kind = W.DiagramKind.MINDMAP
    elif ("flowchart" in prompt or "flow chart" in prompt or "流程圖" in prompt) and kind is W.DiagramKind.MINDMAP \
            and not scaffold:
        kind = W.DiagramKind.FLOWCHART
    elif "brainstorm" in prompt or "腦力激盪" in prompt:
        kind = W.DiagramKind.BRAINSTORM
        graph.nodes = [W.Node(id=n.id, label=n.label, shape=W.NodeShape.NOTE) for n in graph.nodes]
        graph.edges = []

    nodes = graph.nodes[:MAX_NODES]
    keep = {n.id for n in nodes}
    edges = [e for e in graph.edges if e.source in keep and e.target in keep][:300]
    return W.WhiteboardPlan(title=title, kind=kind, nodes=nodes, edges=edges), scaffold

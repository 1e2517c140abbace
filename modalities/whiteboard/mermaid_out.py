"""Writes a whiteboard plan as Mermaid text (`board.mmd`), so a board can go back to text, into docs and chat.

Each kind is written in Mermaid's own diagram type where one exists: sequences as `sequenceDiagram`, timelines as
`timeline`, mind maps whose edges form a plain tree as `mindmap`; everything else (flowcharts, architectures,
brainstorms, mind maps with cross-links or labelled branches) as a `flowchart`, groups as subgraphs. Labels are
always quoted, with Mermaid's entity codes for the characters that would end them, so any label survives.

A `%% atelier:` comment records what Mermaid has no words for (the board's kind and direction); Mermaid ignores
it, and Atelier's importer (models/mermaid.py) reads it, so export then import gives back the same nodes, edges
and groups.
"""

from __future__ import annotations

from collections import deque

from . import mermaid_shapes
from .plan import ArrowHeads, DiagramKind, Direction, NodeShape, WhiteboardPlan

# Node shapes: (opening, closing) around the quoted label, as the reader's tables spell them.
FLOW_SHAPES = mermaid_shapes.spelling(mermaid_shapes.FLOWCHART)
MINDMAP_SHAPES = mermaid_shapes.spelling(mermaid_shapes.MINDMAP)
RESERVED_IDS = {"end", "graph", "flowchart", "subgraph", "style", "class", "classdef", "click", "linkstyle",
                "direction", "default", "call", "href"}


def _text(label: str, extra: str = "") -> str:
    """Label text safe inside Mermaid quotes: quotes and the characters in `extra` as entity codes, newlines as
    <br>."""
    out = label.replace("#", "#35;").replace('"', "#quot;")
    for ch in extra:
        out = out.replace(ch, f"#{ord(ch)};")
    return out.replace("\r", "").replace("\n", "<br>")


def _quoted(label: str) -> str:
    return f'"{_text(label)}"'


def _id(node_id: str) -> str:
    """Node ids as Mermaid accepts them: its keywords get a trailing underscore."""
    return node_id + "_" if node_id.lower() in RESERVED_IDS else node_id


def _hint(plan: WhiteboardPlan, ids: bool) -> str:
    """The comment that carries the kind and direction; with `ids`, also the node and group ids that Mermaid's
    sequence and timeline syntax cannot hold (in the order the diagram lists them)."""
    hint = f"%% atelier: kind={plan.kind.value} direction={plan.direction.value}"
    if ids:
        order = list(dict.fromkeys(n.group for n in plan.nodes if n.group))
        if order:
            hint += f" groups={','.join(order)}"
        if plan.kind is DiagramKind.TIMELINE:
            hint += f" nodes={','.join(n.id for n in plan.nodes)}"
    return hint


def _front_matter(plan: WhiteboardPlan) -> list[str]:
    title = plan.title.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return ["---", f'title: "{title}"', "---"]


def _flow_link(dashed: bool, heads: ArrowHeads) -> str:
    if heads is ArrowHeads.NONE:
        return "-.-" if dashed else "---"
    if heads is ArrowHeads.BOTH:
        return "<-.->" if dashed else "<-->"
    return "-.->" if dashed else "-->"


def _flowchart(plan: WhiteboardPlan) -> list[str]:
    direction = "LR" if plan.direction is Direction.RIGHT else "TD"
    lines = [f"flowchart {direction}"]
    for n in plan.nodes:
        opening, closing = FLOW_SHAPES[n.shape]
        lines.append(f"    {_id(n.id)}{opening}{_quoted(n.label)}{closing}")
    for g in plan.groups:
        members = [n for n in plan.nodes if n.group == g.id]
        if not members:
            continue
        lines.append(f"    subgraph {_id(g.id)}[{_quoted(g.label)}]")
        lines.extend(f"        {_id(n.id)}" for n in members)
        lines.append("    end")
    for e in plan.edges:
        link = _flow_link(e.dashed, e.heads)
        label = f'|"{_text(e.label, "|")}"|' if e.label else ""
        lines.append(f"    {_id(e.source)} {link}{label} {_id(e.target)}")
    return lines


def mindmap_tree(plan: WhiteboardPlan) -> dict[str, list[str]] | None:
    """Children of each node when the edges are exactly a tree hanging from the first node, every edge pointing
    from parent to child, unlabelled and plain; None otherwise (Mermaid's mindmap has no words for the rest)."""
    root = plan.nodes[0].id
    children: dict[str, list[str]] = {n.id: [] for n in plan.nodes}
    parent_of: dict[str, str] = {}
    for e in plan.edges:
        if e.label or e.dashed or e.heads is not ArrowHeads.END or e.target == root or e.target in parent_of:
            return None
        parent_of[e.target] = e.source
        children[e.source].append(e.target)
    seen = {root}
    queue = deque([root])
    while queue:
        for c in children[queue.popleft()]:
            if c in seen:
                return None
            seen.add(c)
            queue.append(c)
    if len(seen) != len(plan.nodes) or plan.groups:
        return None
    # The mind map must list the nodes in the plan's order, which a depth-first walk does only when the plan is
    # in that order; otherwise the first node stays the centre but the rest would be reordered.
    walk: list[str] = []
    stack = [root]
    while stack:
        node = stack.pop()
        walk.append(node)
        stack.extend(reversed(children[node]))
    if walk != [n.id for n in plan.nodes]:
        return None
    return children


def _mindmap(plan: WhiteboardPlan, children: dict[str, list[str]]) -> list[str]:
    nodes = {n.id: n for n in plan.nodes}
    lines = ["mindmap"]

    def emit(node_id: str, depth: int) -> None:
        n = nodes[node_id]
        opening, closing = MINDMAP_SHAPES[n.shape]
        lines.append(f"{'  ' * (depth + 1)}{_id(n.id)}{opening}{_quoted(n.label)}{closing}")
        for c in children[node_id]:
            emit(c, depth + 1)

    emit(plan.nodes[0].id, 0)
    return lines


_SEQ_ARROWS = {
    (False, ArrowHeads.END): "->>",
    (True, ArrowHeads.END): "-->>",
    (False, ArrowHeads.NONE): "->",
    (True, ArrowHeads.NONE): "-->",
    (False, ArrowHeads.BOTH): "<<->>",
    (True, ArrowHeads.BOTH): "<<-->>",
}


def _sequence(plan: WhiteboardPlan) -> list[str]:
    lines = ["sequenceDiagram"]
    groups = {g.id: g for g in plan.groups}
    emitted: set[str] = set()

    def participant(n) -> str:
        keyword = "actor" if n.shape is NodeShape.ACTOR else "participant"
        alias = "" if n.label == n.id else f" as {_text(n.label, ';')}"
        return f"{keyword} {_id(n.id)}{alias}"

    for n in plan.nodes:
        if n.id in emitted:
            continue
        if n.group is None:
            lines.append(f"    {participant(n)}")
            emitted.add(n.id)
            continue
        # Mermaid boxes hold contiguous participants: all members of the group go in at its first member.
        lines.append(f"    box {_text(groups[n.group].label, ';')}")
        for m in plan.nodes:
            if m.group == n.group and m.id not in emitted:
                lines.append(f"        {participant(m)}")
                emitted.add(m.id)
        lines.append("    end")
    for e in plan.edges:
        arrow = _SEQ_ARROWS[(e.dashed, e.heads)]
        lines.append(f"    {_id(e.source)}{arrow}{_id(e.target)}: {_text(e.label or '', ';')}".rstrip())
    return lines


def _timeline(plan: WhiteboardPlan) -> list[str]:
    lines = ["timeline"]
    groups = {g.id: g for g in plan.groups}
    current_group: str | None = None
    previous = None
    for n in plan.nodes:
        if n.group != current_group and n.group is not None:
            lines.append(f"    section {_text(groups[n.group].label, ':')}")
        if previous is not None and n.time is not None and previous.time == n.time and previous.group == n.group:
            lines[-1] += f" : {_text(n.label, ':')}"
        elif n.time is None:
            lines.append(f"        {_text(n.label, ':')}")
        else:
            lines.append(f"        {_text(n.time, ':')} : {_text(n.label, ':')}")
        current_group = n.group
        previous = n
    return lines


def timeline_is_plain(plan: WhiteboardPlan) -> bool:
    """Whether Mermaid's timeline can hold the plan: no edges, and every group's events in one run."""
    if plan.edges:
        return False
    runs = [n.group for i, n in enumerate(plan.nodes) if i == 0 or plan.nodes[i - 1].group != n.group]
    if any(g is None for g in runs[1:]) or len([g for g in runs if g]) != len({g for g in runs if g}):
        return False
    return True


def plan_to_mermaid(plan: WhiteboardPlan) -> str:
    lines = _front_matter(plan)
    if plan.kind is DiagramKind.SEQUENCE:
        lines += [_hint(plan, True)] + _sequence(plan)
    elif plan.kind is DiagramKind.TIMELINE and timeline_is_plain(plan):
        lines += [_hint(plan, True)] + _timeline(plan)
    elif plan.kind is DiagramKind.MINDMAP and (tree := mindmap_tree(plan)) is not None:
        lines += [_hint(plan, False)] + _mindmap(plan, tree)
    else:
        lines += [_hint(plan, False)] + _flowchart(plan)
    return "\n".join(lines) + "\n"

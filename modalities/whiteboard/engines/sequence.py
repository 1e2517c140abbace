"""Sequence diagrams: participants across the top, dashed lifelines down, messages as arrows in the plan's order.

Columns are spaced so that every message label fits between the lifelines it spans (the gap a label needs is
added to the gaps it crosses, shortest spans first). Participants of one group sit side by side, so each group is
one frame. In Excalidraw a participant, its lifeline and its name move together (one group), and a message's label
moves with its arrow; messages are not bound to lifelines, which are lines and cannot hold bindings.
"""

from __future__ import annotations

from renderers.layout.geometry import Rect
from renderers.theme import Theme

from ..diagram import Diagram, EdgePath, FreeText, GroupBox, GuideLine, NodeBox
from ..plan import ArrowHeads, NodeShape, WhiteboardPlan
from ..sizing import EDGE_FONT, GROUP_FONT, Sizer, node_colors, palette_color, tint

MIN_GAP = 48.0  # between two participant boxes
ROW = 40.0  # vertical distance between messages, label aside
SELF_W = 44.0  # width of a self-message loop
SELF_H = 28.0


def _ordered(plan: WhiteboardPlan):
    """Participants in the plan's order, except that members of a group are pulled together at the first one."""
    seen: set[str] = set()
    out = []
    for n in plan.nodes:
        if n.id in seen:
            continue
        if n.group is None:
            out.append(n)
            seen.add(n.id)
            continue
        for m in plan.nodes:
            if m.group == n.group and m.id not in seen:
                out.append(m)
                seen.add(m.id)
    return out


def layout_sequence(plan: WhiteboardPlan, theme: Theme) -> Diagram:
    sizer = Sizer(theme)
    people = _ordered(plan)
    col = {n.id: i for i, n in enumerate(people)}
    boxes = [sizer.node(n.label, NodeShape.BOX) for n in people]
    head_h = max(h for _, h, _ in boxes)
    labels = [sizer.label_box(e.label, EDGE_FONT, 220.0) if e.label else None for e in plan.edges]

    gaps = [(boxes[i][0] + boxes[i + 1][0]) / 2 + MIN_GAP for i in range(len(people) - 1)]
    spans = []
    for e, lab in zip(plan.edges, labels):
        a, b = sorted((col[e.source], col[e.target]))
        if a == b:
            if a < len(gaps):
                need = SELF_W + 12 + (lab[0] if lab else 0) + 16
                gaps[a] = max(gaps[a], need)
            continue
        if lab:
            spans.append((b - a, a, b, lab[0] + 36))
    for _, a, b, need in sorted(spans):
        have = sum(gaps[a:b])
        if have < need:
            extra = (need - have) / (b - a)
            for k in range(a, b):
                gaps[k] += extra
    xs = [0.0]
    for gap in gaps:
        xs.append(xs[-1] + gap)

    diagram = Diagram(plan.title, plan.kind.value)
    group_index = {g.id: i for i, g in enumerate(plan.groups)}
    top = 0.0 if not plan.groups else GROUP_FONT * 1.25 + 24
    for n, (w, h, lay), x in zip(people, boxes, xs):
        fill, stroke = node_colors(theme, NodeShape.BOX, group_index.get(n.group) if n.group else col[n.id])
        diagram.nodes.append(NodeBox(n.id, n.label, NodeShape.ACTOR.value if n.shape is NodeShape.ACTOR
                                     else NodeShape.BOX.value, Rect(x - w / 2, top + (head_h - h) / 2, w, h), lay,
                                     fill, stroke, n.group, bundle=f"participant-{n.id}"))
    y = top + head_h + 36
    for i, (e, lab) in enumerate(zip(plan.edges, labels), start=1):
        if lab:
            y += lab[1] + 4
        x0, x1 = xs[col[e.source]], xs[col[e.target]]
        bundle = f"message-{i}"
        if e.source == e.target:
            points = [(x0, y), (x0 + SELF_W, y), (x0 + SELF_W, y + SELF_H), (x0 + 3, y + SELF_H)]
        else:
            inset = 3 if x1 > x0 else -3
            points = [(x0 + inset, y), (x1 - inset, y)]
        path = EdgePath(i, e.source, e.target, points, e.label, dashed=e.dashed, bound=False,
                        start_head=e.heads is ArrowHeads.BOTH, end_head=e.heads is not ArrowHeads.NONE,
                        bundle=bundle, label_on_line=False)
        if lab:
            lw, lh, lay = lab
            if e.source == e.target:
                rect = Rect(x0 + SELF_W + 10, y + (SELF_H - lh) / 2, lw, lh)
            else:
                rect = Rect((x0 + x1) / 2 - lw / 2, y - lh - 4, lw, lh)
            path.label_rect, path.label_text = rect, lay
            diagram.texts.append(FreeText(f"message-{i}-label", lay, rect, theme.palette.text, bundle=bundle))
        diagram.edges.append(path)
        y += SELF_H + ROW if e.source == e.target else ROW
    bottom = y + 8
    for n in diagram.nodes:
        diagram.guides.append(GuideLine(f"lifeline-{n.id}", [(n.rect.cx, n.rect.bottom), (n.rect.cx, bottom)],
                                        dashed=True, color=theme.palette.muted, width=1.5, bundle=n.bundle))
    for g in plan.groups:
        members = [n for n in diagram.nodes if n.group == g.id]
        if not members:
            continue
        tw, th, title = sizer.label_box(g.label, GROUP_FONT, 300.0)
        x0 = min(m.rect.x for m in members) - 16
        x1 = max(m.rect.right for m in members) + 16
        if x1 - x0 < tw + 24:
            x1 = x0 + tw + 24
        rect = Rect(x0, 0, x1 - x0, bottom + 16)
        diagram.groups.append(GroupBox(g.id, g.label, rect, [m.id for m in members],
                                       tint(palette_color(theme, group_index[g.id]), 0.93), title,
                                       Rect(x0 + 12, 8, tw, th)))
    return diagram

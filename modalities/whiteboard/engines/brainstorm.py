"""Brainstorm boards: sticky notes clustered by theme (the plan's groups), each cluster a near-square grid of
same-size notes in its own colour, the clusters packed in rows toward a landscape board.

Notes without a group form one more cluster without a frame. Edges, rare on a brainstorm, are straight arrows
from note to note.
"""

from __future__ import annotations

import math

from renderers.layout.geometry import Rect
from renderers.theme import Theme

from ..diagram import Diagram, EdgePath, GroupBox, NodeBox
from ..geometry import border_point, label_spot
from ..plan import ArrowHeads, Node, NodeShape, WhiteboardPlan
from ..sizing import EDGE_FONT, GROUP_FONT, Sizer, node_colors, palette_color, tint

NOTE_GAP = 18.0
PAD = 20.0
CLUSTER_GAP = 44.0


def _rows(sizes: list[tuple[float, float]], row_width: float) -> tuple[float, float]:
    """The board's (width, height) when clusters fill rows up to `row_width`, in order."""
    x = y = row_h = width = 0.0
    for w, h in sizes:
        if x > 0 and x + w > row_width:
            x, y, row_h = 0.0, y + row_h + CLUSTER_GAP, 0.0
        x += w + CLUSTER_GAP
        width = max(width, x - CLUSTER_GAP)
        row_h = max(row_h, h)
    return width, y + row_h


def _best_row_width(sizes: list[tuple[float, float]]) -> float:
    """The row width whose board is closest to a landscape 16:10, trying each way of breaking the rows."""
    candidates = {max(w for w, _ in sizes)}
    total = 0.0
    for w, _ in sizes:
        total += w + CLUSTER_GAP
        candidates.add(total)
    return min(sorted(candidates), key=lambda rw: abs(math.log(max(_rows(sizes, rw)[0], 1) / max(_rows(sizes, rw)[1], 1)
                                                             / 1.6)))


def layout_brainstorm(plan: WhiteboardPlan, theme: Theme) -> Diagram:
    sizer = Sizer(theme)
    # (group id, its label, its notes); the notes in no group make a cluster without either
    clusters: list[tuple[str | None, str | None, list[Node]]] = [
        (g.id, g.label, [n for n in plan.nodes if n.group == g.id]) for g in plan.groups]
    loose = [n for n in plan.nodes if n.group is None]
    if loose:
        clusters.append((None, None, loose))
    clusters = [c for c in clusters if c[2]]

    # Each cluster's size: a grid of equal notes, a title band on top.
    shaped = []
    for ci, (gid, glabel, members) in enumerate(clusters):
        sized = [sizer.node(n.label, NodeShape.NOTE, max_w=130.0) for n in members]
        side_w = max(w for w, _, _ in sized)
        side_h = max(h for _, h, _ in sized)
        cols = max(1, math.ceil(math.sqrt(len(members) * side_h / side_w)))
        rows = math.ceil(len(members) / cols)
        title = sizer.label_box(glabel, GROUP_FONT, 320.0) if glabel else None
        band = title[1] + 16 if title else 0.0
        w = cols * side_w + (cols - 1) * NOTE_GAP + 2 * PAD
        if title:
            w = max(w, title[0] + 2 * PAD)
        h = rows * side_h + (rows - 1) * NOTE_GAP + 2 * PAD + band
        shaped.append((ci, gid, glabel, members, sized, side_w, side_h, cols, w, h, title, band))

    row_width = _best_row_width([(s[8], s[9]) for s in shaped])
    diagram = Diagram(plan.title, plan.kind.value)
    x = y = 0.0
    row_h = 0.0
    for ci, gid, glabel, members, sized, side_w, side_h, cols, w, h, title, band in shaped:
        if x > 0 and x + w > row_width:
            x, y = 0.0, y + row_h + CLUSTER_GAP
            row_h = 0.0
        colour_index = ci
        fill, stroke = node_colors(theme, NodeShape.NOTE, colour_index)
        grid_w = cols * side_w + (cols - 1) * NOTE_GAP
        left = x + (w - grid_w) / 2
        for k, (n, (_, _, lay)) in enumerate(zip(members, sized)):
            r, c = divmod(k, cols)
            rect = Rect(left + c * (side_w + NOTE_GAP), y + band + PAD + r * (side_h + NOTE_GAP), side_w, side_h)
            diagram.nodes.append(NodeBox(n.id, n.label, NodeShape.NOTE.value, rect, lay, fill, stroke, gid))
        if gid is not None and glabel is not None and title is not None:
            diagram.groups.append(GroupBox(gid, glabel, Rect(x, y, w, h), [n.id for n in members],
                                           tint(palette_color(theme, colour_index), 0.93), title[2],
                                           Rect(x + 12, y + 8, title[0], title[1])))
        x += w + CLUSTER_GAP
        row_h = max(row_h, h)

    order = {n.id: i for i, n in enumerate(plan.nodes)}
    diagram.nodes.sort(key=lambda n: order[n.id])
    for i, e in enumerate(plan.edges):
        if e.source == e.target:
            continue
        a, b = diagram.node(e.source), diagram.node(e.target)
        start = border_point(a.rect, a.shape, (b.rect.cx, b.rect.cy), 2)
        stop = border_point(b.rect, b.shape, (a.rect.cx, a.rect.cy), 2)
        path = EdgePath(i + 1, e.source, e.target, [start, stop], e.label, dashed=e.dashed,
                        start_head=e.heads is ArrowHeads.BOTH, end_head=e.heads is not ArrowHeads.NONE)
        if e.label:
            lw, lh, lay = sizer.label_box(e.label, EDGE_FONT)
            path.label_rect = label_spot(path.points, lw, lh, [n.rect for n in diagram.nodes])
            path.label_text = lay
        diagram.edges.append(path)
    return diagram

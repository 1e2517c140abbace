"""Mind maps as a balanced map: the central idea in the middle, its branches split between the right and the left
side by size, each branch a tidy tree growing outward, in its own colour.

The tree is read from the edges by a breadth-first walk from the first node (the centre); nodes the walk does not
reach hang from the centre, and edges that are not tree edges are drawn as dashed cross-links. Every subtree owns
a horizontal band no other subtree enters, and depth grows strictly outward, so no two boxes can overlap.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from renderers.layout.fit import TextLayout
from renderers.layout.geometry import Rect
from renderers.theme import Theme

from ..diagram import Diagram, EdgePath, NodeBox
from ..geometry import border_point, label_spot, s_curve
from ..plan import NodeShape, WhiteboardPlan
from ..sizing import EDGE_FONT, Sizer, palette_color, shade, tint

H_GAP = 64.0  # between a node and its children
SIBLING_GAP = 14.0
BRANCH_GAP = 30.0  # between the centre's branches


@dataclass
class _Item:
    id: str
    w: float
    h: float
    lay: TextLayout
    depth: int
    children: list[_Item] = field(default_factory=list)
    band: float = 0.0
    edge: int | None = None  # index of the plan edge that reaches this node
    gap: float = H_GAP  # distance to the children (wider when an edge label sits in it)


def _tree(plan: WhiteboardPlan) -> tuple[dict[str, str | None], dict[str, int], set[int]]:
    """Parent of each node, the edge index that reaches it, and the indices of tree edges."""
    root = plan.nodes[0].id
    adjacent: dict[str, list[tuple[str, int]]] = {n.id: [] for n in plan.nodes}
    for i, e in enumerate(plan.edges):
        if e.source != e.target:
            adjacent[e.source].append((e.target, i))
            adjacent[e.target].append((e.source, i))
    parent: dict[str, str | None] = {root: None}
    via: dict[str, int] = {}
    tree_edges: set[int] = set()
    queue = deque([root])
    while queue:
        node = queue.popleft()
        # Outgoing edges first, so "A -> B" makes B a child of A even when B was mentioned earlier.
        for nxt, i in sorted(adjacent[node], key=lambda t: plan.edges[t[1]].source != node):
            if nxt not in parent:
                parent[nxt] = node
                via[nxt] = i
                tree_edges.add(i)
                queue.append(nxt)
    for n in plan.nodes:
        if n.id not in parent:
            parent[n.id] = root
    return parent, via, tree_edges


def _band(item: _Item) -> float:
    if item.children:
        gap = BRANCH_GAP if item.depth == 0 else SIBLING_GAP
        inner = sum(_band(c) for c in item.children) + gap * (len(item.children) - 1)
        item.band = max(item.h, inner)
    else:
        item.band = item.h
    return item.band


def layout_mindmap(plan: WhiteboardPlan, theme: Theme) -> Diagram:
    sizer = Sizer(theme)
    parent, via, tree_edges = _tree(plan)
    items: dict[str, _Item] = {}

    def depth_of(node_id: str) -> int:
        d = 0
        up = parent[node_id]
        while up is not None:
            up = parent[up]
            d += 1
        return d

    for n in plan.nodes:
        d = depth_of(n.id)
        if d == 0:
            w, h, lay = sizer.node(n.label, NodeShape.TERMINAL, 24.0, bold=True, max_w=240.0)
        else:
            w, h, lay = sizer.node(n.label, NodeShape.ROUND, 20.0 if d == 1 else 18.0)
        items[n.id] = _Item(n.id, w, h, lay, d, edge=via.get(n.id))
    for n in plan.nodes[1:]:
        up = parent[n.id]
        if up is not None:  # only the centre has none
            items[up].children.append(items[n.id])
    for item in items.values():
        labels = [label for c in item.children if c.edge is not None and (label := plan.edges[c.edge].label)]
        if labels:
            item.gap = max(H_GAP, max(sizer.label_box(lbl)[0] for lbl in labels) + 28)
    root = items[plan.nodes[0].id]
    for child in root.children:
        _band(child)

    # Balance: the first branches (clockwise from the top right) go right until half the weight is there.
    branches = root.children
    total = sum(b.band for b in branches)
    right: list[_Item] = []
    weight = 0.0
    for branch in branches:
        if len(branches) == 1 or weight + branch.band / 2 <= total / 2 or not right:
            right.append(branch)
            weight += branch.band
        else:
            break
    left = branches[len(right):]

    diagram = Diagram(plan.title, plan.kind.value)
    pal = theme.palette
    rects: dict[str, Rect] = {root.id: Rect(-root.w / 2, -root.h / 2, root.w, root.h)}
    colour_of: dict[str, str] = {root.id: pal.accent}
    side_of: dict[str, int] = {root.id: 1}

    def place(item: _Item, inner_x: float, top: float, side: int, colour: str) -> None:
        cy = top + item.band / 2
        x = inner_x if side > 0 else inner_x - item.w
        rects[item.id] = Rect(x, cy - item.h / 2, item.w, item.h)
        colour_of[item.id] = colour
        side_of[item.id] = side
        if not item.children:
            return
        inner = sum(c.band for c in item.children) + SIBLING_GAP * (len(item.children) - 1)
        y = cy - inner / 2
        child_x = x + item.w + item.gap if side > 0 else x - item.gap
        for c in item.children:
            place(c, child_x, y, side, colour)
            y += c.band + SIBLING_GAP

    for side, branch_list in ((1, right), (-1, left)):
        if not branch_list:
            continue
        if side < 0:
            branch_list = list(reversed(branch_list))  # clockwise: the left side reads bottom to top
        inner = sum(b.band for b in branch_list) + BRANCH_GAP * (len(branch_list) - 1)
        y = -inner / 2
        x = root.w / 2 + root.gap if side > 0 else -root.w / 2 - root.gap
        for branch in branch_list:
            colour = palette_color(theme, branches.index(branch))
            place(branch, x, y, side, colour)
            y += branch.band + BRANCH_GAP

    for n in plan.nodes:
        item = items[n.id]
        colour = colour_of[n.id]
        if item.depth == 0:
            fill, stroke, shape = tint(colour, 0.7), shade(colour, 0.1), NodeShape.TERMINAL.value
        elif item.depth == 1:
            fill, stroke, shape = tint(colour, 0.78), shade(colour, 0.05), NodeShape.ROUND.value
        else:
            fill, stroke, shape = tint(colour, 0.9), colour, NodeShape.ROUND.value
        diagram.nodes.append(NodeBox(n.id, n.label, shape, rects[n.id], item.lay, fill, stroke,
                                     font_size=24.0 if item.depth == 0 else 20.0 if item.depth == 1 else 18.0,
                                     bold=item.depth == 0))

    for i, e in enumerate(plan.edges):
        a, b = rects[e.source], rects[e.target]
        if i in tree_edges:
            child_id = e.target if parent.get(e.target) == e.source else e.source
            par = parent[child_id]
            assert par is not None, "a tree edge reaches a node that has a parent"
            pr, cr = rects[par], rects[child_id]
            side = side_of[child_id]
            start = (pr.right, pr.cy) if side > 0 else (pr.x, pr.cy)
            if par == root.id:
                start = border_point(pr, NodeShape.TERMINAL.value, (cr.cx, cr.cy))
            end = (cr.x, cr.cy) if side > 0 else (cr.right, cr.cy)
            points = s_curve(start, end)
            if child_id != e.target:
                points.reverse()
            depth = items[child_id].depth
            path = EdgePath(i + 1, e.source, e.target, points, e.label, dashed=e.dashed, start_head=False,
                            end_head=False, color=colour_of[child_id], width=3.0 if depth == 1 else 2.0)
        else:
            start = border_point(a, NodeShape.ROUND.value, (b.cx, b.cy))
            end = border_point(b, NodeShape.ROUND.value, (a.cx, a.cy))
            path = EdgePath(i + 1, e.source, e.target, [start, end], e.label, dashed=True,
                            color=pal.muted, width=1.5)
        if e.label:
            lw, lh, lay = sizer.label_box(e.label, EDGE_FONT)
            path.label_rect = label_spot(path.points, lw, lh, list(rects.values()))
            path.label_text = lay
        diagram.edges.append(path)
    return diagram

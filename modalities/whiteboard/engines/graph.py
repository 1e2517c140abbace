"""Flowcharts and architectures, laid out by Graphviz `dot`.

Why dot: it is the reference layered layout (Sugiyama), routes splines around nodes, places edge labels, keeps
clusters (our groups) together and around their members, and answers in milliseconds; grandalf and networkx
place nodes only and leave routing, labels and clusters to us. Every size dot sees is ours: nodes are fixed-size
boxes, diamonds and ellipses measured from the labels, and edge and cluster labels are fixed-size HTML cells of
the measured text, so the space dot leaves is exactly the space our text takes (1 pt in dot = 1 px here).
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess

from renderers.layout.geometry import Rect
from renderers.theme import Theme

from ..diagram import Diagram, EdgePath, GroupBox, NodeBox
from ..plan import ArrowHeads, DiagramKind, Direction, NodeShape, WhiteboardPlan
from ..sizing import EDGE_FONT, GROUP_FONT, Sizer, node_colors, palette_color, tint
from .errors import LayoutError

_DOT_SHAPES = {
    NodeShape.DECISION: "diamond",
    NodeShape.TERMINAL: "ellipse",
    NodeShape.ACTOR: "ellipse",
}


def _cell(w: float, h: float) -> str:
    """An empty HTML-like label of exactly w × h points."""
    return (f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>'
            f'<TD FIXEDSIZE="TRUE" WIDTH="{max(1, math.ceil(w))}" HEIGHT="{max(1, math.ceil(h))}"></TD>'
            f"</TR></TABLE>>")


def _levels(plan: WhiteboardPlan) -> dict[str, int]:
    """Longest-path layers over the edges, back edges (cycles) ignored: the ranks dot is likely to use."""
    out: dict[str, list[str]] = {n.id: [] for n in plan.nodes}
    for e in plan.edges:
        if e.source != e.target:
            out[e.source].append(e.target)
    state: dict[str, int] = {}
    order: list[str] = []

    def visit(start: str) -> None:
        stack = [(start, iter(out[start]))]
        state[start] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                order.append(node)
                stack.pop()
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(out[nxt])))

    for n in plan.nodes:
        if n.id not in state:
            visit(n.id)
    level = {n.id: 0 for n in plan.nodes}
    position = {node: i for i, node in enumerate(reversed(order))}
    for node in reversed(order):
        for nxt in out[node]:
            if position[nxt] > position[node]:  # a forward edge in topological order
                level[nxt] = max(level[nxt], level[node] + 1)
    return level


def choose_direction(plan: WhiteboardPlan, sizes: dict[str, tuple[float, float]]) -> str:
    """TB or LR: the one whose estimated drawing is closest to a landscape screen (3:2)."""
    if plan.direction is Direction.DOWN:
        return "TB"
    if plan.direction is Direction.RIGHT:
        return "LR"
    level = _levels(plan)
    layers: dict[int, list[str]] = {}
    for node_id, lv in level.items():
        layers.setdefault(lv, []).append(node_id)
    tb_w = max(sum(sizes[n][0] for n in ids) + 40 * (len(ids) - 1) for ids in layers.values())
    tb_h = sum(max(sizes[n][1] for n in ids) for ids in layers.values()) + 50 * (len(layers) - 1)
    lr_w = sum(max(sizes[n][0] for n in ids) for ids in layers.values()) + 60 * (len(layers) - 1)
    lr_h = max(sum(sizes[n][1] for n in ids) + 40 * (len(ids) - 1) for ids in layers.values())
    target = 1.5

    def score(w: float, h: float) -> float:
        return abs(math.log(max(w, 1) / max(h, 1) / target))

    bias = 0.25 if plan.kind is DiagramKind.ARCHITECTURE else 0.0  # architectures read left to right
    return "LR" if score(lr_w, lr_h) - bias <= score(tb_w, tb_h) else "TB"


def _spline(pos: str, flip) -> tuple[list[tuple[float, float]], tuple[float, float] | None, tuple[float, float] | None]:
    """Graphviz's edge spline ("s,x,y e,x,y p0 p1 ...", cubic Bézier control points) as points along the curve
    (each segment's middle and end), plus the arrow tips at the start and end when there are arrowheads."""
    start = end = None
    controls: list[tuple[float, float]] = []
    for token in pos.split():
        parts = token.split(",")
        if parts[0] == "e":
            end = flip(float(parts[1]), float(parts[2]))
        elif parts[0] == "s":
            start = flip(float(parts[1]), float(parts[2]))
        else:
            controls.append(flip(float(parts[0]), float(parts[1])))
    points = [controls[0]] if controls else []
    for i in range(0, len(controls) - 3, 3):
        p0, p1, p2, p3 = controls[i : i + 4]
        mid = (0.125 * p0[0] + 0.375 * p1[0] + 0.375 * p2[0] + 0.125 * p3[0],
               0.125 * p0[1] + 0.375 * p1[1] + 0.375 * p2[1] + 0.125 * p3[1])
        points += [mid, p3]
    return points, start, end


def plan_shape(plan: WhiteboardPlan, node_id: str) -> NodeShape:
    return next(n.shape for n in plan.nodes if n.id == node_id)


def layout_graph(plan: WhiteboardPlan, theme: Theme) -> Diagram:
    if not shutil.which("dot"):
        raise LayoutError("Graphviz 'dot' is not installed; run scripts/setup.sh (it installs the graphviz package)")
    sizer = Sizer(theme)
    group_index = {g.id: i for i, g in enumerate(plan.groups)}
    measured = {n.id: sizer.node(n.label, n.shape) for n in plan.nodes}
    rankdir = choose_direction(plan, {k: (w, h) for k, (w, h, _) in measured.items()})
    # Steps of one size read as one process: boxes share their width top-down, their height left to right.
    boxes = [n.id for n in plan.nodes if n.shape in (NodeShape.BOX, NodeShape.ROUND, NodeShape.DATABASE)]
    if len(boxes) > 1:
        if rankdir == "TB":
            common = max(measured[k][0] for k in boxes)
            measured.update({k: (common, measured[k][1], measured[k][2]) for k in boxes})
        else:
            common = max(measured[k][1] for k in boxes if plan_shape(plan, k) is not NodeShape.DATABASE)
            measured.update({k: (measured[k][0], max(common, measured[k][1]), measured[k][2]) for k in boxes})
    names = {n.id: f"n{i}" for i, n in enumerate(plan.nodes)}
    lines = [
        "digraph G {",
        f'graph [rankdir={rankdir} nodesep=0.45 ranksep=0.55 splines=spline pad=0 fontsize=1];',
        'node [fixedsize=true label="" margin=0 penwidth=0];',
        "edge [arrowsize=0.8 penwidth=2];",
    ]

    def node_line(n) -> str:
        w, h, _ = measured[n.id]
        shape = _DOT_SHAPES.get(n.shape, "box")
        return f"{names[n.id]} [shape={shape} width={w / 72:.4f} height={h / 72:.4f}];"

    group_titles = {}
    for gi, g in enumerate(plan.groups):
        members = [n for n in plan.nodes if n.group == g.id]
        if not members:
            continue
        tw, th, title = sizer.label_box(g.label, GROUP_FONT, 320.0)
        group_titles[g.id] = (tw, th, title)
        lines.append(f"subgraph cluster_{gi} {{ label={_cell(tw + 8, th + 4)}; labeljust=l; labelloc=t; margin=18;")
        lines.extend(node_line(n) for n in members)
        lines.append("}")
    lines.extend(node_line(n) for n in plan.nodes if n.group is None)
    label_sizes = {}
    level = _levels(plan)
    side = "e" if rankdir == "TB" else "s"
    for i, e in enumerate(plan.edges):
        attrs = [f'id="e{i}"']
        if e.source != e.target and level[e.target] <= level[e.source] and any(
            f.source == e.target and f.target == e.source for f in plan.edges
        ):
            # A pair of opposite edges would run on top of each other: send the one going back out of the side.
            attrs.append(f"tailport={side} headport={side}")
        if e.label:
            lw, lh, lay = sizer.label_box(e.label, EDGE_FONT)
            label_sizes[i] = (lw, lh, lay)
            attrs.append(f"label={_cell(lw, lh)}")
        if e.heads is ArrowHeads.BOTH:
            attrs.append("dir=both")
        elif e.heads is ArrowHeads.NONE:
            attrs.append("dir=none")
        lines.append(f"{names[e.source]} -> {names[e.target]} [{' '.join(attrs)}];")
    lines.append("}")
    try:
        proc = subprocess.run(["dot", "-Tjson"], input="\n".join(lines), capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        raise LayoutError("Graphviz took more than 60 s to lay out the diagram; simplify it") from None
    if proc.returncode != 0:
        raise LayoutError(f"Graphviz failed to lay out the diagram: {proc.stderr.strip()[:300]}")
    data = json.loads(proc.stdout)
    bb_h = float(data["bb"].split(",")[3])

    def flip(x: float, y: float) -> tuple[float, float]:
        return x, bb_h - y

    diagram = Diagram(plan.title, plan.kind.value)
    by_name = {v: k for k, v in names.items()}
    plan_nodes = {n.id: n for n in plan.nodes}
    for obj in data.get("objects", []):
        name = obj.get("name", "")
        if name.startswith("cluster_"):
            g = plan.groups[int(name.split("_")[1])]
            x0, y0, x1, y1 = (float(v) for v in obj["bb"].split(","))
            (ax, ay), (bx, by) = flip(x0, y1), flip(x1, y0)
            tw, th, title = group_titles[g.id]
            color = palette_color(theme, group_index[g.id])
            diagram.groups.append(GroupBox(g.id, g.label, Rect(ax, ay, bx - ax, by - ay),
                                           [n.id for n in plan.nodes if n.group == g.id], tint(color, 0.93), title,
                                           Rect(ax + 12, ay + 8, tw, th)))
            continue
        if name not in by_name:
            continue
        node = plan_nodes[by_name[name]]
        w, h, lay = measured[node.id]
        cx, cy = flip(*(float(v) for v in obj["pos"].split(",")))
        fill, stroke = node_colors(theme, node.shape, group_index.get(node.group) if node.group else None)
        diagram.nodes.append(NodeBox(node.id, node.label, node.shape.value, Rect(cx - w / 2, cy - h / 2, w, h), lay,
                                     fill, stroke, node.group))
    order = {n.id: i for i, n in enumerate(plan.nodes)}
    diagram.nodes.sort(key=lambda n: order[n.id])
    diagram.groups.sort(key=lambda g: group_index[g.id])
    gv_edges = {e.get("id"): e for e in data.get("edges", [])}
    for i, e in enumerate(plan.edges):
        gv = gv_edges[f"e{i}"]
        points, start_tip, end_tip = _spline(gv.get("pos", ""), flip)
        if end_tip:
            points.append(end_tip)
        if start_tip:
            points.insert(0, start_tip)
        path = EdgePath(i + 1, e.source, e.target, points, e.label, dashed=e.dashed,
                        start_head=e.heads is ArrowHeads.BOTH, end_head=e.heads is not ArrowHeads.NONE)
        if i in label_sizes and "lp" in gv:
            lw, lh, lay = label_sizes[i]
            lx, ly = flip(*(float(v) for v in gv["lp"].split(",")))
            path.label_rect = Rect(lx - lw / 2, ly - lh / 2, lw, lh)
            path.label_text = lay
        diagram.edges.append(path)
    return diagram

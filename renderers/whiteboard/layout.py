"""Whiteboard auto-layout: node sizes from the measured labels, positions from a layout engine per diagram kind.

Graphviz `dot` places graphs (flowcharts, architectures with groups as clusters, mind maps as trees): it is the
reference layered layout, routes edges around nodes, places edge labels, keeps clusters together, and answers in
about 20 ms. Sequence diagrams, timelines and brainstorm boards are not graph-layout problems (their order is
the content's order), so they are laid out directly on a grid.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable

from ..layout.fit import Para, TextLayout, layout_at
from ..layout.geometry import Rect
from ..layout.text import widest
from ..lints import hex_rgb
from ..plan.whiteboard import DiagramKind, Direction, NodeShape, WhiteboardPlan
from ..theme import Theme
from ..typography import typography
from .diagram import Diagram, EdgePath, GroupBox, GuideLine, NodeBox

FONT = 20.0  # Excalidraw's "medium" text size
EDGE_FONT = 16.0
MAX_LABEL_W = 220.0
PAD_X, PAD_Y = 24.0, 16.0
MARGIN = 40.0
SLACK = 1.15  # hand-written fonts run wider than the sans face we measure with


class LayoutError(RuntimeError):
    pass


def _tint(color: str, t: float = 0.82) -> str:
    r, g, b = hex_rgb(color)
    return "#{:02X}{:02X}{:02X}".format(round(r + (255 - r) * t), round(g + (255 - g) * t), round(b + (255 - b) * t))


class _Sizer:
    def __init__(self, theme: Theme):
        self.t = typography(theme)
        self.ls = 1.25

    def label(self, text: str, size: float = FONT, max_w: float = MAX_LABEL_W) -> TextLayout:
        return layout_at([Para(text)], self.t.body, self.t.body_bold, size, max_w, self.ls)

    def box(self, text: str, shape: str) -> tuple[float, float, TextLayout]:
        lay = self.label(text)
        w = widest(lay.paras[0].lines, self.t.body, FONT) * SLACK + 2 * PAD_X
        h = lay.height + 2 * PAD_Y
        if shape == NodeShape.DECISION:
            w, h = w * 1.5 + 10, h * 1.6 + 10
        elif shape in (NodeShape.TERMINAL, NodeShape.ACTOR):
            w, h = w * 1.2, h * 1.15
        elif shape == NodeShape.NOTE:
            side = max(w, h, 160.0)
            w, h = side, max(h, side * 0.8)
        return max(w, 120.0), max(h, 56.0), lay


def _colors(theme: Theme, group_index: int | None, shape: str) -> tuple[str, str]:
    pal = theme.palette
    if shape == NodeShape.NOTE:
        base = pal.series[(group_index or 0) % len(pal.series)]
        return _tint(base, 0.7), base
    if shape == NodeShape.DECISION:
        return _tint(pal.series[1], 0.8), pal.series[1]
    if shape == NodeShape.TERMINAL:
        return _tint(pal.series[2], 0.8), pal.series[2]
    base = pal.series[(group_index or 0) % len(pal.series)] if group_index is not None else pal.accent
    return _tint(base, 0.85), base


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _direction(plan: WhiteboardPlan) -> str:
    if plan.direction is Direction.DOWN:
        return "TB"
    if plan.direction is Direction.RIGHT:
        return "LR"
    if plan.kind in (DiagramKind.ARCHITECTURE, DiagramKind.MINDMAP):
        return "LR"
    # A short chain reads best left to right; anything branching or long, top down.
    out_degree: dict[str, int] = {}
    for e in plan.edges:
        out_degree[e.source] = out_degree.get(e.source, 0) + 1
    linear = all(v <= 1 for v in out_degree.values())
    return "LR" if linear and len(plan.nodes) <= 5 else "TB"


def _graphviz(plan: WhiteboardPlan, theme: Theme) -> Diagram:
    if not shutil.which("dot"):
        raise LayoutError("Graphviz 'dot' is not installed; run scripts/setup.sh (it installs the graphviz package)")
    sizer = _Sizer(theme)
    group_index = {g.id: i for i, g in enumerate(plan.groups)}
    sizes = {}
    lines = [
        "digraph G {",
        f"rankdir={_direction(plan)}; nodesep=0.55; ranksep=0.75; splines=spline; compound=true;",
        'node [shape=box fixedsize=true label=""];',
        'edge [fontname="Helvetica" fontsize=14 arrowsize=0.8];',
    ]
    names = {n.id: f"n{i}" for i, n in enumerate(plan.nodes)}

    def node_line(n) -> str:
        w, h, lay = sizer.box(n.label, n.shape)
        sizes[n.id] = (w, h, lay)
        return f"{names[n.id]} [width={w / 72:.3f} height={h / 72:.3f}];"

    for gi, g in enumerate(plan.groups):
        lines.append(f"subgraph cluster_{gi} {{ label={_dot_quote(g.label)}; margin=24; fontsize=20;")
        lines.extend(node_line(n) for n in plan.nodes if n.group == g.id)
        lines.append("}")
    lines.extend(node_line(n) for n in plan.nodes if n.group is None)
    for e in plan.edges:
        label = ""
        if e.label:
            # dot sizes the label from its own font metrics; pad it so our measured label fits the gap it leaves.
            label = f" label={_dot_quote(e.label + '  ')}"
        lines.append(f"{names[e.source]} -> {names[e.target]} [{label.strip()}];")
    if plan.kind is DiagramKind.MINDMAP and plan.nodes:
        lines.append(f"{{ rank=min; {names[plan.nodes[0].id]}; }}")
    lines.append("}")
    proc = subprocess.run(["dot", "-Tjson"], input="\n".join(lines), capture_output=True, text=True, timeout=30)
    if proc.returncode != 0:
        raise LayoutError(f"Graphviz failed to lay out the diagram: {proc.stderr.strip()[:300]}")
    data = json.loads(proc.stdout)
    _, _, bb_w, bb_h = (float(v) for v in data["bb"].split(","))

    def pt(x: float, y: float) -> tuple[float, float]:
        return x + MARGIN, bb_h - y + MARGIN

    by_gvid = {o["_gvid"]: o for o in data.get("objects", [])}
    diagram = Diagram(plan.title, plan.kind.value, bb_w + 2 * MARGIN, bb_h + 2 * MARGIN)
    node_by_name = {v: k for k, v in names.items()}
    plan_nodes = {n.id: n for n in plan.nodes}
    for obj in data.get("objects", []):
        name = obj.get("name", "")
        if name.startswith("cluster_"):
            x0, y0, x1, y1 = (float(v) for v in obj["bb"].split(","))
            gi = int(name.split("_")[1])
            (ax, ay), (bx, by) = pt(x0, y1), pt(x1, y0)
            diagram.groups.append(GroupBox(plan.groups[gi].id, plan.groups[gi].label, Rect(ax, ay, bx - ax, by - ay)))
            continue
        if name not in node_by_name:
            continue  # anonymous subgraphs (the mind map's rank constraint) are objects too
        node = plan_nodes[node_by_name[name]]
        w, h, lay = sizes[node.id]
        cx, cy = pt(*(float(v) for v in obj["pos"].split(",")))
        gi = group_index.get(node.group) if node.group else None
        fill, stroke = _colors(theme, gi, node.shape)
        diagram.nodes.append(NodeBox(node.id, node.label, node.shape.value, Rect(cx - w / 2, cy - h / 2, w, h), lay,
                                     fill, stroke, node.group))
    order = {n.id: i for i, n in enumerate(plan.nodes)}
    diagram.nodes.sort(key=lambda n: order[n.id])
    for i, (e, gv) in enumerate(zip(plan.edges, data.get("edges", [])), start=1):
        points = _spline_points(gv.get("pos", ""), pt)
        src = by_gvid[gv["tail"]]["name"]
        dst = by_gvid[gv["head"]]["name"]
        path = EdgePath(i, node_by_name[src], node_by_name[dst], points, e.label, dashed=e.dashed)
        if e.label:
            lay = sizer.label(e.label, EDGE_FONT, 160)
            lw = widest(lay.paras[0].lines, sizer.t.body, EDGE_FONT) * SLACK + 8
            if "lp" in gv:
                lx, ly = pt(*(float(v) for v in gv["lp"].split(",")))
            else:
                lx, ly = points[len(points) // 2]
            path.label_rect = Rect(lx - lw / 2, ly - lay.height / 2, lw, lay.height)
            path.label_text = lay
        diagram.edges.append(path)
    return diagram


def _spline_points(pos: str, pt: Callable[[float, float], tuple[float, float]]) -> list[tuple[float, float]]:
    """Graphviz's edge spline ("e,x,y s,x,y p0 p1 ...") as a polyline from tail to arrow tip."""
    start = end = None
    controls: list[tuple[float, float]] = []
    for token in pos.split():
        parts = token.split(",")
        if parts[0] == "e":
            end = pt(float(parts[1]), float(parts[2]))
        elif parts[0] == "s":
            start = pt(float(parts[1]), float(parts[2]))
        else:
            controls.append(pt(float(parts[0]), float(parts[1])))
    if not controls:
        return [start or (0, 0), end or (0, 0)]
    # Keep the on-curve points of the cubic B-spline (every third control point).
    points = [controls[i] for i in range(0, len(controls), 3)]
    if start:
        points.insert(0, start)
    if end:
        points.append(end)
    elif controls[-1] != points[-1]:
        points.append(controls[-1])
    return points


def _sequence(plan: WhiteboardPlan, theme: Theme) -> Diagram:
    sizer = _Sizer(theme)
    boxes = [sizer.box(n.label, NodeShape.ACTOR) for n in plan.nodes]
    col_w = max(w for w, _, _ in boxes) + 60
    head_h = max(h for _, h, _ in boxes)
    diagram = Diagram(plan.title, plan.kind.value, 0, 0)
    centers = {}
    for i, (n, (w, h, lay)) in enumerate(zip(plan.nodes, boxes)):
        cx = MARGIN + col_w * i + col_w / 2
        centers[n.id] = cx
        fill, stroke = _colors(theme, i, NodeShape.BOX)
        diagram.nodes.append(NodeBox(n.id, n.label, NodeShape.ACTOR.value, Rect(cx - w / 2, MARGIN, w, head_h), lay,
                                     fill, stroke))
    y = MARGIN + head_h + 50
    for i, e in enumerate(plan.edges, start=1):
        lay = sizer.label(e.label, EDGE_FONT, col_w * 0.9) if e.label else None
        label_h = lay.height if lay else 0
        y += label_h
        x0, x1 = centers[e.source], centers[e.target]
        if e.source == e.target:
            points = [(x0, y), (x0 + 50, y), (x0 + 50, y + 30), (x0 + 4, y + 30)]
        else:
            points = [(x0, y), (x1, y)]
        path = EdgePath(i, e.source, e.target, points, e.label, dashed=e.dashed, bound=False)
        if lay:
            lw = widest(lay.paras[0].lines, sizer.t.body, EDGE_FONT) * SLACK + 8
            mid = (x0 + x1) / 2 if e.source != e.target else x0 + 60 + lw / 2
            path.label_rect = Rect(mid - lw / 2, y - label_h - 6, lw, label_h)
            path.label_text = lay
        diagram.edges.append(path)
        y += 44 if e.source != e.target else 70
    bottom = y + 20
    label_right = max((e.label_rect.right for e in diagram.edges if e.label_rect), default=0.0)
    for n in plan.nodes:
        diagram.guides.append(GuideLine(f"lifeline-{n.id}", [(centers[n.id], MARGIN + head_h), (centers[n.id], bottom)], True))
    diagram.width = max(MARGIN * 2 + col_w * len(plan.nodes), label_right + MARGIN)
    diagram.height = bottom + MARGIN
    return diagram


def _timeline(plan: WhiteboardPlan, theme: Theme) -> Diagram:
    sizer = _Sizer(theme)
    boxes = [sizer.box(n.label, NodeShape.BOX) for n in plan.nodes]
    step = max(w for w, _, _ in boxes) + 40
    tallest = max(h for _, h, _ in boxes)
    axis_y = MARGIN + tallest + 60
    diagram = Diagram(plan.title, plan.kind.value, 0, 0)
    for i, (n, (w, h, lay)) in enumerate(zip(plan.nodes, boxes)):
        cx = MARGIN + step * i + step / 2
        above = i % 2 == 0
        y = axis_y - 60 - h if above else axis_y + 60
        fill, stroke = _colors(theme, i, NodeShape.BOX)
        diagram.nodes.append(NodeBox(n.id, n.label, NodeShape.ROUND.value, Rect(cx - w / 2, y, w, h), lay, fill, stroke))
        diagram.guides.append(GuideLine(f"tick-{n.id}", [(cx, y + h if above else y), (cx, axis_y)], True))
    width = MARGIN * 2 + step * len(plan.nodes)
    diagram.guides.insert(0, GuideLine("axis", [(MARGIN, axis_y), (width - MARGIN, axis_y)]))
    for i, e in enumerate(plan.edges, start=1):
        a, b = diagram.node(e.source).rect, diagram.node(e.target).rect
        diagram.edges.append(EdgePath(i, e.source, e.target, [(a.right, a.cy), (b.x, b.cy)], e.label, dashed=e.dashed))
    diagram.width = width
    diagram.height = axis_y + 60 + tallest + MARGIN
    return diagram


def _brainstorm(plan: WhiteboardPlan, theme: Theme) -> Diagram:
    sizer = _Sizer(theme)
    clusters: list[tuple[str | None, str | None, list]] = [(g.id, g.label, [n for n in plan.nodes if n.group == g.id])
                                                            for g in plan.groups]
    loose = [n for n in plan.nodes if n.group is None]
    if loose:
        clusters.append((None, None, loose))
    note = 170.0
    gap = 24.0
    diagram = Diagram(plan.title, plan.kind.value, 0, 0)
    x = MARGIN
    bottom = 0.0
    for ci, (gid, glabel, members) in enumerate(clusters):
        if not members:
            continue
        cols = 2 if len(members) > 3 else 1
        sized = [sizer.box(n.label, NodeShape.NOTE) for n in members]
        side = max(note, max(max(w, h) for w, h, _ in sized))
        top = MARGIN + (44 if glabel else 0)
        for k, (n, (_, _, lay)) in enumerate(zip(members, sized)):
            r, c = divmod(k, cols)
            fill, stroke = _colors(theme, ci, NodeShape.NOTE)
            rect = Rect(x + 24 + c * (side + gap), top + 24 + r * (side + gap), side, side)
            diagram.nodes.append(NodeBox(n.id, n.label, NodeShape.NOTE.value, rect, lay, fill, stroke, gid))
        rows = (len(members) + cols - 1) // cols
        width = cols * side + (cols - 1) * gap + 48
        height = rows * side + (rows - 1) * gap + 48 + (44 if glabel else 0)
        if gid:
            diagram.groups.append(GroupBox(gid, glabel, Rect(x, MARGIN, width, height)))
        x += width + 48
        bottom = max(bottom, MARGIN + height)
    order = {n.id: i for i, n in enumerate(plan.nodes)}
    diagram.nodes.sort(key=lambda n: order[n.id])
    for i, e in enumerate(plan.edges, start=1):
        a, b = diagram.node(e.source).rect, diagram.node(e.target).rect
        diagram.edges.append(EdgePath(i, e.source, e.target, [(a.cx, a.cy), (b.cx, b.cy)], e.label, dashed=e.dashed))
    diagram.width = x - 48 + MARGIN
    diagram.height = bottom + MARGIN
    return diagram


ENGINES: dict[DiagramKind, Callable[[WhiteboardPlan, Theme], Diagram]] = {
    DiagramKind.FLOWCHART: _graphviz,
    DiagramKind.ARCHITECTURE: _graphviz,
    DiagramKind.MINDMAP: _graphviz,
    DiagramKind.SEQUENCE: _sequence,
    DiagramKind.TIMELINE: _timeline,
    DiagramKind.BRAINSTORM: _brainstorm,
}


def layout_diagram(plan: WhiteboardPlan, theme: Theme) -> Diagram:
    return ENGINES[plan.kind](plan, theme)

"""Writes a laid-out board as a hand-drawn SVG, the look Excalidraw users know, made on the server without a
browser: every stroke goes through `rough` (a Python port of Rough.js, the library Excalidraw draws with), seeded
with the same seed as the matching scene element, so the same plan always gives the same drawing. Latin text is
lettered in the board's hand-lettered face and Chinese in the theme's CJK face, at the positions the layout
measured. Text stays text (searchable, selectable); nothing here runs or links anywhere.
"""

from __future__ import annotations

import math

import rough
from rough import Options

from renderers.layout.geometry import Rect
from renderers.svg import esc, text_lines
from renderers.theme import Theme

from .diagram import Diagram, EdgePath, NodeBox, Point
from .excalidraw import DB_LID, node_element_id, seed_of
from .fonts import BoardFonts
from .plan import NodeShape
from .sizing import INK, shade

_GEN = rough.generator()
HEAD_LEN = 15.0
HEAD_ANGLE = math.radians(26)


def _paths(drawable, dash: str | None = None, cap: bool = False) -> str:
    out = []
    for p in _GEN.toPaths(drawable):
        if not p.d:
            continue
        attrs = f'd="{p.d}" stroke="{p.stroke or "none"}" stroke-width="{p.strokeWidth:g}" fill="{p.fill or "none"}"'
        if dash and p.stroke and p.stroke != "none":
            attrs += f' stroke-dasharray="{dash}"'
        if cap:
            attrs += ' stroke-linecap="round" stroke-linejoin="round"'
        out.append(f"<path {attrs}/>")
    return "".join(out)


def _opts(seed_key: str, stroke: str = "none", width: float = 2.0, fill: str | None = None,
          roughness: float = 1.0, single: bool = False) -> Options:
    return Options(seed=seed_of(seed_key), roughness=roughness, bowing=1, stroke=stroke, strokeWidth=width,
                   fill=fill, fillStyle="solid" if fill else None, disableMultiStroke=single,
                   fixedDecimalPlaceDigits=1)


def _round_rect_path(r: Rect, radius: float) -> str:
    k = 0.5523  # cubic Bézier approximation of a quarter circle
    rad = min(radius, r.w / 2, r.h / 2)
    c = rad * (1 - k)
    x0, y0, x1, y1 = r.x, r.y, r.right, r.bottom
    return (f"M{x0 + rad:.1f} {y0:.1f} L{x1 - rad:.1f} {y0:.1f} C{x1 - c:.1f} {y0:.1f} {x1:.1f} {y0 + c:.1f} "
            f"{x1:.1f} {y0 + rad:.1f} L{x1:.1f} {y1 - rad:.1f} C{x1:.1f} {y1 - c:.1f} {x1 - c:.1f} {y1:.1f} "
            f"{x1 - rad:.1f} {y1:.1f} L{x0 + rad:.1f} {y1:.1f} C{x0 + c:.1f} {y1:.1f} {x0:.1f} {y1 - c:.1f} "
            f"{x0:.1f} {y1 - rad:.1f} L{x0:.1f} {y0 + rad:.1f} C{x0:.1f} {y0 + c:.1f} {x0 + c:.1f} {y0:.1f} "
            f"{x0 + rad:.1f} {y0:.1f} Z")


def _fill(d: str, color: str) -> str:
    return f'<path d="{d}" fill="{color}" stroke="none"/>'


def _ellipse_path(cx: float, cy: float, rx: float, ry: float) -> str:
    return (f"M{cx - rx:.1f} {cy:.1f} A{rx:.1f} {ry:.1f} 0 1 0 {cx + rx:.1f} {cy:.1f} "
            f"A{rx:.1f} {ry:.1f} 0 1 0 {cx - rx:.1f} {cy:.1f} Z")


def _node(n: NodeBox, kind: str) -> str:
    """A node's fill, exact, under its outline, drawn rough: Excalidraw's solid fill reads the same, and the
    outline carries the hand-drawn look."""
    key = node_element_id(n.id)
    r = n.rect
    o = _opts(key, n.stroke, 2.0)
    shape = n.shape
    if shape == NodeShape.ACTOR.value and kind == "sequence":
        shape = NodeShape.ROUND.value
    if shape == NodeShape.DECISION.value:
        pts = [(r.cx, r.y), (r.right, r.cy), (r.cx, r.bottom), (r.x, r.cy)]
        d = "M" + " L".join(f"{x:.1f} {y:.1f}" for x, y in pts) + " Z"
        return _fill(d, n.fill) + _paths(_GEN.polygon(pts, o))
    if shape in (NodeShape.TERMINAL.value, NodeShape.ACTOR.value):
        return (_fill(_ellipse_path(r.cx, r.cy, r.w / 2, r.h / 2), n.fill)
                + _paths(_GEN.ellipse(r.cx, r.cy, r.w, r.h, o)))
    if shape == NodeShape.DATABASE.value:
        body = Rect(r.x, r.y + DB_LID / 2, r.w, r.h - DB_LID / 2)
        ry = DB_LID / 2
        d = (f"M{body.x:.1f} {body.y:.1f} L{body.x:.1f} {body.bottom - ry:.1f} "
             f"A{r.w / 2:.1f} {ry:.1f} 0 0 0 {body.right:.1f} {body.bottom - ry:.1f} L{body.right:.1f} {body.y:.1f} Z")
        outline = (_GEN.line(body.x, body.y, body.x, body.bottom - ry, o),
                   _GEN.line(body.right, body.y, body.right, body.bottom - ry, o),
                   _GEN.arc(r.cx, body.bottom - ry, r.w, 2 * ry, 0, math.pi, False, o))
        lid = _GEN.ellipse(r.cx, r.y + ry, r.w, 2 * ry, _opts(f"node-{n.id}-lid", n.stroke, 2.0))
        return (_fill(d, n.fill) + _fill(_ellipse_path(r.cx, r.y + ry, r.w / 2, ry), n.fill)
                + "".join(_paths(x) for x in outline) + _paths(lid))
    if shape == NodeShape.NOTE.value:
        shadow = (f'<rect x="{r.x + 4:.1f}" y="{r.y + 6:.1f}" width="{r.w:.1f}" height="{r.h:.1f}" '
                  f'fill="#000000" fill-opacity="0.10"/>')
        paper = f'<rect x="{r.x:.1f}" y="{r.y:.1f}" width="{r.w:.1f}" height="{r.h:.1f}" fill="{n.fill}"/>'
        return shadow + paper + _paths(_GEN.rectangle(r.x, r.y, r.w, r.h, _opts(key, n.stroke, 1.5, roughness=0.8)))
    if shape == NodeShape.BOX.value:
        paper = f'<rect x="{r.x:.1f}" y="{r.y:.1f}" width="{r.w:.1f}" height="{r.h:.1f}" fill="{n.fill}"/>'
        return paper + _paths(_GEN.rectangle(r.x, r.y, r.w, r.h, o))
    d = _round_rect_path(r, min(16.0, r.h / 4))
    return _fill(d, n.fill) + _paths(_GEN.path(d, o))


def _arrowhead(tip: Point, before: Point, key: str, color: str, width: float) -> str:
    angle = math.atan2(tip[1] - before[1], tip[0] - before[0])
    out = []
    for i, side in enumerate((-1, 1)):
        a = angle + side * HEAD_ANGLE
        end = (tip[0] - HEAD_LEN * math.cos(a), tip[1] - HEAD_LEN * math.sin(a))
        out.append(_paths(_GEN.line(tip[0], tip[1], end[0], end[1], _opts(f"{key}#head{i}", color, width)), cap=True))
    return "".join(out)


def _far_enough(points: list[Point], from_end: bool) -> Point:
    """A point a little way back along the line, for the arrowhead's direction."""
    seq = list(reversed(points)) if from_end else points
    tip = seq[0]
    for p in seq[1:]:
        if math.dist(p, tip) >= 6:
            return p
    return seq[-1]


def _edge(e: EdgePath, ink: str) -> str:
    key = f"edge-{e.index}"
    color = e.color or ink
    dash = "10 8" if e.dashed else None
    o = _opts(key, color, e.width, roughness=1.0, single=True)
    pts = e.points
    line = _GEN.linearPath(pts, o) if len(pts) == 2 else _GEN.curve(pts, o)
    out = [_paths(line, dash, cap=True)]
    if e.end_head:
        out.append(_arrowhead(pts[-1], _far_enough(pts, True), key, color, e.width))
    if e.start_head:
        out.append(_arrowhead(pts[0], _far_enough(pts, False), key + "#start", color, e.width))
    return "".join(out)


def board_svg(diagram: Diagram, theme: Theme, fonts: BoardFonts) -> str:
    pal = theme.palette
    w, h = math.ceil(diagram.width), math.ceil(diagram.height)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" '
        f'aria-labelledby="board-title">',
        f'<title id="board-title">{esc(diagram.title)}</title>',
        f'<rect width="{w}" height="{h}" fill="{pal.background}"/>',
    ]
    if diagram.title_rect and diagram.title_text:
        r = diagram.title_rect
        out.append(text_lines(diagram.title_text, r.x, r.y, r.w, pal.text, fonts.regular, fonts.bold, "left"))
    for g in diagram.groups:
        r = g.rect
        d = _round_rect_path(r, 14)
        out.append(_fill(d, pal.surface if theme.dark or g.color is None else g.color))
        out.append(_paths(_GEN.path(d, _opts(f"frame-{g.id}", pal.line if not theme.dark else pal.muted, 1.5,
                                             roughness=0.6))))
        if g.title and g.title_rect:
            tr = g.title_rect
            out.append(text_lines(g.title, tr.x, tr.y, tr.w, pal.muted, fonts.bold, fonts.bold, "left"))
    for guide in diagram.guides:
        o = _opts(f"guide-{guide.id}", guide.color or pal.muted, guide.width, roughness=0.8, single=guide.dashed)
        out.append(_paths(_GEN.linearPath(guide.points, o), "8 7" if guide.dashed else None, cap=True))
    for m in diagram.marks:
        out.append(_paths(_GEN.circle(m.cx, m.cy, 2 * m.r, _opts(m.id, shade(m.color, 0.1), 1.5, m.color, 0.5))))
    for e in diagram.edges:
        out.append(_edge(e, pal.text))
    for e in diagram.edges:
        if e.label_rect and e.label_text:
            r = e.label_rect
            # A patch of background under the label, so lines it crosses (lifelines, other edges) do not cut it.
            out.append(f'<rect x="{r.x:.1f}" y="{r.y:.1f}" width="{r.w:.1f}" height="{r.h:.1f}" rx="6" '
                       f'fill="{pal.background}" fill-opacity="0.92"/>')
            if e.label_on_line:
                out.append(text_lines(e.label_text, r.x, r.y + 2, r.w, pal.text, fonts.regular, fonts.bold, "center"))
    for n in diagram.nodes:
        out.append(f'<g data-node="{esc(n.id)}">')
        out.append(_node(n, diagram.kind))
        stack = fonts.bold if n.bold else fonts.regular
        out.append(text_lines(n.text, n.rect.x, _text_top(n), n.rect.w, INK, stack, fonts.bold, "center"))
        out.append("</g>")
    for t in diagram.texts:
        r = t.rect
        out.append(text_lines(t.text, r.x, r.y, r.w, t.color, fonts.regular, fonts.bold, t.align))
    out.append("</svg>")
    return "".join(out)


def _text_top(n: NodeBox) -> float:
    r = n.rect
    if n.shape == NodeShape.DATABASE.value:
        return r.y + DB_LID / 2 + (r.h - DB_LID / 2 - n.text.height) / 2
    return r.cy - n.text.height / 2


"""Writes a laid-out diagram as a standalone SVG: the board's shapes, arrows and labels as text."""

from __future__ import annotations

import math

from ..layout.geometry import Rect
from ..plan.whiteboard import NodeShape
from ..svg import esc, text_lines
from ..theme import Theme
from ..typography import typography
from .diagram import Diagram
from .excalidraw import TITLE_FONT


def _shape(shape: str, r: Rect, fill: str, stroke: str) -> str:
    common = f'fill="{fill}" stroke="{stroke}" stroke-width="2"'
    if shape == NodeShape.DECISION.value:
        pts = f"{r.cx:.1f},{r.y:.1f} {r.right:.1f},{r.cy:.1f} {r.cx:.1f},{r.bottom:.1f} {r.x:.1f},{r.cy:.1f}"
        return f'<polygon points="{pts}" {common} stroke-linejoin="round"/>'
    if shape == NodeShape.TERMINAL.value:
        return f'<ellipse cx="{r.cx:.1f}" cy="{r.cy:.1f}" rx="{r.w / 2:.1f}" ry="{r.h / 2:.1f}" {common}/>'
    radius = 2 if shape == NodeShape.NOTE.value else 12
    shadow = ""
    if shape == NodeShape.NOTE.value:
        shadow = f'<rect x="{r.x + 4:.1f}" y="{r.y + 5:.1f}" width="{r.w:.1f}" height="{r.h:.1f}" fill="#000" fill-opacity="0.08"/>'
    return shadow + f'<rect x="{r.x:.1f}" y="{r.y:.1f}" width="{r.w:.1f}" height="{r.h:.1f}" rx="{radius}" {common}/>'


def _path(points: list[tuple[float, float]]) -> str:
    if len(points) == 2:
        (x0, y0), (x1, y1) = points
        return f"M{x0:.1f},{y0:.1f} L{x1:.1f},{y1:.1f}"
    # A smooth curve through the points (Catmull-Rom converted to cubic Béziers).
    d = f"M{points[0][0]:.1f},{points[0][1]:.1f}"
    for i in range(len(points) - 1):
        p0 = points[max(i - 1, 0)]
        p1, p2 = points[i], points[i + 1]
        p3 = points[min(i + 2, len(points) - 1)]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        d += f" C{c1[0]:.1f},{c1[1]:.1f} {c2[0]:.1f},{c2[1]:.1f} {p2[0]:.1f},{p2[1]:.1f}"
    return d


def _arrowhead(points: list[tuple[float, float]], color: str) -> str:
    (x0, y0), (x1, y1) = points[-2], points[-1]
    angle = math.atan2(y1 - y0, x1 - x0)
    size = 12
    a = (x1 - size * math.cos(angle - 0.45), y1 - size * math.sin(angle - 0.45))
    b = (x1 - size * math.cos(angle + 0.45), y1 - size * math.sin(angle + 0.45))
    return f'<path d="M{a[0]:.1f},{a[1]:.1f} L{x1:.1f},{y1:.1f} L{b[0]:.1f},{b[1]:.1f}" fill="none" stroke="{color}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>'


def diagram_svg(diagram: Diagram, theme: Theme) -> str:
    pal = theme.palette
    typ = typography(theme)
    offset = TITLE_FONT * 1.25 + 24
    w, h = round(diagram.width), round(diagram.height + offset)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-labelledby="title">',
        f'<title id="title">{esc(diagram.title)}</title>',
        f'<rect width="{w}" height="{h}" fill="{pal.background}"/>',
        f'<text x="40" y="{16 + TITLE_FONT:.1f}" font-family="\'{typ.heading.latin.family}\', \'{typ.heading.cjk.family}\', sans-serif" '
        f'font-weight="700" font-size="{TITLE_FONT}" fill="{pal.text}">{esc(diagram.title)}</text>',
        f'<g transform="translate(0,{offset:.1f})">',
    ]
    for g in diagram.groups:
        r = g.rect
        out.append(f'<rect x="{r.x:.1f}" y="{r.y:.1f}" width="{r.w:.1f}" height="{r.h:.1f}" rx="14" fill="{pal.surface}" '
                   f'stroke="{pal.line}" stroke-width="2" stroke-dasharray="8 6"/>')
        out.append(f'<text x="{r.x + 14:.1f}" y="{r.y + 26:.1f}" font-family="\'{typ.body_bold.latin.family}\', \'{typ.body_bold.cjk.family}\', sans-serif" '
                   f'font-weight="700" font-size="18" fill="{pal.muted}">{esc(g.label)}</text>')
    for guide in diagram.guides:
        d = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(guide.points))
        dash = ' stroke-dasharray="6 6"' if guide.dashed else ""
        out.append(f'<path d="{d}" fill="none" stroke="{pal.muted}" stroke-width="{1.5 if guide.dashed else 3}"{dash}/>')
    for e in diagram.edges:
        dash = ' stroke-dasharray="8 6"' if e.dashed else ""
        out.append(f'<path d="{_path(e.points)}" fill="none" stroke="{pal.text}" stroke-width="2"{dash}/>')
        out.append(_arrowhead(e.points, pal.text))
    for e in diagram.edges:
        if e.label_rect and e.label_text:
            r = e.label_rect
            out.append(f'<rect x="{r.x - 4:.1f}" y="{r.y - 2:.1f}" width="{r.w + 8:.1f}" height="{r.h + 4:.1f}" rx="6" fill="{pal.background}" fill-opacity="0.92"/>')
            out.append(text_lines(e.label_text, r.x, r.y, r.w, pal.muted, typ.body, typ.body_bold, "center"))
    for n in diagram.nodes:
        out.append(_shape(n.shape, n.rect, n.fill, n.stroke))
        r = n.rect
        lay = n.text
        out.append(text_lines(lay, r.x, r.cy - lay.height / 2, r.w, "#1E1E1E", typ.body, typ.body_bold, "center"))
    out.append("</g></svg>")
    return "".join(out)

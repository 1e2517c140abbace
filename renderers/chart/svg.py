"""Chart marks as SVG markup, in the theme's fonts; text stays text."""

from __future__ import annotations

import math

from ..layout.geometry import Rect
from ..plan.common import ChartData
from ..svg import esc, text_runs
from ..theme import Theme
from .geometry import Bar, ChartMarks, Disc, Dot, Label, Polyline, Wedge, chart_marks


def _point(cx: float, cy: float, r: float, a: float) -> tuple[float, float]:
    return cx + r * math.sin(a), cy - r * math.cos(a)


def marks_svg(chart: ChartMarks) -> str:
    out = []
    for m in chart.marks:
        if isinstance(m, Bar):
            r = m.rect
            out.append(f'<rect x="{r.x:.1f}" y="{r.y:.1f}" width="{r.w:.1f}" height="{r.h:.1f}" rx="3" '
                       f'fill="{m.color}"/>')
        elif isinstance(m, Polyline):
            d = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(m.points))
            out.append(f'<path d="{d}" fill="none" stroke="{m.color}" stroke-width="{m.width:.1f}" '
                       f'stroke-linejoin="round" stroke-linecap="round"/>')
        elif isinstance(m, Dot):
            out.append(f'<circle cx="{m.x:.1f}" cy="{m.y:.1f}" r="{m.r:.1f}" fill="{m.color}" stroke="{m.ring}" '
                       f'stroke-width="{m.r * 0.4:.1f}"/>')
        elif isinstance(m, Wedge):
            if m.end - m.start >= math.tau - 1e-9:
                out.append(f'<circle cx="{m.cx:.1f}" cy="{m.cy:.1f}" r="{m.r:.1f}" fill="{m.color}"/>')
                continue
            x0, y0 = _point(m.cx, m.cy, m.r, m.start)
            x1, y1 = _point(m.cx, m.cy, m.r, m.end)
            large = 1 if m.end - m.start > math.pi else 0
            out.append(f'<path d="M{m.cx:.1f},{m.cy:.1f} L{x0:.1f},{y0:.1f} A{m.r:.1f},{m.r:.1f} 0 {large} 1 '
                       f'{x1:.1f},{y1:.1f} Z" fill="{m.color}" stroke="{m.gap}" stroke-width="2"/>')
        elif isinstance(m, Disc):
            out.append(f'<circle cx="{m.cx:.1f}" cy="{m.cy:.1f}" r="{m.r:.1f}" fill="{m.color}"/>')
        elif isinstance(m, Label) and m.turned:
            # Laid out level at the origin, then turned a quarter and moved so its middle sits on (x, y).
            run = text_runs(m.text, 0, m.size * 0.35, m.stack, m.size, m.color, "middle")
            out.append(f'<g transform="translate({m.x:.1f},{m.y:.1f}) rotate(-90)">{run}</g>')
        elif isinstance(m, Label):
            out.append(text_runs(m.text, m.x, m.y, m.stack, m.size, m.color, m.anchor))
    return f'<g role="img"><title>{esc(chart.summary)}</title>{"".join(out)}</g>'


def chart_svg(chart: ChartData, rect: Rect, theme: Theme, size: float = 18.0, background: str | None = None) -> str:
    """SVG markup (no outer <svg>) drawing the chart inside `rect`, titled for assistive technology."""
    return marks_svg(chart_marks(chart, rect, theme, size, background))

"""Chart geometry: bars, lines, wedges, gridlines and labels placed once for a chart in a rectangle.

Writers turn these marks into SVG (infographics) or paint them with Pillow (slide previews), so both show the
same chart. The PPTX writers do not use them: decks and the infographic's slide get native, editable charts.

Why our own marks rather than plotly: a 12-category, two-series column chart costs 0.25 ms here (placing the marks
and writing the SVG), against about 150 ms per export for plotly through a warm kaleido server (and a Chromium
process kept alive per server), and about 2 s when kaleido starts its browser per call (ENVIRONMENT.md). Our labels
are measured with the same fonts as the rest of the page, so they never collide or miss CJK glyphs, and the text
stays text in the SVG. The plan allows only six chart kinds, which keeps this small.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..format import format_number
from ..layout.fonts import FontStack
from ..layout.geometry import Rect
from ..layout.text import measure
from ..plan.common import ChartData, ChartKind
from ..theme import Theme
from ..typography import typography


@dataclass(frozen=True)
class Bar:
    rect: Rect
    color: str


@dataclass(frozen=True)
class Polyline:
    points: tuple[tuple[float, float], ...]
    color: str
    width: float


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float
    color: str
    ring: str  # outline colour, the background the dot sits on


@dataclass(frozen=True)
class Wedge:
    cx: float
    cy: float
    r: float
    start: float  # radians, clockwise from 12 o'clock
    end: float
    color: str
    gap: str  # separator colour between wedges


@dataclass(frozen=True)
class Disc:
    cx: float
    cy: float
    r: float
    color: str


@dataclass(frozen=True)
class Label:
    text: str
    x: float
    y: float  # baseline
    size: float
    color: str
    stack: FontStack
    anchor: str = "start"  # start | middle | end
    bold: bool = False


Mark = Bar | Polyline | Dot | Wedge | Disc | Label


@dataclass
class ChartMarks:
    summary: str
    marks: list[Mark] = field(default_factory=list)


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values covering [lo, hi], about `count` of them (1, 2, 2.5 or 5 × a power of ten apart)."""
    if hi == lo:
        hi = lo + 1
    raw = (hi - lo) / max(count - 1, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step) * step
    ticks = []
    v = start
    while v < hi + step * 0.999:
        ticks.append(round(v, 10))
        v += step
    return ticks


def value_label(value: float, unit: str | None) -> str:
    text = format_number(value)
    return text + "%" if unit == "%" else text


def fit_label(text: str, stack: FontStack, size: float, width: float) -> str:
    """Shortens a label with an ellipsis until it fits `width`."""
    if measure(text, stack, size) <= width:
        return text
    while len(text) > 1 and measure(text + "…", stack, size) > width:
        text = text[:-1]
    return text + "…"


def chart_marks(chart: ChartData, rect: Rect, theme: Theme, size: float = 18.0, background: str | None = None) -> ChartMarks:
    """All marks of the chart inside `rect`; `size` is the label text size in the caller's unit."""
    summary = f"{chart.kind.value} chart of " + ", ".join(s.name for s in chart.series)
    out = ChartMarks(summary)
    bg = background or theme.palette.surface
    if chart.kind in (ChartKind.PIE, ChartKind.DOUGHNUT):
        _round(out.marks, chart, rect, theme, size, bg)
    else:
        _axes(out.marks, chart, rect, theme, size, bg)
    return out


def _legend(marks: list[Mark], chart: ChartData, theme: Theme, x: float, y: float, size: float) -> float:
    pal = theme.palette
    stack = typography(theme).body
    cx = x
    for i, s in enumerate(chart.series):
        color = pal.series[i % len(pal.series)]
        marks.append(Bar(Rect(cx, y + size * 0.15, size * 0.8, size * 0.8), color))
        marks.append(Label(s.name, cx + size, y + size * 0.85, size, pal.text, stack))
        cx += size * 2 + measure(s.name, stack, size)
    return size * 1.6


def _axes(marks: list[Mark], chart: ChartData, rect: Rect, theme: Theme, size: float, bg: str) -> None:
    pal = theme.palette
    stack = typography(theme).body
    top = rect.y
    if len(chart.series) > 1:
        top += _legend(marks, chart, theme, rect.x, rect.y, size * 0.9)
    values = [v for s in chart.series for v in s.values]
    ticks = nice_ticks(min(0.0, min(values)), max(0.0, max(values)))
    lo, hi = ticks[0], ticks[-1]
    tick_labels = [value_label(t, chart.unit) for t in ticks]
    n = len(chart.categories)
    small = size * 0.85
    horizontal = chart.kind is ChartKind.BAR
    if horizontal:
        label_w = min(rect.w * 0.3, max(measure(c, stack, small) for c in chart.categories) + small * 0.7)
        plot = Rect(rect.x + label_w, top, rect.w - label_w - small * 2.5, rect.bottom - top - small * 1.8)
    else:
        label_w = max(measure(t, stack, small) for t in tick_labels) + small * 0.7
        plot = Rect(rect.x + label_w, top + size * 0.8, rect.w - label_w, rect.bottom - top - size * 0.8 - small * 2.2)

    def scale(v: float) -> float:
        span = (hi - lo) or 1
        if horizontal:
            return plot.x + (v - lo) / span * plot.w
        return plot.bottom - (v - lo) / span * plot.h

    for t, label in zip(ticks, tick_labels):
        if horizontal:
            x = scale(t)
            marks.append(Polyline(((x, plot.y), (x, plot.bottom)), pal.line, 1))
            marks.append(Label(label, x, plot.bottom + small * 1.3, small, pal.muted, stack, "middle"))
        else:
            y = scale(t)
            marks.append(Polyline(((plot.x, y), (plot.right, y)), pal.line, 1))
            marks.append(Label(label, plot.x - small * 0.45, y + small * 0.35, small, pal.muted, stack, "end"))

    band = (plot.h if horizontal else plot.w) / n
    if chart.kind in (ChartKind.BAR, ChartKind.COLUMN):
        group = band * 0.7
        bar = group / len(chart.series)
        show_values = len(chart.series) == 1 and n <= 12
        zero = scale(0 if lo <= 0 <= hi else lo)
        for si, s in enumerate(chart.series):
            color = pal.series[si % len(pal.series)]
            for ci, v in enumerate(s.values):
                start = band * ci + (band - group) / 2 + si * bar
                a, b = sorted((zero, scale(v)))
                if horizontal:
                    y0 = plot.y + start
                    marks.append(Bar(Rect(a, y0, max(b - a, 1), bar * 0.92), color))
                    if show_values:
                        marks.append(Label(value_label(v, chart.unit), b + small * 0.4, y0 + bar * 0.46 + small * 0.35,
                                           small, pal.text, stack))
                else:
                    x0 = plot.x + start
                    marks.append(Bar(Rect(x0, a, bar * 0.92, max(b - a, 1)), color))
                    if show_values:
                        marks.append(Label(value_label(v, chart.unit), x0 + bar * 0.46, a - small * 0.4, small,
                                           pal.text, stack, "middle"))
    else:
        scatter = chart.kind is ChartKind.SCATTER
        if scatter:
            xv = [float(c) for c in chart.categories]
            xlo, xhi = min(xv), max(xv)

            def px(i: int) -> float:
                return plot.x + (xv[i] - xlo) / ((xhi - xlo) or 1) * plot.w * 0.94 + plot.w * 0.03
        else:

            def px(i: int) -> float:
                return plot.x + band * i + band / 2

        for si, s in enumerate(chart.series):
            color = pal.series[si % len(pal.series)]
            pts = tuple((px(i), scale(v)) for i, v in enumerate(s.values))
            if not scatter:
                marks.append(Polyline(pts, color, size * 0.2))
            marks.extend(Dot(x, y, size * 0.28, color, bg) for x, y in pts)

    if horizontal:
        for ci, c in enumerate(chart.categories):
            y = plot.y + band * ci + band / 2 + small * 0.35
            marks.append(Label(fit_label(c, stack, small, label_w - small * 0.7), plot.x - small * 0.45, y, small,
                               pal.text, stack, "end"))
    elif chart.kind is ChartKind.SCATTER:
        xv = [float(c) for c in chart.categories]
        xlo, xhi = min(xv), max(xv)
        for t in nice_ticks(xlo, xhi):
            if xlo <= t <= xhi:
                x = plot.x + (t - xlo) / ((xhi - xlo) or 1) * plot.w * 0.94 + plot.w * 0.03
                marks.append(Label(value_label(t, None), x, plot.bottom + small * 1.4, small, pal.text, stack, "middle"))
    else:
        # Every category label when they fit side by side, otherwise every k-th.
        widest = max(measure(c, stack, small) for c in chart.categories)
        every = max(1, math.ceil((widest + small * 0.6) / band))
        for ci, c in enumerate(chart.categories):
            if ci % every == 0:
                marks.append(Label(fit_label(c, stack, small, band * every - small * 0.4), plot.x + band * ci + band / 2,
                                   plot.bottom + small * 1.4, small, pal.text, stack, "middle"))
    marks.append(Polyline(((plot.x, plot.bottom), (plot.right, plot.bottom)), pal.muted, 1.5))


def _round(marks: list[Mark], chart: ChartData, rect: Rect, theme: Theme, size: float, bg: str) -> None:
    pal = theme.palette
    typ = typography(theme)
    values = chart.series[0].values
    total = sum(values) or 1
    r = min(rect.h / 2 - 2, rect.w * 0.24)
    cx, cy = rect.x + r + 4, rect.cy
    angle = 0.0
    for i, v in enumerate(values):
        sweep = v / total * math.tau
        if sweep > 0:
            marks.append(Wedge(cx, cy, r, angle, angle + sweep, pal.series[i % len(pal.series)], bg))
        angle += sweep
    if chart.kind is ChartKind.DOUGHNUT:
        marks.append(Disc(cx, cy, r * 0.58, bg))
    # Legend with shares, beside the chart.
    lx = cx + r + size * 2
    lw = rect.right - lx
    line_h = size * 1.9
    ly = cy - line_h * len(values) / 2
    for i, (cat, v) in enumerate(zip(chart.categories, values)):
        y = ly + i * line_h
        marks.append(Bar(Rect(lx, y + size * 0.2, size * 0.9, size * 0.9), pal.series[i % len(pal.series)]))
        share = f"{v / total * 100:.0f}%"
        label = fit_label(cat, typ.body, size, lw - size * 1.6 - measure(share, typ.body_bold, size) - size * 0.6)
        marks.append(Label(label, lx + size * 1.5, y + size * 0.95, size, pal.text, typ.body))
        marks.append(Label(share, rect.right, y + size * 0.95, size, pal.text, typ.body_bold, "end", bold=True))

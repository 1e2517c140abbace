"""Charts drawn straight to SVG in the theme's colours and fonts, with no browser and no chart library.

Why not plotly + kaleido: a warm kaleido export still costs about 150 ms and a Chromium process per server,
and its text is not measured by our layout engine, so labels could collide or miss CJK glyphs. Drawing the few
chart kinds the plan allows takes about a millisecond, uses the same fonts as the rest of the page, and the
text stays text in the SVG.
"""

from __future__ import annotations

import math

from .format import format_number
from .layout.geometry import Rect
from .layout.text import measure
from .plan.common import ChartData, ChartKind
from .svg import esc, font_family
from .theme import Theme
from .typography import typography


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


def _label(value: float, unit: str | None) -> str:
    text = format_number(value)
    if unit == "%":
        return text + "%"
    return text


def _fit_label(text: str, stack, size: float, width: float) -> str:
    """Shortens a label with an ellipsis until it fits `width`."""
    if measure(text, stack, size) <= width:
        return text
    while len(text) > 1 and measure(text + "…", stack, size) > width:
        text = text[:-1]
    return text + "…"


def chart_svg(chart: ChartData, rect: Rect, theme: Theme, size: float = 18.0) -> str:
    """SVG markup (no outer <svg>) drawing the chart inside `rect`, with a <title> for assistive technology."""
    round_kind = chart.kind in (ChartKind.PIE, ChartKind.DOUGHNUT)
    body = _round(chart, rect, theme, size) if round_kind else _axes(chart, rect, theme, size)
    summary = f"{chart.kind.value} chart of " + ", ".join(s.name for s in chart.series)
    return f'<g role="img"><title>{esc(summary)}</title>{body}</g>'


def _legend(chart: ChartData, theme: Theme, x: float, y: float, size: float) -> tuple[str, float]:
    pal = theme.palette
    stack = typography(theme).body
    out = []
    cx = x
    for i, s in enumerate(chart.series):
        color = pal.series[i % len(pal.series)]
        out.append(f'<rect x="{cx:.1f}" y="{y + size * 0.15:.1f}" width="{size * 0.8:.1f}" height="{size * 0.8:.1f}" rx="3" fill="{color}"/>')
        out.append(
            f'<text x="{cx + size:.1f}" y="{y + size * 0.85:.1f}" font-family="{font_family(stack)}" font-size="{size:.1f}" '
            f'fill="{pal.text}">{esc(s.name)}</text>'
        )
        cx += size * 2 + measure(s.name, stack, size)
    return "".join(out), size * 1.6


def _axes(chart: ChartData, rect: Rect, theme: Theme, size: float) -> str:
    pal = theme.palette
    stack = typography(theme).body
    out = []
    top = rect.y
    if len(chart.series) > 1:
        legend, h = _legend(chart, theme, rect.x, rect.y, size * 0.9)
        out.append(legend)
        top += h
    values = [v for s in chart.series for v in s.values]
    lo, hi = min(0.0, min(values)), max(0.0, max(values))
    horizontal = chart.kind is ChartKind.BAR
    ticks = nice_ticks(lo, hi)
    lo, hi = ticks[0], ticks[-1]
    tick_labels = [_label(t, chart.unit) for t in ticks]
    n = len(chart.categories)
    small = size * 0.85

    if horizontal:
        label_w = min(rect.w * 0.3, max(measure(c, stack, small) for c in chart.categories) + 12)
        plot = Rect(rect.x + label_w, top, rect.w - label_w - 40, rect.bottom - top - small * 1.8)
    else:
        label_w = max(measure(t, stack, small) for t in tick_labels) + 12
        plot = Rect(rect.x + label_w, top + size * 0.8, rect.w - label_w, rect.bottom - top - size * 0.8 - small * 2.2)

    def scale(v: float) -> float:
        span = (hi - lo) or 1
        if horizontal:
            return plot.x + (v - lo) / span * plot.w
        return plot.bottom - (v - lo) / span * plot.h

    fam = font_family(stack)
    for t, label in zip(ticks, tick_labels):
        if horizontal:
            x = scale(t)
            out.append(f'<line x1="{x:.1f}" y1="{plot.y:.1f}" x2="{x:.1f}" y2="{plot.bottom:.1f}" stroke="{pal.line}" stroke-width="1"/>')
            out.append(f'<text x="{x:.1f}" y="{plot.bottom + small * 1.3:.1f}" font-family="{fam}" font-size="{small:.1f}" fill="{pal.muted}" text-anchor="middle">{esc(label)}</text>')
        else:
            y = scale(t)
            out.append(f'<line x1="{plot.x:.1f}" y1="{y:.1f}" x2="{plot.right:.1f}" y2="{y:.1f}" stroke="{pal.line}" stroke-width="1"/>')
            out.append(f'<text x="{plot.x - 8:.1f}" y="{y + small * 0.35:.1f}" font-family="{fam}" font-size="{small:.1f}" fill="{pal.muted}" text-anchor="end">{esc(label)}</text>')

    band = (plot.h if horizontal else plot.w) / n
    if chart.kind in (ChartKind.BAR, ChartKind.COLUMN):
        group = band * 0.7
        bar = group / len(chart.series)
        show_values = len(chart.series) == 1 and n <= 12
        for si, s in enumerate(chart.series):
            color = pal.series[si % len(pal.series)]
            for ci, v in enumerate(s.values):
                start = band * ci + (band - group) / 2 + si * bar
                a, b = sorted((scale(0 if lo <= 0 <= hi else lo), scale(v)))
                if horizontal:
                    y0 = plot.y + start
                    out.append(f'<rect x="{a:.1f}" y="{y0:.1f}" width="{max(b - a, 1):.1f}" height="{bar * 0.92:.1f}" rx="3" fill="{color}"/>')
                    if show_values:
                        out.append(f'<text x="{b + 6:.1f}" y="{y0 + bar * 0.46 + small * 0.35:.1f}" font-family="{fam}" font-size="{small:.1f}" fill="{pal.text}">{esc(_label(v, chart.unit))}</text>')
                else:
                    x0 = plot.x + start
                    out.append(f'<rect x="{x0:.1f}" y="{a:.1f}" width="{bar * 0.92:.1f}" height="{max(b - a, 1):.1f}" rx="3" fill="{color}"/>')
                    if show_values:
                        out.append(f'<text x="{x0 + bar * 0.46:.1f}" y="{a - 6:.1f}" font-family="{fam}" font-size="{small:.1f}" fill="{pal.text}" text-anchor="middle">{esc(_label(v, chart.unit))}</text>')
    else:
        xs_numeric = chart.kind is ChartKind.SCATTER
        if xs_numeric:
            xv = [float(c) for c in chart.categories]
            xlo, xhi = min(xv), max(xv)
            xspan = (xhi - xlo) or 1

            def px(i: int) -> float:
                return plot.x + (xv[i] - xlo) / xspan * plot.w * 0.94 + plot.w * 0.03
        else:

            def px(i: int) -> float:
                return plot.x + band * i + band / 2

        for si, s in enumerate(chart.series):
            color = pal.series[si % len(pal.series)]
            pts = [(px(i), scale(v)) for i, v in enumerate(s.values)]
            if chart.kind is ChartKind.LINE:
                d = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(pts))
                out.append(f'<path d="{d}" fill="none" stroke="{color}" stroke-width="3.5" stroke-linejoin="round" stroke-linecap="round"/>')
            for x, y in pts:
                out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{color}" stroke="{pal.surface}" stroke-width="2"/>')

    # Category labels: every one when they fit, otherwise every k-th.
    if horizontal:
        for ci, c in enumerate(chart.categories):
            y = plot.y + band * ci + band / 2 + small * 0.35
            out.append(f'<text x="{plot.x - 8:.1f}" y="{y:.1f}" font-family="{fam}" font-size="{small:.1f}" fill="{pal.text}" text-anchor="end">{esc(_fit_label(c, stack, small, label_w - 12))}</text>')
    else:
        widest = max(measure(c, stack, small) for c in chart.categories)
        every = max(1, math.ceil((widest + 10) / band)) if chart.kind is not ChartKind.SCATTER else 1
        if chart.kind is ChartKind.SCATTER:
            xv = [float(c) for c in chart.categories]
            xlo, xhi = min(xv), max(xv)
            for t in nice_ticks(xlo, xhi):
                if xlo <= t <= xhi:
                    x = plot.x + (t - xlo) / ((xhi - xlo) or 1) * plot.w * 0.94 + plot.w * 0.03
                    out.append(f'<text x="{x:.1f}" y="{plot.bottom + small * 1.4:.1f}" font-family="{fam}" font-size="{small:.1f}" fill="{pal.text}" text-anchor="middle">{esc(_label(t, None))}</text>')
        else:
            for ci, c in enumerate(chart.categories):
                if ci % every:
                    continue
                x = plot.x + band * ci + band / 2
                out.append(f'<text x="{x:.1f}" y="{plot.bottom + small * 1.4:.1f}" font-family="{fam}" font-size="{small:.1f}" fill="{pal.text}" text-anchor="middle">{esc(_fit_label(c, stack, small, band * every - 6))}</text>')
    out.append(f'<line x1="{plot.x:.1f}" y1="{plot.bottom:.1f}" x2="{plot.right:.1f}" y2="{plot.bottom:.1f}" stroke="{pal.muted}" stroke-width="1.5"/>')
    return "".join(out)


def _round(chart: ChartData, rect: Rect, theme: Theme, size: float) -> str:
    pal = theme.palette
    typ = typography(theme)
    values = chart.series[0].values
    total = sum(values) or 1
    r = min(rect.h / 2, rect.w * 0.28)
    cx, cy = rect.x + r + 8, rect.cy
    inner = r * 0.58 if chart.kind is ChartKind.DOUGHNUT else 0
    out = []
    angle = -math.pi / 2
    for i, v in enumerate(values):
        color = pal.series[i % len(pal.series)]
        sweep = v / total * math.tau
        if sweep >= math.tau - 1e-9:
            out.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="{color}"/>')
        elif sweep > 0:
            a0, a1 = angle, angle + sweep
            large = 1 if sweep > math.pi else 0
            x0, y0 = cx + r * math.cos(a0), cy + r * math.sin(a0)
            x1, y1 = cx + r * math.cos(a1), cy + r * math.sin(a1)
            out.append(
                f'<path d="M{cx:.1f},{cy:.1f} L{x0:.1f},{y0:.1f} A{r:.1f},{r:.1f} 0 {large} 1 {x1:.1f},{y1:.1f} Z" '
                f'fill="{color}" stroke="{pal.surface}" stroke-width="2"/>'
            )
        angle += sweep
    if inner:
        out.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{inner:.1f}" fill="{pal.surface}"/>')
    # Legend with shares, beside the chart.
    lx = cx + r + 40
    lw = rect.right - lx
    line_h = size * 1.9
    ly = cy - line_h * len(values) / 2
    fam = font_family(typ.body)
    for i, (cat, v) in enumerate(zip(chart.categories, values)):
        color = pal.series[i % len(pal.series)]
        y = ly + i * line_h
        out.append(f'<rect x="{lx:.1f}" y="{y + size * 0.2:.1f}" width="{size * 0.9:.1f}" height="{size * 0.9:.1f}" rx="4" fill="{color}"/>')
        share = f"{v / total * 100:.0f}%"
        label = _fit_label(cat, typ.body, size, lw - size * 1.6 - measure(share, typ.body_bold, size) - 12)
        out.append(f'<text x="{lx + size * 1.5:.1f}" y="{y + size * 0.95:.1f}" font-family="{fam}" font-size="{size:.1f}" fill="{pal.text}">{esc(label)}</text>')
        out.append(f'<text x="{rect.right:.1f}" y="{y + size * 0.95:.1f}" font-family="{font_family(typ.body_bold)}" font-weight="700" font-size="{size:.1f}" fill="{pal.text}" text-anchor="end">{share}</text>')
    return "".join(out)


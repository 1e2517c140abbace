"""Chart geometry: bars, lines, wedges, gridlines, labels, axis titles and the legend placed once for a chart in a
rectangle.

Writers turn these marks into SVG (infographics) or paint them with Pillow (slide previews), so both show the
same chart. The PPTX writer makes native, editable charts and gives them the same scale (`ValueScale`), the same
category order, number formats, data labels, axis titles and legend position as these marks.

Why our own marks rather than plotly: a 12-category, two-series column chart costs 0.25 ms here (placing the marks
and writing the SVG), against about 150 ms per export for plotly through a warm kaleido server (and a Chromium
process kept alive per server), and about 2 s when kaleido starts its browser per call (ENVIRONMENT.md). Our labels
are measured with the same fonts as the rest of the page, so they never collide or miss CJK glyphs, and the text
stays text in the SVG. The plan allows only six chart kinds, which keeps this small.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..layout.fonts import FontStack
from ..layout.geometry import Rect
from ..layout.text import measure
from ..plan.common import ChartData, ChartKind
from ..theme import Theme
from ..typography import typography
from .units import category_title, has_legend, show_values, value_title


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
    y: float  # baseline (for a turned label: the baseline's middle is at x, y)
    size: float
    color: str
    stack: FontStack
    anchor: str = "start"  # start | middle | end
    bold: bool = False
    turned: bool = False  # read bottom to top, as a value axis's title


Mark = Bar | Polyline | Dot | Wedge | Disc | Label


@dataclass
class ChartMarks:
    summary: str
    marks: list[Mark] = field(default_factory=list)
    plot: Rect | None = None  # the plot area (inside the axes; a round chart's square), for the PPTX's layout
    legend: Rect | None = None  # where the legend sits, when there is one


# ---- numbers --------------------------------------------------------------------------------------------------

LINE_WIDTH = 2.0  # a line series' stroke, in the caller's unit (points on slides)
MARKER = 7.0  # a line or scatter marker's diameter
BAR_GAP = 0.5  # the space between two categories' bars, as a share of one bar's width (PPTX gapWidth 50)
BAR_SPACE = 0.1  # the space between the bars of one category (PPTX overlap -10)
KEY = 0.55  # a legend key's square, in ems, as LibreOffice draws it
LEGEND_LINE = 1.81  # a right-hand legend's line pitch, in ems, as LibreOffice spaces its entries
HOLE = 0.5  # a doughnut's hole, as a share of its radius (LibreOffice draws 50 % whatever the file asks)


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values covering [lo, hi], about `count` of them (1, 2, 2.5 or 5 × a power of ten apart)."""
    if hi == lo:
        hi = lo + 1
    raw = (hi - lo) / max(count - 1, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step + 1e-9) * step
    ticks = []
    v = start
    while v < hi + step * 0.999:
        ticks.append(round(v, 10))
        v += step
    return ticks


def decimals_of(values: list[float], cap: int = 2) -> int:
    """How many decimals the numbers need (at most `cap`), so every label of a chart uses one format."""
    most = 0
    for v in values:
        text = f"{abs(v):.{cap}f}".rstrip("0")
        most = max(most, len(text.split(".")[1]) if "." in text else 0)
    return most


def number_text(value: float, decimals: int, unit: str | None) -> str:
    """'1,234', '12.5', '42%': thousands grouped, a fixed number of decimals, a percent sign for percentages.
    The PPTX number format (`excel_format`) writes numbers the same way."""
    text = f"{value:,.{decimals}f}"
    if text.startswith("-0") and float(text.replace(",", "")) == 0:
        text = text[1:]
    return text + "%" if unit == "%" else text


def excel_format(decimals: int, unit: str | None) -> str:
    base = "#,##0" + ("." + "0" * decimals if decimals else "")
    return base + '"%"' if unit == "%" else base


@dataclass(frozen=True)
class ValueScale:
    """The value axis: its ticks (the first and last are its ends) and how its numbers and labels are written."""

    ticks: tuple[float, ...]
    tick_decimals: int
    value_decimals: int

    @property
    def lo(self) -> float:
        return self.ticks[0]

    @property
    def hi(self) -> float:
        return self.ticks[-1]

    @property
    def step(self) -> float:
        return self.ticks[1] - self.ticks[0] if len(self.ticks) > 1 else 1.0


def value_scale(chart: ChartData) -> ValueScale:
    """The value axis of a bar, column, line or scatter chart. Bars start at zero; a line keeps zero in view unless
    its values sit far from it (then the axis hugs them, as a reader of a trend expects)."""
    values = [v for s in chart.series for v in s.values]
    lo, hi = min(values), max(values)
    if chart.kind in (ChartKind.BAR, ChartKind.COLUMN) or lo >= 0 and lo < 0.5 * hi or hi <= 0 and hi > 0.5 * lo:
        lo, hi = min(0.0, lo), max(0.0, hi)
    ticks = nice_ticks(lo, hi)
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    return ValueScale(tuple(ticks), decimals_of([step], 2), decimals_of(values, 2))


def fit_label(text: str, stack: FontStack, size: float, width: float) -> str:
    """Shortens a label with an ellipsis until it fits `width`."""
    if measure(text, stack, size) <= width:
        return text
    while len(text) > 1 and measure(text + "…", stack, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


# ---- marks ----------------------------------------------------------------------------------------------------

def chart_marks(chart: ChartData, rect: Rect, theme: Theme, size: float = 18.0,
                background: str | None = None) -> ChartMarks:
    """All marks of the chart inside `rect`; `size` is the label text size in the caller's unit."""
    summary = f"{chart.kind.value} chart of " + ", ".join(s.name for s in chart.series)
    out = ChartMarks(summary)
    bg = background or theme.palette.surface
    if chart.kind in (ChartKind.PIE, ChartKind.DOUGHNUT):
        _round(out, chart, rect, theme, size, bg)
    else:
        _axes(out, chart, rect, theme, size, bg)
    return out


def legend_entries(chart: ChartData, theme: Theme) -> list[tuple[str, str]]:
    pal = theme.palette
    return [(s.name, pal.series[i % len(pal.series)]) for i, s in enumerate(chart.series)]


def _legend(out: ChartMarks, chart: ChartData, theme: Theme, rect: Rect, size: float) -> float:
    """The legend centred along the top (where PowerPoint and LibreOffice put a top legend); returns its height."""
    stack = typography(theme).body
    entries = legend_entries(chart, theme)
    widths = [size * 1.2 + measure(name, stack, size) for name, _ in entries]
    total = sum(widths) + size * 1.2 * (len(entries) - 1)
    x = rect.cx - min(total, rect.w) / 2
    out.legend = Rect(x - size * 0.4, rect.y, min(total, rect.w) + size * 0.8, size * 1.4)
    line = chart.kind in (ChartKind.LINE, ChartKind.SCATTER)
    for (name, color), w in zip(entries, widths, strict=True):
        if line:  # a line's key is a short stroke through its marker, as office applications draw it
            mid = rect.y + size * 0.6
            if chart.kind is ChartKind.LINE:
                out.marks.append(Polyline(((x - size * 0.1, mid), (x + size * 0.9, mid)), color, LINE_WIDTH))
            out.marks.append(Dot(x + size * 0.4, mid, MARKER / 2, color, theme.palette.background))
        else:
            out.marks.append(Bar(Rect(x + size * 0.25, rect.y + size * 0.6 - KEY / 2 * size, KEY * size, KEY * size),
                                 color))
        out.marks.append(Label(name, x + size * 1.2, rect.y + size * 0.95, size, theme.palette.text, stack))
        x += w + size * 1.2
    return size * 2.0


def _axes(out: ChartMarks, chart: ChartData, rect: Rect, theme: Theme, size: float, bg: str) -> None:
    marks = out.marks
    pal = theme.palette
    stack = typography(theme).body
    small = size * 0.9
    horizontal = chart.kind is ChartKind.BAR
    top = rect.y
    if has_legend(chart):
        top += _legend(out, chart, theme, rect, small)
    scale = value_scale(chart)
    lo, hi = scale.lo, scale.hi
    tick_labels = [number_text(t, scale.tick_decimals, chart.unit) for t in scale.ticks]
    v_title, c_title = value_title(chart), category_title(chart)
    left_title, bottom_title = (c_title, v_title) if horizontal else (v_title, c_title)
    left = rect.x + (small * 1.7 if left_title else 0)
    bottom = rect.bottom - (small * 1.8 if bottom_title else 0)
    n = len(chart.categories)
    labels_on = show_values(chart)
    if horizontal:
        label_w = min(rect.w * 0.3, max(measure(c, stack, small) for c in chart.categories) + small * 0.7)
        value_room = max(measure(t, stack, small) for t in tick_labels) if labels_on else small
        plot = Rect(left + label_w, top + small * 0.4, rect.right - left - label_w - value_room - small,
                    bottom - top - small * 2.0)
    else:
        label_w = max(measure(t, stack, small) for t in tick_labels) + small * 0.7
        head = small * (1.6 if labels_on else 0.8)
        plot = Rect(left + label_w, top + head, rect.right - left - label_w - small * 0.5,
                    bottom - top - head - small * 2.0)
    out.plot = plot

    def at(v: float) -> float:
        span = (hi - lo) or 1
        if horizontal:
            return plot.x + (v - lo) / span * plot.w
        return plot.bottom - (v - lo) / span * plot.h

    for t, label in zip(scale.ticks, tick_labels, strict=True):
        if horizontal:
            x = at(t)
            marks.append(Polyline(((x, plot.y), (x, plot.bottom)), pal.line, 1))
            marks.append(Label(label, x, plot.bottom + small * 1.35, small, pal.muted, stack, "middle"))
        else:
            y = at(t)
            marks.append(Polyline(((plot.x, y), (plot.right, y)), pal.line, 1))
            marks.append(Label(label, plot.x - small * 0.45, y + small * 0.35, small, pal.muted, stack, "end"))

    band = (plot.h if horizontal else plot.w) / n
    if chart.kind in (ChartKind.BAR, ChartKind.COLUMN):
        # OOXML's clustered bars: in each category's band, bars of width w separated by BAR_SPACE × w, and
        # BAR_GAP × w shared between the band's two ends (gapWidth and a negative overlap in the PPTX).
        k = len(chart.series)
        bar = band / (k + BAR_SPACE * (k - 1) + BAR_GAP)
        zero = at(0 if lo <= 0 <= hi else lo)
        for si, s in enumerate(chart.series):
            color = pal.series[si % len(pal.series)]
            for ci, v in enumerate(s.values):
                start = band * ci + bar * BAR_GAP / 2 + si * bar * (1 + BAR_SPACE)
                a, b = sorted((zero, at(v)))
                text = number_text(v, scale.value_decimals, chart.unit)
                if horizontal:
                    y0 = plot.y + start
                    marks.append(Bar(Rect(a, y0, max(b - a, 1), bar), color))
                    if labels_on:
                        x = b + small * 0.4 if v >= 0 else a - small * 0.4
                        marks.append(Label(text, x, y0 + bar / 2 + small * 0.35, small, pal.text, stack,
                                           "start" if v >= 0 else "end"))
                else:
                    x0 = plot.x + start
                    marks.append(Bar(Rect(x0, a, bar, max(b - a, 1)), color))
                    if labels_on:
                        y = a - small * 0.4 if v >= 0 else b + small * 1.1
                        marks.append(Label(text, x0 + bar / 2, y, small, pal.text, stack, "middle"))
    else:
        scatter = chart.kind is ChartKind.SCATTER
        xv = [float(c) for c in chart.categories] if scatter else []
        xlo, xhi = (min(xv), max(xv)) if scatter else (0.0, 1.0)

        def px(i: int) -> float:
            if scatter:
                return plot.x + (xv[i] - xlo) / ((xhi - xlo) or 1) * plot.w * 0.94 + plot.w * 0.03
            return plot.x + band * i + band / 2

        for si, s in enumerate(chart.series):
            color = pal.series[si % len(pal.series)]
            pts = tuple((px(i), at(v)) for i, v in enumerate(s.values))
            if not scatter:
                marks.append(Polyline(pts, color, LINE_WIDTH * size / 13))
            marks.extend(Dot(x, y, MARKER * size / 26, color, bg) for x, y in pts)
            if labels_on:
                for (x, y), v in zip(pts, s.values, strict=True):
                    marks.append(Label(number_text(v, scale.value_decimals, chart.unit), x, y - small * 0.75, small,
                                       pal.text, stack, "middle"))

    if horizontal:
        # The first category on top, as the list is read (the PPTX reverses its category axis to match).
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
                marks.append(Label(number_text(t, decimals_of([t]), None), x, plot.bottom + small * 1.4, small,
                                   pal.text, stack, "middle"))
    else:
        # Every category label when they fit side by side, otherwise every k-th.
        widest = max(measure(c, stack, small) for c in chart.categories)
        every = max(1, math.ceil((widest + small * 0.6) / band))
        for ci, c in enumerate(chart.categories):
            if ci % every == 0:
                text = fit_label(c, stack, small, band * every - small * 0.4)
                marks.append(Label(text, plot.x + band * ci + band / 2, plot.bottom + small * 1.4, small, pal.text,
                                   stack, "middle"))
    # The category axis's line: under the columns, or left of the bars (where the bars start).
    if horizontal:
        x = at(0 if lo <= 0 <= hi else lo)
        marks.append(Polyline(((x, plot.y), (x, plot.bottom)), pal.muted, 1))
    else:
        marks.append(Polyline(((plot.x, plot.bottom), (plot.right, plot.bottom)), pal.muted, 1))
    if left_title:
        marks.append(Label(fit_label(left_title, stack, small, plot.h), rect.x + small * 1.0, plot.cy, small,
                           pal.muted, stack, "middle", turned=True))
    if bottom_title:
        marks.append(Label(fit_label(bottom_title, stack, small, plot.w), plot.cx, rect.bottom - small * 0.35, small,
                           pal.muted, stack, "middle"))


def _round(out: ChartMarks, chart: ChartData, rect: Rect, theme: Theme, size: float, bg: str) -> None:
    """Wedges clockwise from 12 o'clock, each labelled with its share, and a legend of the categories at the
    right, as PowerPoint draws a pie with a right legend and percentage labels."""
    from ..lints import readable_on

    marks = out.marks
    pal = theme.palette
    stack = typography(theme).body
    values = chart.series[0].values
    total = sum(values) or 1
    entries = [(c, pal.series[i % len(pal.series)]) for i, c in enumerate(chart.categories)]
    legend_w = min(rect.w * 0.45, max(measure(c, stack, size) for c in chart.categories) + size * 2.2)
    r = max(min(rect.h / 2 - 4, (rect.w - legend_w - size * 2) / 2), size)
    cx, cy = rect.x + (rect.w - legend_w - size) / 2, rect.cy
    out.plot = Rect(cx - r, cy - r, 2 * r, 2 * r)
    angle = 0.0
    inner = HOLE if chart.kind is ChartKind.DOUGHNUT else 0.0
    shares = []
    for i, v in enumerate(values):
        sweep = v / total * math.tau
        if sweep > 0:
            marks.append(Wedge(cx, cy, r, angle, angle + sweep, entries[i][1], bg))
        shares.append((angle + sweep / 2, v / total, entries[i][1]))
        angle += sweep
    if inner:
        marks.append(Disc(cx, cy, r * inner, bg))
    at = (1 + inner) / 2 if inner else 0.62
    for mid, share, color in shares:
        if share <= 0:
            continue
        x, y = cx + r * at * math.sin(mid), cy - r * at * math.cos(mid)
        marks.append(Label(f"{share * 100:.0f}%", x, y + size * 0.35, size, readable_on(color),
                           typography(theme).body_bold, "middle", bold=True))
    # The legend: one line per category, centred on the chart's height at the right edge.
    line_h = size * LEGEND_LINE
    lx = rect.right - legend_w
    ly = cy - line_h * len(entries) / 2
    out.legend = Rect(lx - size * 0.4, ly, legend_w + size * 0.4, line_h * len(entries))
    for i, (cat, color) in enumerate(entries):
        mid = ly + (i + 0.5) * line_h
        marks.append(Bar(Rect(lx + size * 0.2, mid - KEY * size / 2, KEY * size, KEY * size), color))
        marks.append(Label(fit_label(cat, stack, size, legend_w - size * 1.2), lx + size * 1.2, mid + size * 0.36,
                           size, pal.text, stack))

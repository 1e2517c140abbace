"""What a laid-out element is drawn from: text lines, shapes, lines, hand-drawn strokes, icons, charts, pictures.

Layout makes these once, in canvas pixels; the frame painter (skia), the animated SVG and the PPTX writer all
read them, so every output shows the same geometry. Each part says how an entrance reveals it: strokes are
traced, fills fade in after their outline, text is written left to right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from renderers.chart.geometry import ChartMarks
from renderers.layout.fit import TextLayout
from renderers.layout.fonts import FontFace, FontStack
from renderers.layout.geometry import Rect
from renderers.layout.text import font_runs, measure

BASELINE_EM = 0.38  # the same baseline as renderers.svg.text_lines, so SVG, PNG and video agree


@dataclass(frozen=True)
class Run:
    face: FontFace
    text: str
    x: float  # from the line's left edge


@dataclass
class Line:
    text: str
    x: float  # left edge
    baseline: float
    width: float
    runs: list[Run]


@dataclass
class TextPart:
    lines: list[Line]
    size: float
    stack: FontStack
    color: str
    align: str = "left"
    count: CountSpec | None = None  # a number that a `count` step counts up


@dataclass
class ShapePart:
    """A filled and/or outlined shape: rect, round, ellipse, diamond, or `d` (SVG path data)."""

    geom: str
    rect: Rect
    fill: str | None
    stroke: str | None = None
    width: float = 2.0
    radius: float = 0.0
    d: str | None = None
    dash: bool = False
    shadow: bool = False


@dataclass
class LinePart:
    points: list[tuple[float, float]]
    color: str
    width: float
    dashed: bool = False
    head_end: bool = False
    head_start: bool = False
    head: float = 14.0  # arrowhead length


@dataclass
class SketchPart:
    """Hand-drawn strokes from `rough` (the whiteboard's drawing, same seeds), in drawing order; fills first."""

    fills: list[tuple[str, str]]  # (d, colour)
    strokes: list[tuple[str, str, float, bool]]  # (d, colour, width, dashed)
    outline: str = "round"  # the clean shape it stands for (round, rect, ellipse, diamond, line), for the PPTX
    rect: Rect | None = None
    points: list[tuple[float, float]] | None = None  # a line's points


@dataclass
class DotPart:
    cx: float
    cy: float
    r: float
    color: str


@dataclass
class IconPart:
    name: str
    rect: Rect
    color: str
    width: float = 2.0


@dataclass
class ImagePart:
    png: bytes
    rect: Rect
    alt: str


@dataclass
class ChartPart:
    marks: ChartMarks
    rect: Rect
    kind: str
    growth: dict[int, str] = field(default_factory=dict)  # mark index -> edge a bar grows from (bottom/top/left/right)
    late: set[int] = field(default_factory=set)  # labels that appear once the data has grown (values, shares)


Part = TextPart | ShapePart | LinePart | SketchPart | DotPart | IconPart | ImagePart | ChartPart


# ---- text ------------------------------------------------------------------------------------------------

def line_of(text: str, x: float, baseline: float, stack: FontStack, size: float) -> Line:
    runs = []
    cx = 0.0
    for face, run in font_runs(text, stack):
        runs.append(Run(face, run, cx))
        cx += measure(run, stack, size)
    return Line(text, x, baseline, cx, runs)


def text_part(layout: TextLayout, box: Rect, color: str, regular: FontStack, bold: FontStack,
              align: str = "left", top: float | None = None) -> TextPart:
    """The laid-out lines at the positions renderers.svg.text_lines would write them."""
    lines: list[Line] = []
    y0 = box.y if top is None else top
    stack = regular
    for laid in layout.paras:
        stack = bold if laid.para.bold else regular
        line_h = laid.size * layout.line_spacing
        for n, text in enumerate(laid.lines):
            if not text:
                continue
            width = measure(text, stack, laid.size)
            if align == "center":
                x = box.x + laid.indent + (box.w - laid.indent - width) / 2
            elif align == "right":
                x = box.right - width
            else:
                x = box.x + laid.indent
            baseline = y0 + laid.top + n * line_h + line_h / 2 + BASELINE_EM * laid.size
            lines.append(line_of(text, x, baseline, stack, laid.size))
    size = layout.paras[0].size if layout.paras else layout.size
    return TextPart(lines, size, stack, color, align)


# ---- counting numbers ------------------------------------------------------------------------------------

_NUMBER = re.compile(r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)")


@dataclass(frozen=True)
class CountSpec:
    """A number written with its unit ('$3.2B', '1,200 萬', '42%'), split so it can count up from zero and end
    on exactly the text the plan gave."""

    prefix: str
    value: float
    suffix: str
    decimals: int
    grouped: bool

    def at(self, progress: float) -> str:
        if progress >= 1.0:
            return self.text
        v = self.value * max(progress, 0.0)
        body = f"{v:,.{self.decimals}f}" if self.grouped else f"{v:.{self.decimals}f}"
        return f"{self.prefix}{body}{self.suffix}"

    @property
    def text(self) -> str:
        body = f"{self.value:,.{self.decimals}f}" if self.grouped else f"{self.value:.{self.decimals}f}"
        return f"{self.prefix}{body}{self.suffix}"


def count_spec(value: str) -> CountSpec | None:
    """The first number in the text, or None when it has none (then a count step shows it at once)."""
    m = _NUMBER.search(value)
    if not m:
        return None
    raw = m.group("num")
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    spec = CountSpec(value[: m.start()], float(raw.replace(",", "")), value[m.end():], decimals, "," in raw)
    return spec if spec.text == value else None

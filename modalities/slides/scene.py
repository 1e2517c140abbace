"""A laid-out slide: positioned items in points on a 960 × 540 pt (13.333 × 7.5 in) canvas.

The layout step produces these once; the PPTX writer and the PNG preview writer both read them, so the
preview shows what the deck holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from renderers.layout.fit import TextLayout
from renderers.layout.fonts import FontStack
from renderers.layout.geometry import Rect
from renderers.plan.common import ChartData, TableData

SLIDE_W = 960.0
SLIDE_H = 540.0
CANVAS = Rect(0, 0, SLIDE_W, SLIDE_H)


@dataclass
class TextItem:
    name: str  # where lints point, e.g. "title" or "body"
    rect: Rect
    layout: TextLayout
    color: str
    regular: FontStack
    bold: FontStack
    align: str = "left"  # left | center | right
    anchor: str = "top"  # top | middle | bottom
    bullets: bool = False
    italic: bool = False


@dataclass
class ShapeItem:
    name: str
    rect: Rect
    fill: str | None
    kind: str = "rect"  # rect | round | ellipse | chevron | pentagon (see `outline`)
    line: str | None = None
    radius: float = 0.0  # corner radius in points for "round"; point depth for "chevron" and "pentagon"
    line_width: float = 1.0


@dataclass
class LineItem:
    """A straight connector: timelines' axes, process arrows, hairlines under titles."""

    name: str
    x1: float
    y1: float
    x2: float
    y2: float
    color: str
    width: float = 1.0
    arrow: bool = False  # an arrow head at (x2, y2)


@dataclass
class IconItem:
    """A Lucide icon drawn in a square, stroked in one colour; `label` is what it stands for (alt text)."""

    name: str
    rect: Rect
    icon: str
    color: str
    label: str


def outline(item: ShapeItem) -> list[tuple[float, float]]:
    """The corner points of a pointed shape, in the geometry PowerPoint's presets draw (`homePlate`, `chevron`),
    so the preview and the deck agree: the point is `radius` deep, the notch of a chevron as deep as its point."""
    r = item.rect
    d = min(item.radius, r.w / 2)
    if item.kind == "pentagon":
        return [(r.x, r.y), (r.right - d, r.y), (r.right, r.cy), (r.right - d, r.bottom), (r.x, r.bottom)]
    if item.kind == "chevron":
        return [(r.x, r.y), (r.right - d, r.y), (r.right, r.cy), (r.right - d, r.bottom), (r.x, r.bottom),
                (r.x + d, r.cy)]
    return [(r.x, r.y), (r.right, r.y), (r.right, r.bottom), (r.x, r.bottom)]


@dataclass
class ChartItem:
    name: str
    rect: Rect
    chart: ChartData
    font_size: float = 13.0  # labels, in points: the preview and the PPTX lay the chart out at this size


@dataclass
class TableItem:
    name: str
    rect: Rect
    table: TableData
    row_slice: tuple[int, int]
    col_widths: list[float]
    row_heights: list[float]  # header first
    font_size: float
    cell_layouts: list[list[TextLayout]]  # header row first, then the rows of the slice
    pad: float = 6.0  # cell padding on every side


def is_numeric_column(rows: list, c: int) -> bool:
    """A column whose filled cells are all numbers: its cells are right-aligned, in the deck and the preview."""
    values = [row[c] for row in rows[:200] if row[c] not in (None, "")]
    return bool(values) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)


@dataclass
class PictureItem:
    name: str
    rect: Rect
    png: bytes
    alt: str


Item = TextItem | ShapeItem | LineItem | IconItem | ChartItem | TableItem | PictureItem


@dataclass
class SlideScene:
    index: int  # 1-based position in the deck
    layout: str
    background: str
    items: list[Item] = field(default_factory=list)
    notes: str = ""
    source_slide: int = 0  # 1-based position of the plan slide it came from

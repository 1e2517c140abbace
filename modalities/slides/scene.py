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
    kind: str = "rect"  # rect | round | ellipse
    line: str | None = None
    radius: float = 0.0  # corner radius in points, for kind == "round"


@dataclass
class ChartItem:
    name: str
    rect: Rect
    chart: ChartData


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


@dataclass
class PictureItem:
    name: str
    rect: Rect
    png: bytes
    alt: str


Item = TextItem | ShapeItem | ChartItem | TableItem | PictureItem


@dataclass
class SlideScene:
    index: int  # 1-based position in the deck
    layout: str
    background: str
    items: list[Item] = field(default_factory=list)
    notes: str = ""
    source_slide: int = 0  # 1-based position of the plan slide it came from

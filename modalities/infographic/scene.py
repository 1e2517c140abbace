"""A laid-out infographic page: drawing primitives in pixels, computed once and written to SVG (and PNG, PPTX)."""

from __future__ import annotations

from dataclasses import dataclass, field

from renderers.layout.fit import TextLayout
from renderers.layout.fonts import FontStack
from renderers.layout.geometry import Rect
from renderers.plan.common import ChartData


@dataclass
class Box:
    rect: Rect
    fill: str | None
    stroke: str | None = None
    radius: float = 0.0
    stroke_width: float = 1.0


@dataclass
class Circle:
    cx: float
    cy: float
    r: float
    fill: str | None
    stroke: str | None = None
    stroke_width: float = 0.0


@dataclass
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str
    width: float = 2.0
    dash: str | None = None


@dataclass
class Text:
    rect: Rect  # the box the text was fitted to; lines start at its top
    layout: TextLayout
    color: str
    regular: FontStack
    bold: FontStack
    align: str = "left"
    italic: bool = False
    role: str = "text"


@dataclass
class Icon:
    name: str
    rect: Rect
    color: str
    label: str  # what the icon stands for, for <title> and alt text


@dataclass
class Picture:
    rect: Rect
    png: bytes
    alt: str
    radius: float = 0.0


@dataclass
class Chart:
    rect: Rect
    chart: ChartData
    size: float = 18.0  # label size in px: the SVG and the PPTX chart are laid out at it
    background: str | None = None  # the ground under the chart, for markers' rings and wedge gaps


Primitive = Box | Circle | Line | Text | Icon | Picture | Chart


@dataclass
class BlockArea:
    """A block's card on the page, named for lints and for the SVG's group ids."""

    index: int
    kind: str
    rect: Rect
    items: list[Primitive] = field(default_factory=list)
    band: bool = False  # spans the page on a tinted ground instead of sitting on a card
    variant: str = ""  # how the block was laid out (its kind, or "stat-band", "icon-row", "flow", ...), for readers


@dataclass
class Page:
    width: float
    height: float
    background: str
    title: str
    description: str
    items: list[Primitive] = field(default_factory=list)  # header, footer and page decoration
    blocks: list[BlockArea] = field(default_factory=list)

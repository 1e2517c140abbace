"""A laid-out board: node boxes, edge paths, group frames, guide lines, marks and free texts, in pixels.

Each layout engine computes one of these; the Excalidraw scene, the hand-drawn SVG and the lints all read it, so
what the PNG shows is what the scene holds. Coordinates grow right and down; `place` moves a finished layout so
that it starts inside the margin, under the title.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from renderers.layout.fit import TextLayout
from renderers.layout.geometry import Rect

Point = tuple[float, float]


@dataclass
class NodeBox:
    id: str
    label: str
    shape: str  # a NodeShape value
    rect: Rect
    text: TextLayout
    fill: str
    stroke: str
    group: str | None = None
    bundle: str | None = None  # elements sharing a bundle move together in Excalidraw (a participant and its lifeline)
    font_size: float = 20.0
    bold: bool = False


@dataclass
class EdgePath:
    index: int
    source: str
    target: str
    points: list[Point]
    label: str | None = None
    label_rect: Rect | None = None
    label_text: TextLayout | None = None
    dashed: bool = False
    bound: bool = True  # attached to its node boxes at both ends (sequence messages run between lifelines instead)
    start_head: bool = False
    end_head: bool = True
    color: str | None = None  # None: the theme's text colour
    width: float = 2.0
    bundle: str | None = None
    label_on_line: bool = True  # Excalidraw binds the label to the arrow; otherwise it is a free text beside it


@dataclass
class GroupBox:
    id: str
    label: str
    rect: Rect
    members: list[str] = field(default_factory=list)
    color: str | None = None
    title: TextLayout | None = None
    title_rect: Rect | None = None


@dataclass
class GuideLine:
    """A line that is part of the drawing but connects no nodes: sequence lifelines, a timeline's axis and ticks."""

    id: str
    points: list[Point]
    dashed: bool = False
    color: str | None = None
    width: float = 2.0
    bundle: str | None = None


@dataclass
class Mark:
    """A small filled dot: a timeline's time marks."""

    id: str
    cx: float
    cy: float
    r: float
    color: str


@dataclass
class FreeText:
    """Text that belongs to no shape: a timeline's dates, a sequence message's label."""

    id: str
    text: TextLayout
    rect: Rect
    color: str
    align: str = "center"
    bundle: str | None = None


@dataclass
class Diagram:
    title: str
    kind: str
    width: float = 0.0
    height: float = 0.0
    nodes: list[NodeBox] = field(default_factory=list)
    edges: list[EdgePath] = field(default_factory=list)
    groups: list[GroupBox] = field(default_factory=list)
    guides: list[GuideLine] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    texts: list[FreeText] = field(default_factory=list)
    title_text: TextLayout | None = None
    title_rect: Rect | None = None

    def node(self, node_id: str) -> NodeBox:
        return next(n for n in self.nodes if n.id == node_id)

    def bounds(self) -> Rect:
        """The box around everything drawn (the title aside)."""
        xs: list[float] = []
        ys: list[float] = []

        def add(r: Rect | None) -> None:
            if r is not None:
                xs.extend((r.x, r.right))
                ys.extend((r.y, r.bottom))

        for n in self.nodes:
            add(n.rect)
        for g in self.groups:
            add(g.rect)
            add(g.title_rect)
        for e in self.edges:
            add(e.label_rect)
            for x, y in e.points:
                xs.append(x)
                ys.append(y)
        for guide in self.guides:
            for x, y in guide.points:
                xs.append(x)
                ys.append(y)
        for m in self.marks:
            add(Rect(m.cx - m.r, m.cy - m.r, 2 * m.r, 2 * m.r))
        for t in self.texts:
            add(t.rect)
        if not xs:
            return Rect(0, 0, 0, 0)
        return Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))

    def translate(self, dx: float, dy: float) -> None:
        def mv(r: Rect) -> Rect:
            return Rect(r.x + dx, r.y + dy, r.w, r.h)

        for n in self.nodes:
            n.rect = mv(n.rect)
        for g in self.groups:
            g.rect = mv(g.rect)
            g.title_rect = None if g.title_rect is None else mv(g.title_rect)
        for e in self.edges:
            e.points = [(x + dx, y + dy) for x, y in e.points]
            e.label_rect = None if e.label_rect is None else mv(e.label_rect)
        for guide in self.guides:
            guide.points = [(x + dx, y + dy) for x, y in guide.points]
        for m in self.marks:
            m.cx += dx
            m.cy += dy
        for t in self.texts:
            t.rect = mv(t.rect)

"""A laid-out diagram: node boxes, edge paths, group frames and guide lines, in pixels, computed once and
written to the Excalidraw scene and the SVG."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..layout.fit import TextLayout
from ..layout.geometry import Rect


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


@dataclass
class EdgePath:
    index: int
    source: str
    target: str
    points: list[tuple[float, float]]
    label: str | None = None
    label_rect: Rect | None = None
    label_text: TextLayout | None = None
    dashed: bool = False
    bound: bool = True  # attached to its node boxes at both ends (False for sequence messages on lifelines)


@dataclass
class GroupBox:
    id: str
    label: str
    rect: Rect


@dataclass
class GuideLine:
    """A line that is part of the drawing but connects no nodes: sequence lifelines, a timeline's axis."""

    id: str
    points: list[tuple[float, float]]
    dashed: bool = False


@dataclass
class Diagram:
    title: str
    kind: str
    width: float
    height: float
    nodes: list[NodeBox] = field(default_factory=list)
    edges: list[EdgePath] = field(default_factory=list)
    groups: list[GroupBox] = field(default_factory=list)
    guides: list[GuideLine] = field(default_factory=list)

    def node(self, node_id: str) -> NodeBox:
        return next(n for n in self.nodes if n.id == node_id)

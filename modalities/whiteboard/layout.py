"""Whiteboard auto-layout: one engine per diagram kind, then the title placed above the drawing.

Flowcharts and architectures are graph-layout problems and go to Graphviz (engines/graph.py). Mind maps, sequences,
timelines and brainstorms have a shape of their own that the content's order decides, so each has a direct layout.
"""

from __future__ import annotations

from collections.abc import Callable

from renderers.theme import Theme

from .diagram import Diagram
from .engines.brainstorm import layout_brainstorm
from .engines.errors import LayoutError
from .engines.graph import layout_graph
from .engines.mindmap import layout_mindmap
from .engines.sequence import layout_sequence
from .engines.timeline import layout_timeline
from .plan import DiagramKind, WhiteboardPlan
from .sizing import Sizer, place_title

__all__ = ["ENGINES", "LayoutError", "layout_diagram"]

ENGINES: dict[DiagramKind, Callable[[WhiteboardPlan, Theme], Diagram]] = {
    DiagramKind.FLOWCHART: layout_graph,
    DiagramKind.ARCHITECTURE: layout_graph,
    DiagramKind.MINDMAP: layout_mindmap,
    DiagramKind.SEQUENCE: layout_sequence,
    DiagramKind.TIMELINE: layout_timeline,
    DiagramKind.BRAINSTORM: layout_brainstorm,
}


def layout_diagram(plan: WhiteboardPlan, theme: Theme) -> Diagram:
    diagram = ENGINES[plan.kind](plan, theme)
    place_title(diagram, Sizer(theme))
    return diagram

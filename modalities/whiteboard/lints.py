"""Lints on a laid-out board: `overlap` between node boxes (and between edge labels and node boxes), `off_canvas`
for anything outside the board. They run on the computed layout, so they describe every exported format."""

from __future__ import annotations

from renderers.base import Lints
from renderers.layout.geometry import Rect
from renderers.lints import check_boxes

from .diagram import Diagram


def check_layout(lints: Lints, diagram: Diagram) -> None:
    canvas = Rect(0, 0, diagram.width, diagram.height)
    check_boxes(lints, [(f"node {n.id}", n.rect) for n in diagram.nodes], canvas)
    labels = [(f"edge {e.index} label", e.label_rect) for e in diagram.edges if e.label_rect is not None]
    for name, rect in labels:
        if not canvas.contains(rect):
            lints.warn("off_canvas", name, "the label leaves the board")
        for n in diagram.nodes:
            if rect.intersects(n.rect, tolerance=2):
                lints.warn("overlap", name, f"covers node {n.id}")
    for i, (name_a, a) in enumerate(labels):
        for name_b, b in labels[i + 1 :]:
            if a.intersects(b, tolerance=2):
                lints.warn("overlap", name_a, f"covers {name_b}")
    for g in diagram.groups:
        if not canvas.contains(g.rect):
            lints.warn("off_canvas", f"group {g.id}", "the frame leaves the board")

"""Whiteboards: an editable Excalidraw scene laid out automatically, plus SVG and PNG exports."""

from __future__ import annotations

import json

from ..base import RenderContext, RenderResult
from ..layout.geometry import Rect
from ..lints import check_boxes, check_glyphs
from ..plan.whiteboard import WhiteboardPlan
from ..raster import rasterise
from ..typography import typography
from .excalidraw import scene
from .layout import layout_diagram
from .svg_writer import diagram_svg


def render(plan: WhiteboardPlan, ctx: RenderContext) -> RenderResult:
    result = RenderResult(title=plan.title)
    ctx.progress("render", {"step": "layout"})
    diagram = layout_diagram(plan, ctx.theme)
    typ = typography(ctx.theme)
    canvas = Rect(0, 0, diagram.width, diagram.height)
    check_boxes(result, [(f"node {n.id}", n.rect) for n in diagram.nodes], canvas)
    for n in diagram.nodes:
        check_glyphs(result, n.label, typ.body, f"node {n.id}")
    for e in diagram.edges:
        if e.label:
            check_glyphs(result, e.label, typ.body, f"edge {e.index}")

    data = scene(diagram, ctx.theme)
    (ctx.out_dir / "board.excalidraw").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    result.add("board.excalidraw", "application/vnd.excalidraw+json", "primary")
    ctx.progress("file", {"name": "board.excalidraw"})
    svg = diagram_svg(diagram, ctx.theme)
    (ctx.out_dir / "board.svg").write_text(svg, encoding="utf-8")
    result.add("board.svg", "image/svg+xml", "export")
    ctx.progress("file", {"name": "board.svg"})
    (ctx.out_dir / "board.png").write_bytes(rasterise(svg, typ))
    result.add("board.png", "image/png", "preview")
    ctx.progress("file", {"name": "board.png"})
    result.extra["diagram_kind"] = plan.kind.value
    return result

"""Whiteboards: an editable Excalidraw scene laid out automatically, a hand-drawn SVG and PNG of it, and the
board as Mermaid text.

The layout is computed once (layout.py) and written to every format; the lints run on that layout.
"""

from __future__ import annotations

import json

from ..base import RenderContext, RenderResult
from ..lints import check_glyphs
from ..plan.whiteboard import WhiteboardPlan
from ..raster import rasterise
from .excalidraw import scene
from .fonts import board_fonts
from .layout import layout_diagram
from .lints import check_layout
from .mermaid import plan_to_mermaid
from .sketch import board_svg

MAX_PNG_PIXELS = 6_000_000  # the PNG is drawn at the board's own size, smaller only past this


def render(plan: WhiteboardPlan, ctx: RenderContext) -> RenderResult:
    result = RenderResult(title=plan.title)
    ctx.progress("render", {"step": "layout"})
    fonts = board_fonts(ctx.theme)
    if not fonts.hand:
        result.warn("font_fallback", "board", "the hand-lettered face (Comic Neue, Debian's fonts-comic-neue) is not "
                    "installed, so the SVG and PNG use the theme's sans face; run scripts/setup.sh")
    diagram = layout_diagram(plan, ctx.theme)
    check_layout(result, diagram)
    for n in diagram.nodes:
        check_glyphs(result, n.label, fonts.regular, f"node {n.id}")
    for e in diagram.edges:
        if e.label:
            check_glyphs(result, e.label, fonts.regular, f"edge {e.index}")
    check_glyphs(result, plan.title, fonts.bold, "title")

    data = scene(diagram, ctx.theme)
    (ctx.out_dir / "board.excalidraw").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    result.add("board.excalidraw", "application/vnd.excalidraw+json", "primary")
    ctx.progress("file", {"name": "board.excalidraw"})
    svg = board_svg(diagram, ctx.theme, fonts)
    (ctx.out_dir / "board.svg").write_text(svg, encoding="utf-8")
    result.add("board.svg", "image/svg+xml", "export")
    ctx.progress("file", {"name": "board.svg"})
    zoom = min(1.0, (MAX_PNG_PIXELS / max(diagram.width * diagram.height, 1)) ** 0.5)
    (ctx.out_dir / "board.png").write_bytes(rasterise(svg, fonts, zoom=zoom))
    result.add("board.png", "image/png", "preview")
    ctx.progress("file", {"name": "board.png"})
    (ctx.out_dir / "board.mmd").write_text(plan_to_mermaid(plan), encoding="utf-8")
    result.add("board.mmd", "text/vnd.mermaid", "source")
    ctx.progress("file", {"name": "board.mmd"})
    result.extra["diagram_kind"] = plan.kind.value
    result.extra["node_count"] = len(plan.nodes)
    result.extra["edge_count"] = len(plan.edges)
    return result

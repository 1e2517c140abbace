"""Whiteboards: an editable Excalidraw scene laid out automatically, a hand-drawn SVG and PNG of it, and the
board as Mermaid text.

The layout is computed once (layout.py) and written to every format; the lints run on that layout.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

from renderers.base import PendingFile, RenderContext, RenderResult
from renderers.lints import check_glyphs
from renderers.raster import rasterise
from renderers.theme import Theme

from .excalidraw import scene
from .fonts import board_fonts
from .layout import layout_diagram
from .lints import check_layout
from .mermaid_out import plan_to_mermaid
from .plan import WhiteboardPlan
from .sketch import board_svg

MAX_PNG_PIXELS = 6_000_000  # the PNG is drawn at the board's own size, smaller only past this


def draw_png(folder: Path, browser: object = None, *, theme: Theme, zoom: float) -> dict:
    """board.png from the board.svg in `folder`, with the faces the layout measured (a pending file's maker)."""
    svg = (folder / "board.svg").read_text(encoding="utf-8")
    (folder / "board.png").write_bytes(rasterise(svg, board_fonts(theme), zoom=zoom))
    return {}


def render(plan: WhiteboardPlan, ctx: RenderContext) -> RenderResult:
    result = ctx.result(plan.title)
    result.step("layout")
    fonts = board_fonts(ctx.theme)
    if not fonts.hand:
        result.warn("font_fallback", "board", "the hand-lettered face (Comic Neue, Debian's fonts-comic-neue) is not "
                    "installed, so the SVG and PNG use the theme's sans face; run scripts/setup.sh")
    diagram = layout_diagram(plan, ctx.theme)
    check_layout(result.warnings, diagram)
    for n in diagram.nodes:
        check_glyphs(result.warnings, n.label, fonts.regular, f"node {n.id}")
    for e in diagram.edges:
        if e.label:
            check_glyphs(result.warnings, e.label, fonts.regular, f"edge {e.index}")
    check_glyphs(result.warnings, plan.title, fonts.bold, "title")

    result.write("board.excalidraw", json.dumps(scene(diagram, ctx.theme), ensure_ascii=False, indent=1), "primary")
    svg = board_svg(diagram, ctx.theme, fonts)
    result.write("board.svg", svg, "export")
    result.write("board.mmd", plan_to_mermaid(plan), "source")
    # The PNG follows the answer: rasterising a large board costs several times the scene and SVG together.
    zoom = min(1.0, (MAX_PNG_PIXELS / max(diagram.width * diagram.height, 1)) ** 0.5)
    result.defer(PendingFile("board.png", "preview", partial(draw_png, theme=ctx.theme, zoom=zoom), apart=True))
    result.details.update(diagram_kind=plan.kind.value, node_count=len(plan.nodes), edge_count=len(plan.edges))
    return result

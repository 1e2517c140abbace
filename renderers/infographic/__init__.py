"""Infographics: a one-page visual summary as SVG (text stays text) and a PNG rasterised from that SVG."""

from __future__ import annotations

import resvg_py

from ..base import RenderContext, RenderResult
from ..plan.infographic import InfographicPlan
from ..typography import typography
from .layout import layout_page
from .svg_writer import page_svg

HERO_PX = 520  # hero pictures are drawn at 260 px; requested at twice that for sharp PNGs


def rasterise(svg: str, font_files: list[str]) -> bytes:
    """PNG bytes of an SVG, drawn by resvg with exactly the fonts the layout measured with."""
    return bytes(resvg_py.svg_to_bytes(svg_string=svg, font_files=font_files, skip_system_fonts=True))


def render(plan: InfographicPlan, ctx: RenderContext) -> RenderResult:
    result = RenderResult(title=plan.title)
    hero = None
    if plan.hero_image:
        ctx.progress("render", {"step": "images"})
        req = plan.hero_image
        hero = ctx.images.generate(req.prompt, width=HERO_PX, height=HERO_PX, style=req.style)
        if hero.fallback:
            result.warn("image_fallback", "header / hero image", hero.note or "drawn by the offline fallback")
    ctx.progress("render", {"step": "layout"})
    page, lints = layout_page(plan, ctx.theme, hero)
    result.warnings.extend(lints.warnings)
    svg = page_svg(page, ctx.theme)
    (ctx.out_dir / "infographic.svg").write_text(svg, encoding="utf-8")
    result.add("infographic.svg", "image/svg+xml", "primary")
    ctx.progress("file", {"name": "infographic.svg"})
    (ctx.out_dir / "infographic.png").write_bytes(rasterise(svg, typography(ctx.theme).faces()))
    result.add("infographic.png", "image/png", "export")
    ctx.progress("file", {"name": "infographic.png"})
    result.extra["size"] = [round(page.width), round(page.height)]
    return result

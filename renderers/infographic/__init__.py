"""Infographics: a one-page visual summary as SVG (text stays text) and a PNG rasterised from that SVG."""

from __future__ import annotations

from ..base import RenderContext, RenderResult
from ..plan.infographic import InfographicPlan
from ..raster import rasterise
from ..typography import typography
from .layout import layout_page
from .svg_writer import page_svg

HERO_PX = 520  # hero pictures are drawn at 260 px; requested at twice that for sharp PNGs


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

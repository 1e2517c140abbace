"""Infographics: a one-page visual summary as SVG (text stays text), a PNG rasterised from that SVG, and a
one-slide PPTX of native shapes and text, all written from one laid-out page."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from ..base import RenderContext, RenderResult
from ..plan.infographic import InfographicPlan
from ..raster import rasterise
from ..typography import typography
from ..layout.script import language_of
from ..plan import plan_text
from .layout import layout_page
from .pptx_writer import write_page_pptx
from .svg_writer import page_svg

PPTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
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
    language = plan.language or language_of(plan_text(plan))
    # resvg releases the interpreter while it draws, so the PNG is made while python-pptx writes the slide.
    with ThreadPoolExecutor(max_workers=1) as pool:
        png = pool.submit(rasterise, svg, typography(ctx.theme))
        write_page_pptx(page, ctx.theme, ctx.out_dir / "infographic.pptx", language)
        (ctx.out_dir / "infographic.png").write_bytes(png.result())
    result.add("infographic.png", "image/png", "export")
    ctx.progress("file", {"name": "infographic.png"})
    result.add("infographic.pptx", PPTX_TYPE, "export")
    ctx.progress("file", {"name": "infographic.pptx"})
    result.extra["size"] = [round(page.width), round(page.height)]
    return result

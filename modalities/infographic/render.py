"""Infographics: a one-page visual summary as SVG (text stays text), a PNG rasterised from that SVG, and a
one-slide PPTX of native shapes and text, all written from one laid-out page."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from renderers.base import RenderContext, RenderResult
from renderers.layout.script import language_of
from renderers.plan import plan_text
from renderers.raster import rasterise
from renderers.typography import typography

from .layout import layout_page
from .plan import InfographicPlan
from .pptx_writer import write_page_pptx
from .svg_writer import page_svg

HERO_PX = 520  # hero pictures are drawn at 260 px; requested at twice that for sharp PNGs


def render(plan: InfographicPlan, ctx: RenderContext) -> RenderResult:
    result = ctx.result(plan.title)
    hero = None
    if plan.hero_image:
        result.step("images")
        req = plan.hero_image
        hero = ctx.images.generate(req.prompt, width=HERO_PX, height=HERO_PX, style=req.style)
        if hero.fallback:
            result.warn("image_fallback", "header / hero image", hero.note or "drawn by the offline fallback")
    result.step("layout")
    page, lints = layout_page(plan, ctx.theme, hero)
    result.warnings.extend(lints)
    svg = page_svg(page, ctx.theme)
    result.write("infographic.svg", svg, "primary")
    language = plan.language or language_of(plan_text(plan))
    # resvg releases the interpreter while it draws, so the PNG is made while python-pptx writes the slide.
    with ThreadPoolExecutor(max_workers=1) as pool:
        png = pool.submit(rasterise, svg, typography(ctx.theme))
        write_page_pptx(page, ctx.theme, result.path("infographic.pptx"), language)
        result.write("infographic.png", png.result(), "export")
    result.saved("infographic.pptx", "export")
    result.details["size"] = [round(page.width), round(page.height)]
    return result

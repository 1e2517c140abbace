"""Slides: a plan's deck as an editable 16:9 PPTX with native text, charts, tables and speaker notes."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from ..base import GeneratedImage, RenderContext, RenderResult
from ..layout.script import language_of
from ..plan import plan_text
from ..plan.slides import ImageSlide, SlidesPlan, TitleSlide
from .layout import DeckLayout, image_rect
from .pptx_writer import write_deck

PIXELS_PER_POINT = 2.0  # images are requested at twice the slide's point size, sharp on a 1080p screen


def _resolve_images(plan: SlidesPlan, ctx: RenderContext, result: RenderResult) -> dict[int, GeneratedImage]:
    """Asks the image backend for every picture in the deck at once, keyed by the 1-based slide number."""
    wanted = {
        i: s for i, s in enumerate(plan.slides, start=1) if isinstance(s, (TitleSlide, ImageSlide)) and s.image
    }
    if not wanted:
        return {}

    def one(item):
        i, slide = item
        rect = image_rect(slide)
        req = slide.image
        return i, ctx.images.generate(
            req.prompt,
            width=round(rect.w * PIXELS_PER_POINT),
            height=round(rect.h * PIXELS_PER_POINT),
            style=req.style,
        )

    with ThreadPoolExecutor(max_workers=min(4, len(wanted))) as pool:
        images = dict(pool.map(one, wanted.items()))
    for i, img in images.items():
        if img.fallback:
            result.warn("image_fallback", f"slide {i} / picture", img.note or "drawn by the offline fallback")
    return images


def render(plan: SlidesPlan, ctx: RenderContext) -> RenderResult:
    result = RenderResult(title=plan.title)
    ctx.progress("render", {"step": "images"})
    images = _resolve_images(plan, ctx, result)
    ctx.progress("render", {"step": "layout"})
    deck = DeckLayout(plan, ctx.theme, images, result)
    language = plan.language or language_of(plan_text(plan))
    write_deck(deck.scenes, ctx.theme, ctx.out_dir / "deck.pptx", plan.title, language)
    result.add("deck.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "primary")
    ctx.progress("file", {"name": "deck.pptx"})
    result.extra["slide_count"] = len(deck.scenes)
    return result

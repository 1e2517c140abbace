"""Slides: a plan's deck as an editable 16:9 PPTX with native text, charts, tables and speaker notes, PNG previews
of every slide drawn from the same layout, and a PDF through LibreOffice when it is installed."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from ..base import GeneratedImage, RenderContext, RenderResult
from ..layout.script import language_of
from ..plan import plan_text
from ..plan.slides import ImageSlide, SlidesPlan, TitleSlide
from .layout import DeckLayout, image_rect
from .pdf import convert_to_pdf
from .pptx_writer import write_deck
from .preview import preview_png

PIXELS_PER_POINT = 2.0  # images are requested at twice the slide's point size, sharp on a 1080p screen
PPTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def _resolve_images(plan: SlidesPlan, ctx: RenderContext, result: RenderResult,
                    pool: ThreadPoolExecutor) -> dict[int, GeneratedImage]:
    """Asks the image backend for every picture in the deck at once, keyed by the 1-based slide number."""
    wanted = {
        i: s for i, s in enumerate(plan.slides, start=1) if isinstance(s, (TitleSlide, ImageSlide)) and s.image
    }

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

    images = dict(pool.map(one, wanted.items()))
    for i, img in images.items():
        if img.fallback:
            result.warn("image_fallback", f"slide {i} / picture", img.note or "drawn by the offline fallback")
    return images


def render(plan: SlidesPlan, ctx: RenderContext) -> RenderResult:
    result = RenderResult(title=plan.title)
    with ThreadPoolExecutor(max_workers=4) as pool:
        ctx.progress("render", {"step": "images"})
        images = _resolve_images(plan, ctx, result, pool)
        ctx.progress("render", {"step": "layout"})
        deck = DeckLayout(plan, ctx.theme, images, result)
        language = plan.language or language_of(plan_text(plan))
        # Previews are drawn while the PPTX is written: both only read the laid-out scenes.
        previews = [pool.submit(preview_png, scene, ctx.theme) for scene in deck.scenes]
        write_deck(deck.scenes, ctx.theme, ctx.out_dir / "deck.pptx", plan.title, language)
        result.add("deck.pptx", PPTX_TYPE, "primary")
        ctx.progress("file", {"name": "deck.pptx"})
        for scene, future in zip(deck.scenes, previews):
            name = f"slide-{scene.index:02d}.png"
            (ctx.out_dir / name).write_bytes(future.result())
            result.add(name, "image/png", "preview")
        ctx.progress("file", {"name": "slide previews", "count": len(deck.scenes)})
    if ctx.options.get("pdf", True):
        ctx.progress("render", {"step": "pdf"})
        pdf, why = convert_to_pdf(ctx.out_dir / "deck.pptx")
        if pdf is not None:
            result.add("deck.pdf", "application/pdf", "export")
            ctx.progress("file", {"name": "deck.pdf"})
        else:
            result.warn("pdf_skipped", "deck.pdf", why)
    result.extra["slide_count"] = len(deck.scenes)
    return result

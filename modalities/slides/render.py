"""Slides: a plan's deck as an editable 16:9 PPTX with native text, charts, tables and speaker notes, PNG previews
of every slide drawn from the same layout, and a PDF through LibreOffice when it is installed."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from renderers.base import GeneratedImage, PendingFile, RenderContext, RenderResult
from renderers.layout.script import language_of
from renderers.plan import plan_text

from .layout import DeckLayout, image_rect
from .pdf import make_pdf, soffice
from .plan import ImageSlide, SlidesPlan, TitleSlide
from .pptx_writer import write_deck
from .preview import preview_png

PIXELS_PER_POINT = 2.0  # images are requested at twice the slide's point size, sharp on a 1080p screen


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
    result = ctx.result(plan.title)
    with ThreadPoolExecutor(max_workers=4) as pool:
        result.step("images")
        images = _resolve_images(plan, ctx, result, pool)
        result.step("layout")
        deck = DeckLayout(plan, ctx.theme, images, result.warnings)
        language = plan.language or language_of(plan_text(plan))
        # Previews are drawn while the PPTX is written: both only read the laid-out scenes.
        previews = [pool.submit(preview_png, scene, ctx.theme) for scene in deck.scenes]
        write_deck(deck.scenes, ctx.theme, result.path("deck.pptx"), plan.title, language)
        result.saved("deck.pptx", "primary")
        for scene, future in zip(deck.scenes, previews):
            result.write(slide_picture(scene.index), future.result(), "preview", report=False)
        result.report("slide previews", count=len(deck.scenes))
    if ctx.options.get("pdf", True):
        # The PDF follows the answer: LibreOffice alone takes several times as long as the whole deck.
        if soffice() is None:
            result.warn("pdf_skipped", "deck.pdf", "LibreOffice is not installed, so no PDF was made "
                        "(scripts/setup.sh installs libreoffice-impress)")
        else:
            result.defer(PendingFile("deck.pdf", "export", make_pdf))
    result.details["slide_count"] = len(deck.scenes)
    return result


def slide_picture(number: int) -> str:
    """The file name of slide `number`'s picture (1-based): slide-01.png."""
    return f"slide-{number:02d}.png"

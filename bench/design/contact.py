"""Contact sheets of every layout in every theme, from the hand-written plans in bench/design/plans.py.

    .venv/bin/python -m bench.design.contact                 # everything into docs/design/
    .venv/bin/python -m bench.design.contact --themes light --no-widgets --out /tmp/sheets

Writes, per theme, `<theme>-slides.png` (the English and the Traditional Chinese deck, every slide labelled with
its layout) and `<theme>-infographic.png` (portrait English and Chinese pages, a landscape page), then
`widgets.png` (the chart and explorer widgets in the light and dark themes, drawn by the server's headless
browser) and `pictures.png` (offline pictures for a dozen prompts). Prints every lint warning a layout raised; a
designer looks at every sheet. Sheets are quantised to 256 colours, so they stay small enough to commit.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from modalities.registry import parse_plan, render
from modalities.slides.layout import DeckLayout, image_rect
from modalities.slides.plan import ImageSlide, SlidesPlan, TitleSlide
from modalities.slides.preview import preview_png
from models.images.fallback import FallbackImageBackend
from renderers.base import Lints, RenderContext
from renderers.theme import THEMES, get_theme

from .plans import (
    INFOGRAPHIC_EN,
    INFOGRAPHIC_ZH,
    SLIDES_EN,
    SLIDES_ZH,
    WIDGET_CHART,
    WIDGET_EXPLORER,
    WIDGET_EXPLORER_ZH,
)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "design"
THUMB = (480, 270)
GAP = 14
INK, PAPER = (34, 34, 34), (236, 236, 232)
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
PROMPTS = ["a lighthouse by the sea at dusk, watercolour", "night-market bubble tea", "a cup of coffee on a desk",
           "mountain trail in autumn", "a robot reading a book", "海邊的燈塔", "team meeting in an office",
           "abstract concept of trust", "the sea at night", "a laptop on a kitchen table, sketch",
           "a garden in spring, pastel", "夜市珍珠奶茶"]


def _font(size: int):
    try:
        return ImageFont.truetype(FONT, size, index=3)
    except OSError:
        return ImageFont.load_default(size)


def _save(sheet: Image.Image, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    sheet.convert("RGB").quantize(256, dither=Image.Dither.NONE).save(path, optimize=True)
    print(f"wrote {path} ({path.stat().st_size // 1024} KB)")


def _grid(title: str, tiles: list[tuple[str, Image.Image]], columns: int) -> Image.Image:
    head = 56
    rows = (len(tiles) + columns - 1) // columns
    cell_w, cell_h = THUMB[0], THUMB[1] + 26
    sheet = Image.new("RGB", (GAP + columns * (cell_w + GAP), head + rows * (cell_h + GAP) + GAP), PAPER)
    draw = ImageDraw.Draw(sheet)
    draw.text((GAP, 14), title, font=_font(26), fill=INK)
    for k, (label, im) in enumerate(tiles):
        x, y = GAP + (k % columns) * (cell_w + GAP), head + (k // columns) * (cell_h + GAP)
        sheet.paste(im.convert("RGB").resize(THUMB, Image.Resampling.LANCZOS), (x, y))
        draw.text((x, y + THUMB[1] + 4), label, font=_font(16), fill=INK)
    return sheet


def slide_tiles(plan_json: dict, theme_name: str, lints: list[str]) -> list[tuple[str, Image.Image]]:
    """Every slide of the plan laid out and drawn as its preview, labelled with its number and layout."""
    plan = parse_plan(plan_json)
    assert isinstance(plan, SlidesPlan)
    theme = get_theme(theme_name)
    backend = FallbackImageBackend()
    images = {}
    for i, slide in enumerate(plan.slides, start=1):
        if isinstance(slide, (TitleSlide, ImageSlide)) and slide.image is not None:
            rect = image_rect(slide)
            images[i] = backend.generate(slide.image.prompt, width=round(rect.w * 2), height=round(rect.h * 2),
                                         style=slide.image.style)
    found = Lints()
    deck = DeckLayout(plan, theme, images, found)
    lints.extend(f"{theme_name} {plan.title[:20]}: {w.code} {w.where} {w.detail}" for w in found)
    return [(f"{s.index} · {s.layout}", Image.open(io.BytesIO(preview_png(s, theme))).convert("RGB"))
            for s in deck.scenes]


def slides_sheet(theme: str, out: Path, lints: list[str]) -> None:
    tiles = slide_tiles(SLIDES_EN, theme, lints) + slide_tiles(SLIDES_ZH, theme, lints)
    _save(_grid(f"Slides · {get_theme(theme).label} · every layout, English and Traditional Chinese", tiles, 5),
          out / f"{theme}-slides.png")


def infographic_sheet(theme: str, out: Path, lints: list[str], work: Path) -> None:
    pages = []
    for name, plan, orientation in (("en", INFOGRAPHIC_EN, "portrait"), ("zh", INFOGRAPHIC_ZH, "portrait"),
                                    ("en", INFOGRAPHIC_EN, "landscape")):
        folder = work / f"info-{theme}-{name}-{orientation}"
        ctx = RenderContext(out_dir=folder, theme=get_theme(theme), images=FallbackImageBackend())
        result = render(parse_plan({**plan, "orientation": orientation}), ctx)
        lints.extend(f"{theme} infographic {name} {orientation}: {w.code} {w.where} {w.detail}"
                     for w in result.warnings if w.code != "image_fallback")
        pages.append(Image.open(folder / "infographic.png").convert("RGB"))
    width = 1800
    portrait_w = (width - 3 * GAP) // 2
    scaled = [p.resize((portrait_w, round(p.height * portrait_w / p.width)), Image.Resampling.LANCZOS)
              for p in pages[:2]]
    land_w = width - 2 * GAP
    land = pages[2].resize((land_w, round(pages[2].height * land_w / pages[2].width)), Image.Resampling.LANCZOS)
    height = 56 + max(p.height for p in scaled) + GAP + land.height + GAP
    sheet = Image.new("RGB", (width, height), PAPER)
    ImageDraw.Draw(sheet).text((GAP, 14), f"Infographic · {get_theme(theme).label} · portrait (English, Chinese) "
                               "and landscape", font=_font(26), fill=INK)
    sheet.paste(scaled[0], (GAP, 56))
    sheet.paste(scaled[1], (2 * GAP + portrait_w, 56))
    sheet.paste(land, (GAP, 56 + max(p.height for p in scaled) + GAP))
    _save(sheet, out / f"{theme}-infographic.png")


def widgets_sheet(out: Path, work: Path) -> None:
    from server.browser import WarmBrowser
    from server.pipeline import RenderRequest
    from server.service import RenderService
    from server.settings import get_settings

    settings = get_settings()
    browser = WarmBrowser(settings.chromium)
    shots = []
    try:
        for theme in ("light", "dark"):
            for name, plan in (("chart", WIDGET_CHART), ("explorer", WIDGET_EXPLORER), ("explorer-zh",
                                                                                        WIDGET_EXPLORER_ZH)):
                folder = work / f"widget-{theme}-{name}"
                RenderService.local(settings, folder, browser=browser).render(RenderRequest(plan=plan, theme=theme))
                page = folder / "widget.html"
                print(f"{theme} {name}: widget.html {page.stat().st_size // 1024} KB")
                shots.append(Image.open(folder / "preview.png").convert("RGB"))
    finally:
        browser.close()
    col_w = 600
    scaled = [s.resize((col_w, round(s.height * col_w / s.width)), Image.Resampling.LANCZOS) for s in shots]
    row_h = [max(s.height for s in scaled[k:k + 3]) for k in (0, 3)]
    sheet = Image.new("RGB", (GAP + 3 * (col_w + GAP), 56 + sum(row_h) + 3 * GAP), PAPER)
    ImageDraw.Draw(sheet).text((GAP, 14), "Widgets · chart (two units), explorer (long data), light and dark",
                               font=_font(26), fill=INK)
    for k, s in enumerate(scaled):
        sheet.paste(s, (GAP + (k % 3) * (col_w + GAP), 56 + (0 if k < 3 else row_h[0] + GAP)))
    _save(sheet, out / "widgets.png")


def pictures_sheet(out: Path) -> None:
    backend = FallbackImageBackend()
    tiles = [(p[:44], Image.open(io.BytesIO(backend.generate(p, width=480, height=270).png)).convert("RGB"))
             for p in PROMPTS]
    _save(_grid("Offline pictures · the prompt's subject in its setting, or its own words", tiles, 4),
          out / "pictures.png")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--themes", default=",".join(THEMES), help="comma-separated theme names")
    parser.add_argument("--out", type=Path, default=DOCS)
    parser.add_argument("--no-widgets", action="store_true", help="skip the widget sheet (needs Chromium)")
    args = parser.parse_args(argv)
    lints: list[str] = []
    with tempfile.TemporaryDirectory(prefix="atelier-sheets-") as tmp:
        work = Path(tmp)
        for theme in args.themes.split(","):
            slides_sheet(theme, args.out, lints)
            infographic_sheet(theme, args.out, lints, work)
        if not args.no_widgets:
            widgets_sheet(args.out, work)
        pictures_sheet(args.out)
    print(json.dumps({"lint_warnings": lints}, ensure_ascii=False, indent=1))
    return 1 if lints else 0


if __name__ == "__main__":
    sys.exit(main())

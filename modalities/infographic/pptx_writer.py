"""The infographic as one PPTX slide of native shapes, text boxes, pictures and a native chart, so it can be
pasted into a deck and edited there. Written from the same laid-out page as the SVG."""

from __future__ import annotations

from pathlib import Path

from renderers.icons import icon_png
from renderers.layout.geometry import Rect
from renderers.pptx.charts import add_chart
from renderers.pptx.ooxml import rgb
from renderers.pptx.shapes import MAX_SIDE_PT, add_line, add_picture, add_shape, blank_presentation
from renderers.pptx.textbox import add_text_box
from renderers.theme import Theme
from renderers.typography import typography

from .scene import Box, Chart, Circle, Icon, Line, Page, Picture, Primitive, Text

PT_PER_PX = 0.75  # CSS pixels at 96 dpi


def _write(slide, item: Primitive, k: float, theme: Theme, n: int) -> None:
    def pt(r: Rect) -> Rect:
        return Rect(r.x * k, r.y * k, r.w * k, r.h * k)

    name = f"{type(item).__name__.lower()} {n}"
    if isinstance(item, Box):
        add_shape(slide, name, pt(item.rect), "round" if item.radius else "rect", item.fill, item.stroke,
                  item.radius * k, item.stroke_width * k)
    elif isinstance(item, Circle):
        r = Rect(item.cx - item.r, item.cy - item.r, item.r * 2, item.r * 2)
        add_shape(slide, name, pt(r), "ellipse", item.fill, item.stroke, line_width=max(item.stroke_width * k, 0.5))
    elif isinstance(item, Line):
        add_line(slide, name, item.x1 * k, item.y1 * k, item.x2 * k, item.y2 * k, item.stroke, item.width * k,
                 dashed=item.dash is not None)
    elif isinstance(item, Text):
        add_text_box(slide, name=f"text {n}", rect=item.rect, layout=item.layout, color=item.color,
                     regular=item.regular, bold=item.bold, align=item.align, italic=item.italic, scale=k)
    elif isinstance(item, Icon):
        add_picture(slide, f"icon {item.name}", pt(item.rect), icon_png(item.name, item.color, 96), item.label)
    elif isinstance(item, Picture):
        add_picture(slide, name, pt(item.rect), item.png, item.alt)
    elif isinstance(item, Chart):
        stack = typography(theme).body
        add_chart(slide, name, pt(item.rect), item.chart, theme, stack, font_pt=item.size * k)


def write_page_pptx(page: Page, theme: Theme, path: Path, language: str) -> None:
    width, height = page.width * PT_PER_PX, page.height * PT_PER_PX
    k = PT_PER_PX * min(1.0, MAX_SIDE_PT / max(width, height))  # very tall pages are scaled to PowerPoint's limit
    prs = blank_presentation(page.width * k, page.height * k, page.title, language)
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    fill = slide.background.fill
    fill.solid()
    fill.fore_color.rgb = rgb(page.background)
    n = 0
    for item in page.items:
        n += 1
        _write(slide, item, k, theme, n)
    for block in page.blocks:
        for item in block.items:
            n += 1
            _write(slide, item, k, theme, n)
    prs.save(str(path))

"""Slide previews: each laid-out scene drawn to a PNG with Pillow, from the same geometry the PPTX holds.

No office suite is needed, so previews cost milliseconds. Text is drawn line by line as the layout engine broke
it, each run with the face that has its glyphs (Latin or CJK), so the preview shows what the deck will show.
Charts are painted from the shared chart geometry (the infographic writes the same marks as SVG).
"""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw

from renderers.chart.geometry import chart_marks
from renderers.chart.paint import paint_marks
from renderers.icons import icon_png
from renderers.layout.fonts import FontStack, pil_font
from renderers.layout.geometry import Rect
from renderers.layout.text import font_runs, measure, measure_run
from renderers.theme import Theme
from renderers.typography import typography

from .scene import (
    SLIDE_H,
    SLIDE_W,
    ChartItem,
    IconItem,
    LineItem,
    PictureItem,
    ShapeItem,
    SlideScene,
    TableItem,
    TextItem,
    is_numeric_column,
    outline,
)

PREVIEW_W = 1280
SCALE = PREVIEW_W / SLIDE_W  # pixels per point
_BASELINE_EM = 0.38  # the same baseline placement the SVG writer uses


def _px(v: float) -> int:
    return round(v * SCALE)


def _box(r: Rect) -> tuple[int, int, int, int]:
    return _px(r.x), _px(r.y), _px(r.right), _px(r.bottom)


@lru_cache(maxsize=512)
def _font(face, size_px: int):
    return pil_font(face, max(size_px, 1))


def _draw_line(draw: ImageDraw.ImageDraw, text: str, x: float, baseline: float, stack: FontStack, size: float,
               color: str) -> None:
    """One line at (x, baseline) in points, switching faces per run."""
    size_px = round(size * SCALE)
    cursor = x
    for face, run in font_runs(text, stack):
        draw.text((_px(cursor), _px(baseline)), run, font=_font(face, size_px), fill=color, anchor="ls")
        cursor += measure_run(face, run, size)


def _text(draw: ImageDraw.ImageDraw, item: TextItem, accent: str, muted: str) -> None:
    layout = item.layout
    r = item.rect
    if item.anchor == "bottom":
        top = r.bottom - layout.height
    elif item.anchor == "middle":
        top = r.y + (r.h - layout.height) / 2
    else:
        top = r.y
    for laid in layout.paras:
        stack = item.bold if laid.para.bold else item.regular
        line_h = laid.size * layout.line_spacing
        if item.bullets and laid.indent > 0:
            level = 0 if laid.para.scale >= 1 else 1
            marker_x = r.x + laid.indent - min(laid.indent, laid.size * 1.1)
            baseline = top + laid.top + line_h / 2 + _BASELINE_EM * laid.size
            _draw_line(draw, "•" if level == 0 else "–", marker_x, baseline, item.regular, laid.size,
                       accent if level == 0 else muted)
        for n, line in enumerate(laid.lines):
            if not line:
                continue
            baseline = top + laid.top + n * line_h + line_h / 2 + _BASELINE_EM * laid.size
            width = measure(line, stack, laid.size)
            if item.align == "center":
                x = r.x + laid.indent + (r.w - laid.indent - width) / 2
            elif item.align == "right":
                x = r.right - width
            else:
                x = r.x + laid.indent
            _draw_line(draw, line, x, baseline, stack, laid.size, item.color)


def _shape(draw: ImageDraw.ImageDraw, item: ShapeItem) -> None:
    box = _box(item.rect)
    line = item.line
    width = max(_px(item.line_width), 1) if line else 0
    if item.kind == "ellipse":
        draw.ellipse(box, fill=item.fill, outline=line, width=width)
    elif item.kind == "round":
        draw.rounded_rectangle(box, radius=_px(item.radius), fill=item.fill, outline=line, width=width)
    elif item.kind in ("chevron", "pentagon"):
        points = [(_px(x), _px(y)) for x, y in outline(item)]
        draw.polygon(points, fill=item.fill, outline=line, width=width)
    else:
        draw.rectangle(box, fill=item.fill, outline=line, width=width)


def _line(draw: ImageDraw.ImageDraw, item: LineItem) -> None:
    draw.line([(_px(item.x1), _px(item.y1)), (_px(item.x2), _px(item.y2))], fill=item.color,
              width=max(_px(item.width), 1))
    if item.arrow:
        # PowerPoint's medium triangle head: about three line widths long and wide, its tip on the end point.
        dx, dy = item.x2 - item.x1, item.y2 - item.y1
        length = max((dx * dx + dy * dy) ** 0.5, 1e-6)
        ux, uy = dx / length, dy / length
        head = max(item.width * 3, 6)
        bx, by = item.x2 - ux * head, item.y2 - uy * head
        half = head / 2
        points = [(item.x2, item.y2), (bx - uy * half, by + ux * half), (bx + uy * half, by - ux * half)]
        draw.polygon([(_px(x), _px(y)) for x, y in points], fill=item.color)


def _icon(image: Image.Image, item: IconItem) -> None:
    x0, y0, x1, y1 = _box(item.rect)
    with Image.open(io.BytesIO(icon_png(item.icon, item.color, max(x1 - x0, 1)))) as drawn:
        pic = drawn.convert("RGBA").resize((x1 - x0, y1 - y0), Image.Resampling.LANCZOS)
        image.paste(pic, (x0, y0), pic)


def _picture(image: Image.Image, item: PictureItem) -> None:
    x0, y0, x1, y1 = _box(item.rect)
    with Image.open(io.BytesIO(item.png)) as pic:
        image.paste(pic.convert("RGB").resize((x1 - x0, y1 - y0), Image.Resampling.BILINEAR), (x0, y0))


def _chart(image: Image.Image, item: ChartItem, theme: Theme, background: str) -> None:
    marks = chart_marks(item.chart, item.rect, theme, size=item.font_size, background=background)
    paint_marks(image, marks, SCALE)


def _table(draw: ImageDraw.ImageDraw, item: TableItem, theme: Theme) -> None:
    pal = theme.palette
    typ = typography(theme)
    y = item.rect.y
    numeric = [is_numeric_column(item.table.rows, c) for c in range(len(item.col_widths))]
    for ri, (height, cells) in enumerate(zip(item.row_heights, item.cell_layouts, strict=True)):
        x = item.rect.x
        fill = pal.accent if ri == 0 else (pal.surface if ri % 2 else pal.background)
        color = pal.accent_text if ri == 0 else pal.text
        for ci, (width, layout) in enumerate(zip(item.col_widths, cells, strict=True)):
            draw.rectangle(_box(Rect(x, y, width, height)), fill=fill, outline=pal.line)
            align = "right" if numeric[ci] and ri > 0 else "left"
            cell = TextItem("cell", Rect(x + item.pad, y, width - 2 * item.pad, height), layout, color, typ.body,
                            typ.body_bold, align=align, anchor="middle")
            _text(draw, cell, pal.accent, pal.muted)
            x += width
        y += height


def draw_scene(scene: SlideScene, theme: Theme) -> Image.Image:
    image = Image.new("RGB", (PREVIEW_W, round(SLIDE_H * SCALE)), scene.background)
    draw = ImageDraw.Draw(image)
    pal = theme.palette
    for item in scene.items:
        if isinstance(item, TextItem):
            _text(draw, item, pal.accent, pal.muted)
        elif isinstance(item, ShapeItem):
            _shape(draw, item)
        elif isinstance(item, LineItem):
            _line(draw, item)
        elif isinstance(item, IconItem):
            _icon(image, item)
        elif isinstance(item, PictureItem):
            _picture(image, item)
        elif isinstance(item, ChartItem):
            _chart(image, item, theme, scene.background)
        elif isinstance(item, TableItem):
            _table(draw, item, theme)
    return image


def preview_png(scene: SlideScene, theme: Theme) -> bytes:
    buf = io.BytesIO()
    draw_scene(scene, theme).save(buf, format="PNG", compress_level=1)
    return buf.getvalue()

"""Chart marks painted with Pillow onto an image, for previews that need no SVG renderer."""

from __future__ import annotations

import math
from functools import lru_cache

from PIL import Image, ImageDraw

from ..layout.fonts import FontFace, FontStack, pil_font
from ..layout.text import font_runs, measure, measure_run
from .geometry import Bar, ChartMarks, Disc, Dot, Label, Polyline, Wedge


@lru_cache(maxsize=256)
def _font(face: FontFace, size_px: int):
    return pil_font(face, max(size_px, 1))


def draw_text(draw: ImageDraw.ImageDraw, text: str, x: float, baseline: float, stack: FontStack, size: float,
              color: str, scale: float) -> None:
    """One line at (x, baseline) in layout units, each run in the face that has its glyphs."""
    size_px = round(size * scale)
    cursor = x
    for face, run in font_runs(text, stack):
        draw.text((round(cursor * scale), round(baseline * scale)), run, font=_font(face, size_px), fill=color,
                  anchor="ls")
        cursor += measure_run(face, run, size)


def _turned(image: Image.Image, m: Label, scale: float) -> None:
    """A label read bottom to top: drawn level on a transparent tile, turned a quarter, pasted centred on (x, y)."""
    width = measure(m.text, m.stack, m.size)
    tile = Image.new("RGBA", (max(round(width * scale) + 4, 1), max(round(m.size * 1.5 * scale), 1)), (0, 0, 0, 0))
    draw_text(ImageDraw.Draw(tile), m.text, 2 / scale, m.size * 1.1, m.stack, m.size, m.color, scale)
    tile = tile.rotate(90, expand=True)
    x = round(m.x * scale - tile.width / 2)
    y = round(m.y * scale - tile.height / 2)
    image.paste(tile, (x, y), tile)


def paint_marks(image: Image.Image, chart: ChartMarks, scale: float) -> None:
    """Paints marks given in layout units onto `image`; `scale` turns them into pixels."""
    draw = ImageDraw.Draw(image)

    def px(v: float) -> int:
        return round(v * scale)

    for m in chart.marks:
        if isinstance(m, Bar):
            r = m.rect
            draw.rounded_rectangle((px(r.x), px(r.y), px(r.right), px(r.bottom)), radius=max(px(3), 1), fill=m.color)
        elif isinstance(m, Polyline):
            draw.line([(px(x), px(y)) for x, y in m.points], fill=m.color, width=max(px(m.width), 1), joint="curve")
        elif isinstance(m, Dot):
            ring = m.r * 1.2
            draw.ellipse((px(m.x - ring), px(m.y - ring), px(m.x + ring), px(m.y + ring)), fill=m.ring)
            draw.ellipse((px(m.x - m.r), px(m.y - m.r), px(m.x + m.r), px(m.y + m.r)), fill=m.color)
        elif isinstance(m, Wedge):
            box = (px(m.cx - m.r), px(m.cy - m.r), px(m.cx + m.r), px(m.cy + m.r))
            draw.pieslice(box, math.degrees(m.start) - 90, math.degrees(m.end) - 90, fill=m.color, outline=m.gap,
                          width=max(px(1), 1))
        elif isinstance(m, Disc):
            draw.ellipse((px(m.cx - m.r), px(m.cy - m.r), px(m.cx + m.r), px(m.cy + m.r)), fill=m.color)
        elif isinstance(m, Label):
            if m.turned:
                _turned(image, m, scale)
                continue
            width = measure(m.text, m.stack, m.size)
            x = m.x - width / 2 if m.anchor == "middle" else m.x - width if m.anchor == "end" else m.x
            draw_text(draw, m.text, x, m.y, m.stack, m.size, m.color, scale)

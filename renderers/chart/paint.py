"""Chart marks painted with Pillow onto an image, for previews that need no SVG renderer."""

from __future__ import annotations

import math
from collections.abc import Callable

from PIL import ImageDraw

from .geometry import Bar, ChartMarks, Disc, Dot, Label, Polyline, Wedge

TextPainter = Callable[[str, float, float, object, float, str], None]  # text, x, baseline, stack, size, color


def paint_marks(draw: ImageDraw.ImageDraw, chart: ChartMarks, scale: float, text: TextPainter, measure) -> None:
    """Paints marks given in layout units; `scale` turns them into pixels. `text` draws one line at a baseline."""

    def px(v: float) -> int:
        return round(v * scale)

    for m in chart.marks:
        if isinstance(m, Bar):
            r = m.rect
            draw.rounded_rectangle((px(r.x), px(r.y), px(r.right), px(r.bottom)), radius=max(px(3), 1), fill=m.color)
        elif isinstance(m, Polyline):
            draw.line([(px(x), px(y)) for x, y in m.points], fill=m.color, width=max(px(m.width), 1), joint="curve")
        elif isinstance(m, Dot):
            r = m.r * 1.2
            draw.ellipse((px(m.x - r), px(m.y - r), px(m.x + r), px(m.y + r)), fill=m.ring)
            draw.ellipse((px(m.x - m.r), px(m.y - m.r), px(m.x + m.r), px(m.y + m.r)), fill=m.color)
        elif isinstance(m, Wedge):
            box = (px(m.cx - m.r), px(m.cy - m.r), px(m.cx + m.r), px(m.cy + m.r))
            draw.pieslice(box, math.degrees(m.start) - 90, math.degrees(m.end) - 90, fill=m.color, outline=m.gap,
                          width=max(px(1), 1))
        elif isinstance(m, Disc):
            draw.ellipse((px(m.cx - m.r), px(m.cy - m.r), px(m.cx + m.r), px(m.cy + m.r)), fill=m.color)
        elif isinstance(m, Label):
            width = measure(m.text, m.stack, m.size)
            x = m.x - width / 2 if m.anchor == "middle" else m.x - width if m.anchor == "end" else m.x
            text(m.text, x, m.y, m.stack, m.size, m.color)

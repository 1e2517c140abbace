"""Node sizes from measured labels, colours from the theme, and the finishing step every layout engine shares.

Labels are measured with the board's own faces (hand-lettered Latin, the theme's CJK face) and wrapped to even
line lengths, so a box fits its text in the exports. Excalidraw draws with its own hand-written face, a little
wider, so boxes keep some slack around the text.
"""

from __future__ import annotations

import math

from renderers.layout.fit import Para, TextLayout, layout_at
from renderers.layout.geometry import Rect
from renderers.layout.text import widest
from renderers.lints import hex_rgb
from renderers.theme import Theme

from .diagram import Diagram
from .fonts import board_fonts
from .plan import NodeShape

FONT = 20.0  # Excalidraw's "medium" text size
EDGE_FONT = 16.0
TITLE_FONT = 28.0
GROUP_FONT = 18.0
LINE_SPACING = 1.25  # Excalidraw's line height
MAX_LABEL_W = 200.0
PAD_X, PAD_Y = 22.0, 14.0
MARGIN = 40.0
SLACK = 1.12  # Excalidraw's face runs wider than Comic Neue


def tint(color: str, t: float = 0.82) -> str:
    """The colour mixed with white (t = 1 is white)."""
    r, g, b = hex_rgb(color)
    return f"#{round(r + (255 - r) * t):02X}{round(g + (255 - g) * t):02X}{round(b + (255 - b) * t):02X}"


def shade(color: str, t: float = 0.25) -> str:
    """The colour mixed with black."""
    r, g, b = hex_rgb(color)
    return f"#{round(r * (1 - t)):02X}{round(g * (1 - t)):02X}{round(b * (1 - t)):02X}"


INK = "#1E1E1E"  # text on the pale fills of shapes, in every theme


class Sizer:
    """Measures labels with the board's faces and turns them into node boxes per shape."""

    def __init__(self, theme: Theme):
        self.theme = theme
        self.fonts = board_fonts(theme)

    def text(self, text: str, size: float = FONT, max_w: float = MAX_LABEL_W, bold: bool = False) -> TextLayout:
        return layout_at([Para(text, bold=bold, balance=True)], self.fonts.regular, self.fonts.bold, size, max_w,
                         LINE_SPACING)

    def width(self, layout: TextLayout) -> float:
        para = layout.paras[0]
        stack = self.fonts.bold if para.para.bold else self.fonts.regular
        return widest(para.lines, stack, para.size)

    def label_box(self, text: str, size: float = EDGE_FONT, max_w: float = 160.0) -> tuple[float, float, TextLayout]:
        """An edge label's box: the text plus a little air, so it never touches the line it sits on."""
        lay = self.text(text, size, max_w)
        return self.width(lay) * SLACK + 10, lay.height + 4, lay

    def node(self, text: str, shape: str, size: float = FONT, bold: bool = False,
             max_w: float = MAX_LABEL_W) -> tuple[float, float, TextLayout]:
        if shape == NodeShape.DECISION:
            max_w = min(max_w, 170.0)  # a diamond grows in both directions with its text: keep it narrow
        lay = self.text(text, size, max_w, bold)
        tw = self.width(lay) * SLACK
        th = lay.height
        if shape == NodeShape.DECISION:
            # The text box must sit inside the diamond: tw/w + th/h <= 1 (with a margin).
            w, h = tw * 2 + 36, th * 2 + 28
        elif shape in (NodeShape.TERMINAL, NodeShape.ACTOR):
            # Inside the ellipse: (tw/w)^2 + (th/h)^2 <= 1/2 per axis.
            w, h = tw * math.sqrt(2) + 28, th * math.sqrt(2) + 20
        elif shape == NodeShape.DATABASE:
            w, h = tw + 2 * PAD_X, th + 2 * PAD_Y + 18  # the cylinder's top takes 18 px
        elif shape == NodeShape.NOTE:
            side = max(tw + 2 * PAD_X, th + 2 * PAD_Y, 140.0)
            w, h = side, max(th + 2 * PAD_Y, side * 0.85)
        else:
            w, h = tw + 2 * PAD_X, th + 2 * PAD_Y
        return max(w, 110.0), max(h, 54.0), lay


def palette_color(theme: Theme, index: int) -> str:
    series = theme.palette.series
    return series[index % len(series)]


def node_colors(theme: Theme, shape: str, color_index: int | None) -> tuple[str, str]:
    """(fill, stroke) for a node: a pale tint of a series colour, outlined in that colour."""
    pal = theme.palette
    if shape == NodeShape.NOTE:
        base = palette_color(theme, color_index or 0)
        return tint(base, 0.68), shade(base, 0.1)
    if shape == NodeShape.DECISION:
        base = pal.series[1 % len(pal.series)]
    elif shape == NodeShape.TERMINAL:
        base = pal.series[2 % len(pal.series)]
    elif color_index is not None:
        base = palette_color(theme, color_index)
    else:
        base = pal.accent
    return tint(base, 0.84), shade(base, 0.05)


def place_title(diagram: Diagram, sizer: Sizer) -> None:
    """Moves the layout under the title, inside the margin, and sets the board's size."""
    lay = sizer.text(diagram.title, TITLE_FONT, 900.0, bold=True)
    title_w = sizer.width(lay) * SLACK
    box = diagram.bounds()
    top = MARGIN + lay.height + 28
    diagram.translate(MARGIN - box.x, top - box.y)
    diagram.title_text = lay
    diagram.title_rect = Rect(MARGIN, MARGIN, title_w, lay.height)
    diagram.width = max(box.w, title_w) + 2 * MARGIN
    diagram.height = top + box.h + MARGIN

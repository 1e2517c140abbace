"""Shapes and pictures on a slide, and a blank presentation of any size: the pieces both the deck writer and
the infographic's one-slide PPTX are made of."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from ..icons import icon_png
from ..layout.geometry import Rect
from .ooxml import rgb

_SHAPE = {"rect": MSO_SHAPE.RECTANGLE, "round": MSO_SHAPE.ROUNDED_RECTANGLE, "ellipse": MSO_SHAPE.OVAL,
          "chevron": MSO_SHAPE.CHEVRON, "pentagon": MSO_SHAPE.PENTAGON}
ICON_PX = 128  # icons are embedded as pictures this many pixels square: sharp up to about 1.8 in
MAX_SIDE_PT = 56 * 72  # PowerPoint's largest slide side: 56 inches


def blank_presentation(width_pt: float, height_pt: float, title: str, language: str):
    """A presentation with one blank layout in use and the given slide size."""
    prs = Presentation()
    prs.slide_width = Emu(int(Pt(width_pt)))
    prs.slide_height = Emu(int(Pt(height_pt)))
    prs.core_properties.title = title
    prs.core_properties.language = language
    return prs


def _plain(shape) -> None:
    """Drops the theme style python-pptx gives every autoshape: its effect reference draws a shadow in
    LibreOffice (and so in the PDF) even under an empty effect list, and the deck sets fill and line itself."""
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)


def add_shape(slide, name: str, rect: Rect, kind: str, fill: str | None, line: str | None = None,
              radius: float = 0.0, line_width: float = 1.0):
    """A rectangle, rounded rectangle, ellipse, chevron or pentagon (an arrow-ended band) at `rect` (points); no
    shadow, exact colours. `radius` is the corner radius of "round" and the point depth of the pointed shapes."""
    shape = slide.shapes.add_shape(_SHAPE[kind], Pt(rect.x), Pt(rect.y), Pt(rect.w), Pt(rect.h))
    shape.name = name
    _plain(shape)
    shape.shadow.inherit = False
    if fill:
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb(fill)
    else:
        shape.fill.background()
    if line:
        shape.line.color.rgb = rgb(line)
        shape.line.width = Pt(line_width)
    else:
        shape.line.fill.background()
    if kind == "round" and radius:
        shape.adjustments[0] = min(radius / max(min(rect.w, rect.h), 1e-6), 0.5)
    elif kind in ("chevron", "pentagon"):
        # The presets' point depth is adj × the shorter side; the preview draws the same depth (scene.outline).
        shape.adjustments[0] = min(radius, rect.w / 2) / max(min(rect.w, rect.h), 1e-6)
    return shape


def add_line(slide, name: str, x1: float, y1: float, x2: float, y2: float, color: str, width: float,
             dashed: bool = False, arrow: bool = False):
    line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Pt(x1), Pt(y1), Pt(x2), Pt(y2))
    line.name = name
    _plain(line)
    line.line.color.rgb = rgb(color)
    line.line.width = Pt(width)
    if dashed:
        from pptx.enum.dml import MSO_LINE_DASH_STYLE

        line.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    if arrow:
        ln = line.line._get_or_add_ln()
        tail = ln.makeelement(qn("a:tailEnd"), {"type": "triangle", "w": "med", "len": "med"})
        ln.append(tail)
    return line


def add_icon(slide, name: str, rect: Rect, icon: str, color: str, label: str):
    """A Lucide icon as a picture, with what it stands for as its alt text."""
    return add_picture(slide, name, rect, icon_png(icon, color, ICON_PX), label)


def add_picture(slide, name: str, rect: Rect, png: bytes, alt: str):
    """A picture with its alternative text in `descr`, where screen readers and PowerPoint's Alt Text look."""
    pic = slide.shapes.add_picture(io.BytesIO(png), Pt(rect.x), Pt(rect.y), Pt(rect.w), Pt(rect.h))
    pic.name = name
    pic._element.nvPicPr.cNvPr.set("descr", alt)
    return pic

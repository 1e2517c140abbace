"""Shapes and pictures on a slide, and a blank presentation of any size: the pieces both the deck writer and
the infographic's one-slide PPTX are made of."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.util import Emu, Pt

from ..layout.geometry import Rect
from .ooxml import rgb

_SHAPE = {"rect": MSO_SHAPE.RECTANGLE, "round": MSO_SHAPE.ROUNDED_RECTANGLE, "ellipse": MSO_SHAPE.OVAL}
MAX_SIDE_PT = 56 * 72  # PowerPoint's largest slide side: 56 inches


def blank_presentation(width_pt: float, height_pt: float, title: str, language: str):
    """A presentation with one blank layout in use and the given slide size."""
    prs = Presentation()
    prs.slide_width = Emu(int(Pt(width_pt)))
    prs.slide_height = Emu(int(Pt(height_pt)))
    prs.core_properties.title = title
    prs.core_properties.language = language
    return prs


def add_shape(slide, name: str, rect: Rect, kind: str, fill: str | None, line: str | None = None,
              radius: float = 0.0, line_width: float = 1.0):
    """A rectangle, rounded rectangle or ellipse at `rect` (points); no shadow, exact colours."""
    shape = slide.shapes.add_shape(_SHAPE[kind], Pt(rect.x), Pt(rect.y), Pt(rect.w), Pt(rect.h))
    shape.name = name
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
    return shape


def add_line(slide, name: str, x1: float, y1: float, x2: float, y2: float, color: str, width: float,
             dashed: bool = False):
    line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Pt(x1), Pt(y1), Pt(x2), Pt(y2))
    line.name = name
    line.line.color.rgb = rgb(color)
    line.line.width = Pt(width)
    if dashed:
        from pptx.enum.dml import MSO_LINE_DASH_STYLE

        line.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    return line


def add_picture(slide, name: str, rect: Rect, png: bytes, alt: str):
    """A picture with its alternative text in `descr`, where screen readers and PowerPoint's Alt Text look."""
    pic = slide.shapes.add_picture(io.BytesIO(png), Pt(rect.x), Pt(rect.y), Pt(rect.w), Pt(rect.h))
    pic.name = name
    pic._element.nvPicPr.cNvPr.set("descr", alt)
    return pic

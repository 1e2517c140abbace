"""Writes laid-out slide scenes to an editable PPTX with python-pptx.

Every text box holds native, editable text at the size the layout fitted (autofit off, insets zero, exact line
spacing) so PowerPoint, Keynote and LibreOffice wrap it where the layout did. Every run names a Latin and an
East Asian face and carries a language tag, so CJK text gets CJK glyphs (zh-TW shapes for Traditional Chinese).
"""

from __future__ import annotations

import io
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from ..format import format_cell
from ..theme import Theme
from ..typography import Typography, typography
from .charts import add_chart
from .ooxml import rgb, style_run_fonts
from .scene import SLIDE_H, SLIDE_W, ChartItem, PictureItem, ShapeItem, SlideScene, TableItem, TextItem

_ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
_ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}
_SHAPE = {"rect": MSO_SHAPE.RECTANGLE, "round": MSO_SHAPE.ROUNDED_RECTANGLE, "ellipse": MSO_SHAPE.OVAL}
_BULLET_CHARS = ("•", "–")


def _set_bullet(paragraph, level: int, color: str, size_pt: float, margin_pt: float) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", str(Pt(margin_pt)))
    ppr.set("indent", str(-Pt(min(margin_pt, size_pt * 1.1))))
    bu_clr = etree.SubElement(ppr, qn("a:buClr"))
    srgb = etree.SubElement(bu_clr, qn("a:srgbClr"))
    srgb.set("val", color.lstrip("#").upper())
    bu_font = etree.SubElement(ppr, qn("a:buFont"))
    bu_font.set("typeface", "Arial")
    bu_char = etree.SubElement(ppr, qn("a:buChar"))
    bu_char.set("char", _BULLET_CHARS[min(level, 1)])


def _no_bullet(paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    etree.SubElement(ppr, qn("a:buNone"))


def write_text(slide, item: TextItem, theme: Theme) -> None:
    r = item.rect
    box = slide.shapes.add_textbox(Pt(r.x), Pt(r.y), Pt(r.w), Pt(r.h))
    box.name = item.name
    tf = box.text_frame
    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.NONE
    tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = 0
    tf.vertical_anchor = _ANCHOR[item.anchor]
    for n, laid in enumerate(item.layout.paras):
        p = tf.paragraphs[0] if n == 0 else tf.add_paragraph()
        p.alignment = _ALIGN[item.align]
        p.line_spacing = Pt(laid.size * item.layout.line_spacing)
        if n and laid.para.space_before:
            p.space_before = Pt(laid.para.space_before * item.layout.size)
        if item.bullets and laid.indent > 0:
            level = 0 if laid.para.scale >= 1 else 1
            bullet_color = theme.palette.accent if level == 0 else theme.palette.muted
            _set_bullet(p, level, bullet_color, laid.size, laid.indent)
        else:
            _no_bullet(p)
        run = p.add_run()
        run.text = laid.para.text
        font = run.font
        font.size = Pt(laid.size)
        font.bold = laid.para.bold
        font.italic = item.italic or None
        font.color.rgb = rgb(item.color)
        style_run_fonts(run._r.get_or_add_rPr(), item.bold if laid.para.bold else item.regular, laid.para.text)


def write_shape(slide, item: ShapeItem) -> None:
    r = item.rect
    shape = slide.shapes.add_shape(_SHAPE[item.kind], Pt(r.x), Pt(r.y), Pt(r.w), Pt(r.h))
    shape.name = item.name
    shape.shadow.inherit = False
    if item.fill:
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb(item.fill)
    else:
        shape.fill.background()
    if item.line:
        shape.line.color.rgb = rgb(item.line)
        shape.line.width = Pt(1)
    else:
        shape.line.fill.background()
    if item.kind == "round" and item.radius:
        shape.adjustments[0] = min(item.radius / min(r.w, r.h), 0.5)
    shape.text_frame.text = ""


def write_picture(slide, item: PictureItem) -> None:
    r = item.rect
    pic = slide.shapes.add_picture(io.BytesIO(item.png), Pt(r.x), Pt(r.y), Pt(r.w), Pt(r.h))
    pic.name = item.name
    pic._element.nvPicPr.cNvPr.set("descr", item.alt)


def write_table(slide, item: TableItem, theme: Theme, typ: Typography) -> None:
    pal = theme.palette
    start, end = item.row_slice
    rows = [list(item.table.columns)] + [[format_cell(v) for v in row] for row in item.table.rows[start:end]]
    r = item.rect
    frame = slide.shapes.add_table(len(rows), len(item.col_widths), Pt(r.x), Pt(r.y), Pt(r.w), Pt(r.h))
    frame.name = item.name
    table = frame.table
    table.first_row = True
    table.horz_banding = False
    for c, w in enumerate(item.col_widths):
        table.columns[c].width = Emu(int(Pt(w)))
    numeric = [_is_numeric_column(item.table.rows, c) for c in range(len(item.col_widths))]
    for ri, (row, h) in enumerate(zip(rows, item.row_heights)):
        table.rows[ri].height = Emu(int(Pt(h)))
        for ci, value in enumerate(row):
            cell = table.cell(ri, ci)
            cell.margin_left = cell.margin_right = Pt(6)
            cell.margin_top = cell.margin_bottom = Pt(6)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            cell.fill.solid()
            if ri == 0:
                cell.fill.fore_color.rgb = rgb(pal.accent)
            else:
                cell.fill.fore_color.rgb = rgb(pal.surface if ri % 2 else pal.background)
            tf = cell.text_frame
            tf.word_wrap = True
            p = tf.paragraphs[0]
            p.alignment = PP_ALIGN.RIGHT if numeric[ci] and ri > 0 else PP_ALIGN.LEFT
            p.line_spacing = Pt(item.font_size * 1.15)
            run = p.add_run()
            run.text = value
            run.font.size = Pt(item.font_size)
            run.font.bold = ri == 0
            run.font.color.rgb = rgb(pal.accent_text if ri == 0 else pal.text)
            style_run_fonts(run._r.get_or_add_rPr(), typ.stack(bold=ri == 0), value)


def _is_numeric_column(rows, c: int) -> bool:
    values = [row[c] for row in rows[:200] if row[c] not in (None, "")]
    return bool(values) and all(isinstance(v, (int, float)) for v in values)


def write_deck(scenes: list[SlideScene], theme: Theme, path: Path, title: str, language: str) -> None:
    """Writes the scenes to `path` as a 16:9 deck with speaker notes."""
    prs = Presentation()
    prs.slide_width = Emu(int(Pt(SLIDE_W)))
    prs.slide_height = Emu(int(Pt(SLIDE_H)))
    prs.core_properties.title = title
    prs.core_properties.language = language
    typ = typography(theme)
    blank = prs.slide_layouts[6]
    for scene in scenes:
        slide = prs.slides.add_slide(blank)
        fill = slide.background.fill
        fill.solid()
        fill.fore_color.rgb = rgb(scene.background)
        for item in scene.items:
            if isinstance(item, TextItem):
                write_text(slide, item, theme)
            elif isinstance(item, ShapeItem):
                write_shape(slide, item)
            elif isinstance(item, PictureItem):
                write_picture(slide, item)
            elif isinstance(item, ChartItem):
                add_chart(slide, item, theme, typ.body)
            elif isinstance(item, TableItem):
                write_table(slide, item, theme, typ)
        if scene.notes:
            slide.notes_slide.notes_text_frame.text = scene.notes
    prs.save(str(path))

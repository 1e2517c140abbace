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
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from ..format import format_cell
from ..layout.fonts import FontStack
from ..svg import attr, esc
from ..theme import Theme
from ..typography import Typography, typography
from .charts import add_chart
from .ooxml import lang_tag, rgb, style_run_fonts
from .scene import SLIDE_H, SLIDE_W, ChartItem, PictureItem, ShapeItem, SlideScene, TableItem, TextItem

_ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
_ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}
_SHAPE = {"rect": MSO_SHAPE.RECTANGLE, "round": MSO_SHAPE.ROUNDED_RECTANGLE, "ellipse": MSO_SHAPE.OVAL}
_BULLET_CHARS = ("•", "–")


_NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
_ALGN = {"left": "l", "center": "ctr", "right": "r"}
_ANCHOR_XML = {"top": "t", "middle": "ctr", "bottom": "b"}


def _emu(points: float) -> int:
    return round(points * 12700)


def _hex(color: str) -> str:
    return color.lstrip("#").upper()


def _run_xml(text: str, size: float, bold: bool, italic: bool, color: str, stack: FontStack) -> str:
    """One run per line of the paragraph; a:br between lines the plan broke explicitly."""
    lang = lang_tag(text)
    attrs = f'lang="{lang}" sz="{round(size * 100)}" b="{int(bold)}"' + (' i="1"' if italic else "") + ' dirty="0"'
    fonts = (f'<a:latin typeface={attr(stack.latin.family)}/><a:ea typeface={attr(stack.cjk.family)}/>'
             f'<a:cs typeface={attr(stack.latin.family)}/>')
    rpr = f'<a:rPr {attrs}><a:solidFill><a:srgbClr val="{_hex(color)}"/></a:solidFill>{fonts}</a:rPr>'
    runs = [f"<a:r>{rpr}<a:t>{esc(part)}</a:t></a:r>" for part in text.split("\n")]
    return f"<a:br>{rpr}</a:br>".join(runs)


def _paragraph_xml(item: TextItem, n: int, theme: Theme) -> str:
    laid = item.layout.paras[n]
    para = laid.para
    ppr = [f'algn="{_ALGN[item.align]}"']
    children = [f'<a:lnSpc><a:spcPts val="{round(laid.size * item.layout.line_spacing * 100)}"/></a:lnSpc>']
    if n and para.space_before:
        children.append(f'<a:spcBef><a:spcPts val="{round(para.space_before * item.layout.size * 100)}"/></a:spcBef>')
    if item.bullets and laid.indent > 0:
        level = 0 if para.scale >= 1 else 1
        color = theme.palette.accent if level == 0 else theme.palette.muted
        ppr += [f'marL="{_emu(laid.indent)}"', f'indent="{-_emu(min(laid.indent, laid.size * 1.1))}"']
        children.append(f'<a:buClr><a:srgbClr val="{_hex(color)}"/></a:buClr><a:buFont typeface="Arial"/>'
                        f'<a:buChar char="{_BULLET_CHARS[min(level, 1)]}"/>')
    else:
        children.append("<a:buNone/>")
    stack = item.bold if para.bold else item.regular
    run = _run_xml(para.text, laid.size, para.bold, item.italic, item.color, stack)
    return f'<a:p><a:pPr {" ".join(ppr)}>{"".join(children)}</a:pPr>{run}</a:p>'


def write_text(slide, item: TextItem, theme: Theme, shape_id: int) -> None:
    """A text box written as OOXML directly: the same element python-pptx would build, ten times faster."""
    r = item.rect
    paragraphs = "".join(_paragraph_xml(item, n, theme) for n in range(len(item.layout.paras)))
    xml = (
        f"<p:sp {_NS}><p:nvSpPr><p:cNvPr id=\"{shape_id}\" name={attr(item.name)}/><p:cNvSpPr txBox=\"1\"/><p:nvPr/>"
        f"</p:nvSpPr><p:spPr><a:xfrm><a:off x=\"{_emu(r.x)}\" y=\"{_emu(r.y)}\"/><a:ext cx=\"{_emu(r.w)}\" "
        f"cy=\"{_emu(r.h)}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>"
        f"<p:txBody><a:bodyPr wrap=\"square\" lIns=\"0\" tIns=\"0\" rIns=\"0\" bIns=\"0\" "
        f"anchor=\"{_ANCHOR_XML[item.anchor]}\" rtlCol=\"0\"><a:noAutofit/></a:bodyPr><a:lstStyle/>{paragraphs}"
        f"</p:txBody></p:sp>"
    )
    slide.shapes._spTree.append(etree.fromstring(xml))


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
                write_text(slide, item, theme, slide.shapes._next_shape_id)
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

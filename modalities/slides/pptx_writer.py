"""Writes laid-out slide scenes to an editable 16:9 PPTX: native text boxes, shapes, pictures with alt text,
native charts and tables, and speaker notes. The OOXML pieces are shared with the infographic (renderers/pptx)."""

from __future__ import annotations

from pathlib import Path

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Pt

from renderers.format import format_cell
from renderers.pptx.charts import add_chart
from renderers.pptx.ooxml import rgb, style_run_fonts
from renderers.pptx.shapes import add_icon, add_line, add_picture, add_shape, blank_presentation
from renderers.pptx.textbox import add_text_box
from renderers.theme import Theme
from renderers.typography import Typography, typography

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
)


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
    numeric = [is_numeric_column(item.table.rows, c) for c in range(len(item.col_widths))]
    for ri, (row, h) in enumerate(zip(rows, item.row_heights, strict=True)):
        table.rows[ri].height = Emu(int(Pt(h)))
        for ci, value in enumerate(row):
            cell = table.cell(ri, ci)
            cell.margin_left = cell.margin_right = Pt(item.pad)
            cell.margin_top = cell.margin_bottom = Pt(item.pad)
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


def write_deck(scenes: list[SlideScene], theme: Theme, path: Path, title: str, language: str) -> None:
    """Writes the scenes to `path` as a 16:9 deck with speaker notes."""
    prs = blank_presentation(SLIDE_W, SLIDE_H, title, language)
    typ = typography(theme)
    pal = theme.palette
    blank = prs.slide_layouts[6]
    for scene in scenes:
        slide = prs.slides.add_slide(blank)
        fill = slide.background.fill
        fill.solid()
        fill.fore_color.rgb = rgb(scene.background)
        for item in scene.items:
            if isinstance(item, TextItem):
                add_text_box(slide, name=item.name, rect=item.rect, layout=item.layout, color=item.color,
                             regular=item.regular, bold=item.bold, align=item.align, anchor=item.anchor,
                             italic=item.italic, bullets=(pal.accent, pal.muted) if item.bullets else None)
            elif isinstance(item, ShapeItem):
                add_shape(slide, item.name, item.rect, item.kind, item.fill, item.line, item.radius, item.line_width)
            elif isinstance(item, LineItem):
                add_line(slide, item.name, item.x1, item.y1, item.x2, item.y2, item.color, item.width, arrow=item.arrow)
            elif isinstance(item, IconItem):
                add_icon(slide, item.name, item.rect, item.icon, item.color, item.label)
            elif isinstance(item, PictureItem):
                add_picture(slide, item.name, item.rect, item.png, item.alt)
            elif isinstance(item, ChartItem):
                add_chart(slide, item.name, item.rect, item.chart, theme, typ.body, item.font_size)
            elif isinstance(item, TableItem):
                write_table(slide, item, theme, typ)
        if scene.notes:
            slide.notes_slide.notes_text_frame.text = scene.notes
    prs.save(str(path))

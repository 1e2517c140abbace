"""Slides that show material as it is: a chart (one per unit, with its message beside it), a table continued
over as many slides as its rows need, and a picture."""

from __future__ import annotations

import math

from renderers.chart.units import split_by_unit
from renderers.format import format_cell
from renderers.layout.fit import Para, TextLayout, layout_at
from renderers.layout.geometry import Rect
from renderers.lints import check_glyphs

from .. import plan as P
from ..layout import DeckLayout, continued, image_rect
from ..scene import ChartItem, TableItem
from .points import bullet_paras


def chart(deck: DeckLayout, i: int, slide: P.ChartSlide) -> None:
    """The chart across the body; a caption becomes the slide's message in a tinted panel at the right. Series in
    different units become one chart per unit, side by side, so no axis mixes them."""
    s, g, pal = deck.sizes, deck.grid, deck.pal
    scene = deck.new(i, "chart", notes=slide.notes)
    body = deck.title(scene, slide.title)
    area = body
    if slide.caption:
        panel_w = round(body.w * 0.3)
        area = Rect(body.x, body.y, body.w - panel_w - g.gap, body.h)
        panel = Rect(area.right + g.gap, body.y, panel_w, body.h)
        ground = deck.card(scene, "caption card", panel, fill=pal.soft)
        deck.shape(scene, "caption rule", Rect(panel.x + 24, panel.y + 28, 40, 5), pal.accent)
        deck.text(scene, "caption", Rect(panel.x + 24, panel.y + 52, panel.w - 48, panel.h - 76),
                  [Para(slide.caption)], s.lead, s.min_body, pal.text, ground)
    charts = split_by_unit(slide.chart)
    ncols = 1 if len(charts) == 1 else 2 if area.w >= 560 else 1
    nrows = math.ceil(len(charts) / ncols)
    rows = area.split_rows(nrows, g.gap * 0.75) if nrows > 1 else [area]
    for k, spec in enumerate(charts):
        row = rows[k // ncols]
        rect = row.split_columns(ncols, g.gap * 1.5)[k % ncols] if ncols > 1 else row
        name = "chart" if len(charts) == 1 else f"chart {k + 1}"
        scene.items.append(ChartItem(name, rect, spec, s.small))
        for label in [*spec.categories, *(se.name for se in spec.series)]:
            check_glyphs(deck.lints, label, deck.type.body, f"slide {scene.index} / {name}")
    deck.footer(scene)


def image(deck: DeckLayout, i: int, slide: P.ImageSlide) -> None:
    s, g, pal = deck.sizes, deck.grid, deck.pal
    scene = deck.new(i, "image", notes=slide.notes)
    body = deck.title(scene, slide.title)
    rect = image_rect(slide)
    rect = Rect(body.x, body.y, rect.w if slide.bullets else body.w, body.h)
    deck.picture(scene, i, rect, slide.image.alt)
    if slide.bullets:
        text_rect = Rect(rect.right + g.gap, body.y, body.right - rect.right - g.gap, body.h)
        deck.text(scene, "body", text_rect, bullet_paras(slide.bullets), s.body * 1.1, s.min_body, pal.text,
                  scene.background, bullets=True)
    deck.footer(scene)


def table(deck: DeckLayout, i: int, slide: P.TableSlide) -> None:
    """A native table; rows that do not fit continue on further slides under the same header."""
    s, g = deck.sizes, deck.grid
    t = deck.type
    data = slide.table
    ncols = len(data.columns)
    # A few rows and columns read at body size; larger tables step down to the caption size.
    roomy = len(data.rows) <= 8 and ncols <= 5
    size = s.body if roomy else max(min(s.body * 0.85, 16.0 - max(ncols - 5, 0)), s.small)
    body_w = deck.grid.body.w
    # Column widths follow the longest cell, within a floor and a cap, so short columns stay narrow.
    lengths = []
    for c, name in enumerate(data.columns):
        longest = max([len(name)] + [len(format_cell(r[c])) for r in data.rows[:200]])
        lengths.append(min(max(longest, 4), 40))
    total = sum(lengths)
    widths = [body_w * n / total for n in lengths]
    pad = 9.0 if roomy else 6.0

    def row_layouts(cells: list[str], bold: bool) -> list[TextLayout]:
        return [
            layout_at([Para(text, bold=bold)], t.body, t.body_bold, size, w - 2 * pad, 1.15)
            for text, w in zip(cells, widths, strict=True)
        ]

    header = row_layouts(list(data.columns), True)
    header_h = max(lay.height for lay in header) + 2 * pad
    start = 0
    first = True
    while start < len(data.rows):
        scene = deck.new(i, "table", notes=slide.notes if first else "")
        body = deck.title(scene, slide.title if first else continued(slide.title))
        used = header_h
        layouts = [header]
        heights = [header_h]
        end = start
        while end < len(data.rows):
            cells = row_layouts([format_cell(v) for v in data.rows[end]], False)
            h = max(lay.height for lay in cells) + 2 * pad
            if used + h > body.h and end > start:
                break
            layouts.append(cells)
            heights.append(h)
            used += h
            end += 1
        rect = Rect(body.x, body.y, body.w, used)
        scene.items.append(TableItem("table", rect, data, (start, end), widths, heights, size, layouts, pad))
        for text in list(data.columns) + [format_cell(v) for r in data.rows[start:end] for v in r]:
            check_glyphs(deck.lints, text, t.body, f"slide {scene.index} / table")
        deck.footer(scene)
        start = end
        first = False
    del g

"""One layout function per infographic block kind: `(writer, area, block, x, y, width, where, ground) -> height`.

Each picks its variant from the block's content and the width it is given: across a wide portrait page a short
list is a row of icons, a few steps a numbered flow, a few dated events a timeline band, parallel comparison points
a table; in a narrow column (a landscape page, or one half of a row) they stack.
"""

from __future__ import annotations

from collections.abc import Callable

from renderers.chart.units import split_by_unit
from renderers.layout.fit import Para
from renderers.layout.geometry import Rect
from renderers.layout.script import is_cjk
from renderers.layout.text import measure
from renderers.lints import check_glyphs, readable_on

from . import plan as P
from .layout import WIDE, Writer
from .scene import BlockArea, Box, Chart, Circle, Icon, Line, Primitive

BlockLayout = Callable[..., float]


def weight(text: str) -> int:
    """How long a text reads, in Latin characters: a Chinese character is about two."""
    return len(text) + sum(1 for c in text if is_cjk(c))


def icon_row(block: P.ListBlock) -> bool:
    """A short list reads best as a row of icons with a few words under each."""
    return 2 <= len(block.items) <= 4 and all(weight(i.text) <= 48 for i in block.items)


# ---- stat -------------------------------------------------------------------------------------------------------

def stat(w: Writer, area: BlockArea, block: P.StatBlock, x: float, y: float, width: float, where: str,
         ground: str) -> float:
    """Big numbers side by side, each under its icon, with what it measures under it; hairlines between them."""
    s = w.s
    n = len(block.items)
    cols = Rect(x, y, width, 0).split_columns(n, s.gap)
    tallest = 0.0
    size = s.stat if n < 4 else s.stat * 0.8
    for k, (item, col) in enumerate(zip(block.items, cols, strict=True), start=1):
        cy = y
        w.icon(area.items, item.label, item.icon, col.cx, cy + s.icon / 2, s.icon, w.tint if not area.band
               else w.pal.background)
        cy += s.icon + s.gap * 0.4
        cy += w.text(area.items, col.x, cy, col.w, [Para(item.value, bold=True)], size, w.pal.accent, ground,
                     f"{where} / stat {k}", heading=True, align="center", one_line_floor=s.heading * 0.8)
        cy += s.gap * 0.2
        cy += w.text(area.items, col.x, cy, col.w, [Para(item.label)], s.body, w.pal.text, ground,
                     f"{where} / stat {k} label", align="center")
        tallest = max(tallest, cy - y)
    for col in cols[:-1]:
        xline = col.right + s.gap / 2
        area.items.append(Line(xline, y + s.icon * 0.5, xline, y + tallest, w.pal.line, 1.5))
    return tallest


# ---- list -------------------------------------------------------------------------------------------------------

def list_block(w: Writer, area: BlockArea, block: P.ListBlock, x: float, y: float, width: float, where: str,
               ground: str) -> float:
    s = w.s
    if width >= WIDE * s.factor and icon_row(block):
        area.variant = "icon-row"
        cols = Rect(x, y, width, 0).split_columns(len(block.items), s.gap)
        d = s.icon * 1.3
        tallest = 0.0
        for k, (item, col) in enumerate(zip(block.items, cols, strict=True), start=1):
            w.icon(area.items, item.text, item.icon, col.cx, y + d / 2, d, w.tint)
            h = w.text(area.items, col.x, y + d + s.gap * 0.45, col.w, [Para(item.text, bold=True)], s.lead,
                       w.pal.text, ground, f"{where} / item {k}", align="center")
            tallest = max(tallest, d + s.gap * 0.45 + h)
        return tallest
    ncols = 2 if len(block.items) >= 4 and width > 700 * s.factor else 1
    col_w = (width - s.gap * (ncols - 1)) / ncols
    cy = y
    rows = [block.items[i: i + ncols] for i in range(0, len(block.items), ncols)]
    for r, row in enumerate(rows):
        row_h = 0.0
        for c, item in enumerate(row):
            cx = x + c * (col_w + s.gap)
            d = s.icon * 0.86
            w.icon(area.items, item.text, item.icon, cx + d / 2, cy + d / 2, d, w.tint)
            h = w.text(area.items, cx + d + s.gap * 0.5, cy + max(0, (d - s.body * w.theme.line_spacing) / 2),
                       col_w - d - s.gap * 0.5, [Para(item.text)], s.body, w.pal.text, ground,
                       f"{where} / item {r * ncols + c + 1}")
            row_h = max(row_h, d, h)
        cy += row_h + (s.gap * 0.6 if r < len(rows) - 1 else 0)
    return cy - y


# ---- steps ------------------------------------------------------------------------------------------------------

def steps(w: Writer, area: BlockArea, block: P.StepsBlock, x: float, y: float, width: float, where: str,
          ground: str) -> float:
    s = w.s
    d = s.icon * 0.9
    n = len(block.steps)
    if width >= WIDE * s.factor and n <= 5:
        # A numbered flow across the card: circles on one line, each step's words centred under its circle.
        area.variant = "flow"
        cols = Rect(x, y, width, 0).split_columns(n, s.gap * 0.6)
        area.items.append(Line(cols[0].cx, y + d / 2, cols[-1].cx, y + d / 2, w.pal.line, 3))
        tallest = 0.0
        for k, (step, col) in enumerate(zip(block.steps, cols, strict=True), start=1):
            area.items.append(Circle(col.cx, y + d / 2, d / 2, w.pal.accent, ground, 4))
            w.text(area.items, col.cx - d / 2, y + (d - s.body * w.theme.line_spacing) / 2, d,
                   [Para(str(k), bold=True)], s.body, w.pal.accent_text, w.pal.accent, f"{where} / step {k} number",
                   align="center")
            cy = y + d + s.gap * 0.45
            cy += w.text(area.items, col.x, cy, col.w, [Para(step.title, bold=True)], s.body, w.pal.text, ground,
                         f"{where} / step {k}", align="center")
            if step.detail:
                cy += 4 + w.text(area.items, col.x, cy + 4, col.w, [Para(step.detail)], s.small, w.pal.muted, ground,
                                 f"{where} / step {k} detail", align="center")
            tallest = max(tallest, cy - y)
        return tallest
    cy = y
    centers = []
    for k, step in enumerate(block.steps, start=1):
        centers.append(cy + d / 2)
        area.items.append(Circle(x + d / 2, cy + d / 2, d / 2, w.pal.accent))
        w.text(area.items, x, cy + (d - s.body * w.theme.line_spacing) / 2, d, [Para(str(k), bold=True)], s.body,
               w.pal.accent_text, w.pal.accent, f"{where} / step {k} number", align="center")
        tx, tw = x + d + s.gap * 0.6, width - d - s.gap * 0.6
        h = w.text(area.items, tx, cy + max(0, (d - s.body * w.theme.line_spacing) / 2) if not step.detail else cy,
                   tw, [Para(step.title, bold=True)], s.body, w.pal.text, ground, f"{where} / step {k}")
        if step.detail:
            h += w.text(area.items, tx, cy + h + 4, tw, [Para(step.detail)], s.small, w.pal.muted, ground,
                        f"{where} / step {k} detail") + 4
        cy += max(d, h) + (s.gap * 0.7 if k < n else 0)
    # Connectors between consecutive number circles, drawn under them.
    for a, b in zip(centers, centers[1:], strict=False):
        area.items.insert(0, Line(x + d / 2, a + d / 2, x + d / 2, b - d / 2, w.pal.line, 3))
    return cy - y


# ---- timeline ---------------------------------------------------------------------------------------------------

def timeline(w: Writer, area: BlockArea, block: P.TimelineBlock, x: float, y: float, width: float, where: str,
             ground: str) -> float:
    s = w.s
    n = len(block.events)
    if width >= WIDE * s.factor and n <= 6:
        # A band of time: dates over one line, what happened under it.
        area.variant = "timeline-band"
        cols = Rect(x, y, width, 0).split_columns(n, s.gap * 0.5)
        date_h = s.lead * w.theme.line_spacing
        axis = y + date_h + s.gap * 0.5
        area.items.append(Line(x, axis, x + width, axis, w.pal.line, 3))
        tallest = 0.0
        for k, (ev, col) in enumerate(zip(block.events, cols, strict=True), start=1):
            w.text(area.items, col.x, y, col.w, [Para(ev.date, bold=True)], s.lead, w.pal.accent, ground,
                   f"{where} / event {k} date", heading=True, align="center", one_line_floor=s.body * 0.8)
            area.items.append(Circle(col.cx, axis, 10 * s.factor, w.pal.accent, ground, 3))
            cy = axis + s.gap * 0.6
            cy += w.text(area.items, col.x, cy, col.w, [Para(ev.title, bold=True)], s.body, w.pal.text, ground,
                         f"{where} / event {k}", align="center")
            if ev.detail:
                cy += 4 + w.text(area.items, col.x, cy + 4, col.w, [Para(ev.detail)], s.small, w.pal.muted, ground,
                                 f"{where} / event {k} detail", align="center")
            tallest = max(tallest, cy - y)
        return tallest
    # The date column is as wide as the widest date, so the line sits close to the dates.
    widest_date = max(measure(ev.date, w.t.heading, s.body) for ev in block.events)
    date_w = min(widest_date + 4, width * 0.3)
    line_x = x + date_w + s.gap * 0.6
    tx = line_x + s.gap * 0.8
    tw = x + width - tx
    cy = y
    first_dot = last_dot = 0.0
    for k, ev in enumerate(block.events, start=1):
        row_top = cy
        w.text(area.items, x, cy, date_w, [Para(ev.date, bold=True)], s.body, w.pal.accent, ground,
               f"{where} / event {k} date", heading=True, align="right")
        h = w.text(area.items, tx, cy, tw, [Para(ev.title, bold=True)], s.body, w.pal.text, ground,
                   f"{where} / event {k}")
        if ev.detail:
            h += 4 + w.text(area.items, tx, cy + h + 4, tw, [Para(ev.detail)], s.small, w.pal.muted, ground,
                            f"{where} / event {k} detail")
        dot_y = row_top + s.body * w.theme.line_spacing / 2
        area.items.append(Circle(line_x, dot_y, 9 * s.factor, w.pal.accent, ground, 3))
        first_dot = dot_y if k == 1 else first_dot
        last_dot = dot_y
        cy += max(h, s.body * w.theme.line_spacing) + (s.gap * 0.8 if k < n else 0)
    area.items.insert(0, Line(line_x, first_dot, line_x, last_dot, w.pal.line, 3))
    return cy - y


# ---- comparison -------------------------------------------------------------------------------------------------

def comparison(w: Writer, area: BlockArea, block: P.ComparisonBlock, x: float, y: float, width: float, where: str,
               ground: str) -> float:
    s = w.s
    cols = Rect(x, y, width, 0).split_columns(len(block.columns), s.gap * (0.25 if _parallel(block) else 1))
    pad = s.gap * 0.45
    if _parallel(block):
        area.variant = "comparison-table"
        return _comparison_table(w, area, block, cols, y, where, ground)
    tallest = 0.0
    for k, (col, rect) in enumerate(zip(block.columns, cols, strict=True), start=1):
        fill = w.pal.series[(k - 1) % len(w.pal.series)]
        fg = readable_on(fill)
        head_items: list[Primitive] = []
        hh = w.text(head_items, rect.x + pad, y + pad, rect.w - 2 * pad, [Para(col.title, bold=True)], s.body, fg,
                    fill, f"{where} / column {k} title", heading=True, align="center")
        area.items.append(Box(Rect(rect.x, y, rect.w, hh + 2 * pad), fill, radius=12 * s.factor))
        area.items.extend(head_items)
        cy = y + hh + 2 * pad + s.gap * 0.5
        for p, point in enumerate(col.points, start=1):
            area.items.append(Circle(rect.x + 8 * s.factor, cy + s.body * w.theme.line_spacing / 2, 5 * s.factor,
                                     fill))
            cy += w.text(area.items, rect.x + 24 * s.factor, cy, rect.w - 24 * s.factor, [Para(point)], s.body,
                         w.pal.text, ground, f"{where} / column {k} point {p}")
            cy += s.gap * 0.35
        tallest = max(tallest, cy - y - s.gap * 0.35)
    return tallest


def _parallel(block: P.ComparisonBlock) -> bool:
    """Columns with as many points each: point i of every column answers the same question, so a table shows it."""
    return len({len(c.points) for c in block.columns}) == 1


def _comparison_table(w: Writer, area: BlockArea, block: P.ComparisonBlock, cols: list[Rect], y: float, where: str,
                      ground: str) -> float:
    """Options as columns under coloured heads, their points as rows on alternating bands."""
    s = w.s
    pad = s.gap * 0.4
    x0, x1 = cols[0].x, cols[-1].right
    heads = [w.height_of([Para(c.title, bold=True)], r.w - 2 * pad, s.body, True) for c, r in zip(block.columns, cols,
                                                                                                    strict=True)]
    head_h = max(heads) + 2 * pad
    for k, (col, rect) in enumerate(zip(block.columns, cols, strict=True), start=1):
        fill = w.pal.accent if k == 1 else w.pal.series[(k - 1) % len(w.pal.series)]
        area.items.append(Box(Rect(rect.x, y, rect.w, head_h), fill, radius=8 * s.factor))
        w.text(area.items, rect.x + pad, y + pad, rect.w - 2 * pad, [Para(col.title, bold=True)], s.body,
               readable_on(fill), fill, f"{where} / column {k} title", heading=True, align="center")
    cy = y + head_h
    rows = len(block.columns[0].points)
    for r in range(rows):
        h = max(w.height_of([Para(c.points[r])], rect.w - 2 * pad, s.body) for c, rect in zip(block.columns, cols,
                                                                                                 strict=True))
        row_h = h + 2 * pad
        band = w.tint if r % 2 == 0 else ground
        if band != ground:
            area.items.append(Box(Rect(x0, cy, x1 - x0, row_h), band))
        for k, (col, rect) in enumerate(zip(block.columns, cols, strict=True), start=1):
            w.text(area.items, rect.x + pad, cy + pad, rect.w - 2 * pad, [Para(col.points[r])], s.body, w.pal.text,
                   band, f"{where} / column {k} point {r + 1}", align="center")
        cy += row_h
    return cy - y


# ---- chart, quote, text -----------------------------------------------------------------------------------------

def chart(w: Writer, area: BlockArea, block: P.ChartBlock, x: float, y: float, width: float, where: str,
          ground: str) -> float:
    """The chart, or one chart per unit side by side (never two units on one axis)."""
    parts = split_by_unit(block.chart)
    if len(parts) > 1:
        area.variant = "charts-by-unit"
    side = len(parts) > 1 and width >= WIDE * w.s.factor
    per_row = 2 if side else 1
    h = min(width / per_row * (0.62 if side else 0.55), 460 * w.s.factor)
    size = w.s.small * 1.1
    cy = y
    for k in range(0, len(parts), per_row):
        row = parts[k: k + per_row]
        rects = Rect(x, cy, width, h).split_columns(len(row), w.s.gap) if len(row) > 1 else [Rect(x, cy, width, h)]
        for spec, rect in zip(row, rects, strict=True):
            area.items.append(Chart(rect, spec, size, ground))
            for label in [*spec.categories, *(se.name for se in spec.series)]:
                check_glyphs(w.warnings, label, w.t.body, f"{where} / chart")
        cy += h + (w.s.gap if k + per_row < len(parts) else 0)
    return cy - y


def quote(w: Writer, area: BlockArea, block: P.QuoteBlock, x: float, y: float, width: float, where: str,
          ground: str) -> float:
    s = w.s
    d = s.icon
    area.items.append(Icon("quote", Rect(x, y, d, d), w.pal.accent, "quotation"))
    tx = x + d + s.gap * 0.6
    h = w.text(area.items, tx, y, x + width - tx, [Para(block.text)], s.lead, w.pal.text, ground, f"{where} / text")
    if block.attribution:
        h += s.gap * 0.4
        h += w.text(area.items, tx, y + h, x + width - tx, [Para(f"— {block.attribution}")], s.body, w.pal.muted,
                    ground, f"{where} / attribution")
    return max(h, d)


def text(w: Writer, area: BlockArea, block: P.TextBlock, x: float, y: float, width: float, where: str,
         ground: str) -> float:
    return w.text(area.items, x, y, width, [Para(block.text)], w.s.body, w.pal.text, ground, f"{where} / text")


BLOCK_LAYOUTS: dict[str, BlockLayout] = {
    "stat": stat,
    "list": list_block,
    "steps": steps,
    "timeline": timeline,
    "comparison": comparison,
    "chart": chart,
    "quote": quote,
    "text": text,
}

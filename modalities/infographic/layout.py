"""Infographic layout: the header, one card per block and the footer, placed on a grid with one rhythm.

Portrait pages are 1080 px wide and as tall as their content. Landscape pages are 1920 × 1080: blocks flow
into columns (each into the shortest), and the type scale steps down until everything fits the screen.
Each block kind has one layout function in `BLOCK_LAYOUTS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from renderers.base import GeneratedImage, Lints
from renderers.icons import match
from renderers.layout.fit import Para, TextLayout, fit, layout_at, narrowed
from renderers.layout.geometry import Rect
from renderers.layout.text import measure
from renderers.lints import check_boxes, check_contrast, check_glyphs, hex_rgb, readable_on
from . import plan as P
from renderers.theme import Theme
from renderers.typography import Typography, typography
from .scene import BlockArea, Box, Chart, Circle, Icon, Line, Page, Picture, Primitive, Text

PORTRAIT_W = 1080
LANDSCAPE_W, LANDSCAPE_H = 1920, 1080


def mix(a: str, b: str, t: float) -> str:
    """Colour `t` of the way from a to b (0 → a, 1 → b)."""
    ra, ga, ba = hex_rgb(a)
    rb, gb, bb = hex_rgb(b)
    return "#{:02X}{:02X}{:02X}".format(round(ra + (rb - ra) * t), round(ga + (gb - ga) * t), round(ba + (bb - ba) * t))


@dataclass
class Scale:
    """Type and spacing in pixels for one page; landscape pages step it down to fit."""

    factor: float
    theme: Theme

    def __getattr__(self, name: str) -> float:
        base = {
            "title": self.theme.sizes.title * 1.6,
            "subtitle": self.theme.sizes.body * 1.4,
            "heading": self.theme.sizes.heading * 1.0,
            "body": self.theme.sizes.body * 1.2,
            "small": self.theme.sizes.small * 1.55,
            "stat": self.theme.sizes.stat * 1.2,
            "pad": 40.0,
            "gap": 32.0,
            "icon": 56.0,
        }
        if name not in base:
            raise AttributeError(name)
        return base[name] * self.factor


class _Writer:
    """Lays out one page at one scale; collects primitives and lint warnings."""

    def __init__(self, plan: P.InfographicPlan, theme: Theme, hero: GeneratedImage | None, scale: Scale):
        self.plan = plan
        self.theme = theme
        self.pal = theme.palette
        self.t: Typography = typography(theme)
        self.hero = hero
        self.s = scale
        self.warnings = Lints()
        self.used_icons: set[str] = set()

    # ---- text -------------------------------------------------------------------------------------------

    def text(self, items: list[Primitive], x: float, y: float, w: float, paras: list[Para], size: float, color: str,
             bg: str, where: str, *, heading: bool = False, align: str = "left", italic: bool = False,
             one_line_floor: float | None = None) -> float:
        """Places wrapped text at (x, y) in width w and returns its height. With `one_line_floor`, the text is
        shrunk (not wrapped) to one line, down to that size."""
        regular = self.t.heading if heading else self.t.body
        bold = self.t.heading if heading else self.t.body_bold
        ls = self.theme.line_spacing
        if one_line_floor is not None:
            layout = fit(paras, regular, bold, w, size * ls * len(paras) + 0.5, size, one_line_floor, ls, max_lines=1)
            if layout.overflow:
                self.warnings.warn("text_overflow", where, f"'{paras[0].text[:40]}' needs more than one line at {one_line_floor:g} px")
        else:
            layout = layout_at(paras, regular, bold, size, w, ls)
        items.append(Text(narrowed(Rect(x, y, w, layout.height), layout, align), layout, color, regular, bold, align,
                          italic))
        check_contrast(self.warnings, color, bg, where, large=size >= 24 or (heading and size >= 18.5))
        for p in paras:
            check_glyphs(self.warnings, p.text, bold if p.bold or heading else regular, where)
        return layout.height

    def icon(self, items: list[Primitive], text: str, hint: str | None, cx: float, cy: float, d: float, fill: str) -> None:
        name = match(text, hint, avoid=self.used_icons)
        self.used_icons.add(name)
        items.append(Circle(cx, cy, d / 2, fill))
        size = d * 0.56
        items.append(Icon(name, Rect(cx - size / 2, cy - size / 2, size, size), self.pal.accent, text))

    @property
    def tint(self) -> str:
        return mix(self.pal.accent, self.pal.surface, 0.84)

    # ---- page -------------------------------------------------------------------------------------------

    def header(self, page: Page, width: float) -> float:
        s, pal = self.s, self.pal
        margin = s.pad * 1.4
        hero_d = 260 * s.factor if self.hero else 0
        text_w = width - 2 * margin - (hero_d + s.gap if hero_d else 0)
        y = margin
        items: list[Primitive] = []
        h = self.text(items, margin, y, text_w, [Para(self.plan.title, bold=True, balance=True)], s.title, pal.accent_text,
                      pal.accent, "header / title", heading=True)
        y += h
        if self.plan.subtitle:
            y += s.gap * 0.4
            y += self.text(items, margin, y, text_w, [Para(self.plan.subtitle)], s.subtitle, pal.accent_text,
                           pal.accent, "header / subtitle")
        bottom = max(y, margin + hero_d) + margin
        page.items.append(Box(Rect(0, 0, width, bottom), pal.accent))
        if self.hero:
            rect = Rect(width - margin - hero_d, (bottom - hero_d) / 2, hero_d, hero_d)
            page.items.append(Picture(rect, self.hero.png, self.plan.hero_image.alt, radius=hero_d * 0.12))
        page.items.extend(items)
        return bottom

    def footer(self, page: Page, y: float, width: float) -> float:
        if not self.plan.source:
            return y
        s = self.s
        margin = s.pad * 1.4
        items: list[Primitive] = []
        h = self.text(items, margin, y, width - 2 * margin, [Para(f"Source: {self.plan.source}" if not _is_zh(self.plan.source)
                                                                   else f"資料來源：{self.plan.source}")],
                      s.small, self.pal.muted, self.pal.background, "footer / source")
        page.items.extend(items)
        return y + h

    def block(self, index: int, block, rect_x: float, y: float, w: float) -> BlockArea:
        s = self.s
        area = BlockArea(index, block.kind, Rect(rect_x, y, w, 0))
        inner_x, inner_w = rect_x + s.pad, w - 2 * s.pad
        cy = y + s.pad
        where = f"block {index} ({block.kind})"
        heading = getattr(block, "heading", None)
        if heading:
            cy += self.text(area.items, inner_x, cy, inner_w, [Para(heading, bold=True)], s.heading, self.pal.accent,
                            self.pal.surface, f"{where} / heading", heading=True)
            cy += s.gap * 0.6
        cy += BLOCK_LAYOUTS[block.kind](self, area, block, inner_x, cy, inner_w, where)
        height = cy + s.pad - y
        area.rect = Rect(rect_x, y, w, height)
        area.items.insert(0, Box(area.rect, self.pal.surface, radius=self.theme.corner * 96 * s.factor))
        return area


def _is_zh(text: str) -> bool:
    from renderers.layout.script import cjk_ratio

    return cjk_ratio(text) > 0.3


# ---- block layouts: (writer, area, block, x, y, width, where) -> height used ----------------------------------

def _stat(w: _Writer, area: BlockArea, block: P.StatBlock, x: float, y: float, width: float, where: str) -> float:
    s = w.s
    n = len(block.items)
    cols = Rect(x, y, width, 0).split_columns(n, s.gap)
    tallest = 0.0
    for k, (item, col) in enumerate(zip(block.items, cols), start=1):
        cy = y
        w.icon(area.items, item.label, item.icon, col.cx, cy + s.icon / 2, s.icon, w.tint)
        cy += s.icon + s.gap * 0.4
        cy += w.text(area.items, col.x, cy, col.w, [Para(item.value, bold=True)], s.stat if n < 4 else s.stat * 0.8,
                     w.pal.accent, w.pal.surface, f"{where} / stat {k}", heading=True, align="center",
                     one_line_floor=s.heading * 0.8)
        cy += s.gap * 0.2
        cy += w.text(area.items, col.x, cy, col.w, [Para(item.label)], s.body, w.pal.text, w.pal.surface,
                     f"{where} / stat {k} label", align="center")
        tallest = max(tallest, cy - y)
    return tallest


def _list(w: _Writer, area: BlockArea, block: P.ListBlock, x: float, y: float, width: float, where: str) -> float:
    s = w.s
    ncols = 2 if len(block.items) >= 4 and width > 700 * s.factor else 1
    col_w = (width - s.gap * (ncols - 1)) / ncols
    cy = y
    rows = [block.items[i : i + ncols] for i in range(0, len(block.items), ncols)]
    for r, row in enumerate(rows):
        row_h = 0.0
        for c, item in enumerate(row):
            cx = x + c * (col_w + s.gap)
            d = s.icon * 0.86
            w.icon(area.items, item.text, item.icon, cx + d / 2, cy + d / 2, d, w.tint)
            h = w.text(area.items, cx + d + s.gap * 0.5, cy + max(0, (d - s.body * w.theme.line_spacing) / 2),
                       col_w - d - s.gap * 0.5, [Para(item.text)], s.body, w.pal.text, w.pal.surface,
                       f"{where} / item {r * ncols + c + 1}")
            row_h = max(row_h, d, h)
        cy += row_h + (s.gap * 0.6 if r < len(rows) - 1 else 0)
    return cy - y


def _steps(w: _Writer, area: BlockArea, block: P.StepsBlock, x: float, y: float, width: float, where: str) -> float:
    s = w.s
    d = s.icon * 0.9
    cy = y
    centers = []
    for k, step in enumerate(block.steps, start=1):
        centers.append(cy + d / 2)
        area.items.append(Circle(x + d / 2, cy + d / 2, d / 2, w.pal.accent))
        num = str(k)
        w.text(area.items, x, cy + (d - s.body * w.theme.line_spacing) / 2, d, [Para(num, bold=True)], s.body,
               w.pal.accent_text, w.pal.accent, f"{where} / step {k} number", align="center")
        tx, tw = x + d + s.gap * 0.6, width - d - s.gap * 0.6
        h = w.text(area.items, tx, cy + max(0, (d - s.body * w.theme.line_spacing) / 2) if not step.detail else cy,
                   tw, [Para(step.title, bold=True)], s.body, w.pal.text, w.pal.surface, f"{where} / step {k}")
        if step.detail:
            h += w.text(area.items, tx, cy + h + 4, tw, [Para(step.detail)], s.small, w.pal.muted, w.pal.surface,
                        f"{where} / step {k} detail") + 4
        cy += max(d, h) + (s.gap * 0.7 if k < len(block.steps) else 0)
    # Connectors between consecutive number circles, drawn under them.
    for a, b in zip(centers, centers[1:]):
        area.items.insert(0, Line(x + d / 2, a + d / 2, x + d / 2, b - d / 2, w.pal.line, 3))
    return cy - y


def _timeline(w: _Writer, area: BlockArea, block: P.TimelineBlock, x: float, y: float, width: float,
              where: str) -> float:
    s = w.s
    # The date column is as wide as the widest date, so the line sits close to the dates.
    widest_date = max(measure(ev.date, w.t.heading, s.body) for ev in block.events)
    date_w = min(widest_date + 4, width * 0.3)
    line_x = x + date_w + s.gap * 0.6
    tx = line_x + s.gap * 0.8
    tw = x + width - tx
    cy = y
    first_dot = last_dot = None
    for k, ev in enumerate(block.events, start=1):
        row_top = cy
        w.text(area.items, x, cy, date_w, [Para(ev.date, bold=True)], s.body, w.pal.accent, w.pal.surface,
               f"{where} / event {k} date", heading=True, align="right")
        h = w.text(area.items, tx, cy, tw, [Para(ev.title, bold=True)], s.body, w.pal.text, w.pal.surface,
                   f"{where} / event {k}")
        if ev.detail:
            h += 4 + w.text(area.items, tx, cy + h + 4, tw, [Para(ev.detail)], s.small, w.pal.muted, w.pal.surface,
                            f"{where} / event {k} detail")
        dot_y = row_top + s.body * w.theme.line_spacing / 2
        area.items.append(Circle(line_x, dot_y, 9 * s.factor, w.pal.accent, w.pal.surface, 3))
        first_dot = dot_y if first_dot is None else first_dot
        last_dot = dot_y
        cy += max(h, s.body * w.theme.line_spacing) + (s.gap * 0.8 if k < len(block.events) else 0)
    area.items.insert(0, Line(line_x, first_dot, line_x, last_dot, w.pal.line, 3))
    return cy - y


def _comparison(w: _Writer, area: BlockArea, block: P.ComparisonBlock, x: float, y: float, width: float,
                where: str) -> float:
    s = w.s
    cols = Rect(x, y, width, 0).split_columns(len(block.columns), s.gap)
    tallest = 0.0
    for k, (col, rect) in enumerate(zip(block.columns, cols), start=1):
        fill = w.pal.series[(k - 1) % len(w.pal.series)]
        fg = readable_on(fill)
        pad = s.gap * 0.45
        head_items: list[Primitive] = []
        hh = w.text(head_items, rect.x + pad, y + pad, rect.w - 2 * pad, [Para(col.title, bold=True)], s.body, fg,
                    fill, f"{where} / column {k} title", heading=True, align="center")
        area.items.append(Box(Rect(rect.x, y, rect.w, hh + 2 * pad), fill, radius=12 * s.factor))
        area.items.extend(head_items)
        cy = y + hh + 2 * pad + s.gap * 0.5
        for p, point in enumerate(col.points, start=1):
            area.items.append(Circle(rect.x + 8 * s.factor, cy + s.body * w.theme.line_spacing / 2, 5 * s.factor, fill))
            cy += w.text(area.items, rect.x + 24 * s.factor, cy, rect.w - 24 * s.factor, [Para(point)], s.body,
                         w.pal.text, w.pal.surface, f"{where} / column {k} point {p}")
            cy += s.gap * 0.35
        tallest = max(tallest, cy - y - s.gap * 0.35)
    return tallest


def _chart(w: _Writer, area: BlockArea, block: P.ChartBlock, x: float, y: float, width: float, where: str) -> float:
    h = min(width * 0.55, 460 * w.s.factor)
    area.items.append(Chart(Rect(x, y, width, h), block.chart))
    for label in [*block.chart.categories, *(s.name for s in block.chart.series)]:
        check_glyphs(w.warnings, label, w.t.body, f"{where} / chart")
    return h


def _quote(w: _Writer, area: BlockArea, block: P.QuoteBlock, x: float, y: float, width: float, where: str) -> float:
    s = w.s
    d = s.icon
    area.items.append(Icon("quote", Rect(x, y, d, d), w.pal.accent, "quotation"))
    tx = x + d + s.gap * 0.6
    h = w.text(area.items, tx, y, x + width - tx, [Para(block.text)], s.heading * 0.9, w.pal.text, w.pal.surface,
               f"{where} / text", italic=True)
    if block.attribution:
        h += s.gap * 0.4
        h += w.text(area.items, tx, y + h, x + width - tx, [Para(f"— {block.attribution}")], s.body, w.pal.muted,
                    w.pal.surface, f"{where} / attribution")
    return max(h, d)


def _text(w: _Writer, area: BlockArea, block: P.TextBlock, x: float, y: float, width: float, where: str) -> float:
    return w.text(area.items, x, y, width, [Para(block.text)], w.s.body, w.pal.text, w.pal.surface, f"{where} / text")


BLOCK_LAYOUTS: dict[str, Callable[..., float]] = {
    "stat": _stat,
    "list": _list,
    "steps": _steps,
    "timeline": _timeline,
    "comparison": _comparison,
    "chart": _chart,
    "quote": _quote,
    "text": _text,
}


def _portrait(plan: P.InfographicPlan, theme: Theme, hero: GeneratedImage | None) -> tuple[Page, Lints]:
    w = _Writer(plan, theme, hero, Scale(1.0, theme))
    page = Page(PORTRAIT_W, 0, theme.palette.background, plan.title, plan.subtitle or "")
    margin = w.s.pad * 1.4
    y = w.header(page, PORTRAIT_W) + w.s.gap * 1.25
    for i, block in enumerate(plan.blocks, start=1):
        area = w.block(i, block, margin, y, PORTRAIT_W - 2 * margin)
        page.blocks.append(area)
        y = area.rect.bottom + w.s.gap
    y = w.footer(page, y, PORTRAIT_W)
    page.height = round(y + margin * 0.7)
    return page, w.warnings


def _landscape_at(plan, theme, hero, factor: float) -> tuple[Page, Lints, float]:
    w = _Writer(plan, theme, hero, Scale(factor, theme))
    page = Page(LANDSCAPE_W, LANDSCAPE_H, theme.palette.background, plan.title, plan.subtitle or "")
    margin = w.s.pad * 1.4
    top = w.header(page, LANDSCAPE_W) + w.s.gap
    ncols = 3 if len(plan.blocks) >= 5 else max(1, min(2, len(plan.blocks)))
    col_w = (LANDSCAPE_W - 2 * margin - w.s.gap * (ncols - 1)) / ncols
    bottoms = [top] * ncols
    for i, block in enumerate(plan.blocks, start=1):
        c = bottoms.index(min(bottoms))
        area = w.block(i, block, margin + c * (col_w + w.s.gap), bottoms[c], col_w)
        page.blocks.append(area)
        bottoms[c] = area.rect.bottom + w.s.gap
    end = w.footer(page, max(bottoms), LANDSCAPE_W)
    return page, w.warnings, end + margin * 0.5


def _landscape(plan: P.InfographicPlan, theme: Theme, hero: GeneratedImage | None) -> tuple[Page, Lints]:
    for factor in (1.0, 0.9, 0.8, 0.72, 0.65):
        page, warnings, needed = _landscape_at(plan, theme, hero, factor)
        if needed <= LANDSCAPE_H:
            return page, warnings
    warnings.warn("text_overflow", "page", f"the content needs {needed:.0f} px at the smallest type scale; "
                  "the page was made taller than 1080 px (use portrait for this much content)")
    page.height = round(needed)
    return page, warnings


def layout_page(plan: P.InfographicPlan, theme: Theme, hero: GeneratedImage | None) -> tuple[Page, Lints]:
    """Lays out the page and lints it: the page, and the warnings found."""
    if plan.orientation is P.Orientation.LANDSCAPE:
        page, warnings = _landscape(plan, theme, hero)
    else:
        page, warnings = _portrait(plan, theme, hero)
    canvas = Rect(0, 0, page.width, page.height)
    check_boxes(warnings, [(f"block {b.index} ({b.kind})", b.rect) for b in page.blocks], canvas)
    for b in page.blocks:
        for item in b.items:
            if isinstance(item, Text) and not b.rect.contains(item.rect):
                warnings.warn("text_overflow", f"block {b.index} ({b.kind})", "text extends beyond its card")
    return page, warnings


__all__ = ["layout_page", "TextLayout"]

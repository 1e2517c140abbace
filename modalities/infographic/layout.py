"""Infographic layout: the header, the blocks and the footer, arranged by what each block holds.

A portrait page (1080 px wide, as tall as its content) reads top to bottom: headline numbers become a hero band
right under the title; a short list becomes a row of icons, up to five steps a numbered flow, up to six dated
events a timeline band and a comparison of parallel points a table, each across the page; two short neighbours
(a quote, a paragraph, a few points) share a row, left before right. Everything else is a card across the page.
A landscape page (1920 × 1080) puts its first numbers in a band under the title and flows the other blocks into
columns (each into the shortest), stepping the type scale down until everything fits the screen.
Each block kind has one layout function in `blocks.BLOCK_LAYOUTS`, which picks its variant from its width.
"""

from __future__ import annotations

from dataclasses import dataclass

from renderers.base import GeneratedImage, Lints
from renderers.layout.fit import Para, fit, layout_at, narrowed
from renderers.layout.geometry import Rect
from renderers.layout.script import cjk_ratio
from renderers.lints import check_boxes, check_contrast, check_glyphs
from renderers.theme import Theme, mix
from renderers.typography import Typography, typography

from . import plan as P
from .scene import BlockArea, Box, Circle, Icon, Page, Picture, Primitive, Text

PORTRAIT_W = 1080
LANDSCAPE_W, LANDSCAPE_H = 1920, 1080
WIDE = 760  # px of content width from which blocks take their horizontal variants (rows of icons, flows, bands)

__all__ = ["layout_page", "mix", "PORTRAIT_W", "LANDSCAPE_W", "LANDSCAPE_H"]


@dataclass
class Scale:
    """Type and spacing in pixels for one page, from the theme's type scale; landscape pages step it down."""

    factor: float
    theme: Theme

    def __getattr__(self, name: str) -> float:
        s = self.theme.sizes
        base = {
            "title": s.title * 1.45,
            "subtitle": s.lead * 1.15,
            "heading": s.heading * 0.95,
            "lead": s.lead * 1.2,
            "body": s.body * 1.2,
            "small": s.small * 1.5,
            "stat": s.stat * 1.15,
            "pad": self.theme.unit * 5,
            "gap": self.theme.unit * 4,
            "icon": self.theme.unit * 7,
        }
        if name not in base:
            raise AttributeError(name)
        return base[name] * self.factor


class Writer:
    """Lays out one page at one scale; collects primitives and lint warnings."""

    def __init__(self, plan: P.InfographicPlan, theme: Theme, hero: GeneratedImage | None, scale: Scale,
                 width: float):
        self.plan = plan
        self.theme = theme
        self.pal = theme.palette
        self.t: Typography = typography(theme)
        self.hero = hero
        self.s = scale
        self.width = width
        self.margin = scale.pad * 1.4
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
                self.warnings.warn("text_overflow", where,
                                   f"'{paras[0].text[:40]}' needs more than one line at {one_line_floor:g} px")
        else:
            layout = layout_at(paras, regular, bold, size, w, ls)
        items.append(Text(narrowed(Rect(x, y, w, layout.height), layout, align), layout, color, regular, bold, align,
                          italic))
        check_contrast(self.warnings, color, bg, where, large=size >= 24 or (heading and size >= 18.5))
        for p in paras:
            check_glyphs(self.warnings, p.text, bold if p.bold or heading else regular, where)
        return layout.height

    def height_of(self, paras: list[Para], w: float, size: float, heading: bool = False) -> float:
        regular = self.t.heading if heading else self.t.body
        bold = self.t.heading if heading else self.t.body_bold
        return layout_at(paras, regular, bold, size, w, self.theme.line_spacing).height

    def icon(self, items: list[Primitive], text: str, hint: str | None, cx: float, cy: float, d: float,
             fill: str) -> None:
        from renderers.icons import match

        name = match(text, hint, avoid=self.used_icons)
        self.used_icons.add(name)
        items.append(Circle(cx, cy, d / 2, fill))
        size = d * 0.56
        items.append(Icon(name, Rect(cx - size / 2, cy - size / 2, size, size), self.pal.accent, text))

    @property
    def tint(self) -> str:
        return self.pal.soft if self.pal.tint else mix(self.pal.accent, self.pal.surface, 0.84)

    @property
    def radius(self) -> float:
        return self.theme.corner * 96 * self.s.factor

    # ---- page -------------------------------------------------------------------------------------------

    def header(self, page: Page) -> float:
        s, pal = self.s, self.pal
        margin = self.margin
        hero_d = 260 * s.factor if self.hero else 0
        text_w = self.width - 2 * margin - (hero_d + s.gap if hero_d else 0)
        y = margin
        items: list[Primitive] = []
        h = self.text(items, margin, y, text_w, [Para(self.plan.title, bold=True, balance=True)], s.title,
                      pal.accent_text, pal.accent, "header / title", heading=True)
        y += h
        if self.plan.subtitle:
            y += s.gap * 0.4
            y += self.text(items, margin, y, text_w, [Para(self.plan.subtitle)], s.subtitle, pal.accent_text,
                           pal.accent, "header / subtitle")
        bottom = max(y, margin + hero_d) + margin
        page.items.append(Box(Rect(0, 0, self.width, bottom), pal.accent))
        if self.hero and self.plan.hero_image:
            rect = Rect(self.width - margin - hero_d, (bottom - hero_d) / 2, hero_d, hero_d)
            page.items.append(Picture(rect, self.hero.png, self.plan.hero_image.alt, radius=hero_d * 0.12))
        page.items.extend(items)
        return bottom

    def footer(self, page: Page, y: float) -> float:
        if not self.plan.source:
            return y
        s = self.s
        items: list[Primitive] = []
        zh = cjk_ratio(self.plan.source) > 0.3
        text = f"資料來源：{self.plan.source}" if zh else f"Source: {self.plan.source}"
        h = self.text(items, self.margin, y, self.width - 2 * self.margin, [Para(text)], s.small, self.pal.muted,
                      self.pal.background, "footer / source")
        page.items.extend(items)
        return y + h

    def block(self, index: int, block, x: float, y: float, w: float, band: bool = False) -> BlockArea:
        """A block as a card at (x, y) of width w; as a band, it spans the page on a tinted ground and its content
        keeps the page's margins."""
        from .blocks import BLOCK_LAYOUTS

        s = self.s
        area = BlockArea(index, block.kind, Rect(x, y, w, 0))
        ground = self.tint if band else self.pal.surface
        if band:
            inner_x, inner_w = self.margin, self.width - 2 * self.margin
        else:
            inner_x, inner_w = x + s.pad, w - 2 * s.pad
        cy = y + s.pad
        where = f"block {index} ({block.kind})"
        heading = getattr(block, "heading", None)
        if heading:
            cy += self.text(area.items, inner_x, cy, inner_w, [Para(heading, bold=True)], s.heading, self.pal.accent,
                            ground, f"{where} / heading", heading=True)
            cy += s.gap * 0.6
        cy += BLOCK_LAYOUTS[block.kind](self, area, block, inner_x, cy, inner_w, where, ground)
        height = cy + s.pad - y
        area.rect = Rect(0, y, self.width, height) if band else Rect(x, y, w, height)
        area.items.insert(0, Box(area.rect, ground, radius=0 if band else self.radius,
                                 stroke=self.pal.line if self.theme.card == "outline" and not band else None))
        area.band = band
        if band:
            area.variant = f"{block.kind}-band"
        return area

    def stretch(self, area: BlockArea, height: float) -> None:
        """Makes a card `height` tall (the taller of a row's two cards), keeping its content where it is."""
        box = area.items[0]
        assert isinstance(box, Box)
        area.rect = Rect(area.rect.x, area.rect.y, area.rect.w, height)
        area.items[0] = Box(area.rect, box.fill, box.stroke, box.radius, box.stroke_width)


# ---- arranging blocks ------------------------------------------------------------------------------------------

def _compact(block) -> bool:
    """A block short enough to share a row with its neighbour on a portrait page."""
    from .blocks import icon_row

    if isinstance(block, (P.QuoteBlock, P.TextBlock)):
        return True
    if isinstance(block, P.ListBlock):
        return len(block.items) <= 5 and not icon_row(block)
    if isinstance(block, P.StepsBlock):
        return len(block.steps) <= 3 and all(not s.detail for s in block.steps)
    return False


def _portrait(plan: P.InfographicPlan, theme: Theme, hero: GeneratedImage | None) -> tuple[Page, Lints]:
    w = Writer(plan, theme, hero, Scale(1.0, theme), PORTRAIT_W)
    page = Page(PORTRAIT_W, 0, theme.palette.background, plan.title, plan.subtitle or "")
    margin, gap = w.margin, w.s.gap
    y = w.header(page)
    blocks = list(enumerate(plan.blocks, start=1))
    if blocks and isinstance(blocks[0][1], P.StatBlock):
        area = w.block(1, blocks[0][1], 0, y, PORTRAIT_W, band=True)
        page.blocks.append(area)
        blocks = blocks[1:]
        y = area.rect.bottom
    y += gap * 1.25
    full = PORTRAIT_W - 2 * margin
    k = 0
    while k < len(blocks):
        index, block = blocks[k]
        nxt = blocks[k + 1] if k + 1 < len(blocks) else None
        if nxt is not None and _compact(block) and _compact(nxt[1]):
            half = (full - gap) / 2
            left = w.block(index, block, margin, y, half)
            right = w.block(nxt[0], nxt[1], margin + half + gap, y, half)
            tallest = max(left.rect.h, right.rect.h)
            w.stretch(left, tallest)
            w.stretch(right, tallest)
            for paired in (left, right):
                paired.variant = f"{paired.variant or paired.kind} paired"
            page.blocks.extend([left, right])
            y += tallest + gap
            k += 2
            continue
        area = w.block(index, block, margin, y, full)
        page.blocks.append(area)
        y = area.rect.bottom + gap
        k += 1
    y = w.footer(page, y)
    page.height = round(y + margin * 0.7)
    return page, w.warnings


def _landscape_at(plan, theme, hero, factor: float) -> tuple[Page, Lints, float]:
    w = Writer(plan, theme, hero, Scale(factor, theme), LANDSCAPE_W)
    page = Page(LANDSCAPE_W, LANDSCAPE_H, theme.palette.background, plan.title, plan.subtitle or "")
    margin, gap = w.margin, w.s.gap
    top = w.header(page)
    blocks = list(enumerate(plan.blocks, start=1))
    if blocks and isinstance(blocks[0][1], P.StatBlock):
        area = w.block(1, blocks[0][1], 0, top, LANDSCAPE_W, band=True)
        page.blocks.append(area)
        blocks = blocks[1:]
        top = area.rect.bottom
    top += gap
    ncols = 3 if len(blocks) >= 5 else max(1, min(2, len(blocks)))
    col_w = (LANDSCAPE_W - 2 * margin - gap * (ncols - 1)) / ncols
    bottoms = [top] * ncols
    for i, block in blocks:
        c = bottoms.index(min(bottoms))
        area = w.block(i, block, margin + c * (col_w + gap), bottoms[c], col_w)
        page.blocks.append(area)
        bottoms[c] = area.rect.bottom + gap
    end = w.footer(page, max(bottoms))
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

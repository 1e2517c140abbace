"""Deck layout: turns the plan's slides into positioned scenes, fitting every text with the real fonts.

One grid serves every layout (`Grid`: margins, the title band, the body, the footer, from the theme's spacing),
and each layout is one function in `modalities/slides/layouts/`, registered in `LAYOUTS`. Text that does not fit
at its size is shrunk down to its floor; bullets and table rows that still do not fit move to a continued slide.
What cannot be repaired that way is reported as `text_overflow`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from renderers.base import GeneratedImage, Lints
from renderers.layout.fit import Para, TextLayout, fit, layout_at, narrowed
from renderers.layout.geometry import Rect
from renderers.layout.script import language_of
from renderers.lints import check_boxes, check_contrast, check_glyphs, contrast_ratio, readable_on
from renderers.theme import Theme
from renderers.typography import Typography, typography

from . import plan as P
from .scene import (
    CANVAS,
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
)

M = 48.0  # the outer margin pictures are requested for (a theme's own margin may differ slightly)
BODY_TOP = 132.0

# Where each layout puts its picture, so the image backend can be asked for the right shape up front.
COVER_RECT = Rect(SLIDE_W * 0.58, 0, SLIDE_W * 0.42, SLIDE_H)
IMAGE_RECT_WITH_TEXT = Rect(M, BODY_TOP, 500.0, SLIDE_H - 52 - BODY_TOP)
IMAGE_RECT_ALONE = Rect(M, BODY_TOP, SLIDE_W - 2 * M, SLIDE_H - 52 - BODY_TOP)


def image_rect(slide: P.TitleSlide | P.ImageSlide) -> Rect:
    if isinstance(slide, P.TitleSlide):
        return COVER_RECT
    return IMAGE_RECT_WITH_TEXT if slide.bullets else IMAGE_RECT_ALONE


def continued(title: str) -> str:
    return f"{title}（續）" if language_of(title).startswith("zh") else f"{title} (cont.)"


@dataclass(frozen=True)
class Grid:
    """The slide's fixed regions in points, from the theme's margin and spacing unit."""

    margin: float
    gap: float
    title: Rect  # the title band; titles sit on its bottom edge
    body: Rect
    footer_y: float

    @classmethod
    def of(cls, theme: Theme) -> Grid:
        m = round(theme.margin_pt)
        u = theme.unit
        title = Rect(m, 4 * u, SLIDE_W - 2 * m, 9 * u + 2)
        body_top = title.bottom + 3.5 * u
        body_bottom = SLIDE_H - 6.5 * u
        return cls(m, theme.gap_pt, title, Rect(m, body_top, SLIDE_W - 2 * m, body_bottom - body_top),
                   SLIDE_H - 4.25 * u)


class DeckLayout:
    """Lays out a whole deck; `scenes` holds one entry per output slide (continued slides included)."""

    def __init__(self, plan: P.SlidesPlan, theme: Theme, images: dict[int, GeneratedImage], lints: Lints):
        from .layouts import LAYOUTS

        self.plan = plan
        self.theme = theme
        self.type: Typography = typography(theme)
        self.lints = lints
        self.images = images
        self.grid = Grid.of(theme)
        self.scenes: list[SlideScene] = []
        self.sections_seen = 0
        for i, slide in enumerate(plan.slides, start=1):
            LAYOUTS[slide.layout](self, i, slide)
        for scene in self.scenes:
            self._lint(scene)

    # ---- the pieces every layout uses -------------------------------------------------------------------------

    @property
    def pal(self):
        return self.theme.palette

    @property
    def sizes(self):
        return self.theme.sizes

    def new(self, source: int, layout: str, background: str | None = None, notes: str = "") -> SlideScene:
        scene = SlideScene(index=len(self.scenes) + 1, layout=layout, background=background or self.pal.background,
                           notes=notes, source_slide=source)
        self.scenes.append(scene)
        return scene

    def stacks(self, heading: bool):
        t = self.type
        return (t.heading, t.heading) if heading else (t.body, t.body_bold)

    def measure(self, paras: list[Para], width: float, size: float, heading: bool = False) -> TextLayout:
        regular, bold = self.stacks(heading)
        return layout_at(paras, regular, bold, size, width, self.theme.line_spacing)

    def fit(self, paras: list[Para], rect: Rect, size: float, floor: float, heading: bool = False,
            max_lines: int | None = None) -> TextLayout:
        regular, bold = self.stacks(heading)
        return fit(paras, regular, bold, rect.w, rect.h, size, floor, self.theme.line_spacing, max_lines)

    def text(
        self,
        scene: SlideScene,
        name: str,
        rect: Rect,
        paras: list[Para],
        size: float,
        floor: float,
        color: str,
        bg: str,
        *,
        heading: bool = False,
        align: str = "left",
        anchor: str = "top",
        bullets: bool = False,
        italic: bool = False,
        max_lines: int | None = None,
    ) -> TextItem:
        """Fits the paragraphs into `rect` (largest size in [floor, size]) and places them; colours too faint on
        `bg` are replaced by a readable one, and what still does not fit is reported."""
        regular, bold = self.stacks(heading)
        layout = fit(paras, regular, bold, rect.w, rect.h, size, floor, self.theme.line_spacing, max_lines)
        # WCAG counts 18 pt text, or 14 pt bold text, as large.
        large = layout.size >= 18 or ((heading or all(p.bold for p in paras)) and layout.size >= 14)
        if contrast_ratio(color, bg) < (3.0 if large else 4.5):
            color = readable_on(bg)  # repaired here; check_contrast below reports only what is still too faint
        item = TextItem(name, narrowed(rect, layout, align), layout, color, regular, bold, align, anchor, bullets,
                        italic)
        scene.items.append(item)
        where = f"slide {scene.index} / {name}"
        if layout.overflow:
            self.lints.warn("text_overflow", where, f"text needs {layout.height:.0f} pt at the smallest size "
                            f"{floor:g} pt but the box is {rect.h:.0f} pt tall")
        check_contrast(self.lints, color, bg, where, large=large)
        for para in paras:
            check_glyphs(self.lints, para.text, bold if para.bold else regular, where)
        return item

    def shape(self, scene: SlideScene, name: str, rect: Rect, fill: str | None, kind: str = "rect",
              line: str | None = None, radius: float = 0.0, line_width: float = 1.0) -> ShapeItem:
        item = ShapeItem(name, rect, fill, kind, line, radius, line_width)
        scene.items.append(item)
        return item

    def card(self, scene: SlideScene, name: str, rect: Rect, fill: str | None = None) -> str:
        """A card in the theme's style (a filled panel, or an outline); returns the colour text sits on."""
        radius = self.theme.corner_pt
        kind = "round" if radius else "rect"
        if self.theme.card == "outline" and fill is None:
            self.shape(scene, name, rect, self.pal.background, kind, self.pal.line, radius)
            return self.pal.background
        ground = fill or self.pal.surface
        self.shape(scene, name, rect, ground, kind, radius=radius)
        return ground

    def line(self, scene: SlideScene, name: str, x1: float, y1: float, x2: float, y2: float, color: str,
             width: float = 1.0, arrow: bool = False) -> None:
        scene.items.append(LineItem(name, x1, y1, x2, y2, color, width, arrow))

    def icon(self, scene: SlideScene, name: str, rect: Rect, icon: str, color: str, label: str) -> None:
        scene.items.append(IconItem(name, rect, icon, color, label))

    def badge(self, scene: SlideScene, name: str, cx: float, cy: float, d: float, icon: str, label: str) -> None:
        """An icon on a tinted disc: the accent used quietly."""
        self.shape(scene, f"{name} disc", Rect(cx - d / 2, cy - d / 2, d, d), self.pal.soft, "ellipse")
        s = d * 0.54
        self.icon(scene, name, Rect(cx - s / 2, cy - s / 2, s, s), icon, self.pal.accent, label)

    def title(self, scene: SlideScene, title: str) -> Rect:
        """The slide's title on the title band, its mark under it; returns the body rectangle."""
        g, s = self.grid, self.sizes
        item = self.text(scene, "title", g.title, [Para(title, bold=True, balance=True)], s.heading, s.min_heading,
                         self.pal.text, scene.background, heading=True, anchor="bottom", max_lines=2)
        below = g.title.bottom + 10
        if self.theme.title_mark == "rule":
            self.shape(scene, "title rule", Rect(g.margin, below, 56, 4), self.pal.accent)
        elif self.theme.title_mark == "hairline":
            self.line(scene, "title rule", g.margin, below + 2, SLIDE_W - g.margin, below + 2, self.pal.line, 1)
        del item
        return g.body

    def footer(self, scene: SlideScene) -> None:
        s, g = self.sizes, self.grid
        rect = Rect(SLIDE_W - g.margin - 80, g.footer_y, 80, s.small * 1.5)
        self.text(scene, "slide number", rect, [Para(str(scene.index))], s.small, s.small, self.pal.muted,
                  scene.background, align="right")

    def picture(self, scene: SlideScene, source: int, rect: Rect, alt: str) -> None:
        img = self.images.get(source)
        if img is not None:
            scene.items.append(PictureItem("picture", rect, img.png, alt))

    # ---- lints ------------------------------------------------------------------------------------------------

    def _lint(self, scene: SlideScene) -> None:
        boxes = []
        for item in scene.items:
            where = f"slide {scene.index} / {item.name}"
            if isinstance(item, TextItem):
                boxes.append((where, used_rect(item)))
            elif isinstance(item, (ChartItem, TableItem, IconItem)):
                boxes.append((where, item.rect))
            elif isinstance(item, PictureItem) and item.rect != COVER_RECT:
                boxes.append((where, item.rect))
        check_boxes(self.lints, boxes, CANVAS)


def used_rect(item: TextItem) -> Rect:
    """The part of a text box its laid-out lines occupy, honouring the vertical anchor."""
    h = min(item.layout.height, item.rect.h) if not item.layout.overflow else item.layout.height
    if item.anchor == "bottom":
        y = item.rect.bottom - h
    elif item.anchor == "middle":
        y = item.rect.y + (item.rect.h - h) / 2
    else:
        y = item.rect.y
    return Rect(item.rect.x, y, item.rect.w, h)


LayoutFn = Callable[[DeckLayout, int, Any], None]  # the slide is the plan model of the layout it is registered for

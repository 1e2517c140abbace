"""Deck layout: turns the plan's slides into positioned scenes, fitting every text with the real fonts.

Text that does not fit at the theme's size is shrunk down to its floor; bullets and table rows that still do not
fit move to a continued slide. What cannot be repaired that way is reported as `text_overflow`.
"""

from __future__ import annotations

from dataclasses import dataclass

from renderers.base import GeneratedImage, Lints
from renderers.format import format_cell
from renderers.layout.fit import Para, TextLayout, fit, fitting_prefix, layout_at, narrowed
from renderers.layout.geometry import Rect
from renderers.layout.script import language_of
from renderers.lints import check_boxes, check_contrast, check_glyphs, contrast_ratio, readable_on
from . import plan as P
from renderers.theme import Theme
from renderers.typography import Typography, typography
from .scene import CANVAS, SLIDE_H, SLIDE_W, ChartItem, PictureItem, ShapeItem, SlideScene, TableItem, TextItem

M = 48.0  # outer margin
TITLE_TOP = 30.0
TITLE_H = 78.0
BODY_TOP = 124.0
BODY_BOTTOM = SLIDE_H - 50.0
BODY = Rect(M, BODY_TOP, SLIDE_W - 2 * M, BODY_BOTTOM - BODY_TOP)
GAP = 24.0

# Where each layout puts its picture, so the image backend can be asked for the right shape up front.
COVER_RECT = Rect(SLIDE_W * 0.58, 0, SLIDE_W * 0.42, SLIDE_H)
IMAGE_RECT_WITH_TEXT = Rect(M, BODY_TOP, 500.0, BODY.h)
IMAGE_RECT_ALONE = BODY


def image_rect(slide: P.TitleSlide | P.ImageSlide) -> Rect:
    if isinstance(slide, P.TitleSlide):
        return COVER_RECT
    return IMAGE_RECT_WITH_TEXT if slide.bullets else IMAGE_RECT_ALONE


def continued(title: str) -> str:
    return f"{title}（續）" if language_of(title).startswith("zh") else f"{title} (cont.)"


@dataclass
class _Ctx:
    theme: Theme
    type: Typography
    lints: Lints
    images: dict[int, GeneratedImage]


class DeckLayout:
    """Lays out a whole deck; `scenes` holds one entry per output slide (continued slides included)."""

    def __init__(self, plan: P.SlidesPlan, theme: Theme, images: dict[int, GeneratedImage], lints: Lints):
        self.plan = plan
        self.c = _Ctx(theme, typography(theme), lints, images)
        self.scenes: list[SlideScene] = []
        for i, slide in enumerate(plan.slides, start=1):
            self._slide(i, slide)
        for scene in self.scenes:
            self._lint(scene)

    # ---- helpers -------------------------------------------------------------------------------------------

    @property
    def pal(self):
        return self.c.theme.palette

    def _new(self, source: int, layout: str, background: str | None = None, notes: str = "") -> SlideScene:
        scene = SlideScene(
            index=len(self.scenes) + 1,
            layout=layout,
            background=background or self.pal.background,
            notes=notes,
            source_slide=source,
        )
        self.scenes.append(scene)
        return scene

    def _text(
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
        t = self.c.type
        regular = t.heading if heading else t.body
        bold = t.heading if heading else t.body_bold
        layout = fit(paras, regular, bold, rect.w, rect.h, size, floor, self.c.theme.line_spacing, max_lines)
        # WCAG counts 18 pt text, or 14 pt bold text, as large.
        large = layout.size >= 18 or ((heading or all(p.bold for p in paras)) and layout.size >= 14)
        if contrast_ratio(color, bg) < (3.0 if large else 4.5):
            color = readable_on(bg)  # repaired here; check_contrast below reports only what is still too faint
        item = TextItem(name, narrowed(rect, layout, align), layout, color, regular, bold, align, anchor, bullets, italic)
        scene.items.append(item)
        where = f"slide {scene.index} / {name}"
        if layout.overflow:
            self.c.lints.warn(
                "text_overflow",
                where,
                f"text needs {layout.height:.0f} pt at the smallest size {floor:g} pt but the box is {rect.h:.0f} pt tall",
            )
        check_contrast(self.c.lints, color, bg, where, large=large)
        for para in paras:
            check_glyphs(self.c.lints, para.text, bold if para.bold else regular, where)
        return item

    def _title(self, scene: SlideScene, title: str, bg: str | None = None) -> TextItem:
        s = self.c.theme.sizes
        rect = Rect(M, TITLE_TOP, SLIDE_W - 2 * M, TITLE_H)
        item = self._text(scene, "title", rect, [Para(title, bold=True, balance=True)], s.heading, s.min_heading,
                          self.pal.text, bg or self.pal.background, heading=True, anchor="bottom")
        scene.items.append(ShapeItem("title rule", Rect(M, TITLE_TOP + TITLE_H + 9, 56, 4), self.pal.accent))
        return item

    def _footer(self, scene: SlideScene) -> None:
        s = self.c.theme.sizes
        rect = Rect(SLIDE_W - M - 80, SLIDE_H - 34, 80, 20)
        self._text(scene, "slide number", rect, [Para(str(scene.index))], s.small, s.small,
                   self.pal.muted, scene.background, align="right")

    @staticmethod
    def _bullet_paras(bullets: list[P.Bullet]) -> list[Para]:
        return [
            Para(b.text, scale=1.0, indent=1.1, space_before=0.55)
            if b.level == 0
            else Para(b.text, scale=0.88, indent=2.3, space_before=0.25)
            for b in bullets
        ]

    def _picture(self, scene: SlideScene, source: int, rect: Rect, alt: str) -> None:
        img = self.c.images.get(source)
        if img is not None:
            scene.items.append(PictureItem("picture", rect, img.png, alt))

    # ---- layouts ------------------------------------------------------------------------------------------

    def _slide(self, i: int, slide) -> None:
        layouts = {
            "title": self._layout_title, "closing": self._layout_closing, "section": self._layout_section,
            "bullets": self._layout_bullets, "two_column": self._layout_two_column, "chart": self._layout_chart,
            "image": self._layout_image, "quote": self._layout_quote, "stat": self._layout_stat,
            "table": self._layout_table,
        }
        layouts[slide.layout](i, slide)

    def _layout_title(self, i: int, slide: P.TitleSlide) -> None:
        self._cover(i, slide.title, slide.subtitle, slide.notes, "title", has_image=slide.image is not None,
                    alt=slide.image.alt if slide.image else "")

    def _layout_closing(self, i: int, slide: P.ClosingSlide) -> None:
        if not slide.bullets:
            self._cover(i, slide.title, None, slide.notes, "closing", has_image=False, alt="")
            return
        self._bulleted(i, slide.title, slide.bullets, slide.notes, "closing")

    def _cover(self, i: int, title: str, subtitle: str | None, notes: str, layout: str, has_image: bool, alt: str):
        s = self.c.theme.sizes
        scene = self._new(i, layout, notes=notes)
        right = COVER_RECT.x - M if has_image else SLIDE_W - M
        width = right - M
        if has_image:
            self._picture(scene, i, COVER_RECT, alt)
        scene.items.append(ShapeItem("accent bar", Rect(M, 150, 64, 8), self.pal.accent))
        self._text(scene, "title", Rect(M, 172, width, 170), [Para(title, bold=True, balance=True)], s.title * 1.25,
                   s.min_heading, self.pal.text, self.pal.background, heading=True, anchor="bottom")
        if subtitle:
            self._text(scene, "subtitle", Rect(M, 358, width, 100), [Para(subtitle)], s.body * 1.2, s.min_body,
                       self.pal.muted, self.pal.background)

    def _layout_section(self, i: int, slide: P.SectionSlide) -> None:
        s = self.c.theme.sizes
        scene = self._new(i, "section", background=self.pal.accent, notes=slide.notes)
        self._text(scene, "title", Rect(M, 150, SLIDE_W - 2 * M, 170), [Para(slide.title, bold=True, balance=True)],
                   s.title * 1.2, s.min_heading, self.pal.accent_text, self.pal.accent, heading=True, anchor="bottom")
        if slide.subtitle:
            self._text(scene, "subtitle", Rect(M, 336, SLIDE_W - 2 * M, 90), [Para(slide.subtitle)], s.body * 1.15,
                       s.min_body, self.pal.accent_text, self.pal.accent)

    def _layout_bullets(self, i: int, slide: P.BulletsSlide) -> None:
        self._bulleted(i, slide.title, slide.bullets, slide.notes, "bullets")

    def _bulleted(self, i: int, title: str, bullets: list[P.Bullet], notes: str, layout: str) -> None:
        """Bullets under a title. When they do not fit at the body size, many short bullets go into two columns;
        otherwise whatever does not fit at the floor size continues on another slide."""
        s = self.c.theme.sizes
        t = self.c.type
        ls = self.c.theme.line_spacing
        remaining = self._bullet_paras(bullets)
        first = True
        while remaining:
            scene = self._new(i, layout, notes=notes if first else "")
            self._title(scene, title if first else continued(title))
            columns = self._two_columns(remaining)
            if columns:
                for n, (part, rect) in enumerate(zip(columns, BODY.split_columns(2, GAP * 1.5)), start=1):
                    self._text(scene, f"body column {n}", rect, part, s.body, s.min_body, self.pal.text,
                               self.pal.background, bullets=True)
                remaining = []
            else:
                count = fitting_prefix(remaining, t.body, t.body_bold, BODY.w, BODY.h, s.min_body, ls)
                part, remaining = remaining[:count], remaining[count:]
                # Few short bullets read better larger than the body size; fitting brings long ones back down.
                largest = s.body * (1.4 if len(part) <= 3 else 1.2)
                self._text(scene, "body", BODY, part, largest, s.min_body, self.pal.text, self.pal.background,
                           bullets=True)
            self._footer(scene)
            first = False

    def _two_columns(self, paras: list[Para]) -> tuple[list[Para], list[Para]] | None:
        """Splits bullets into two columns when they overflow one column at the body size but are short enough
        (one line each at half width) to sit side by side without shrinking."""
        s = self.c.theme.sizes
        t = self.c.type
        ls = self.c.theme.line_spacing
        one = layout_at(paras, t.body, t.body_bold, s.body, BODY.w, ls)
        if one.height <= BODY.h or len(paras) < 6:
            return None
        half = BODY.split_columns(2, GAP * 1.5)[0]
        if any(len(p.lines) > 1 for p in layout_at(paras, t.body, t.body_bold, s.body, half.w, ls).paras):
            return None
        # Cut at a main point near the middle, so sub-points stay with their parent.
        cuts = [k for k in range(1, len(paras)) if paras[k].scale >= 1]
        if not cuts:
            return None
        cut = min(cuts, key=lambda k: abs(k - len(paras) / 2))
        left, right = paras[:cut], paras[cut:]
        for part in (left, right):
            if layout_at(part, t.body, t.body_bold, s.body, half.w, ls).height > BODY.h:
                return None
        return left, right

    def _layout_two_column(self, i: int, slide: P.TwoColumnSlide) -> None:
        s = self.c.theme.sizes
        t = self.c.type
        scene = self._new(i, "two_column", notes=slide.notes)
        self._title(scene, slide.title)
        cards = BODY.split_columns(2, GAP)
        pad = 20.0
        paras_per_col = []
        for col in slide.columns:
            paras = ([Para(col.heading, scale=1.1, bold=True)] if col.heading else []) + self._bullet_paras(col.bullets)
            paras_per_col.append(paras)
        # Both columns share one size, the largest at which each fits, so the two sides read as a pair.
        size = min(
            fit(p, t.body, t.body_bold, c.w - 2 * pad, c.h - 2 * pad, s.body, s.min_body, self.c.theme.line_spacing).size
            for p, c in zip(paras_per_col, cards)
        )
        # Cards are as tall as the taller column needs (with a sensible minimum), not the whole body.
        needed = max(
            layout_at(p, t.body, t.body_bold, size, c.w - 2 * pad, self.c.theme.line_spacing).height
            for p, c in zip(paras_per_col, cards)
        )
        card_h = min(BODY.h, max(needed + 2 * pad + 4, BODY.h * 0.55))
        for n, (paras, card) in enumerate(zip(paras_per_col, cards), start=1):
            card = Rect(card.x, card.y, card.w, card_h)
            scene.items.append(ShapeItem(f"column {n} card", card, self.pal.surface, "round", radius=12))
            self._text(scene, f"column {n}", card.inset(pad), paras, size, s.min_body, self.pal.text, self.pal.surface,
                       bullets=True)
        self._footer(scene)

    def _layout_chart(self, i: int, slide: P.ChartSlide) -> None:
        s = self.c.theme.sizes
        scene = self._new(i, "chart", notes=slide.notes)
        self._title(scene, slide.title)
        chart_rect = BODY
        if slide.caption:
            chart_rect = Rect(BODY.x, BODY.y, BODY.w, BODY.h - 44)
            self._text(scene, "caption", Rect(BODY.x, chart_rect.bottom + 8, BODY.w, 36), [Para(slide.caption)],
                       s.small * 1.15, s.small, self.pal.muted, self.pal.background)
        scene.items.append(ChartItem("chart", chart_rect, slide.chart))
        self._footer(scene)

    def _layout_image(self, i: int, slide: P.ImageSlide) -> None:
        s = self.c.theme.sizes
        scene = self._new(i, "image", notes=slide.notes)
        self._title(scene, slide.title)
        rect = image_rect(slide)
        self._picture(scene, i, rect, slide.image.alt)
        if slide.bullets:
            text_rect = Rect(rect.right + GAP, BODY.y, BODY.right - rect.right - GAP, BODY.h)
            self._text(scene, "body", text_rect, self._bullet_paras(slide.bullets), s.body, s.min_body,
                       self.pal.text, self.pal.background, bullets=True)
        self._footer(scene)

    def _layout_quote(self, i: int, slide: P.QuoteSlide) -> None:
        s = self.c.theme.sizes
        scene = self._new(i, "quote", notes=slide.notes)
        self._text(scene, "quote mark", Rect(M, 70, 90, 140), [Para("“", bold=True)], 110, 110,
                   self.pal.accent, self.pal.background, heading=True)
        text_x = M + 100
        self._text(scene, "quote", Rect(text_x, 110, SLIDE_W - M - text_x, 270), [Para(slide.quote)], s.heading,
                   s.min_body, self.pal.text, self.pal.background, anchor="middle", italic=True)
        if slide.attribution:
            self._text(scene, "attribution", Rect(text_x, 396, SLIDE_W - M - text_x, 40),
                       [Para(f"— {slide.attribution}")], s.body, s.min_body, self.pal.muted, self.pal.background)
        self._footer(scene)

    def _layout_stat(self, i: int, slide: P.StatSlide) -> None:
        s = self.c.theme.sizes
        t = self.c.type
        ls = self.c.theme.line_spacing
        scene = self._new(i, "stat", notes=slide.notes)
        self._title(scene, slide.title)
        n = len(slide.stats)
        cols = BODY.split_columns(n, GAP)
        value_size = s.stat if n < 4 else s.stat * 0.8
        value_h = value_size * 1.3
        pad = 20.0
        # Cards as tall as the longest label needs, centred in the body.
        label_h = max(layout_at([Para(st.label)], t.body, t.body_bold, s.body, c.w - 2 * pad, ls).height
                      for st, c in zip(slide.stats, cols))
        card_h = min(BODY.h, max(value_h + 10 + label_h + 2 * pad, 170.0))
        top = BODY.y + (BODY.h - card_h) / 2 - 20
        for k, (stat, col) in enumerate(zip(slide.stats, cols), start=1):
            card = Rect(col.x, top, col.w, card_h)
            scene.items.append(ShapeItem(f"stat {k} card", card, self.pal.surface, "round", radius=12))
            inner = card.inset(pad)
            self._text(scene, f"stat {k} value", Rect(inner.x, inner.y, inner.w, value_h), [Para(stat.value, bold=True)],
                       value_size, s.heading * 0.8, self.pal.accent, self.pal.surface, heading=True, max_lines=1,
                       anchor="bottom")
            self._text(scene, f"stat {k} label", Rect(inner.x, inner.y + value_h + 10, inner.w, inner.h - value_h - 10),
                       [Para(stat.label)], s.body, s.min_body, self.pal.text, self.pal.surface)
        self._footer(scene)

    def _layout_table(self, i: int, slide: P.TableSlide) -> None:
        s = self.c.theme.sizes
        t = self.c.type
        table = slide.table
        ncols = len(table.columns)
        size = max(min(s.body * 0.8, 16.0 - max(ncols - 5, 0)), s.small)
        # Column widths follow the longest cell, within a floor and a cap, so short columns stay narrow.
        lengths = []
        for c, header in enumerate(table.columns):
            longest = max([len(header)] + [len(format_cell(r[c])) for r in table.rows[:200]])
            lengths.append(min(max(longest, 4), 40))
        total = sum(lengths)
        widths = [BODY.w * n / total for n in lengths]
        pad = 6.0

        def row_layouts(cells: list[str], bold: bool) -> list[TextLayout]:
            return [
                layout_at([Para(text, bold=bold)], t.body, t.body_bold, size, w - 2 * pad, 1.15)
                for text, w in zip(cells, widths)
            ]

        header = row_layouts(list(table.columns), True)
        header_h = max(l.height for l in header) + 2 * pad
        start = 0
        first = True
        while start < len(table.rows):
            scene = self._new(i, "table", notes=slide.notes if first else "")
            self._title(scene, slide.title if first else continued(slide.title))
            used = header_h
            layouts = [header]
            heights = [header_h]
            end = start
            while end < len(table.rows):
                cells = row_layouts([format_cell(v) for v in table.rows[end]], False)
                h = max(l.height for l in cells) + 2 * pad
                if used + h > BODY.h and end > start:
                    break
                layouts.append(cells)
                heights.append(h)
                used += h
                end += 1
            rect = Rect(BODY.x, BODY.y, BODY.w, used)
            scene.items.append(TableItem("table", rect, table, (start, end), widths, heights, size, layouts))
            for text in list(table.columns) + [format_cell(v) for r in table.rows[start:end] for v in r]:
                check_glyphs(self.c.lints, text, t.body, f"slide {scene.index} / table")
            self._footer(scene)
            start = end
            first = False

    # ---- lints --------------------------------------------------------------------------------------------

    def _lint(self, scene: SlideScene) -> None:
        boxes = []
        for item in scene.items:
            if isinstance(item, TextItem):
                boxes.append((f"slide {scene.index} / {item.name}", _used_rect(item)))
            elif isinstance(item, (ChartItem, TableItem)):
                boxes.append((f"slide {scene.index} / {item.name}", item.rect))
            elif isinstance(item, PictureItem) and item.rect != COVER_RECT:
                boxes.append((f"slide {scene.index} / {item.name}", item.rect))
        check_boxes(self.c.lints, boxes, CANVAS)


def _used_rect(item: TextItem) -> Rect:
    """The part of a text box its laid-out lines occupy, honouring the vertical anchor."""
    h = min(item.layout.height, item.rect.h) if not item.layout.overflow else item.layout.height
    if item.anchor == "bottom":
        y = item.rect.bottom - h
    elif item.anchor == "middle":
        y = item.rect.y + (item.rect.h - h) / 2
    else:
        y = item.rect.y
    return Rect(item.rect.x, y, item.rect.w, h)

"""Lays a scene's elements out on the canvas, with Atelier's layout engine: real font metrics and CJK line
breaking (renderers.layout), the whiteboard's engines for diagrams and timelines (Graphviz, the time axis) and
its hand-drawn strokes, the chart geometry infographics use, and Lucide icons.

A scene is a heading band over a body. What the body holds decides its arrangement: nodes and connectors go to
the whiteboard's layout engines and are scaled into the body; bullets stack in a column (pictures and charts
beside them); shapes, icons and numbers stand in a row; a title card centres its title. The plan never says
where anything goes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from modalities.whiteboard import plan as W
from modalities.whiteboard.diagram import NodeBox
from modalities.whiteboard.fonts import board_fonts
from modalities.whiteboard.geometry import border_point
from modalities.whiteboard.layout import ENGINES
from modalities.whiteboard.sizing import INK, shade, tint
from renderers.base import Lints
from renderers.chart.geometry import Bar, Label, chart_marks
from renderers.layout.fit import Para, TextLayout, fit, layout_at
from renderers.layout.fonts import FontStack
from renderers.layout.geometry import Rect
from renderers.layout.script import is_cjk
from renderers.lints import check_glyphs, readable_on
from renderers.plan.common import ChartKind
from renderers.theme import Theme
from renderers.typography import typography

from . import plan as P
from .parts import (
    ChartPart,
    DotPart,
    IconPart,
    ImagePart,
    LinePart,
    Part,
    ShapePart,
    SketchPart,
    TextPart,
    count_spec,
    line_of,
    text_part,
)

Picture = Callable[[P.ImageElement, int, int], bytes]  # (element, width, height) -> PNG


@dataclass
class Placed:
    """One element laid out: its box on the canvas and the parts it is drawn from.

    Parts are in the element's own coordinates; `base` (scale, dx, dy) maps them onto the canvas (a diagram is
    laid out at the whiteboard's size and scaled into the scene). `box` is already on the canvas.
    """

    id: str
    kind: str
    box: Rect
    parts: list[Part]
    text: str = ""
    base: tuple[float, float, float] = (1.0, 0.0, 0.0)
    hand: bool = False  # hand-drawn (whiteboard) strokes
    fill: str | None = None  # the colour a recolour changes from
    role: str = ""
    ends: tuple[str, str] | None = None  # a straight connector's ends: it follows them when they move

    def to_canvas(self, x: float, y: float) -> tuple[float, float]:
        s, dx, dy = self.base
        return x * s + dx, y * s + dy


@dataclass
class LaidScene:
    scene: P.Scene
    elements: dict[str, Placed]  # drawing order
    backdrop: list[Placed] = field(default_factory=list)  # drawn before the elements, enters with the scene


@dataclass
class Frame:
    """Sizes for one canvas: `u` is pixels per point of a 960 × 540 slide, so theme sizes carry over."""

    width: int
    height: int
    theme: Theme

    @property
    def u(self) -> float:
        return min(self.width / 960, self.height / 540)

    @property
    def margin(self) -> float:
        return 48 * self.u

    @property
    def rect(self) -> Rect:
        return Rect(0, 0, self.width, self.height)


def resolve_color(name: str | None, theme: Theme, default: str) -> str:
    """A plan colour (a theme colour's name or '#RRGGBB') in the theme's palette."""
    if not name:
        return default
    pal = theme.palette
    if name.startswith("#"):
        return name
    named = {"accent": pal.accent, "text": pal.text, "muted": pal.muted, "positive": pal.series[2 % len(pal.series)],
             "negative": pal.series[3 % len(pal.series)], "warning": pal.series[1 % len(pal.series)]}
    if name in named:
        return named[name]
    m = re.fullmatch(r"series([1-8])", name)
    return pal.series[(int(m.group(1)) - 1) % len(pal.series)] if m else default


def _shift(placed: Placed, dy: float) -> None:
    """Moves a laid-out element down by dy (its parts follow through its base transform)."""
    s, tx, ty = placed.base
    placed.base = (s, tx, ty + dy)
    b = placed.box
    placed.box = Rect(b.x, b.y + dy, b.w, b.h)


def _mix(a: str, b: str, t: float) -> str:
    """Colour a mixed with colour b (t = 1 is b): a tint toward a dark background."""
    from renderers.lints import hex_rgb

    (r1, g1, b1), (r2, g2, b2) = hex_rgb(a), hex_rgb(b)
    return f"#{round(r1 + (r2 - r1) * t):02X}{round(g1 + (g2 - g1) * t):02X}{round(b1 + (b2 - b1) * t):02X}"


def words_of(el) -> str:
    """The words an element shows (reading time, language detection, captions of key frames)."""
    if isinstance(el, P.TextElement):
        return el.text
    if isinstance(el, P.NumberElement):
        return f"{el.value} {el.label}"
    if isinstance(el, (P.ShapeElement, P.IconElement, P.ConnectorElement)):
        return el.label or ""
    if isinstance(el, P.NodeElement):
        return " ".join(x for x in (el.time, el.label) if x)
    return ""


def choose_layout(scene: P.Scene) -> P.SceneLayout:
    if scene.layout is not P.SceneLayout.AUTO:
        return scene.layout
    els = scene.elements
    if any(isinstance(e, P.NodeElement) and e.time for e in els):
        return P.SceneLayout.TIMELINE
    if any(isinstance(e, (P.ConnectorElement, P.NodeElement)) for e in els):
        return P.SceneLayout.DIAGRAM
    roles = {e.role for e in els if isinstance(e, P.TextElement)}
    if any(isinstance(e, P.ChartElement) for e in els) and P.TextRole.BULLET not in roles:
        return P.SceneLayout.CHART
    if any(isinstance(e, P.NumberElement) for e in els) and P.TextRole.BULLET not in roles:
        return P.SceneLayout.STATS
    if P.TextRole.TITLE in roles and not (roles - {P.TextRole.TITLE, P.TextRole.SUBTITLE, P.TextRole.CAPTION}):
        return P.SceneLayout.TITLE
    if any(isinstance(e, (P.ShapeElement, P.IconElement)) for e in els) and P.TextRole.BULLET not in roles:
        return P.SceneLayout.ROW
    return P.SceneLayout.LIST


class SceneLayouter:
    def __init__(self, frame: Frame, lints: Lints, picture: Picture):
        self.f = frame
        self.theme = frame.theme
        self.pal = frame.theme.palette
        self.typ = typography(frame.theme)
        self.lints = lints
        self.picture = picture

    # ---- entry -------------------------------------------------------------------------------------------

    def layout(self, scene: P.Scene) -> LaidScene:
        kind = choose_layout(scene)
        f = self.f
        u, m = f.u, f.margin
        out: dict[str, Placed] = {}
        backdrop: list[Placed] = []
        texts = [e for e in scene.elements if isinstance(e, P.TextElement)]
        top = m * 0.8
        heading = next((e for e in texts if e.role is P.TextRole.HEADING), None)
        if kind is not P.SceneLayout.TITLE and heading is None:
            heading = next((e for e in texts if e.role is P.TextRole.TITLE), None)
        if kind is P.SceneLayout.TITLE:
            body = Rect(m, m, f.width - 2 * m, f.height - 2 * m)
            out.update(self._title_card(scene, body))
        else:
            if heading is not None:
                placed = self._heading(heading, Rect(m, top, f.width - 2 * m, 84 * u))
                out[heading.id] = placed
                top = placed.box.bottom + 26 * u
            else:
                top = m
            body = Rect(m, top, f.width - 2 * m, f.height - top - m * 0.9)
            rest = [e for e in scene.elements if e.id not in out]
            if kind in (P.SceneLayout.DIAGRAM, P.SceneLayout.TIMELINE):
                out.update(self._diagram(scene, rest, body, kind, backdrop))
            else:
                out.update(self._body(rest, body, kind))
        order = {e.id: i for i, e in enumerate(scene.elements)}
        # Connectors under what they join; otherwise the plan's order.
        ordered = sorted(out.values(), key=lambda p: (p.kind != "connector", order.get(p.id, 0)))
        for p in ordered:
            for part in p.parts:
                if isinstance(part, TextPart):
                    for line in part.lines:
                        check_glyphs(self.lints, line.text, part.stack, f"scene {scene.id} / {p.id}")
        return LaidScene(scene, {p.id: p for p in ordered}, backdrop)

    # ---- text --------------------------------------------------------------------------------------------

    def _fit(self, where: str, paras: list[Para], box: Rect, size: float, floor: float,
             bold_stack: FontStack | None = None, max_lines: int | None = None) -> TextLayout:
        regular = self.typ.body
        bold = bold_stack or self.typ.body_bold
        lay = fit(paras, regular, bold, box.w, box.h, size, floor, self.theme.line_spacing, max_lines)
        if lay.overflow:
            self.lints.warn("text_overflow", where, f"the text does not fit its {box.w:.0f}×{box.h:.0f} px box even "
                            f"at {floor:.0f} px")
        return lay

    def _heading(self, el: P.TextElement, box: Rect) -> Placed:
        u = self.f.u
        lay = self._fit(el.id, [Para(el.text, bold=True, balance=True)], box, 34 * u, 22 * u, self.typ.heading,
                        max_lines=2)
        h = lay.height
        tp = text_part(lay, box, self.pal.text, self.typ.body, self.typ.heading, "left")
        rule = ShapePart("rect", Rect(box.x, box.y + h + 10 * u, 56 * u, 5 * u), self.pal.accent)
        return Placed(el.id, "text", Rect(box.x, box.y, max(lay.width, 56 * u), h + 15 * u), [tp, rule], el.text,
                      role="heading")

    def _title_card(self, scene: P.Scene, box: Rect) -> dict[str, Placed]:
        u = self.f.u
        out: dict[str, Placed] = {}
        texts = [e for e in scene.elements if isinstance(e, P.TextElement)]
        title = next((e for e in texts if e.role is P.TextRole.TITLE), texts[0] if texts else None)
        others = [e for e in texts if e is not title]
        inner = Rect(box.x + 40 * u, box.y, box.w - 80 * u, box.h)
        blocks: list[tuple[P.TextElement, TextLayout, float]] = []
        if title is not None:
            lay = self._fit(title.id, [Para(title.text, bold=True, balance=True)], Rect(0, 0, inner.w, box.h * 0.45),
                            52 * u, 30 * u, self.typ.heading, max_lines=3)
            blocks.append((title, lay, 0.0))
        for e in others:
            scale = 0.6 if e.role is P.TextRole.CAPTION else 1.0
            lay = self._fit(e.id, [Para(e.text, balance=True)], Rect(0, 0, inner.w * 0.85, box.h * 0.2),
                            26 * u * scale, 15 * u * scale, max_lines=3)
            blocks.append((e, lay, 22 * u))
        visuals = [e for e in scene.elements if not isinstance(e, P.TextElement)]
        visual_h = min(box.h * 0.3, 150 * u) if visuals else 0.0
        total = sum(lay.height + gap for _, lay, gap in blocks) + (visual_h + 30 * u if visuals else 0) + 28 * u
        y = box.y + (box.h - total) / 2
        if visuals:
            row = Rect(box.x, y, box.w, visual_h)
            out.update(self._row(visuals, row))
            y += visual_h + 30 * u
        for el, lay, gap in blocks:
            y += gap
            rect = Rect(inner.x, y, inner.w, lay.height)
            if el is title:
                tp = text_part(lay, rect, self.pal.text, self.typ.body, self.typ.heading, "center")
                rule_w = 72 * u
                rule = ShapePart("round", Rect(rect.cx - rule_w / 2, rect.bottom + 18 * u, rule_w, 6 * u),
                                 self.pal.accent, radius=3 * u)
                width = max(lay.width, rule_w)
                out[el.id] = Placed(el.id, "text", Rect(rect.cx - width / 2, rect.y, width, lay.height + 24 * u),
                                    [tp, rule], el.text, role="title")
                y += lay.height + 28 * u
            else:
                color = self.pal.muted
                tp = text_part(lay, rect, color, self.typ.body, self.typ.body_bold, "center")
                out[el.id] = Placed(el.id, "text", Rect(rect.cx - lay.width / 2, rect.y, lay.width, lay.height), [tp],
                                    el.text, role=el.role.value)
                y += lay.height
        return out

    def _column(self, els: list[P.TextElement], box: Rect) -> dict[str, Placed]:
        """Body text, bullets, quotes and captions stacked top to bottom at one fitted size."""
        u = self.f.u
        paras = []
        for n, e in enumerate(els):
            if e.role is P.TextRole.BULLET:
                paras.append(Para(e.text, scale=1.0 if e.level == 0 else 0.88, indent=1.3 + e.level * 1.2,
                                  space_before=0.0 if n == 0 else 0.75))
            elif e.role is P.TextRole.QUOTE:
                paras.append(Para(f"“{e.text}”", scale=1.3, space_before=0.0 if n == 0 else 0.8))
            elif e.role is P.TextRole.CAPTION:
                paras.append(Para(e.text, scale=0.7, space_before=0.0 if n == 0 else 0.9))
            elif e.role in (P.TextRole.TITLE, P.TextRole.HEADING, P.TextRole.SUBTITLE):
                paras.append(Para(e.text, scale=1.15, bold=True, space_before=0.0 if n == 0 else 0.9))
            else:
                paras.append(Para(e.text, space_before=0.0 if n == 0 else 0.8))
        lay = self._fit(f"{els[0].id}…", paras, box, 30 * u, 16 * u)
        out: dict[str, Placed] = {}
        for e, laid in zip(els, lay.paras):
            single = type(lay)(lay.size, [laid], laid.height, lay.width, lay.line_spacing)
            rect = Rect(box.x, box.y + laid.top, box.w, laid.height)
            color = self.pal.muted if e.role is P.TextRole.CAPTION else self.pal.text
            tp = text_part(single, rect, color, self.typ.body, self.typ.body_bold, "left", top=box.y)
            parts: list[Part] = [tp]
            width = max((ln.x + ln.width for ln in tp.lines), default=rect.x) - rect.x
            if e.role is P.TextRole.BULLET:
                r = laid.size * (0.2 if e.level == 0 else 0.16)
                first = tp.lines[0] if tp.lines else None
                if first is not None:
                    cy = first.baseline - laid.size * 0.34
                    cx = rect.x + laid.indent - laid.size * 0.85
                    parts.insert(0, DotPart(cx, cy, r, self.pal.accent if e.level == 0 else self.pal.muted))
            if e.role is P.TextRole.QUOTE:
                parts.insert(0, ShapePart("rect", Rect(rect.x - 18 * u, rect.y, 5 * u, laid.height), self.pal.accent))
            out[e.id] = Placed(e.id, "text", Rect(rect.x, rect.y, max(width, 1), laid.height), parts, e.text,
                               role=e.role.value)
        return out

    # ---- body --------------------------------------------------------------------------------------------

    def _body(self, els: list, box: Rect, kind: P.SceneLayout) -> dict[str, Placed]:
        u = self.f.u
        texts = [e for e in els if isinstance(e, P.TextElement)]
        connectors = [e for e in els if isinstance(e, P.ConnectorElement)]
        visuals = [e for e in els if not isinstance(e, (P.TextElement, P.ConnectorElement))]
        out: dict[str, Placed] = {}
        if texts and visuals:
            bullets = any(t.role is P.TextRole.BULLET for t in texts)
            if bullets or kind is P.SceneLayout.LIST:
                left = Rect(box.x, box.y, box.w * 0.54, box.h)
                right = Rect(box.x + box.w * 0.58, box.y, box.w * 0.42, box.h)
                out.update(self._column(texts, left))
                beside = self._stack(visuals, right)
                # The picture or chart starts level with the first line of text, as a slide would set it.
                top = min(p.box.y for p in beside.values())
                for placed in beside.values():
                    _shift(placed, box.y + 6 * u - top)
                out.update(beside)
            else:
                text_h = min(box.h * 0.34, 150 * u)
                out.update(self._row(visuals, Rect(box.x, box.y, box.w, box.h - text_h - 20 * u)))
                out.update(self._column(texts, Rect(box.x, box.bottom - text_h, box.w, text_h)))
        elif visuals:
            if len(visuals) > 5 and not any(isinstance(v, P.ChartElement) for v in visuals):
                half = math.ceil(len(visuals) / 2)
                rows = box.split_rows(2, 30 * u)
                out.update(self._row(visuals[:half], rows[0]))
                out.update(self._row(visuals[half:], rows[1]))
            else:
                out.update(self._row(visuals, box))
        elif texts:
            out.update(self._column(texts, box))
        for c in connectors:
            out[c.id] = self._straight(c, out)
        return out

    def _stack(self, els: list, box: Rect) -> dict[str, Placed]:
        gap = 24 * self.f.u
        rows = box.split_rows(len(els), gap) if len(els) > 1 else [box]
        out: dict[str, Placed] = {}
        for el, r in zip(els, rows):
            out.update(self._item(el, r))
        return out

    def _row(self, els: list, box: Rect) -> dict[str, Placed]:
        u = self.f.u
        n = len(els)
        gap = 56 * u if n > 1 else 0
        wide = all(isinstance(e, (P.ChartElement, P.ImageElement)) for e in els)
        cap = (box.w * 0.8 if n == 1 else 520 * u) if wide else 300 * u
        col_w = min((box.w - gap * (n - 1)) / n, cap)
        total = col_w * n + gap * (n - 1)
        x = box.x + (box.w - total) / 2
        out: dict[str, Placed] = {}
        for el in els:
            out.update(self._item(el, Rect(x, box.y, col_w, box.h)))
            x += col_w + gap
        return out

    def _item(self, el, cell: Rect) -> dict[str, Placed]:
        if isinstance(el, P.ShapeElement):
            return {el.id: self._shape(el, cell)}
        if isinstance(el, P.IconElement):
            return {el.id: self._icon(el, cell)}
        if isinstance(el, P.NumberElement):
            return {el.id: self._number(el, cell)}
        if isinstance(el, P.ChartElement):
            return {el.id: self._chart(el, cell)}
        if isinstance(el, P.ImageElement):
            return {el.id: self._image(el, cell)}
        if isinstance(el, P.NodeElement):
            return {el.id: self._loose_node(el, cell)}
        if isinstance(el, P.TextElement):
            return self._column([el], cell)
        raise TypeError(el)

    def _series_color(self, el_id: str) -> str:
        series = self.pal.series
        return series[sum(map(ord, el_id)) % min(len(series), 5)]

    def _shape(self, el: P.ShapeElement, cell: Rect) -> Placed:
        u = self.f.u
        w = min(cell.w * 0.78, 230 * u)
        h = min(cell.h, w * 0.6, 140 * u)
        if el.shape in (P.ShapeKind.CIRCLE,):
            w = h = min(w, cell.h, 170 * u)
        elif el.shape is P.ShapeKind.DIAMOND:
            h = min(cell.h, w * 0.75)
        rect = Rect(cell.cx - w / 2, cell.cy - h / 2, w, h)
        fill = resolve_color(el.color, self.theme, self._series_color(el.id))
        geom = {"box": "rect", "round": "round", "ellipse": "ellipse", "circle": "ellipse", "diamond": "diamond"}
        parts: list[Part] = [ShapePart(geom[el.shape.value], rect, fill, shade(fill, 0.18), 2.5 * u,
                                       radius=min(18 * u, h / 4), shadow=True)]
        if el.label:
            inset = rect.inset(w * (0.24 if el.shape in (P.ShapeKind.DIAMOND,) else 0.1),
                               h * (0.24 if el.shape is P.ShapeKind.DIAMOND else 0.12))
            lay = self._fit(el.id, [Para(el.label, bold=True, balance=True)], inset, 24 * u, 13 * u, max_lines=3)
            top = inset.y + (inset.h - lay.height) / 2
            parts.append(text_part(lay, inset, readable_on(fill, "#FFFFFF", INK), self.typ.body, self.typ.body_bold,
                                   "center", top=top))
        return Placed(el.id, "shape", rect, parts, el.label or "", fill=fill)

    def _icon(self, el: P.IconElement, cell: Rect) -> Placed:
        from renderers.icons import match

        u = self.f.u
        color = resolve_color(el.color, self.theme, self.pal.accent)
        label_h = 64 * u if el.label else 0.0
        d = min(cell.w * 0.62, cell.h - label_h - 12 * u, 132 * u)
        top = cell.y + (cell.h - d - label_h - (12 * u if el.label else 0)) / 2
        disc = Rect(cell.cx - d / 2, top, d, d)
        icon = disc.inset(d * 0.24)
        disc_fill = _mix(color, self.pal.background, 0.78) if self.theme.dark else tint(color, 0.86)
        parts: list[Part] = [ShapePart("ellipse", disc, disc_fill),
                             IconPart(match(el.label or el.icon, hint=el.icon), icon, color, 2.0)]
        box = disc
        if el.label:
            lr = Rect(cell.x, disc.bottom + 12 * u, cell.w, label_h)
            lay = self._fit(el.id, [Para(el.label, bold=True, balance=True)], lr, 21 * u, 13 * u, max_lines=2)
            parts.append(text_part(lay, lr, self.pal.text, self.typ.body, self.typ.body_bold, "center"))
            w = max(d, lay.width)
            box = Rect(cell.cx - w / 2, disc.y, w, disc.h + 12 * u + lay.height)
        return Placed(el.id, "icon", box, parts, el.label or "", fill=disc_fill)

    def _number(self, el: P.NumberElement, cell: Rect) -> Placed:
        u = self.f.u
        w = min(cell.w, 300 * u)
        pad = 22 * u
        inner_w = w - 2 * pad
        value = layout_at([Para(el.value, bold=True)], self.typ.heading, self.typ.heading, 64 * u, inner_w * 4, 1.1)
        size = 64 * u
        if value.width > inner_w:
            size = max(28 * u, size * inner_w / value.width)
            value = layout_at([Para(el.value, bold=True)], self.typ.heading, self.typ.heading, size, inner_w * 4, 1.1)
        label = self._fit(el.id, [Para(el.label, balance=True)], Rect(0, 0, inner_w, 90 * u), 19 * u, 12 * u,
                          max_lines=3)
        h = min(cell.h, pad * 2 + value.height + 10 * u + label.height + 8 * u)
        card = Rect(cell.cx - w / 2, cell.cy - h / 2, w, h)
        vrect = Rect(card.x + pad, card.y + pad, inner_w, value.height)
        vp = text_part(value, vrect, self.pal.accent, self.typ.heading, self.typ.heading, "center")
        vp.count = count_spec(el.value)
        lrect = Rect(card.x + pad, vrect.bottom + 10 * u, inner_w, label.height)
        lp = text_part(label, lrect, self.pal.muted, self.typ.body, self.typ.body_bold, "center")
        surface = self.pal.surface
        return Placed(el.id, "number", card, [ShapePart("round", card, surface, None, 0, radius=16 * u), vp, lp],
                      f"{el.value} {el.label}", fill=surface)

    def _chart(self, el: P.ChartElement, cell: Rect) -> Placed:
        u = self.f.u
        rect = cell.inset(4 * u)
        if el.chart.kind not in (ChartKind.PIE, ChartKind.DOUGHNUT):
            h = min(rect.h, rect.w * 0.75)
            rect = Rect(rect.x, rect.y + (rect.h - h) / 2, rect.w, h)
        marks = chart_marks(el.chart, rect, self.theme, 17 * u, self.pal.background)
        part = ChartPart(marks, rect, el.chart.kind.value, _growth(el.chart, marks), _late_labels(el.chart, marks))
        words = " ".join([*el.chart.categories, *(s.name for s in el.chart.series)])
        return Placed(el.id, "chart", rect, [part], words)

    def _image(self, el: P.ImageElement, cell: Rect) -> Placed:
        w = cell.w
        h = min(cell.h, w * 0.75)
        w = min(w, h * 4 / 3)
        rect = Rect(cell.cx - w / 2, cell.cy - h / 2, w, h)
        png = self.picture(el, max(16, round(w)), max(16, round(h)))
        return Placed(el.id, "image", rect, [ImagePart(png, rect, el.image.alt)], el.image.alt)

    def _loose_node(self, el: P.NodeElement, cell: Rect) -> Placed:
        """A whiteboard node outside a diagram: the whiteboard's sizing and strokes, in a cell of a row."""
        from modalities.whiteboard.sizing import Sizer, node_colors

        sizer = Sizer(self.theme)
        w, h, lay = sizer.node(el.label, el.shape.value)
        s = min(1.4 * self.f.u, cell.w / w, cell.h / h)
        rect = Rect(0, 0, w, h)
        fill, stroke = node_colors(self.theme, el.shape.value, None)
        box = NodeBox(el.id, el.label, el.shape.value, rect, lay, fill, stroke)
        parts = _node_parts(box, "flowchart", self.theme)
        tx, ty = cell.cx - w * s / 2, cell.cy - h * s / 2
        return Placed(el.id, "node", Rect(tx, ty, w * s, h * s), parts, el.label, (s, tx, ty), hand=True, fill=fill)

    def _straight(self, c: P.ConnectorElement, placed: dict[str, Placed]) -> Placed:
        """A straight arrow between the facing edges of two laid-out boxes, its label above the middle."""
        u = self.f.u
        a, b = placed[c.source].box, placed[c.target].box
        gap = 10 * u
        start = border_point(a, "box", (b.cx, b.cy), gap)
        end = border_point(b, "box", (a.cx, a.cy), gap)
        color = self.pal.muted
        parts: list[Part] = [LinePart([start, end], color, 3 * u, c.dashed, c.heads is not P.Heads.NONE,
                                      c.heads is P.Heads.BOTH, 15 * u)]
        xs, ys = (start[0], end[0]), (start[1], end[1])
        box = Rect(min(xs), min(ys) - 2 * u, max(abs(xs[1] - xs[0]), 1), max(abs(ys[1] - ys[0]), 4 * u))
        if c.label:
            size = 16 * u
            stack = self.typ.body
            mid = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
            line = line_of(c.label, 0, 0, stack, size)
            lx, ly = mid[0] - line.width / 2, mid[1] - 14 * u
            line.x, line.baseline = lx, ly
            parts.append(TextPart([line], size, stack, self.pal.text, "center"))
            box = Rect(min(box.x, lx), min(box.y, ly - size), max(box.w, line.width), box.h + size + 14 * u)
        return Placed(c.id, "connector", box, parts, c.label or "", ends=(c.source, c.target))

    # ---- diagrams ----------------------------------------------------------------------------------------

    def _diagram(self, scene: P.Scene, els: list, box: Rect, kind: P.SceneLayout,
                 backdrop: list[Placed]) -> dict[str, Placed]:
        """Nodes, shapes, icons and numbers as whiteboard nodes, connectors as its edges, laid out by the
        whiteboard's engine for the kind (Graphviz for flows, the time axis for timelines), then scaled into the
        scene. Text and other elements in the scene go beside it."""
        u = self.f.u
        boxed = [e for e in els if isinstance(e, P.BOXED)]
        connectors = [e for e in els if isinstance(e, P.ConnectorElement)]
        others = [e for e in els if e not in boxed and e not in connectors]
        if not boxed:
            return self._body(els, box, P.SceneLayout.LIST)
        area = box
        out: dict[str, Placed] = {}
        if others:
            text_h = min(box.h * 0.25, 110 * u)
            area = Rect(box.x, box.y, box.w, box.h - text_h - 16 * u)
            out.update(self._body(others, Rect(box.x, area.bottom + 16 * u, box.w, text_h), P.SceneLayout.LIST))
        timeline = kind is P.SceneLayout.TIMELINE
        shape_of = {"box": W.NodeShape.BOX, "round": W.NodeShape.ROUND, "ellipse": W.NodeShape.TERMINAL,
                    "circle": W.NodeShape.TERMINAL, "diamond": W.NodeShape.DECISION}
        nodes = []
        for e in boxed:
            if isinstance(e, P.NodeElement):
                nodes.append(W.Node(id=e.id, label=e.label, shape=W.NodeShape(e.shape.value), time=e.time))
            elif isinstance(e, P.ShapeElement):
                nodes.append(W.Node(id=e.id, label=e.label or " ", shape=shape_of[e.shape.value]))
            elif isinstance(e, P.IconElement):
                nodes.append(W.Node(id=e.id, label=e.label or e.icon, shape=W.NodeShape.ROUND))
            else:
                nodes.append(W.Node(id=e.id, label=f"{e.value} {e.label}"[:160], shape=W.NodeShape.ROUND))
        edges = [W.Edge(source=c.source, target=c.target, label=c.label, dashed=c.dashed,
                        heads=W.ArrowHeads(c.heads.value)) for c in connectors]
        direction = {"auto": W.Direction.AUTO, "right": W.Direction.RIGHT, "down": W.Direction.DOWN}
        if not timeline and self.f.width >= self.f.height and scene.direction is P.FlowDirection.AUTO:
            wdir = W.Direction.RIGHT  # a wide screen reads a flow left to right
        else:
            wdir = direction[scene.direction.value]
        wkind = W.DiagramKind.TIMELINE if timeline else W.DiagramKind.FLOWCHART
        wplan = W.WhiteboardPlan(title=scene.id, kind=wkind, direction=wdir, nodes=nodes, edges=edges)
        diagram = ENGINES[wkind](wplan, self.theme)
        bounds = diagram.bounds()
        s = min(area.w / max(bounds.w, 1), area.h / max(bounds.h, 1), 1.45 * u)
        tx = area.x + (area.w - bounds.w * s) / 2 - bounds.x * s
        ty = area.y + (area.h - bounds.h * s) / 2 - bounds.y * s
        base = (s, tx, ty)

        def canvas_rect(r: Rect) -> Rect:
            return Rect(r.x * s + tx, r.y * s + ty, r.w * s, r.h * s)

        by_id = {e.id: e for e in boxed}
        slots = _timeline_slots(wplan) if timeline else {}
        extras: dict[str, list[Part]] = {}
        extra_boxes: dict[str, list[Rect]] = {}
        if timeline:
            fonts = board_fonts(self.theme)
            for mark in diagram.marks:
                owner = slots.get(int(mark.id.split("-")[1]))
                if owner:
                    extras.setdefault(owner, []).append(DotPart(mark.cx, mark.cy, mark.r, mark.color))
            for guide in diagram.guides:
                if guide.id.startswith("tick-"):
                    owner = slots.get(int(guide.id.split("-")[1]))
                    if owner:
                        extras.setdefault(owner, []).insert(0, LinePart(guide.points, guide.color or self.pal.muted,
                                                                        guide.width, guide.dashed))
                else:
                    line = LinePart(guide.points, guide.color or self.pal.muted, guide.width, guide.dashed)
                    xs = [p[0] for p in guide.points]
                    ys = [p[1] for p in guide.points]
                    backdrop.append(Placed(f"{scene.id}-axis", "guide",
                                           canvas_rect(Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))),
                                           [line], base=base, hand=True))
            for t in diagram.texts:
                owner = slots.get(int(t.id.split("-")[1]))
                if owner:
                    extras.setdefault(owner, []).append(
                        text_part(t.text, t.rect, t.color, fonts.regular, fonts.bold, t.align))
                    extra_boxes.setdefault(owner, []).append(t.rect)
        for n in diagram.nodes:
            el = by_id[n.id]
            parts = extras.get(n.id, [])[:]
            dots_lines = [p for p in parts if not isinstance(p, TextPart)]
            texts = [p for p in parts if isinstance(p, TextPart)]
            clean = isinstance(el, P.ShapeElement)  # a plain shape, drawn crisp; nodes, icons and numbers by hand
            body: list[Part]
            if isinstance(el, P.ShapeElement):
                fill = resolve_color(el.color, self.theme, n.fill)
                geom = {"decision": "diamond", "terminal": "ellipse"}.get(n.shape, "round")
                body = [ShapePart(geom, n.rect, fill, shade(fill, 0.2), 2.0, radius=min(14.0, n.rect.h / 4))]
                fonts = board_fonts(self.theme)
                body.append(text_part(n.text, n.rect, readable_on(fill, "#FFFFFF", INK), fonts.regular, fonts.bold,
                                      "center", top=n.rect.cy - n.text.height / 2))
                n.fill = fill
            else:
                body = _node_parts(n, diagram.kind, self.theme)
            box = canvas_rect(n.rect)
            words = words_of(el)
            out[n.id] = Placed(n.id, el.kind, box, [*dots_lines, *body, *texts], words, base, hand=not clean,
                               fill=n.fill)
        connector_by_index = {i + 1: c for i, c in enumerate(connectors)}
        for edge in diagram.edges:
            c = connector_by_index.get(edge.index)
            if c is None:
                continue
            parts = _edge_parts(edge, self.theme)
            xs = [p[0] for p in edge.points]
            ys = [p[1] for p in edge.points]
            rect = Rect(min(xs), min(ys), max(max(xs) - min(xs), 1), max(max(ys) - min(ys), 1))
            out[c.id] = Placed(c.id, "connector", canvas_rect(rect), parts, c.label or "", base, hand=True,
                               ends=(c.source, c.target))
        for c in connectors:
            if c.id not in out:  # a timeline's chain edge is its axis: the arrow shows as the axis segment
                a, b = out[c.source].box, out[c.target].box
                out[c.id] = Placed(c.id, "connector", Rect(min(a.cx, b.cx), min(a.cy, b.cy), 1, 1), [], c.label or "")
        return out


# ---- whiteboard drawing, reused ------------------------------------------------------------------------

_TAG = re.compile(r"<(path|rect)\s([^>]*?)/?>")
_ATTR = re.compile(r'([\w-]+)="([^"]*)"')


def _svg_parts(markup: str) -> SketchPart:
    """The whiteboard's hand-drawn SVG (renderers.whiteboard.sketch) as fills and strokes in drawing order."""
    from .svgpath import element_path

    fills: list[tuple[str, str]] = []
    strokes: list[tuple[str, str, float, bool]] = []
    for tag, body in _TAG.findall(markup):
        attrs = dict(_ATTR.findall(body))
        d = element_path(tag, attrs)
        if not d:
            continue
        fill = attrs.get("fill", "none")
        stroke = attrs.get("stroke", "none")
        if fill not in ("none", ""):
            opacity = float(attrs.get("fill-opacity", "1"))
            fills.append((d, fill if opacity >= 1 else fill + f"{round(opacity * 255):02X}"))
        if stroke not in ("none", ""):
            strokes.append((d, stroke, float(attrs.get("stroke-width", "1")), "stroke-dasharray" in attrs))
    return SketchPart(fills, strokes)


def _node_parts(n: NodeBox, kind: str, theme: Theme) -> list[Part]:
    from modalities.whiteboard.sketch import _node, _text_top

    fonts = board_fonts(theme)
    stack = fonts.bold if n.bold else fonts.regular
    sketch = _svg_parts(_node(n, kind))
    sketch.outline = {"decision": "diamond", "terminal": "ellipse", "actor": "ellipse", "box": "rect",
                      "note": "rect"}.get(n.shape, "round")
    sketch.rect = n.rect
    return [sketch,
            text_part(n.text, n.rect, INK, stack, fonts.bold, "center", top=_text_top(n))]


def _edge_parts(e, theme: Theme) -> list[Part]:
    from modalities.whiteboard.sketch import _edge

    sketch = _svg_parts(_edge(e, theme.palette.text))
    sketch.outline, sketch.points = "line", list(e.points)
    parts: list[Part] = [sketch]
    if e.label_rect and e.label_text:
        fonts = board_fonts(theme)
        r = e.label_rect
        parts.append(ShapePart("round", r, theme.palette.background + "EB", radius=6))
        parts.append(text_part(e.label_text, r, theme.palette.text, fonts.regular, fonts.bold, "center", top=r.y + 2))
    return parts


def _timeline_slots(wplan: W.WhiteboardPlan) -> dict[int, str]:
    """Slot number (1-based, as the timeline engine numbers marks, dates and ticks) -> the id of its first node:
    consecutive events with the same time and group share a slot, as in the engine."""
    out: dict[int, str] = {}
    prev = None
    k = 0
    for n in wplan.nodes:
        if prev is None or n.time is None or n.time != prev.time or n.group != prev.group:
            k += 1
            out[k] = n.id
        prev = n
    return out


def _growth(chart, marks) -> dict[int, str]:
    """For each bar of a bar or column chart, the edge it grows from (the zero line): bars are the marks after
    the legend's swatches, series by series, category by category."""
    if chart.kind not in (ChartKind.BAR, ChartKind.COLUMN):
        return {}
    bars = [i for i, m in enumerate(marks.marks) if isinstance(m, Bar)]
    if len(chart.series) > 1:
        bars = bars[len(chart.series):]
    values = [v for s in chart.series for v in s.values]
    out = {}
    for i, v in zip(bars, values):
        if chart.kind is ChartKind.COLUMN:
            out[i] = "bottom" if v >= 0 else "top"
        else:
            out[i] = "left" if v >= 0 else "right"
    return out


def _late_labels(chart, marks) -> set[int]:
    """Labels that say a value (on a bar, beside a wedge): they appear when the data has grown. chart_marks
    writes a bar's value label right after the bar, and a wedge's share in bold."""
    out = set()
    items = marks.marks
    for i, m in enumerate(items):
        if isinstance(m, Label):
            if chart.kind in (ChartKind.PIE, ChartKind.DOUGHNUT) and m.bold:
                out.add(i)
            elif i and isinstance(items[i - 1], Bar) and chart.kind in (ChartKind.BAR, ChartKind.COLUMN):
                out.add(i)
    return out


def layout_scenes(plan: P.AnimationPlan, frame: Frame, lints: Lints, picture: Picture) -> list[LaidScene]:
    layouter = SceneLayouter(frame, lints, picture)
    return [layouter.layout(scene) for scene in plan.scenes]


def is_chinese(text: str) -> bool:
    letters = [c for c in text if c.isalpha() or is_cjk(c)]
    return bool(letters) and sum(is_cjk(c) for c in letters) / len(letters) > 0.3

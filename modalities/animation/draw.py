"""Frames with skia: every element drawn from its parts at the state its tracks give for one moment.

Text is drawn with exactly the font files the layout measured (loaded by path through a font manager that never
consults the system, so no other face can stand in), CJK faces included. Entrances reveal parts the way the step
says: `draw` traces strokes in drawing order (a whiteboard node's hand-drawn outline stroke by stroke) and fades
fills in after them, `write` wipes text in left to right, `grow` grows chart bars from their zero line, lines
along their length and pie wedges around the circle.
"""

from __future__ import annotations

import math
from functools import lru_cache

import skia

from modalities.whiteboard.sizing import shade
from renderers.chart.geometry import Bar, Disc, Dot, Label, Polyline, Wedge
from renderers.layout.fonts import FontFace

from .parts import ChartPart, DotPart, IconPart, ImagePart, LinePart, ShapePart, SketchPart, TextPart, line_of
from .svgpath import element_path, parse_path
from .tracks import State, Timeline

_FONTS = skia.FontMgr.New_Custom_Empty()  # only the files we name: no fontconfig, no substitutes


@lru_cache(maxsize=64)
def typeface(face: FontFace) -> skia.Typeface:
    tf = _FONTS.makeFromFile(face.path, face.index)
    if tf is None:
        raise RuntimeError(f"skia cannot load the font file {face.path} (face {face.index})")
    return tf


@lru_cache(maxsize=512)
def font(face: FontFace, size: float) -> skia.Font:
    f = skia.Font(typeface(face), size)
    f.setSubpixel(True)
    f.setLinearMetrics(True)  # advances as the layout engine measured them (unhinted)
    f.setHinting(skia.FontHinting.kNone)
    f.setEdging(skia.Font.Edging.kAntiAlias)
    return f


@lru_cache(maxsize=8192)
def blob(face: FontFace, size: float, text: str) -> skia.TextBlob | None:
    return skia.TextBlob.MakeFromString(text, font(face, size)) if text.strip() else None


@lru_cache(maxsize=1024)
def color(value: str, alpha: float = 1.0) -> int:
    v = value.lstrip("#")
    a = int(v[6:8], 16) / 255 if len(v) == 8 else 1.0
    return skia.Color(int(v[0:2], 16), int(v[2:4], 16), int(v[4:6], 16), round(255 * a * alpha))


def _clamp(v: float) -> float:
    return 0.0 if v < 0 else 1.0 if v > 1 else v


def _paint(c: int, stroke: float | None = None, dashed: bool = False, cap: bool = True) -> skia.Paint:
    p = skia.Paint(AntiAlias=True, Color=c)
    if stroke is not None:
        p.setStyle(skia.Paint.kStroke_Style)
        p.setStrokeWidth(stroke)
        if cap:
            p.setStrokeCap(skia.Paint.kRound_Cap)
            p.setStrokeJoin(skia.Paint.kRound_Join)
        if dashed:
            p.setPathEffect(skia.DashPathEffect.Make([stroke * 4, stroke * 3.5], 0))
    return p


@lru_cache(maxsize=4096)
def _geometry(geom: str, x: float, y: float, w: float, h: float, radius: float, d: str | None) -> skia.Path:
    path = skia.Path()
    if geom == "rect":
        path.addRect(skia.Rect.MakeXYWH(x, y, w, h))
    elif geom == "round":
        path.addRRect(skia.RRect.MakeRectXY(skia.Rect.MakeXYWH(x, y, w, h), radius, radius))
    elif geom == "ellipse":
        path.addOval(skia.Rect.MakeXYWH(x, y, w, h))
    elif geom == "diamond":
        path.addPoly([skia.Point(x + w / 2, y), skia.Point(x + w, y + h / 2), skia.Point(x + w / 2, y + h),
                      skia.Point(x, y + h / 2)], True)
    elif d:
        path = parse_path(d)
    return path


def shape_path(part: ShapePart) -> skia.Path:
    r = part.rect
    return _geometry(part.geom, r.x, r.y, r.w, r.h, part.radius, part.d)


@lru_cache(maxsize=256)
def _shadow(geom: str, w: int, h: int, radius: int, sigma: float) -> tuple[skia.Image, float]:
    """A soft drop shadow for a shape of this size, blurred once: blurring per frame costs most of a frame."""
    pad = sigma * 3
    surface = skia.Surface.MakeRasterN32Premul(int(w + 2 * pad) + 1, int(h + 2 * pad) + 1)
    paint = _paint(skia.Color(20, 30, 60, 34))
    paint.setMaskFilter(skia.MaskFilter.MakeBlur(skia.kNormal_BlurStyle, sigma))
    surface.getCanvas().drawPath(_geometry(geom, pad, pad, w, h, radius, None), paint)
    return surface.makeImageSnapshot(), pad


@lru_cache(maxsize=4096)
def _length(d: str) -> float:
    m = skia.PathMeasure(parse_path(d), False)
    total = 0.0
    while True:
        total += m.getLength()
        if not m.nextContour():
            break
    return total


def _trimmed(path: skia.Path, p: float) -> skia.PathEffect | None:
    return None if p >= 1.0 else skia.TrimPathEffect.Make(0.0, max(p, 0.0))


@lru_cache(maxsize=1024)
def icon_paths(name: str) -> tuple[skia.Path, ...]:
    import re

    from renderers.icons import icon_svg

    out = []
    for tag, body in re.findall(r"<(\w+)\s([^>]*?)/>", icon_svg(name)):
        d = element_path(tag, dict(re.findall(r'([\w-]+)="([^"]*)"', body)))
        if d:
            out.append(parse_path(d))
    return tuple(out)


@lru_cache(maxsize=64)
def _image(png: bytes) -> skia.Image:
    return skia.Image.MakeFromEncoded(skia.Data.MakeWithCopy(png))


class Painter:
    """Draws frames of a timeline onto a skia canvas."""

    def __init__(self, timeline: Timeline):
        self.tl = timeline
        self.u = min(timeline.width / 960, timeline.height / 540)

    def paint(self, canvas: skia.Canvas, t: float, zoom: float = 1.0, states: list[State] | None = None) -> None:
        tl = self.tl
        canvas.clear(color(tl.background))
        canvas.save()
        if zoom != 1.0:
            canvas.scale(zoom, zoom)
        cx, cy, z = tl.camera(t)
        if abs(z - 1.0) > 1e-4 or abs(cx - tl.width / 2) > 0.01 or abs(cy - tl.height / 2) > 0.01:
            canvas.translate(tl.width / 2, tl.height / 2)
            canvas.scale(z, z)
            canvas.translate(-cx, -cy)
        states = tl.states(t) if states is None else states
        by_id = {st.actor.placed.id: st for st in states}
        for state in states:
            self.actor(canvas, state, by_id)
        canvas.restore()

    # ---- one element -------------------------------------------------------------------------------------

    def actor(self, canvas: skia.Canvas, st: State, by_id: dict[str, State] | None = None) -> None:
        placed = st.actor.placed
        box = placed.box
        canvas.save()
        if st.dx or st.dy:
            canvas.translate(st.dx, st.dy)
        if abs(st.scale - 1.0) > 1e-4:
            canvas.translate(box.cx, box.cy)
            canvas.scale(st.scale, st.scale)
            canvas.translate(-box.cx, -box.cy)
        layered = st.opacity < 0.999
        if layered:
            pad = 40 * self.u
            bounds = skia.Rect.MakeXYWH(box.x - pad, box.y - pad, box.w + 2 * pad, box.h + 2 * pad)
            canvas.saveLayerAlpha(bounds, round(255 * st.opacity))
        if st.highlight > 0:
            pad = 10 * self.u
            halo = skia.RRect.MakeRectXY(skia.Rect.MakeXYWH(box.x - pad, box.y - pad, box.w + 2 * pad,
                                                            box.h + 2 * pad), 12 * self.u, 12 * self.u)
            canvas.drawRRect(halo, _paint(color(st.actor.highlight_color, 0.38 * st.highlight)))
        s, tx, ty = placed.base
        if s != 1.0 or tx or ty:
            canvas.translate(tx, ty)
            canvas.scale(s, s)
        mode = st.actor.mode if st.reveal < 1.0 else None
        recolour = None
        if st.color is not None:
            red, green, blue = (round(c) for c in st.color)
            recolour = f"#{red:02X}{green:02X}{blue:02X}"
        text_lines = sum(len(p.lines) for p in placed.parts if isinstance(p, TextPart))
        seen_lines = 0
        for part in placed.parts:
            if isinstance(part, TextPart):
                self.text(canvas, part, st, mode, seen_lines, text_lines, recolour if placed.kind == "text" else None)
                seen_lines += len(part.lines)
            elif isinstance(part, ShapePart):
                self.shape(canvas, part, st.reveal if mode else 1.0, mode,
                           recolour if part.fill == placed.fill else None)
            elif isinstance(part, SketchPart):
                self.sketch(canvas, part, st.reveal if mode else 1.0, recolour, placed.fill)
            elif isinstance(part, LinePart):
                if placed.ends and by_id:
                    part = _following(part, placed.ends, by_id, self.u)
                self.line(canvas, part, st.reveal if mode in ("draw", "grow", "write") else 1.0)
            elif isinstance(part, DotPart):
                a = _clamp(st.reveal * 3) if mode else 1.0
                canvas.drawCircle(part.cx, part.cy, part.r, _paint(color(part.color, a)))
            elif isinstance(part, IconPart):
                self.icon(canvas, part, st.reveal if mode else 1.0)
            elif isinstance(part, ImagePart):
                a = _clamp(st.reveal * 1.5) if mode else 1.0
                r = part.rect
                paint = skia.Paint(AntiAlias=True, Alphaf=a)
                canvas.drawImageRect(_image(part.png), skia.Rect.MakeXYWH(r.x, r.y, r.w, r.h),
                                     skia.SamplingOptions(skia.FilterMode.kLinear), paint)
            elif isinstance(part, ChartPart):
                self.chart(canvas, part, st.reveal if mode else 1.0)
        if layered:
            canvas.restore()
        canvas.restore()

    # ---- parts -------------------------------------------------------------------------------------------

    def text(self, canvas, part: TextPart, st: State, mode, first_line: int, all_lines: int, recolour) -> None:
        c = color(recolour or part.color)
        paint = _paint(c)
        if mode == "draw":
            paint = _paint(color(recolour or part.color, _clamp((st.reveal - 0.55) / 0.4)))
        for n, line in enumerate(part.lines):
            if part.count is not None and st.count < 1.0:
                text = part.count.at(st.count)
                centre = line.x + line.width / 2
                line = line_of(text, 0, line.baseline, part.stack, part.size)
                line.x = centre - line.width / 2 if part.align == "center" else line.x
            clip = None
            if mode == "write":
                # Lines are written one after another: each takes its share of the step.
                k = first_line + n
                p = _clamp(st.reveal * all_lines - k)
                if p <= 0:
                    continue
                if p < 1:
                    clip = skia.Rect.MakeLTRB(line.x - 2, line.baseline - part.size * 1.4,
                                              line.x + line.width * p, line.baseline + part.size * 0.6)
            if clip is not None:
                canvas.save()
                canvas.clipRect(clip)
            for run in line.runs:
                b = blob(run.face, part.size, run.text)
                if b is not None:
                    canvas.drawTextBlob(b, line.x + run.x, line.baseline, paint)
            if clip is not None:
                canvas.restore()

    def shape(self, canvas, part: ShapePart, p: float, mode, recolour) -> None:
        path = shape_path(part)
        fill = recolour or part.fill
        fill_a = _clamp((p - 0.45) / 0.45) if mode == "draw" else _clamp(p * 2) if mode == "write" else 1.0
        if part.shadow and fill and fill_a > 0:
            r = part.rect
            image, pad = _shadow(part.geom, round(r.w), round(r.h), round(part.radius), round(7 * self.u, 1))
            canvas.drawImage(image, r.x - pad, r.y - pad + 5 * self.u, skia.SamplingOptions(),
                             skia.Paint(Alphaf=fill_a))
        if fill and fill_a > 0:
            canvas.drawPath(path, _paint(color(fill, fill_a)))
        if part.stroke and part.width > 0:
            stroke_p = _clamp(p / 0.7) if mode == "draw" else 1.0
            if stroke_p > 0:
                paint = _paint(color(shade(recolour, 0.18) if recolour else part.stroke), part.width, part.dash)
                effect = _trimmed(path, stroke_p)
                if effect is not None:
                    paint.setPathEffect(effect)
                canvas.drawPath(path, paint)

    def sketch(self, canvas, part: SketchPart, p: float, recolour, base_fill) -> None:
        """Fills fade in under the outline, which is traced stroke after stroke in the order it was drawn."""
        fill_a = _clamp((p - 0.5) / 0.4)
        if fill_a > 0:
            for d, c in part.fills:
                use = recolour if recolour and c == base_fill else c
                canvas.drawPath(parse_path(d), _paint(color(use, fill_a)))
        if not part.strokes:
            return
        stroke_p = _clamp(p / 0.75)
        if stroke_p <= 0:
            return
        paths = [parse_path(d) for d, _, _, _ in part.strokes]
        lengths = [_length(d) for d, _, _, _ in part.strokes]
        budget = sum(lengths) * stroke_p
        for path, length, (_, c, w, dashed) in zip(paths, lengths, part.strokes):
            if budget <= 0:
                break
            paint = _paint(color(c), w, dashed)
            if budget < length:
                paint.setPathEffect(skia.TrimPathEffect.Make(0.0, budget / max(length, 1e-6)))
            canvas.drawPath(path, paint)
            budget -= length

    def line(self, canvas, part: LinePart, p: float) -> None:
        if p <= 0 or len(part.points) < 2:
            return
        path = _polyline(tuple(part.points))
        paint = _paint(color(part.color), part.width, part.dashed)
        measure = skia.PathMeasure(path, False)
        length = measure.getLength()
        shown = length * p
        if p < 1:
            seg = skia.Path()
            measure.getSegment(0, shown, seg, True)
            canvas.drawPath(seg, paint)
        else:
            canvas.drawPath(path, paint)
        if part.head_end:
            pos, tan = measure.getPosTan(shown)
            self._head(canvas, pos, tan, part, min(1.0, p * 4))
        if part.head_start and p >= 1:
            m2 = skia.PathMeasure(_polyline(tuple(reversed(part.points))), False)
            pos, tan = m2.getPosTan(0.0)
            self._head(canvas, pos, tan, part, 1.0)

    def _head(self, canvas, pos, tan, part: LinePart, a: float) -> None:
        angle = math.atan2(tan.y(), tan.x())
        size = part.head
        pts = [skia.Point(pos.x(), pos.y())]
        for side in (-1, 1):
            b = angle + side * math.radians(25)
            pts.append(skia.Point(pos.x() - size * math.cos(b), pos.y() - size * math.sin(b)))
        head = skia.Path()
        head.addPoly([pts[1], pts[0], pts[2]], True)
        canvas.drawPath(head, _paint(color(part.color, a)))

    def icon(self, canvas, part: IconPart, p: float) -> None:
        r = part.rect
        k = r.w / 24.0
        canvas.save()
        canvas.translate(r.x, r.y)
        canvas.scale(k, k)
        paint = _paint(color(part.color), part.width)
        paths = icon_paths(part.name)
        budget = p * len(paths)
        for i, path in enumerate(paths):
            share = _clamp(budget - i)
            if share <= 0:
                break
            pp = paint
            if share < 1:
                pp = _paint(color(part.color), part.width)
                pp.setPathEffect(skia.TrimPathEffect.Make(0.0, share))
            canvas.drawPath(path, pp)
        canvas.restore()

    def chart(self, canvas, part: ChartPart, p: float) -> None:
        axes_a = _clamp(p * 3)
        grow = _clamp((p - 0.1) / 0.75)
        labels_a = _clamp((p - 0.75) / 0.25)
        total_wedge = 0.0
        for i, m in enumerate(part.marks.marks):
            if isinstance(m, Bar):
                r = m.rect
                edge = part.growth.get(i)
                if edge is None:
                    canvas.drawRRect(skia.RRect.MakeRectXY(skia.Rect.MakeXYWH(r.x, r.y, r.w, r.h), 3, 3),
                                     _paint(color(m.color, axes_a)))
                    continue
                if grow <= 0:
                    continue
                x, y, w, h = r.x, r.y, r.w, r.h
                if edge == "bottom":
                    y, h = r.bottom - h * grow, h * grow
                elif edge == "top":
                    h = h * grow
                elif edge == "left":
                    w = w * grow
                else:
                    x, w = r.right - w * grow, w * grow
                canvas.drawRRect(skia.RRect.MakeRectXY(skia.Rect.MakeXYWH(x, y, w, h), 3, 3), _paint(color(m.color)))
            elif isinstance(m, Polyline):
                path = _polyline(m.points)
                data = len(m.points) > 2 or m.width > 2
                paint = _paint(color(m.color, 1.0 if data else axes_a), m.width)
                if data and grow < 1:
                    if grow <= 0:
                        continue
                    paint.setPathEffect(skia.TrimPathEffect.Make(0.0, grow))
                canvas.drawPath(path, paint)
            elif isinstance(m, Dot):
                if grow > 0:
                    a = _clamp(grow * 1.5)
                    canvas.drawCircle(m.x, m.y, m.r * 1.2, _paint(color(m.ring, a)))
                    canvas.drawCircle(m.x, m.y, m.r, _paint(color(m.color, a)))
            elif isinstance(m, Wedge):
                sweep = (m.end - m.start)
                limit = grow * math.tau
                if total_wedge >= limit:
                    total_wedge += sweep
                    continue
                shown = min(sweep, limit - total_wedge)
                total_wedge += sweep
                rect = skia.Rect.MakeLTRB(m.cx - m.r, m.cy - m.r, m.cx + m.r, m.cy + m.r)
                path = skia.Path()
                path.moveTo(m.cx, m.cy)
                path.arcTo(rect, math.degrees(m.start) - 90, math.degrees(shown), False)
                path.close()
                canvas.drawPath(path, _paint(color(m.color)))
                canvas.drawPath(path, _paint(color(m.gap), 2.0, cap=False))
            elif isinstance(m, Disc):
                canvas.drawCircle(m.cx, m.cy, m.r, _paint(color(m.color)))
            elif isinstance(m, Label):
                a = labels_a if i in part.late else axes_a
                if a <= 0:
                    continue
                line = _label_line(m.text, m.stack, m.size)
                x = m.x - line.width / 2 if m.anchor == "middle" else m.x - line.width if m.anchor == "end" else m.x
                paint = _paint(color(m.color, a))
                for run in line.runs:
                    b = blob(run.face, m.size, run.text)
                    if b is not None:
                        canvas.drawTextBlob(b, x + run.x, m.y, paint)


def _following(part: LinePart, ends: tuple[str, str], by_id: dict[str, State], u: float) -> LinePart:
    """The connector's line between where its ends are now, when either has moved or changed size."""
    from dataclasses import replace

    from modalities.whiteboard.geometry import border_point

    a, b = by_id.get(ends[0]), by_id.get(ends[1])
    if a is None or b is None:
        return part
    if not any(abs(v) > 0.01 for v in (a.dx, a.dy, b.dx, b.dy, a.scale - 1, b.scale - 1)):
        return part
    ba, bb = a.box, b.box
    start = border_point(ba, "box", (bb.cx, bb.cy), 10 * u)
    end = border_point(bb, "box", (ba.cx, ba.cy), 10 * u)
    return replace(part, points=[start, end])


@lru_cache(maxsize=2048)
def _label_line(text: str, stack, size: float):
    return line_of(text, 0, 0, stack, size)


@lru_cache(maxsize=2048)
def _polyline(points: tuple) -> skia.Path:
    path = skia.Path()
    path.moveTo(*points[0])
    for x, y in points[1:]:
        path.lineTo(x, y)
    return path

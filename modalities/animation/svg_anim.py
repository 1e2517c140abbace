"""The animation as one animated SVG (SMIL), made from the same layout and tracks as the video: a browser plays it
at once, with no encoding, so it serves as an instant preview.

Each animated property becomes an `<animate>` (or `<animateTransform>`) sampled from its track twelve times a
second plus at every segment boundary, with constant stretches collapsed; the loop repeats forever. Outlines are
traced with `stroke-dashoffset` on a unit `pathLength`, written text is wiped in with a growing clip. Text stays
text; nothing in the file runs script or links anywhere.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from renderers.chart.svg import marks_svg
from renderers.icons import icon_group
from renderers.svg import esc, png_data_url, text_runs

from .parts import ChartPart, CountSpec, DotPart, IconPart, ImagePart, LinePart, ShapePart, SketchPart, TextPart
from .timing import SCENE_FADE
from .tracks import Actor, Timeline, Track

SAMPLES_PER_SECOND = 12


class _Clock:
    def __init__(self, tl: Timeline):
        self.tl = tl
        self.dur = tl.duration

    def times(self, *tracks: Track, extra: tuple[float, ...] = ()) -> list[float]:
        pts = {0.0, self.dur, *extra}
        for track in tracks:
            for s in track.segs:
                pts.update((s.t0, s.t1))
                n = max(1, math.ceil((s.t1 - s.t0) * SAMPLES_PER_SECOND))
                pts.update(s.t0 + (s.t1 - s.t0) * k / n for k in range(1, n))
        return sorted(t for t in pts if 0 <= t <= self.dur)

    def animate(self, attr: str, fn: Callable[[float], str], times: list[float], transform: str | None = None,
                additive: bool = False) -> str:
        """An <animate> (or <animateTransform type=...>) through fn's values at `times`; '' when constant."""
        values = [fn(t) for t in times]
        if len(set(values)) <= 1:
            return ""
        keep = [0]
        for i in range(1, len(values) - 1):
            if not (values[i] == values[i - 1] == values[i + 1]):
                keep.append(i)
        keep.append(len(values) - 1)
        key_times = ";".join(f"{times[i] / self.dur:.4f}" for i in keep)
        vals = ";".join(values[i] for i in keep)
        common = f'dur="{self.dur:.3f}s" repeatCount="indefinite" keyTimes="{key_times}" values="{vals}"'
        if transform:
            extra = ' additive="sum"' if additive else ""
            return (f'<animateTransform attributeName="transform" type="{transform}" {common} calcMode="linear"'
                    f'{extra}/>')
        return f'<animate attributeName="{attr}" {common} calcMode="linear"/>'


def _num(v: float) -> str:
    return f"{v:.3f}".rstrip("0").rstrip(".") or "0"


def _opacity_fn(a: Actor, tl: Timeline) -> Callable[[float], float]:
    def fn(t: float) -> float:
        if not (a.start <= t < a.end or (not a.fades_out and t >= a.end - 1e-9)):
            return 0.0
        v = a.opacity.at(t)
        if a.fades_out and t > a.end - SCENE_FADE:
            v *= max(0.0, (a.end - t) / SCENE_FADE)
        return min(max(v, 0.0), 1.0)

    return fn


def animated_svg(tl: Timeline, title: str) -> str:
    clock = _Clock(tl)
    w, h = tl.width, tl.height
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" '
        f'aria-labelledby="anim-title">',
        f'<title id="anim-title">{esc(title)}</title>',
        '<defs><filter id="shadow" x="-20%" y="-20%" width="140%" height="160%"><feDropShadow dx="0" dy="4" '
        'stdDeviation="6" flood-color="#141E3C" flood-opacity="0.13"/></filter></defs>',
        f'<rect width="{w}" height="{h}" fill="{tl.background}"/>',
    ]
    cam_times = clock.times(tl.cam_x, tl.cam_y, tl.cam_zoom)
    camera_open = ""
    camera_close = ""
    if tl.cam_x.animated or tl.cam_zoom.animated or tl.cam_y.animated:
        def translate(t: float) -> str:
            cx, cy, z = tl.camera(t)
            return f"{_num(w / 2 - z * cx)} {_num(h / 2 - z * cy)}"

        def scale(t: float) -> str:
            return _num(tl.camera(t)[2])

        camera_open = (f'<g>{clock.animate("", translate, cam_times, "translate")}'
                       f'<g>{clock.animate("", scale, cam_times, "scale")}')
        camera_close = "</g></g>"
    out.append(camera_open)
    by_id = {a.placed.id: a for a in tl.actors}
    for n, actor in enumerate(tl.actors):
        out.append(_actor(actor, clock, tl, n, by_id))
    out.append(camera_close)
    out.append("</svg>")
    return "".join(out)


def _actor(a: Actor, clock: _Clock, tl: Timeline, n: int, by_id: dict[str, Actor]) -> str:
    placed = a.placed
    box = placed.box
    fade_edges = (a.start, max(a.end - SCENE_FADE, a.start), a.end) if a.fades_out else (a.start,)
    op = _opacity_fn(a, tl)
    op_times = clock.times(a.opacity, extra=fade_edges)
    first = op(0.0)
    head = f'<g opacity="{_num(first)}">' + clock.animate("opacity", lambda t: _num(op(t)), op_times)
    tail = "</g>"
    if a.dx.animated or a.dy.animated:
        times = clock.times(a.dx, a.dy)
        head += "<g>" + clock.animate("", lambda t: f"{_num(a.dx.at(t))} {_num(a.dy.at(t))}", times, "translate")
        tail = "</g>" + tail
    if a.scale.animated or a.pulse.animated:
        times = clock.times(a.scale, a.pulse)

        def scale(t: float) -> str:
            p = a.pulse.at(t)
            return _num(a.scale.at(t) * (1 + 0.12 * math.sin(math.pi * min(max(p, 0), 1))))

        head += (f'<g transform="translate({_num(box.cx)} {_num(box.cy)})"><g>'
                 + clock.animate("", scale, times, "scale")
                 + f'<g transform="translate({_num(-box.cx)} {_num(-box.cy)})">')
        tail = "</g></g></g>" + tail
    if a.highlight.animated:
        pad = 10
        times = clock.times(a.highlight)
        head += (f'<rect x="{_num(box.x - pad)}" y="{_num(box.y - pad)}" width="{_num(box.w + 2 * pad)}" '
                 f'height="{_num(box.h + 2 * pad)}" rx="12" fill="{a.highlight_color}" opacity="0">'
                 + clock.animate("opacity", lambda t: _num(0.38 * a.highlight.at(t)), times) + "</rect>")
    s, tx, ty = placed.base
    inner_open = f'<g transform="matrix({_num(s)} 0 0 {_num(s)} {_num(tx)} {_num(ty)})">' if placed.base != (
        1.0, 0.0, 0.0) else "<g>"
    body = []
    mode = a.mode
    reveal_times = clock.times(a.reveal)
    colour_anim = ""
    if a.color is not None:
        colour_track = a.color
        ctimes = clock.times(colour_track)

        def colour(t: float) -> str:
            r, g, b = (round(c) for c in colour_track.at(t))
            return f"#{r:02X}{g:02X}{b:02X}"

        colour_anim = clock.animate("fill", colour, ctimes)
    for part in placed.parts:
        body.append(_part(part, a, clock, mode, reveal_times, colour_anim, f"a{n}", by_id))
    return head + inner_open + "".join(body) + "</g>" + tail


def _reveal(a: Actor, clock: _Clock, times, lo: float, hi: float) -> str:
    """A 0→1 share of the reveal between lo and hi of its progress, as a stroke-dashoffset animation."""
    def fn(t: float) -> str:
        p = a.reveal.at(t)
        share = min(max((p - lo) / max(hi - lo, 1e-6), 0.0), 1.0)
        return _num(1 - share)

    return clock.animate("stroke-dashoffset", fn, times)


def _part(part, a: Actor, clock: _Clock, mode, times, colour_anim: str, key: str, by_id) -> str:
    if isinstance(part, TextPart):
        runs = "".join(text_runs(line.text, line.x, line.baseline, part.stack, part.size, part.color)
                       for line in part.lines)
        if part.count is not None and a.count.animated:
            return _counting(part, part.count, a, clock)
        if mode == "write":
            xs = [ln.x for ln in part.lines] or [0]
            x0 = min(xs)
            width = max((ln.x + ln.width for ln in part.lines), default=x0) - x0
            top = min((ln.baseline - part.size * 1.4 for ln in part.lines), default=0)
            bottom = max((ln.baseline + part.size * 0.6 for ln in part.lines), default=0)
            clip = f"clip-{key}-{id(part) % 100000}"
            anim = clock.animate("width", lambda t: _num(width * a.reveal.at(t) + 2), times)
            return (f'<clipPath id="{clip}"><rect x="{_num(x0 - 2)}" y="{_num(top)}" width="0" '
                    f'height="{_num(bottom - top)}">{anim}</rect></clipPath><g clip-path="url(#{clip})">{runs}</g>')
        if mode == "draw":
            anim = clock.animate("opacity", lambda t: _num(min(max((a.reveal.at(t) - 0.55) / 0.4, 0), 1)), times)
            return f"<g>{anim}{runs}</g>"
        return runs
    if isinstance(part, ShapePart):
        d = _shape_d(part)
        fill = part.fill or "none"
        fill_anim = colour_anim if part.fill == a.placed.fill else ""
        filt = ' filter="url(#shadow)"' if part.shadow else ""
        if mode == "draw":
            fill_op = clock.animate("fill-opacity", lambda t: _num(min(max((a.reveal.at(t) - 0.45) / 0.45, 0), 1)),
                                    times)
            stroke = ""
            if part.stroke:
                stroke = (f'<path d="{d}" fill="none" stroke="{part.stroke}" stroke-width="{_num(part.width)}" '
                          f'pathLength="1" stroke-dasharray="1 1" stroke-dashoffset="1">'
                          f'{_reveal(a, clock, times, 0, 0.7)}</path>')
            return (f'<path d="{d}" fill="{_hex(fill)}" fill-opacity="0"{filt}>{fill_op}{fill_anim}</path>'
                    + stroke)
        stroke = (f' stroke="{part.stroke}" stroke-width="{_num(part.width)}"' if part.stroke else "")
        return f'<path d="{d}" fill="{_hex(fill)}"{_alpha(fill)}{stroke}{filt}>{fill_anim}</path>'
    if isinstance(part, SketchPart):
        out = []
        fill_op = clock.animate("fill-opacity", lambda t: _num(min(max((a.reveal.at(t) - 0.5) / 0.4, 0), 1)),
                                times) if mode == "draw" else ""
        for d, c in part.fills:
            start_op = ' fill-opacity="0"' if fill_op else _alpha(c)
            out.append(f'<path d="{d}" fill="{_hex(c)}"{start_op}>{fill_op}</path>')
        total = len(part.strokes)
        for i, (d, c, w, dashed) in enumerate(part.strokes):
            dash = ' stroke-dasharray="0.02 0.015"' if dashed else ""
            if mode == "draw" and not dashed:
                lo, hi = 0.75 * i / total, 0.75 * (i + 1) / total
                out.append(f'<path d="{d}" fill="none" stroke="{c}" stroke-width="{_num(w)}" stroke-linecap="round" '
                           f'pathLength="1" stroke-dasharray="1 1" stroke-dashoffset="1">'
                           f'{_reveal(a, clock, times, lo, hi)}</path>')
            else:
                length = ' pathLength="1"' if dashed else ""
                out.append(f'<path d="{d}" fill="none" stroke="{c}" stroke-width="{_num(w)}" stroke-linecap="round"'
                           f'{length}{dash}/>')
        return "".join(out)
    if isinstance(part, LinePart):
        pts = part.points
        d = "M" + " L".join(f"{_num(x)} {_num(y)}" for x, y in pts)
        marker = ""
        heads = ""
        if part.head_end:
            heads += _arrowhead(pts[-1], pts[-2], part)
        if part.head_start:
            heads += _arrowhead(pts[0], pts[1], part)
        dash = f' stroke-dasharray="{_num(part.width * 4)} {_num(part.width * 3.5)}"' if part.dashed else ""
        follow = _following_d(a, clock, by_id, part)
        if mode in ("draw", "grow", "write") and not part.dashed and not follow:
            reveal = _reveal(a, clock, times, 0, 1)
            head_op = clock.animate("opacity", lambda t: "1" if a.reveal.at(t) >= 0.98 else "0", times)
            return (f'<path d="{d}" fill="none" stroke="{part.color}" stroke-width="{_num(part.width)}" '
                    f'stroke-linecap="round" pathLength="1" stroke-dasharray="1 1" stroke-dashoffset="1">{reveal}'
                    f'{follow}</path><g opacity="0">{head_op}{heads}</g>{marker}')
        if follow and (part.head_end or part.head_start):
            # Its ends move: markers keep the heads on the line wherever it goes.
            mid = f"head-{key}"
            size = _num(part.head)
            marker = (f'<defs><marker id="{mid}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="{size}" '
                      f'markerHeight="{size}" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
                      f'<path d="M0 1 L10 5 L0 9 Z" fill="{part.color}"/></marker></defs>')
            ends = (f' marker-end="url(#{mid})"' if part.head_end else "") + (
                f' marker-start="url(#{mid})"' if part.head_start else "")
            return (f'{marker}<path d="{d}" fill="none" stroke="{part.color}" stroke-width="{_num(part.width)}" '
                    f'stroke-linecap="round"{dash}{ends}>{follow}</path>')
        return (f'<path d="{d}" fill="none" stroke="{part.color}" stroke-width="{_num(part.width)}" '
                f'stroke-linecap="round"{dash}>{follow}</path>{heads}')
    if isinstance(part, DotPart):
        return f'<circle cx="{_num(part.cx)}" cy="{_num(part.cy)}" r="{_num(part.r)}" fill="{part.color}"/>'
    if isinstance(part, IconPart):
        r = part.rect
        return icon_group(part.name, r.x, r.y, r.w, part.color, part.width)
    if isinstance(part, ImagePart):
        r = part.rect
        return (f'<image x="{_num(r.x)}" y="{_num(r.y)}" width="{_num(r.w)}" height="{_num(r.h)}" '
                f'href="{png_data_url(part.png)}"><title>{esc(part.alt)}</title></image>')
    if isinstance(part, ChartPart):
        return marks_svg(part.marks)
    return ""


def _shown_between(start: float, end: float, first: bool, loop_end: float) -> Callable[[float], str]:
    """The opacity over time of one of a counting number's texts: shown from `start` until `end`; the last one
    stays until the loop ends, and the first one is also shown before the count starts."""

    def shown(t: float) -> str:
        return "1" if start <= t < end or (end >= loop_end and t >= start) or (first and t < start) else "0"

    return shown


def _counting(part: TextPart, count: CountSpec, a: Actor, clock: _Clock) -> str:
    """A counting number as a few texts shown one after another (SVG cannot animate a text's characters)."""
    line = part.lines[0]
    seg = a.count.segs[0]
    steps = 10
    out = []
    centre = line.x + line.width / 2
    for k in range(steps + 1):
        p = k / steps
        text = count.at(p)
        start = seg.t0 + (seg.t1 - seg.t0) * p
        end = seg.t0 + (seg.t1 - seg.t0) * (k + 1) / steps if k < steps else clock.dur
        shown = _shown_between(start, end, first=k == 0, loop_end=clock.dur)
        times = sorted({0.0, start, end, clock.dur, max(start - 1e-3, 0)})
        anim = clock.animate("opacity", shown, times).replace('calcMode="linear"', 'calcMode="discrete"')
        runs = text_runs(text, centre, line.baseline, part.stack, part.size, part.color, "middle")
        out.append(f'<g opacity="{shown(0.0)}">{anim}{runs}</g>')
    return "".join(out)


def _following_d(a: Actor, clock: _Clock, by_id, part: LinePart) -> str:
    """A straight connector whose ends move: its path follows them."""
    ends = a.placed.ends
    if not ends or ends[0] not in by_id or ends[1] not in by_id:
        return ""
    sa, sb = by_id[ends[0]], by_id[ends[1]]
    if not (sa.dx.animated or sa.dy.animated or sb.dx.animated or sb.dy.animated or sa.scale.animated
            or sb.scale.animated):
        return ""
    from modalities.whiteboard.geometry import border_point
    from renderers.layout.geometry import Rect

    u = min(clock.tl.width / 960, clock.tl.height / 540)
    times = clock.times(sa.dx, sa.dy, sb.dx, sb.dy, sa.scale, sb.scale)

    def box(actor: Actor, t: float) -> Rect:
        b = actor.placed.box
        s = actor.scale.at(t)
        return Rect(b.cx - b.w * s / 2 + actor.dx.at(t), b.cy - b.h * s / 2 + actor.dy.at(t), b.w * s, b.h * s)

    def d(t: float) -> str:
        ba, bb = box(sa, t), box(sb, t)
        p0 = border_point(ba, "box", (bb.cx, bb.cy), 10 * u)
        p1 = border_point(bb, "box", (ba.cx, ba.cy), 10 * u)
        return f"M{_num(p0[0])} {_num(p0[1])} L{_num(p1[0])} {_num(p1[1])}"

    return clock.animate("d", d, times)


def _arrowhead(tip, before, part: LinePart) -> str:
    angle = math.atan2(tip[1] - before[1], tip[0] - before[0])
    pts = [tip]
    for side in (-1, 1):
        b = angle + side * math.radians(25)
        pts.append((tip[0] - part.head * math.cos(b), tip[1] - part.head * math.sin(b)))
    d = f"M{_num(pts[1][0])} {_num(pts[1][1])} L{_num(pts[0][0])} {_num(pts[0][1])} L{_num(pts[2][0])} " \
        f"{_num(pts[2][1])} Z"
    return f'<path d="{d}" fill="{part.color}"/>'


def _hex(c: str) -> str:
    return c[:7] if c.startswith("#") else c


def _alpha(c: str) -> str:
    if c.startswith("#") and len(c) == 9:
        return f' fill-opacity="{int(c[7:9], 16) / 255:.2f}"'
    return ""


def _shape_d(part: ShapePart) -> str:
    r = part.rect
    x, y, w, h = r.x, r.y, r.w, r.h
    if part.geom == "rect":
        return f"M{_num(x)} {_num(y)} H{_num(x + w)} V{_num(y + h)} H{_num(x)} Z"
    if part.geom == "round":
        rad = min(part.radius, w / 2, h / 2)
        arc = f"A{_num(rad)} {_num(rad)} 0 0 1"
        return (f"M{_num(x + rad)} {_num(y)} H{_num(x + w - rad)} {arc} {_num(x + w)} {_num(y + rad)} "
                f"V{_num(y + h - rad)} {arc} {_num(x + w - rad)} {_num(y + h)} "
                f"H{_num(x + rad)} {arc} {_num(x)} {_num(y + h - rad)} V{_num(y + rad)} "
                f"{arc} {_num(x + rad)} {_num(y)} Z")
    if part.geom == "ellipse":
        cx, cy, rx, ry = x + w / 2, y + h / 2, w / 2, h / 2
        return (f"M{_num(cx - rx)} {_num(cy)} A{_num(rx)} {_num(ry)} 0 1 0 {_num(cx + rx)} {_num(cy)} "
                f"A{_num(rx)} {_num(ry)} 0 1 0 {_num(cx - rx)} {_num(cy)} Z")
    if part.geom == "diamond":
        return (f"M{_num(x + w / 2)} {_num(y)} L{_num(x + w)} {_num(y + h / 2)} L{_num(x + w / 2)} {_num(y + h)} "
                f"L{_num(x)} {_num(y + h / 2)} Z")
    return part.d or ""

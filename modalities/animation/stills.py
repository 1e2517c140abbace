"""Stills of an animation: the poster (the moment that shows the most) and a contact sheet of its key frames,
each thumbnail labelled with its time and what just happened, drawn with the same painter as the video."""

from __future__ import annotations

import skia

from renderers.layout.fonts import FontStack
from renderers.theme import Theme
from renderers.typography import typography

from .draw import blob, color
from .encode import snapshot
from .parts import line_of
from .tracks import Timeline

MAX_THUMBS = 8


def poster_time(tl: Timeline) -> float:
    """The key frame where the most is on screen; of equals, the later one (more of the story is told)."""
    frames = tl.keyframes() or [(0.0, "")]
    best = max(frames, key=lambda kf: (round(tl.visible_weight(kf[0]), 2), kf[0]))
    return best[0]


def sheet_frames(tl: Timeline) -> list[tuple[float, str]]:
    """Up to eight key frames, none blank: each scene once it is built first, then moments within the scenes,
    spread evenly, in time order."""
    frames = [kf for kf in tl.keyframes() if tl.visible_weight(kf[0]) > 0.01]
    finals: list[tuple[float, str]] = []
    for span in tl.scenes:
        inside = [kf for kf in frames if span.start <= kf[0] < span.end]
        if inside:
            finals.append(max(inside, key=lambda kf: (round(tl.visible_weight(kf[0]), 2), kf[0])))
    if len(finals) > MAX_THUMBS:
        step = (len(finals) - 1) / (MAX_THUMBS - 1)
        return [finals[round(i * step)] for i in range(MAX_THUMBS)]
    rest = [kf for kf in frames if kf not in finals and all(abs(kf[0] - f[0]) >= 0.3 for f in finals)]
    room = MAX_THUMBS - len(finals)
    if rest and room > 0:
        if len(rest) > room:
            step = (len(rest) - 1) / max(room - 1, 1)
            rest = [rest[round(i * step)] for i in range(room)] if room > 1 else [rest[len(rest) // 2]]
        finals.extend(rest)
    return sorted(finals)


def _clock(t: float) -> str:
    m, s = divmod(t, 60)
    return f"{int(m)}:{s:04.1f}"


def _draw_text(canvas, text: str, x: float, baseline: float, stack: FontStack, size: float, fill: str,
               max_width: float | None = None) -> None:
    line = line_of(text, x, baseline, stack, size)
    if max_width is not None and line.width > max_width:
        while len(text) > 1 and line_of(text + "…", x, baseline, stack, size).width > max_width:
            text = text[:-1]
        line = line_of(text + "…", x, baseline, stack, size)
    paint = skia.Paint(AntiAlias=True, Color=color(fill))
    for run in line.runs:
        b = blob(run.face, size, run.text)
        if b is not None:
            canvas.drawTextBlob(b, x + run.x, baseline, paint)


def contact_sheet(painter, tl: Timeline, theme: Theme, title: str) -> bytes:
    frames = sheet_frames(tl) or [(poster_time(tl), "")]
    typ = typography(theme)
    pal = theme.palette
    cols = 4 if len(frames) > 4 else max(len(frames), 1)
    rows = (len(frames) + cols - 1) // cols
    thumb_w = 340 if tl.width >= tl.height else 200
    thumb_h = round(thumb_w * tl.height / tl.width)
    margin, gap, caption = 44, 28, 54
    head = 96
    width = margin * 2 + cols * thumb_w + (cols - 1) * gap
    height = head + rows * (thumb_h + caption) + (rows - 1) * gap + margin
    surface = skia.Surface.MakeRasterN32Premul(width, height)
    canvas = surface.getCanvas()
    canvas.clear(color(pal.surface))
    _draw_text(canvas, title, margin, 52, typ.heading, 26, pal.text, width - 2 * margin)
    facts = f"{tl.duration:.1f} s  ·  {tl.width}×{tl.height}  ·  {tl.fps} fps  ·  {tl.frames} frames"
    _draw_text(canvas, facts, margin, 78, typ.body, 15, pal.muted)
    zoom = thumb_w / tl.width
    for n, (t, label) in enumerate(frames):
        col, row = n % cols, n // cols
        x = margin + col * (thumb_w + gap)
        y = head + row * (thumb_h + caption + gap)
        image = snapshot(painter, t, zoom)
        frame = skia.RRect.MakeRectXY(skia.Rect.MakeXYWH(x, y, thumb_w, thumb_h), 10, 10)
        shadow = skia.Paint(AntiAlias=True, Color=skia.Color(20, 30, 60, 40))
        shadow.setMaskFilter(skia.MaskFilter.MakeBlur(skia.kNormal_BlurStyle, 6))
        canvas.save()
        canvas.translate(0, 3)
        canvas.drawRRect(frame, shadow)
        canvas.restore()
        canvas.save()
        canvas.clipRRect(frame, True)
        canvas.drawImage(image, x, y)
        canvas.restore()
        border = skia.Paint(AntiAlias=True, Color=color(pal.line), Style=skia.Paint.kStroke_Style, StrokeWidth=1)
        canvas.drawRRect(frame, border)
        _draw_text(canvas, _clock(t), x, y + thumb_h + 24, typ.body_bold, 15, pal.accent)
        _draw_text(canvas, label, x + 58, y + thumb_h + 24, typ.body, 15, pal.text, thumb_w - 58)
    return bytes(surface.makeImageSnapshot().encodeToData(skia.EncodedImageFormat.kPNG, 100))

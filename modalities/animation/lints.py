"""Checks on the compiled animation, reported as warnings: elements that overlap at a key frame, elements that
leave the canvas, and text shown for less time than it takes to read."""

from __future__ import annotations

from renderers.base import Lints
from renderers.layout.geometry import Rect
from renderers.layout.script import cjk_ratio

from .tracks import Timeline

WORDS_PER_SECOND = 3.0  # a reader's floor on screen (captions guidance: about 3 words a second)
CHARS_PER_SECOND = 6.0  # the same for Chinese
MIN_SECONDS = 1.0


def reading_seconds(text: str) -> float:
    if cjk_ratio(text) > 0.3:
        return max(MIN_SECONDS, sum(1 for c in text if not c.isspace()) / CHARS_PER_SECOND)
    return max(MIN_SECONDS, len(text.split()) / WORDS_PER_SECOND)


def check_timeline(tl: Timeline, lints: Lints) -> None:
    canvas = Rect(0, 0, tl.width, tl.height)
    seen: set[tuple[str, str]] = set()
    off: set[str] = set()
    for t, _ in tl.keyframes():
        states = [s for s in tl.states(t) if s.opacity > 0.5]
        boxes = [(s.actor.placed, s.box) for s in states if s.actor.placed.kind not in ("connector", "guide")]
        for placed, box in boxes:
            if placed.id not in off and not canvas.contains(box, tolerance=2):
                off.add(placed.id)
                lints.warn("off_canvas", f"{placed.id} at {t:.1f} s",
                           f"its box ({box.x:.0f}, {box.y:.0f}, {box.w:.0f}×{box.h:.0f}) leaves the "
                           f"{tl.width}×{tl.height} canvas")
        for i, (pa, a) in enumerate(boxes):
            for pb, b in boxes[i + 1:]:
                key = (pa.id, pb.id)
                if key in seen or not a.intersects(b, tolerance=4):
                    continue
                seen.add(key)
                lints.warn("overlap", f"{pa.id} at {t:.1f} s", f"overlaps {pb.id}")
    _reading(tl, lints)


def _reading(tl: Timeline, lints: Lints) -> None:
    step = 1 / tl.fps
    for a in tl.actors:
        text = a.placed.text
        if not text or a.placed.kind == "guide":
            continue
        # Seconds it is readable: fully revealed and mostly opaque.
        shown = 0.0
        t = a.start
        end = min(a.end, tl.duration)
        while t < end:
            if a.opacity.at(t) > 0.8 and a.reveal.at(t) >= 0.99:
                shown += step
            t += step
        need = reading_seconds(text)
        if shown + 1e-6 < need:
            lints.warn("reading_time", a.placed.id,
                       f"'{text[:60]}' is readable for {shown:.1f} s but takes about {need:.1f} s to read; give its "
                       "scene a longer hold or its step a longer duration")

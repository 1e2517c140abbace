"""Checks every visual renderer runs on its computed layout before writing, reported as manifest warnings."""

from __future__ import annotations

from collections.abc import Iterable

from .base import Lints
from .layout.fonts import FontStack
from .layout.geometry import Rect


def _channel(c: float) -> float:
    c /= 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def hex_rgb(color: str) -> tuple[int, int, int]:
    color = color.lstrip("#")
    return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)


def luminance(color: str) -> float:
    r, g, b = hex_rgb(color)
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio between two #RRGGBB colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable_on(fill: str, light: str = "#FFFFFF", dark: str = "#1B1B1F") -> str:
    """Whichever of a light and a dark text colour reads better on `fill`."""
    return light if contrast_ratio(light, fill) >= contrast_ratio(dark, fill) else dark


def check_contrast(lints: Lints, fg: str, bg: str, where: str, large: bool = False) -> None:
    """Adds `low_contrast` when text colour on its background misses WCAG AA (4.5:1, or 3:1 for large text)."""
    need = 3.0 if large else 4.5
    ratio = contrast_ratio(fg, bg)
    if ratio < need:
        lints.warn("low_contrast", where, f"text {fg} on {bg} has contrast {ratio:.2f}:1, below WCAG AA {need}:1")


def check_glyphs(lints: Lints, text: str, stack: FontStack, where: str) -> None:
    missing = stack.missing(text)
    if missing:
        shown = " ".join(f"'{c}' (U+{ord(c):04X})" for c in missing[:8])
        lints.warn(
            "missing_glyph",
            where,
            f"no installed font ({stack.latin.family}, {stack.cjk.family}) draws {shown}; they show as boxes",
        )


def check_boxes(lints: Lints, boxes: Iterable[tuple[str, Rect]], canvas: Rect) -> None:
    """`off_canvas` for boxes outside the canvas and `overlap` for boxes that intersect."""
    items = list(boxes)
    for name, box in items:
        if not canvas.contains(box):
            lints.warn("off_canvas", name,
                       f"box at ({box.x:.0f}, {box.y:.0f}, {box.w:.0f}×{box.h:.0f}) leaves the canvas")
    for i, (name_a, a) in enumerate(items):
        for name_b, b in items[i + 1 :]:
            if a.intersects(b):
                lints.warn("overlap", name_a, f"overlaps {name_b}")

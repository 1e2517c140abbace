"""Colours a widget can rely on for contrast (WCAG 2.1): text at 4.5:1, control outlines at 3:1.

Theme colours are chosen for decks and posters, where accents are large; a widget also sets small text and
outlines in them. Where a theme colour is too faint for that, it is shaded towards the text colour until it
reads, keeping its hue.
"""

from __future__ import annotations

from renderers.theme import Palette

TEXT = 4.5  # normal-size text
OUTLINE = 3.0  # boundaries of inputs and buttons (WCAG 1.4.11)


def _rgb(color: str) -> tuple[float, float, float]:
    h = color.lstrip("#")
    return int(h[0:2], 16) / 255, int(h[2:4], 16) / 255, int(h[4:6], 16) / 255


def _hex(rgb: tuple[float, ...]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02X}" for c in rgb)


def luminance(color: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def readable(color: str, on: list[str], ratio: float, toward: str) -> str:
    """`color`, or the first mix of it with `toward` that has at least `ratio` against every colour in `on`."""
    base, target = _rgb(color), _rgb(toward)
    for step in range(0, 21):
        t = step / 20
        mixed = _hex(tuple(c + (d - c) * t for c, d in zip(base, target, strict=True)))
        if all(contrast(mixed, bg) >= ratio for bg in on):
            return mixed
    return toward


def widget_colors(p: Palette) -> dict[str, str]:
    """The colours the widget stylesheet uses beyond the palette's own."""
    grounds = [p.background, p.surface]
    accent_fill = readable(p.accent, [p.accent_text], TEXT, p.text if luminance(p.accent_text) > 0.5 else "#FFFFFF")
    return {
        "accent_ink": readable(p.accent, grounds, TEXT, p.text),  # links, values and other accent text
        "accent_fill": accent_fill,  # buttons, with accent_text on them
        "muted_ink": readable(p.muted, grounds, TEXT, p.text),
        "control": readable(p.line, grounds, OUTLINE, p.text),  # outlines of inputs and secondary buttons
    }

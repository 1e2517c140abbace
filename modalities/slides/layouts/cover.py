"""Slides that frame a deck: the cover, section dividers and the closing slide."""

from __future__ import annotations

from renderers.layout.fit import Para
from renderers.layout.geometry import Rect
from renderers.theme import mix

from .. import plan as P
from ..layout import COVER_RECT, DeckLayout
from ..scene import SLIDE_H, SLIDE_W, SlideScene


def _decoration(deck: DeckLayout, scene: SlideScene) -> float:
    """The cover's quiet geometry when it has no picture: a tinted panel on the right with one accent disc and a
    ring, or for an outline-card theme (consultancy) a rule along the foot. Returns where the text must end."""
    pal = deck.pal
    if deck.theme.card == "outline":
        deck.shape(scene, "foot band", Rect(0, SLIDE_H - 14, SLIDE_W, 14), pal.accent)
        deck.shape(scene, "foot mark", Rect(SLIDE_W * 0.72, SLIDE_H - 14, SLIDE_W * 0.28, 14), pal.second)
        return SLIDE_W - deck.grid.margin
    panel = Rect(SLIDE_W * 0.66, 0, SLIDE_W * 0.34, SLIDE_H)
    deck.shape(scene, "panel", panel, pal.soft)
    cx, cy = panel.x + panel.w * 0.5, SLIDE_H * 0.44
    deck.shape(scene, "ring", Rect(cx - 150, cy - 150, 300, 300), None, "ellipse", line=mix(pal.accent, pal.soft, 0.55),
               line_width=2)
    deck.shape(scene, "disc", Rect(cx - 92, cy - 92, 184, 184), pal.accent, "ellipse")
    deck.shape(scene, "dot", Rect(cx + 58, cy + 70, 56, 56), pal.second, "ellipse")
    return panel.x - deck.grid.gap * 1.5


def _cover(deck: DeckLayout, i: int, title: str, subtitle: str | None, notes: str, layout: str,
           image: P.ImageRequest | None) -> None:
    s, g = deck.sizes, deck.grid
    scene = deck.new(i, layout, notes=notes)
    if image is not None:
        deck.picture(scene, i, COVER_RECT, image.alt)
        right = COVER_RECT.x - g.gap * 1.5
    else:
        right = _decoration(deck, scene)
    width = right - g.margin
    box = Rect(g.margin, 150, width, 200)
    item = deck.text(scene, "title", box, [Para(title, bold=True, balance=True)], s.title * 1.15, s.min_heading,
                     deck.pal.text, deck.pal.background, heading=True, anchor="bottom")
    top = box.bottom - min(item.layout.height, box.h)
    deck.shape(scene, "accent bar", Rect(g.margin, top - 30, 64, 8), deck.pal.accent)
    if subtitle:
        deck.text(scene, "subtitle", Rect(g.margin, box.bottom + 18, width, 110), [Para(subtitle)], s.lead,
                  s.min_body, deck.pal.muted, deck.pal.background)


def title(deck: DeckLayout, i: int, slide: P.TitleSlide) -> None:
    _cover(deck, i, slide.title, slide.subtitle, slide.notes, "title", slide.image)


def section(deck: DeckLayout, i: int, slide: P.SectionSlide) -> None:
    """A full-bleed divider: the part's number large and quiet, its title, and an optional line under it."""
    s, g, pal = deck.sizes, deck.grid, deck.pal
    deck.sections_seen += 1
    ground = pal.accent if deck.theme.section == "accent" else pal.text
    ink = pal.accent_text if deck.theme.section == "accent" else pal.background
    scene = deck.new(i, "section", background=ground, notes=slide.notes)
    width = SLIDE_W - 2 * g.margin
    deck.text(scene, "section number", Rect(g.margin, 96, width, s.stat * 1.3), [Para(f"{deck.sections_seen:02d}",
              bold=True)], s.stat * 1.2, s.stat, mix(ink, ground, 0.45), ground, heading=True, max_lines=1)
    deck.shape(scene, "section rule", Rect(g.margin, 96 + s.stat * 1.45, 64, 6), pal.second
               if deck.theme.section == "ink" else ink)
    deck.text(scene, "title", Rect(g.margin, 96 + s.stat * 1.45 + 26, width, 170),
              [Para(slide.title, bold=True, balance=True)], s.title * 1.1, s.min_heading, ink, ground, heading=True)
    if slide.subtitle:
        deck.text(scene, "subtitle", Rect(g.margin, SLIDE_H - 130, width, 80), [Para(slide.subtitle)], s.lead,
                  s.min_body, ink, ground)


def closing(deck: DeckLayout, i: int, slide: P.ClosingSlide) -> None:
    """'Thank you' alone, centred on a quiet ground; with points it is a takeaways slide."""
    if slide.bullets:
        from .points import takeaway_rows

        takeaway_rows(deck, i, slide.title, [b.text for b in slide.bullets], slide.notes, "closing")
        return
    s, g, pal = deck.sizes, deck.grid, deck.pal
    scene = deck.new(i, "closing", background=pal.soft, notes=slide.notes)
    width = SLIDE_W - 2 * g.margin
    deck.shape(scene, "accent bar", Rect(SLIDE_W / 2 - 32, 196, 64, 8), pal.accent)
    deck.text(scene, "title", Rect(g.margin, 226, width, 150), [Para(slide.title, bold=True, balance=True)],
              s.title * 1.2, s.min_heading, pal.text, pal.soft, heading=True, align="center")

"""Slides drawn with shapes: a process as a band of arrows, a timeline as dated marks along one line."""

from __future__ import annotations

from renderers.layout.fit import Para
from renderers.layout.geometry import Rect
from renderers.theme import mix

from .. import plan as P
from ..layout import DeckLayout
from .points import shared_size


def process(deck: DeckLayout, i: int, slide: P.ProcessSlide) -> None:
    """Numbered arrows across the slide, each step's name and detail under its arrow. The arrows darken towards
    the last step, so the direction reads without words."""
    s, pal = deck.sizes, deck.pal
    scene = deck.new(i, "process", notes=slide.notes)
    body = deck.title(scene, slide.title)
    n = len(slide.steps)
    cols = body.split_columns(n, 10)
    band_h, depth, under = 58.0, 22.0, 20.0
    titles = [[Para(st.title, bold=True)] for st in slide.steps]
    details = [[Para(st.detail)] if st.detail else [] for st in slide.steps]
    room = body.h - band_h - under
    title_rects = [Rect(c.x + 2, 0, c.w - 4, room * 0.42) for c in cols]
    title_size = shared_size(deck, titles, title_rects, s.lead, s.min_body)
    title_h = max(deck.measure(t, r.w, title_size).height for t, r in zip(titles, title_rects, strict=True))
    detail_rects = [Rect(c.x + 2, 0, c.w - 4, room - title_h - 10) for c in cols]
    with_detail = [(d, r) for d, r in zip(details, detail_rects, strict=True) if d]
    detail_size = shared_size(deck, [d for d, _ in with_detail], [r for _, r in with_detail], s.body, s.min_body) \
        if with_detail else s.body
    detail_h = max((deck.measure(d, r.w, detail_size).height for d, r in with_detail), default=0.0)
    needed = band_h + under + title_h + (10 + detail_h if with_detail else 0)
    top = body.y + max(0.0, (body.h - needed) * 0.4)
    for k, (col, step) in enumerate(zip(cols, slide.steps, strict=True), start=1):
        fill = mix(pal.accent, pal.background, 0.5 * (n - k) / max(n - 1, 1))
        band = deck.shape(scene, f"step {k} arrow", Rect(col.x, top, col.w, band_h), fill,
                          "pentagon" if k == 1 else "chevron", radius=depth)
        inner_x = band.rect.x + (depth if k > 1 else 0) + 8
        deck.text(scene, f"step {k} number", Rect(inner_x, top, band.rect.right - depth - 6 - inner_x, band_h),
                  [Para(f"{k:02d}", bold=True)], s.lead, s.body, pal.accent_text, fill, heading=True,
                  anchor="middle", max_lines=1)
        y = top + band_h + under
        deck.text(scene, f"step {k}", Rect(col.x + 2, y, col.w - 4, title_h), [Para(step.title, bold=True)],
                  title_size, s.min_body, pal.text, scene.background)
        if step.detail:
            deck.text(scene, f"step {k} detail", Rect(col.x + 2, y + title_h + 10, col.w - 4, detail_h),
                      [Para(step.detail)], detail_size, s.min_body, pal.muted, scene.background)
    deck.footer(scene)


def timeline(deck: DeckLayout, i: int, slide: P.TimelineSlide) -> None:
    """Events as marks along one arrow of time: the date at the line, what happened beside it. Up to five events
    sit under the line; more alternate above and below it, so each keeps a readable width."""
    s, pal = deck.sizes, deck.pal
    scene = deck.new(i, "timeline", notes=slide.notes)
    body = deck.title(scene, slide.title)
    n = len(slide.events)
    alternate = n >= 6
    pitch = body.w / n
    width = min(2 * pitch - 16, 300.0) if alternate else pitch - 16
    centres = [body.x + pitch * (k + 0.5) for k in range(n)]
    # Each event's text is centred on its mark and cut at the body's edges (never shifted onto a neighbour's).
    columns = []
    for cx in centres:
        x0, x1 = max(body.x, cx - width / 2), min(body.right, cx + width / 2)
        columns.append(Rect(x0, 0, x1 - x0, 0))
    dates = [[Para(ev.date, bold=True)] for ev in slide.events]
    few = n <= 4
    date_h = s.lead * (1.2 if few else 1.0) * deck.theme.line_spacing + 2
    date_size = shared_size(deck, dates, [Rect(c.x, 0, c.w, date_h) for c in columns], s.lead * (1.2 if few else 1.0),
                            s.min_body, True)
    texts = [[Para(ev.title, bold=True)] + ([Para(ev.detail, scale=0.86, space_before=0.3)] if ev.detail else [])
             for ev in slide.events]
    side = (body.h / 2 - date_h - 22) if alternate else (body.h - date_h - 40)
    text_size = shared_size(deck, texts, [Rect(c.x, 0, c.w, side) for c in columns], s.lead if few else s.body,
                            s.min_body)
    text_h = max(deck.measure(t, c.w, text_size).height for t, c in zip(texts, columns, strict=True))
    if alternate:
        axis = body.cy
    else:
        axis = body.y + date_h + 14 + max(0.0, (body.h - date_h - 36 - text_h) * 0.42)
    deck.line(scene, "axis", body.x, axis, body.right, axis, mix(pal.accent, pal.background, 0.55), 3, arrow=True)
    for k, (cx, col) in enumerate(zip(centres, columns, strict=True), start=1):
        deck.shape(scene, f"event {k} dot", Rect(cx - 9, axis - 9, 18, 18), pal.accent, "ellipse",
                   line=pal.background, line_width=3)
        above = alternate and k % 2 == 1
        if not alternate:
            date_rect = Rect(col.x, axis - 14 - date_h, col.w, date_h)
            text_rect = Rect(col.x, axis + 22, col.w, text_h)
        elif above:
            date_rect = Rect(col.x, axis - 16 - date_h, col.w, date_h)
            text_rect = Rect(col.x, date_rect.y - 4 - text_h, col.w, text_h)
        else:
            date_rect = Rect(col.x, axis + 16, col.w, date_h)
            text_rect = Rect(col.x, date_rect.bottom + 4, col.w, text_h)
        deck.text(scene, f"event {k} date", date_rect, dates[k - 1], date_size, s.min_body, pal.accent,
                  scene.background, heading=True, align="center", anchor="bottom" if above or not alternate else "top",
                  max_lines=1)
        deck.text(scene, f"event {k}", text_rect, texts[k - 1], text_size, s.min_body, pal.text, scene.background,
                  align="center", anchor="bottom" if above else "top")
    deck.footer(scene)

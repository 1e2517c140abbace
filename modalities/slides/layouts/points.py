"""Slides of points: bullets (as cards, rows or a list, by how many and how long), two columns, an agenda,
takeaways and a quotation.

A few short points never sit small at the top of an empty slide: two to four short ones become cards across
the slide, up to five longer ones become rows that share the slide's height, each larger than body text. Only
many points, or points with sub-points, stay a bulleted list.
"""

from __future__ import annotations

import re

from renderers.icons import best
from renderers.layout.fit import Para, fitting_prefix, layout_at
from renderers.layout.geometry import Rect
from renderers.layout.script import is_cjk
from renderers.theme import mix

from .. import plan as P
from ..layout import DeckLayout, continued
from ..scene import SLIDE_H, SLIDE_W, SlideScene

ICON_CONFIDENCE = 8.0  # an icon whose name (not only a tag) matches a word of the point; below it, numbers


def weight(text: str) -> int:
    """How long a text reads, in Latin characters: a Chinese character is about two."""
    return len(text) + sum(1 for c in text if is_cjk(c))


def bullet_paras(bullets: list[P.Bullet]) -> list[Para]:
    return [
        Para(b.text, scale=1.0, indent=1.1, space_before=0.55)
        if b.level == 0
        else Para(b.text, scale=0.88, indent=2.3, space_before=0.25)
        for b in bullets
    ]


def shared_size(deck: DeckLayout, texts: list[list[Para]], rects: list[Rect], size: float, floor: float,
                heading: bool = False) -> float:
    """The largest size at which every text fits its rectangle, so parallel items read as one set."""
    return min(deck.fit(paras, rect, size, floor, heading).size for paras, rect in zip(texts, rects, strict=True))


def markers(texts: list[str]) -> list[str] | None:
    """An icon per point when every point names something an icon shows (all different); else None (numbers)."""
    used: set[str] = set()
    out = []
    for text in texts:
        icon, score = best(text, avoid=used)
        if score < ICON_CONFIDENCE:
            return None
        used.add(icon)
        out.append(icon)
    return out


# ---- bullets --------------------------------------------------------------------------------------------------

def bullets(deck: DeckLayout, i: int, slide: P.BulletsSlide) -> None:
    flat = all(b.level == 0 for b in slide.bullets)
    texts = [b.text for b in slide.bullets]
    longest = max(weight(t) for t in texts)
    if flat and len(texts) == 1 and longest <= 220:
        statement(deck, i, slide.title, texts[0], slide.notes, "bullets")
    elif flat and 2 <= len(texts) <= 4 and longest <= 110:
        cards(deck, i, slide.title, texts, slide.notes, "bullets")
    elif flat and len(texts) <= 5 and longest <= 220:
        rows(deck, i, slide.title, texts, slide.notes, "bullets")
    else:
        listed(deck, i, slide.title, slide.bullets, slide.notes, "bullets")


def statement(deck: DeckLayout, i: int, title: str, text: str, notes: str, layout: str) -> None:
    """One point alone: large, under a short accent rule, a little above the middle of the body, so a slide of
    one sentence reads as a statement rather than a list with one entry."""
    s, pal = deck.sizes, deck.pal
    scene = deck.new(i, layout, notes=notes)
    body = deck.title(scene, title)
    width = body.w * 0.82
    paras = [Para(text)]
    size = deck.fit(paras, Rect(body.x, 0, width, body.h - 40), s.lead * 1.35, s.min_body).size
    needed = deck.measure(paras, width, size).height
    top = body.y + max(0.0, (body.h - needed - 30) * 0.4)
    deck.shape(scene, "statement rule", Rect(body.x, top, 48, 5), pal.accent)
    deck.text(scene, "statement", Rect(body.x, top + 30, width, body.bottom - top - 30), paras, size, s.min_body,
              pal.text, scene.background)
    deck.footer(scene)


_NUMBERED = re.compile(r"^(\d{1,2})\. (.+)$", re.S)


def own_numbers(texts: list[str]) -> tuple[list[str], list[str]]:
    """(labels, texts): when every point carries the number the source gave it ("3. Budget time…"), that number
    is its label and leaves its text, so a card or row is not numbered twice; else 01, 02, … and the texts as
    they are."""
    found = [_NUMBERED.match(t) for t in texts]
    if all(found):
        return [f"{int(m.group(1)):02d}" for m in found if m], [m.group(2) for m in found if m]
    return [f"{k:02d}" for k in range(1, len(texts) + 1)], texts


def cards(deck: DeckLayout, i: int, title: str, texts: list[str], notes: str, layout: str) -> None:
    """Two to four short points as cards across the slide, each under an icon (or its number)."""
    s, g, pal = deck.sizes, deck.grid, deck.pal
    scene = deck.new(i, layout, notes=notes)
    body = deck.title(scene, title)
    icons = markers(texts)
    labels, texts = own_numbers(texts) if not icons else ([], texts)
    cols = body.split_columns(len(texts), g.gap)
    pad = 24.0
    mark = 64.0
    paras = [[Para(t)] for t in texts]
    text_rects = [Rect(c.x + pad, 0, c.w - 2 * pad, body.h - 2 * pad - mark - 18) for c in cols]
    size = shared_size(deck, paras, text_rects, s.lead * 1.2, s.min_body)
    needed = max(deck.measure(p, r.w, size).height for p, r in zip(paras, text_rects, strict=True))
    card_h = min(body.h, max(2 * pad + mark + 18 + needed, body.h * 0.8))
    top = body.y + (body.h - card_h) * 0.35
    for k, (col, text) in enumerate(zip(cols, texts, strict=True), start=1):
        card = Rect(col.x, top, col.w, card_h)
        ground = deck.card(scene, f"card {k}", card)
        if icons:
            deck.badge(scene, f"card {k} icon", card.x + pad + mark / 2, card.y + pad + mark / 2, mark, icons[k - 1],
                       text)
        else:
            deck.text(scene, f"card {k} number", Rect(card.x + pad, card.y + pad, card.w - 2 * pad, mark),
                      [Para(labels[k - 1], bold=True)], s.heading, s.heading, pal.accent, ground, heading=True,
                      anchor="middle", max_lines=1)
        deck.text(scene, f"card {k} text", Rect(card.x + pad, card.y + pad + mark + 18, card.w - 2 * pad,
                  card_h - 2 * pad - mark - 18), [Para(text)], size, s.min_body, pal.text, ground)
    deck.footer(scene)


def rows(deck: DeckLayout, i: int, title: str, texts: list[str], notes: str, layout: str) -> None:
    """Up to five points as rows sharing the body's height, each numbered, larger than body text."""
    s, pal = deck.sizes, deck.pal
    scene = deck.new(i, layout, notes=notes)
    body = deck.title(scene, title)
    n = len(texts)
    labels, texts = own_numbers(texts)
    # Rows share the body's height, a few of them taller, and the block sits a little above the middle, so one
    # to three points do not leave the lower half of the slide empty.
    row_h = min(body.h / n, 150.0)
    top = body.y + (body.h - row_h * n) * 0.4
    number_w = 58.0
    paras = [[Para(t)] for t in texts]
    rects = [Rect(body.x + number_w, top + k * row_h + 8, body.w - number_w, row_h - 16) for k in range(n)]
    size = shared_size(deck, paras, rects, s.lead * (1.15 if n <= 3 else 1.0), s.min_body)
    for k, (text, rect) in enumerate(zip(texts, rects, strict=True), start=1):
        row = Rect(body.x, top + (k - 1) * row_h, body.w, row_h)
        if k > 1:
            deck.line(scene, f"row {k} rule", row.x, row.y, row.right, row.y, pal.line, 1)
        deck.text(scene, f"row {k} number", Rect(row.x, rect.y, number_w - 10, rect.h),
                  [Para(labels[k - 1], bold=True)], s.lead, s.body, pal.accent, scene.background, heading=True,
                  anchor="middle", max_lines=1)
        deck.text(scene, f"row {k}", rect, [Para(text)], size, s.min_body, pal.text, scene.background,
                  anchor="middle")
    deck.footer(scene)


def listed(deck: DeckLayout, i: int, title: str, points: list[P.Bullet], notes: str, layout: str) -> None:
    """Bullets under a title. When they do not fit at the body size, many short bullets go into two columns;
    otherwise whatever does not fit at the floor size continues on another slide."""
    s, g, pal = deck.sizes, deck.grid, deck.pal
    t = deck.type
    ls = deck.theme.line_spacing
    remaining = bullet_paras(points)
    first = True
    while remaining:
        scene = deck.new(i, layout, notes=notes if first else "")
        body = deck.title(scene, title if first else continued(title))
        columns = _two_columns(deck, remaining, body)
        if columns:
            for n, (part, rect) in enumerate(zip(columns, body.split_columns(2, g.gap * 1.5), strict=True), start=1):
                deck.text(scene, f"body column {n}", rect, part, s.body, s.min_body, pal.text, scene.background,
                          bullets=True)
            remaining = []
        else:
            count = fitting_prefix(remaining, t.body, t.body_bold, body.w, body.h, s.min_body, ls)
            part, remaining = remaining[:count], remaining[count:]
            largest = _filling_size(deck, part, body)
            rect = body
            if first and not remaining:  # the whole list on one slide: a short one sits a little above the middle
                needed = deck.measure(part, body.w - 40, largest).height
                if needed < body.h * 0.6:
                    rect = Rect(body.x, body.y + (body.h - needed) * 0.35, body.w, body.h - (body.h - needed) * 0.35)
            deck.text(scene, "body", rect, part, largest, s.min_body, pal.text, scene.background, bullets=True)
        deck.footer(scene)
        first = False


def _filling_size(deck: DeckLayout, paras: list[Para], body: Rect) -> float:
    """The size a list is drawn at: few or short bullets read better larger than the body size, up to the size at
    which they fill about four fifths of the body (1.2× to 1.45× the body size), so a short list does not leave the
    lower half empty; fitting brings long ones back down to the body size or below."""
    s = deck.sizes
    filled = deck.fit(paras, Rect(body.x, body.y, body.w - 40, body.h * 0.8), s.body * 1.45, s.body * 1.2)
    return s.body * 1.15 if filled.overflow else filled.size


def _two_columns(deck: DeckLayout, paras: list[Para], body: Rect) -> tuple[list[Para], list[Para]] | None:
    """Splits bullets into two columns when they overflow one column at the body size but are short enough
    (one line each at half width) to sit side by side without shrinking."""
    s, t = deck.sizes, deck.type
    ls = deck.theme.line_spacing
    one = layout_at(paras, t.body, t.body_bold, s.body, body.w, ls)
    if one.height <= body.h or len(paras) < 6:
        return None
    half = body.split_columns(2, deck.grid.gap * 1.5)[0]
    if any(len(p.lines) > 1 for p in layout_at(paras, t.body, t.body_bold, s.body, half.w, ls).paras):
        return None
    # Cut at a main point near the middle, so sub-points stay with their parent.
    cuts = [k for k in range(1, len(paras)) if paras[k].scale >= 1]
    if not cuts:
        return None
    cut = min(cuts, key=lambda k: abs(k - len(paras) / 2))
    left, right = paras[:cut], paras[cut:]
    for part in (left, right):
        if layout_at(part, t.body, t.body_bold, s.body, half.w, ls).height > body.h:
            return None
    return left, right


# ---- two columns ----------------------------------------------------------------------------------------------

def two_column(deck: DeckLayout, i: int, slide: P.TwoColumnSlide) -> None:
    """Two cards side by side, each headed by a tinted band, their points at one shared size."""
    s, g, pal = deck.sizes, deck.grid, deck.pal
    scene = deck.new(i, "two_column", notes=slide.notes)
    body = deck.title(scene, slide.title)
    cols = body.split_columns(2, g.gap)
    pad = 20.0
    heads = [col.heading for col in slide.columns]
    head_size = s.lead
    head_h = 0.0
    if any(heads):
        head_h = max(deck.measure([Para(h, bold=True)], cols[0].w - 2 * pad, head_size, True).height
                     for h in heads if h) + 2 * pad * 0.7
    paras = [bullet_paras(col.bullets) for col in slide.columns]
    inner = [Rect(c.x + pad, c.y + head_h + pad, c.w - 2 * pad, c.h - head_h - 2 * pad) for c in cols]
    few = max(len(col.bullets) for col in slide.columns) <= 4
    size = shared_size(deck, paras, inner, s.lead * 1.1 if few else s.body * 1.1, s.min_body)
    # Cards as tall as the longer column needs (at least about two thirds of the body), not always the whole body.
    needed = max(deck.measure(p, r.w, size).height for p, r in zip(paras, inner, strict=True))
    card_h = min(body.h, max(head_h + 2 * pad + needed + 8, body.h * 0.68))
    cols = [Rect(c.x, c.y, c.w, card_h) for c in cols]
    inner = [Rect(r.x, r.y, r.w, card_h - head_h - 2 * pad) for r in inner]
    for n, (col, head, part, rect) in enumerate(zip(cols, heads, paras, inner, strict=True), start=1):
        ground = deck.card(scene, f"column {n} card", col)
        if head:
            band = Rect(col.x, col.y, col.w, head_h)
            deck.shape(scene, f"column {n} band", band, pal.soft, "round" if deck.theme.corner_pt else "rect",
                       radius=deck.theme.corner_pt)
            if deck.theme.corner_pt:  # square off the band's lower corners where it meets the card
                deck.shape(scene, f"column {n} band foot", Rect(col.x, col.y + head_h / 2, col.w, head_h / 2),
                           pal.soft)
            deck.text(scene, f"column {n} heading", band.inset(pad, pad * 0.7), [Para(head, bold=True)], head_size,
                      s.min_body, pal.accent, pal.soft, heading=True, anchor="middle")
        deck.text(scene, f"column {n}", rect, part, size, s.min_body, pal.text, ground, bullets=True)
    deck.footer(scene)


# ---- agenda ---------------------------------------------------------------------------------------------------

def agenda(deck: DeckLayout, i: int, slide: P.AgendaSlide) -> None:
    """The deck's parts, numbered, beside a tinted panel that holds the title."""
    s, g, pal = deck.sizes, deck.grid, deck.pal
    scene = deck.new(i, "agenda", notes=slide.notes)
    panel = Rect(0, 0, SLIDE_W * 0.34, SLIDE_H)
    deck.shape(scene, "panel", panel, pal.soft)
    deck.shape(scene, "accent bar", Rect(g.margin, SLIDE_H * 0.58 + 16, 56, 6), pal.accent)
    deck.text(scene, "title", Rect(g.margin, 60, panel.w - 2 * g.margin + 8, SLIDE_H * 0.58 - 60),
              [Para(slide.title, bold=True, balance=True)], s.title, s.min_heading, pal.text, pal.soft, heading=True,
              anchor="bottom")
    n = len(slide.items)
    x = panel.right + g.gap * 2
    top, bottom = 64.0, SLIDE_H - 64.0
    row_h = min((bottom - top) / n, 84.0)
    top += ((bottom - top) - row_h * n) / 2
    number_w = 64.0
    rects = [Rect(x + number_w, top + k * row_h, SLIDE_W - g.margin - x - number_w, row_h) for k in range(n)]
    size = shared_size(deck, [[Para(t)] for t in slide.items], rects, s.lead * (1.1 if n <= 5 else 1.0), s.min_body)
    for k, (item, rect) in enumerate(zip(slide.items, rects, strict=True), start=1):
        deck.text(scene, f"item {k} number", Rect(x, rect.y, number_w - 8, rect.h), [Para(f"{k:02d}", bold=True)],
                  s.heading, s.lead, pal.accent, pal.background, heading=True, anchor="middle", max_lines=1)
        deck.text(scene, f"item {k}", rect, [Para(item)], size, s.min_body, pal.text, pal.background, anchor="middle")
        if k < n:
            deck.line(scene, f"item {k} rule", x, rect.bottom, SLIDE_W - g.margin, rect.bottom, pal.line, 1)
    deck.footer(scene)


# ---- takeaways ------------------------------------------------------------------------------------------------

def takeaways(deck: DeckLayout, i: int, slide: P.TakeawaysSlide) -> None:
    takeaway_rows(deck, i, slide.title, list(slide.points), slide.notes, "takeaways")


def takeaway_rows(deck: DeckLayout, i: int, title: str, points: list[str], notes: str, layout: str) -> None:
    """Each conclusion on its own card with a check mark, the cards sharing the body's height."""
    s, g, pal = deck.sizes, deck.grid, deck.pal
    scene = deck.new(i, layout, notes=notes)
    body = deck.title(scene, title)
    n = len(points)
    gap = g.gap * 0.5
    row_h = min((body.h - gap * (n - 1)) / n, 104.0)
    pad = 18.0
    mark = 40.0
    rects = [Rect(body.x + pad * 2 + mark, body.y + k * (row_h + gap) + 6, body.w - pad * 3 - mark, row_h - 12)
             for k in range(n)]
    size = shared_size(deck, [[Para(p)] for p in points], rects, s.lead * (1.1 if n <= 3 else 1.0), s.min_body)
    for k, (point, rect) in enumerate(zip(points, rects, strict=True), start=1):
        card = Rect(body.x, body.y + (k - 1) * (row_h + gap), body.w, row_h)
        ground = deck.card(scene, f"point {k} card", card)
        deck.shape(scene, f"point {k} edge", Rect(card.x, card.y, 6, card.h), pal.accent)
        deck.icon(scene, f"point {k} mark", Rect(card.x + pad + 6, card.cy - mark / 2, mark, mark), "circle-check",
                  pal.accent, "✓")
        deck.text(scene, f"point {k}", rect, [Para(point)], size, s.min_body, pal.text, ground, anchor="middle")
    deck.footer(scene)


# ---- quote ----------------------------------------------------------------------------------------------------

def quote(deck: DeckLayout, i: int, slide: P.QuoteSlide) -> None:
    """The quotation large beside an accent quotation mark, its source under a short rule."""
    s, g, pal = deck.sizes, deck.grid, deck.pal
    scene = deck.new(i, "quote", notes=slide.notes)
    panel = Rect(0, 0, g.margin + 84, SLIDE_H)
    deck.shape(scene, "panel", panel, pal.soft)
    deck.text(scene, "quote mark", Rect(g.margin - 6, 70, 110, 200), [Para("“", bold=True)], 150, 150,
              mix(pal.accent, pal.soft, 0.0), pal.soft, heading=True)
    x = panel.right + g.gap * 1.5
    width = SLIDE_W - g.margin - x
    deck.text(scene, "quote", Rect(x, 84, width, 300), [Para(slide.quote, balance=True)], s.heading * 1.1,
              s.min_body, pal.text, pal.background, anchor="middle")
    if slide.attribution:
        deck.shape(scene, "attribution rule", Rect(x, 412, 40, 3), pal.accent)
        deck.text(scene, "attribution", Rect(x + 52, 398, width - 52, 36), [Para(slide.attribution)], s.body,
                  s.min_body, pal.muted, pal.background, anchor="middle", max_lines=1)
    deck.footer(scene)


__all__ = ["SlideScene", "bullets", "two_column", "agenda", "takeaways", "quote", "takeaway_rows"]

"""Slides laid out on a grid: big numbers, an icon grid, and a comparison of options across criteria."""

from __future__ import annotations

import math

from renderers.icons import best
from renderers.layout.fit import Para
from renderers.layout.geometry import Rect

from .. import plan as P
from ..layout import DeckLayout
from .points import shared_size


def stat(deck: DeckLayout, i: int, slide: P.StatSlide) -> None:
    """One to four numbers, each as large as its column allows on one line, with what it measures under it.
    A single number takes the left half, its label the right."""
    s, g, pal = deck.sizes, deck.grid, deck.pal
    scene = deck.new(i, "stat", notes=slide.notes)
    body = deck.title(scene, slide.title)
    n = len(slide.stats)
    if n == 1:
        only = slide.stats[0]
        left = Rect(body.x, body.y, body.w * 0.52, body.h)
        deck.text(scene, "stat 1 value", left, [Para(only.value, bold=True)], s.stat * 1.7, s.heading, pal.accent,
                  scene.background, heading=True, anchor="middle", max_lines=1)
        right = Rect(left.right + g.gap, body.y, body.right - left.right - g.gap, body.h)
        label = deck.text(scene, "stat 1 label", right.inset(0, 40), [Para(only.label)], s.lead * 1.2, s.min_body,
                          pal.text, scene.background, anchor="middle")
        top = right.inset(0, 40).cy - min(label.layout.height, right.h - 80) / 2
        deck.shape(scene, "stat 1 rule", Rect(right.x, top - 24, 48, 5), pal.accent)
        deck.footer(scene)
        return
    cols = body.split_columns(n, g.gap * 2)
    value_h_size = s.stat * {2: 1.2, 3: 1.0, 4: 0.82}[n]
    values = [[Para(st.value, bold=True)] for st in slide.stats]
    value_size = min(deck.fit(v, Rect(c.x, 0, c.w, value_h_size * 1.4), value_h_size, s.heading * 0.8, True,
                              max_lines=1).size for v, c in zip(values, cols, strict=True))
    value_h = value_size * 1.3
    labels = [[Para(st.label)] for st in slide.stats]
    label_rects = [Rect(c.x, 0, c.w, body.h - value_h - 60) for c in cols]
    label_size = shared_size(deck, labels, label_rects, s.lead, s.min_body)
    label_h = max(deck.measure(lab, c.w, label_size).height for lab, c in zip(labels, cols, strict=True))
    block = 5 + 20 + value_h + 12 + label_h
    top = body.y + max(0.0, (body.h - block) * 0.42)
    for k, col in enumerate(cols, start=1):
        deck.shape(scene, f"stat {k} rule", Rect(col.x, top, 40, 5), pal.accent)
        deck.text(scene, f"stat {k} value", Rect(col.x, top + 25, col.w, value_h), values[k - 1], value_size,
                  s.heading * 0.8, pal.accent, scene.background, heading=True, anchor="bottom", max_lines=1)
        deck.text(scene, f"stat {k} label", Rect(col.x, top + 25 + value_h + 12, col.w, label_h), labels[k - 1],
                  label_size, s.min_body, pal.text, scene.background)
        if k < n:
            x = col.right + g.gap
            deck.line(scene, f"stat {k} divider", x, top, x, top + block, pal.line, 1)
    deck.footer(scene)


def _columns(items: list[P.IconItem]) -> int:
    n = len(items)
    if n == 4:
        return 4 if all(len(it.title) + len(it.detail or "") <= 70 for it in items) else 2
    return {2: 2, 3: 3, 5: 3, 6: 3}[n]


def icons(deck: DeckLayout, i: int, slide: P.IconsSlide) -> None:
    """Short parallel points on cards in a grid, each under an icon chosen from its words (or its hint)."""
    s, g, pal = deck.sizes, deck.grid, deck.pal
    scene = deck.new(i, "icons", notes=slide.notes)
    body = deck.title(scene, slide.title)
    n = len(slide.items)
    ncols = _columns(slide.items)
    nrows = math.ceil(n / ncols)
    gap = g.gap * 0.75
    pad, mark = 18.0, 50.0
    cell_w = (body.w - gap * (ncols - 1)) / ncols
    most_h = (body.h - gap * (nrows - 1)) / nrows
    sideways = ncols == 2  # wide cells: the icon beside the text
    text_w = cell_w - 2 * pad - (mark + 16 if sideways else 0)
    room = most_h - 2 * pad - (0 if sideways else mark + 14)
    titles = [[Para(it.title, bold=True)] for it in slide.items]
    details = [[Para(it.detail)] if it.detail else [] for it in slide.items]
    title_size = shared_size(deck, titles, [Rect(0, 0, text_w, room * 0.45)] * n, s.lead * 1.1, s.min_body)
    title_h = max(deck.measure(t, text_w, title_size).height for t in titles)
    present = [d for d in details if d]
    detail_size = shared_size(deck, present, [Rect(0, 0, text_w, room - title_h - 8)] * len(present),
                              s.body * 1.05, s.min_body) if present else s.body
    detail_h = max((deck.measure(d, text_w, detail_size).height for d in present), default=0.0)
    content = title_h + (8 + detail_h if present else 0)
    needed = 2 * pad + max(content, mark) if sideways else 2 * pad + mark + 14 + content
    vpad = pad  # the card's top and bottom margin, given up (to 8 pt) before the text would run past the card
    if needed > most_h:
        cut = min((needed - most_h) / 2, pad - 8)
        vpad, needed = pad - cut, needed - 2 * cut
    if needed > most_h + 0.5:  # never silently: the text would run past its card
        deck.lints.warn("text_overflow", f"slide {scene.index} / icons",
                        f"a card needs {needed:.0f} pt at the smallest size but the grid gives {most_h:.0f} pt")
    cell_h = min(most_h, needed)
    # One row of cards is given most of the body's height, so it does not float in a blank slide.
    cell_h = max(cell_h, min(most_h, body.h * 0.62 if nrows == 1 else 150.0))
    top = body.y + max(0.0, (body.h - (cell_h * nrows + gap * (nrows - 1))) * 0.4)
    used: set[str] = set()
    for k, item in enumerate(slide.items):
        r, c = divmod(k, ncols)
        row_n = min(ncols, n - r * ncols)
        # A short last row is centred under the full ones.
        x0 = body.x + (body.w - (row_n * cell_w + (row_n - 1) * gap)) / 2
        cell = Rect(x0 + c * (cell_w + gap), top + r * (cell_h + gap), cell_w, cell_h)
        ground = deck.card(scene, f"item {k + 1} card", cell)
        icon, _ = best(f"{item.title} {item.detail or ''}", item.icon, used)
        used.add(icon)
        deck.badge(scene, f"item {k + 1} icon", cell.x + pad + mark / 2, cell.y + vpad + mark / 2, mark, icon,
                   item.title)
        if sideways:
            tx, ty = cell.x + pad + mark + 16, cell.y + vpad
        else:
            tx, ty = cell.x + pad, cell.y + vpad + mark + 14
        deck.text(scene, f"item {k + 1} title", Rect(tx, ty, text_w, title_h), titles[k], title_size, s.min_body,
                  pal.text, ground)
        if item.detail:
            deck.text(scene, f"item {k + 1} detail", Rect(tx, ty + title_h + 8, text_w, detail_h), details[k],
                      detail_size, s.min_body, pal.muted, ground)
    deck.footer(scene)


def comparison(deck: DeckLayout, i: int, slide: P.ComparisonSlide) -> None:
    """Options as columns and criteria as rows, on banded rows; every cell at one size, the largest at which the
    whole grid fits the body."""
    s, pal = deck.sizes, deck.pal
    scene = deck.new(i, "comparison", notes=slide.notes)
    body = deck.title(scene, slide.title)
    n = len(slide.options)
    first_w = body.w * (0.26 if n <= 3 else 0.22)
    col_w = (body.w - first_w) / n
    pad = 10.0
    heads = [[Para(o, bold=True)] for o in slide.options]
    head_size = shared_size(deck, heads, [Rect(0, 0, col_w - 2 * pad, 60)] * n, s.lead, s.min_body, True)
    head_h = max(deck.measure(h, col_w - 2 * pad, head_size, True).height for h in heads) + 2 * pad + 4

    def heights(size: float) -> list[float]:
        out = []
        for row in slide.rows:
            cells = [deck.measure([Para(row.criterion, bold=True)], first_w - 2 * pad, size)]
            cells += [deck.measure([Para(v)], col_w - 2 * pad, size) for v in row.values]
            out.append(max(c.height for c in cells) + 2 * pad)
        return out

    size = s.body * 1.1
    while size > s.min_body and head_h + sum(heights(size)) > body.h:
        size -= 0.5
    row_hs = heights(size)
    total = head_h + sum(row_hs)
    if total > body.h + 0.5:
        deck.lints.warn("text_overflow", f"slide {scene.index} / comparison",
                        f"the grid needs {total:.0f} pt at the smallest size but the body is {body.h:.0f} pt tall")
    for k in range(n):
        x = body.x + first_w + k * col_w
        deck.text(scene, f"option {k + 1}", Rect(x + pad, body.y + pad, col_w - 2 * pad, head_h - 2 * pad - 4),
                  heads[k], head_size, s.min_body, pal.accent, scene.background, heading=True, anchor="bottom")
        deck.shape(scene, f"option {k + 1} rule", Rect(x + pad, body.y + head_h - 4, col_w - 2 * pad, 3),
                   pal.accent if k == 0 else pal.second)
    y = body.y + head_h
    for r, (row, h) in enumerate(zip(slide.rows, row_hs, strict=True), start=1):
        ground = scene.background
        if r % 2 == 1:
            ground = pal.surface if deck.theme.card == "fill" else pal.soft
            deck.shape(scene, f"row {r} band", Rect(body.x, y, body.w, h), ground)
        deck.text(scene, f"row {r} criterion", Rect(body.x + pad, y + pad, first_w - 2 * pad, h - 2 * pad),
                  [Para(row.criterion, bold=True)], size, s.min_body, pal.text, ground)
        for k, value in enumerate(row.values):
            x = body.x + first_w + k * col_w
            deck.text(scene, f"row {r} option {k + 1}", Rect(x + pad, y + pad, col_w - 2 * pad, h - 2 * pad),
                      [Para(value)], size, s.min_body, pal.text, ground)
        y += h
    deck.footer(scene)

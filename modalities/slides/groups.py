"""Slides that gather several sections: two neighbouring short lists side by side, a run of sections headed "Day 1",
"Day 2" as one flow, a run of short one-paragraph sections as icon grids.

`offline._place_sections` tries these before giving a section its own slides. Each section keeps its heading (a
column's or a step's or a card's title) and its text whole, and the notes hold every section's full text, so
gathering never drops or cuts anything.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from models.planners.offline.common import even_runs
from models.planners.offline.condense import by_script, tidy
from models.planners.offline.document import Section

from . import plan as S
from .shapes import notes_of, top_items

# ---- two columns ------------------------------------------------------------------------------------------


def _short_list(section: Section, zh: bool) -> list[S.Bullet] | None:
    """A section that is only a short list (one to five points, each fitting whole on a column line): its points,
    sub-points kept under them; None otherwise."""
    groups = top_items(section)
    if groups is None or section.paragraphs or section.tables or section.quotes or section.code:
        return None
    if not 1 <= len(groups) <= 5 or len(section.items) > 8:
        return None
    room = by_script(zh, 90, 36)
    if any(len(tidy(i.marked)) > room for g in groups for i in g):
        return None
    return [S.Bullet(text=tidy(i.marked), level=min(i.level, 1)) for g in groups for i in g]


def paired_slide(first: Section, second: Section, zh: bool) -> S.TwoColumnSlide | None:
    """Two neighbouring sections that are each a short list (and of the same kind, numbered or not) side by side,
    each column under its own heading; the slide's title names both."""
    if not (first.heading and second.heading) or first.generated or second.generated:
        return None
    if first.ordered != second.ordered or first.level != second.level:
        return None
    a, b = _short_list(first, zh), _short_list(second, zh)
    if a is None or b is None or len(first.heading) > 80 or len(second.heading) > 80:
        return None
    title = f"{first.heading}{'、' if zh else ' · '}{second.heading}"
    return S.TwoColumnSlide(title=title[:150], columns=[S.Column(heading=first.heading, bullets=a),
                                                        S.Column(heading=second.heading, bullets=b)],
                            notes=notes_of(f"{first.heading}\n{first.notes}\n\n{second.heading}\n{second.notes}"))


# ---- runs of short sections -------------------------------------------------------------------------------

# "Day 1: arrive", "Week 2", "Phase 3 …", "第一天", "第 2 週": a heading that numbers its place in a sequence.
_ORDINAL = re.compile(r"^((?:day|week|month|phase|stage|step|part|round|session|module|lesson)\s+\d{1,2})\b|"
                      r"^(第\s*[一二三四五六七八九十\d]{1,3}\s*[天日週周月步階段課])", re.IGNORECASE)
RUN_MAX = 6  # sections in one grid or one flow


def _whole_paragraph(section: Section, room: int) -> str | None:
    """The section's text when it is one paragraph that fits `room` whole under a written heading; else None."""
    if not section.heading or section.generated or len(section.paragraphs) != 1 or section.items or \
            section.tables or section.quotes or section.code:
        return None
    text = tidy(section.paragraphs[0])
    return text if len(text) <= room and len(section.heading) <= 60 else None


# A heading's own numbering ("一、", "2.", "(3)"): in a run of numbered headings, an unnumbered one ("結語") is no
# member of the set.
_MARKED = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、．.]|\d{1,2}[.、)．]|[（(][一二三四五六七八九十\d]{1,3}[)）])")


def _run(sections: list[Section], k: int, room: int,
         apart: Callable[[Section], bool] | None = None) -> list[tuple[Section, str]]:
    """The neighbouring sections from `k` that are each one paragraph fitting `room` whole, at one heading level,
    numbered alike (all or none), at most RUN_MAX; a section `apart` says has a slide of its own (big numbers)
    ends the run."""
    run: list[tuple[Section, str]] = []
    marked = bool(_MARKED.match(sections[k].heading))
    for section in sections[k:k + RUN_MAX]:
        text = _whole_paragraph(section, room)
        if text is None or section.level != sections[k].level or bool(_MARKED.match(section.heading)) != marked \
                or (apart is not None and apart(section)):
            break
        run.append((section, text))
    return run


def _run_notes(run: list[tuple[Section, str]]) -> str:
    return notes_of("\n\n".join(f"{s.heading}\n{s.notes}" for s, _ in run))


def ordinal_run_slide(sections: list[Section], k: int, zh: bool,
                      apart: Callable[[Section], bool] | None = None) -> tuple[S.ProcessSlide | None, int]:
    """Sections headed as places in a sequence ("Day 1: …", "Day 2: …", "第一天") with a short paragraph each, as
    one flow: each heading a step, its paragraph whole as the detail; the slide is titled by the first and last
    places ("Day 1 – Day 3"). Returns the slide and how many sections it holds."""
    run = _run(sections, k, by_script(zh, 200, 90), apart)
    places = [_ORDINAL.match(s.heading) for s, _ in run]
    count = next((j for j, m in enumerate(places) if m is None), len(places))
    if count < 2:
        return None, 0
    first, last = (m.group(0).strip() for m in (places[0], places[count - 1]) if m)
    steps = [S.ProcessStep(title=s.heading, detail=text) for s, text in run[:count]]
    title = f"{first}–{last}" if zh else f"{first} – {last}"
    return S.ProcessSlide(title=title, steps=steps, notes=_run_notes(run[:count])), count


def short_run_slides(sections: list[Section], k: int, zh: bool,
                     apart: Callable[[Section], bool] | None = None) -> tuple[list[S.IconsSlide], int]:
    """Three to six neighbouring sections that are each one short paragraph (a digest of links, a list of short
    ideas) as icon grids of at most four cards (five are three and two), each heading over its paragraph, whole.
    Returns the slides and how many sections they hold."""
    run = _run(sections, k, by_script(zh, 160, 70), apart)
    if len(run) < 3:
        return [], 0
    title = "重點" if zh else "Key points"
    slides = []
    for j, part in enumerate(even_runs(run, 4)):
        slides.append(S.IconsSlide(title=title if j == 0 else f"{title}（續）" if zh else f"{title} (cont.)",
                                   items=[S.IconItem(title=s.heading, detail=text) for s, text in part],
                                   notes=_run_notes(part)))
    return slides, len(run)

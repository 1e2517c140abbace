"""Slide layouts chosen by the content's shape: dated items are a timeline, steps a process, short parallel items (or
a paragraph of "Label: value" parts) an icon grid, a list of headline numbers a stat slide, two points with
sub-points two columns. (Slides that gather several sections are in `groups`.)

Each function here takes one section and returns its slide(s) in that layout, or None when the section does not
really have that shape; `offline.section_slides` tries them before falling back to bullets. Faithfulness first:
every item of the section is on the slide (a step's or an event's title is its first clauses, the rest its detail,
cut at clause boundaries only, the full text in the notes), a stat is a quantity the item states, labelled by its
own clause, and nothing is added.
"""

from __future__ import annotations

import re

from models.planners.offline.common import dated_items, even_runs
from models.planners.offline.condense import by_script, capital, cut_at_sentence, first_sentences, fit, tidy
from models.planners.offline.document import Item, Section
from models.planners.offline.headlines import clause_count, stat_candidates
from models.planners.offline.sequence import STEP_WORDS, in_order, told_steps
from renderers.plan.common import Event

from . import plan as S

_NUMBER_END = re.compile(r"\d[\d,.]*\s*$")  # "between 3 and 5": no cut after the first number
_LABEL = re.compile(r"^([^:：]{1,40}?)\s*[:：]\s*(\S.*)$")  # "Date: 18 October", "地點：河濱公園"


NOTES_CHARS = 8000


def notes_of(text: str) -> str:
    """Speaker notes within the plan's limit, cut at a sentence end."""
    return cut_at_sentence(text, NOTES_CHARS)


def _title_cut(text: str, room: int) -> tuple[str, str] | None:
    """(title, rest) of a point: its first sentence when that is short, else its first clauses, else what comes
    before a bracket ("Ask for the receipt (it starts with HS-…)"); None when no clean cut gives a title that fits."""
    first = first_sentences(text, 1)
    if first and len(first[0]) <= room:  # a short first sentence heads the rest, without its full stop
        rest = text[len(first[0]):].strip()
        return (first[0].rstrip(".。") or first[0]) if rest else first[0], rest
    kept, rest = fit(text, room)
    if not kept.endswith("…"):
        return kept, rest
    bracket = min((k for k in (text.find(" ("), text.find("（")) if k > 0), default=-1)
    if 8 <= bracket <= room:
        return text[:bracket].rstrip(), text[bracket:].strip()
    # "Put the item in the returns crate | and log it on the tablet": the first of two joined actions.
    joint = text.rfind(" and ", 0, room)
    if joint > 0 and len(text[:joint].split()) >= 3 and not (_NUMBER_END.search(text[:joint])):
        return text[:joint], text[joint + 1:]
    return None


def _split(text: str, zh: bool, title_room: tuple[int, int],
           detail_room: tuple[int, int]) -> tuple[str, str | None] | None:
    """A title from the text's first sentence or clauses and a detail from what follows, both cut at clause
    boundaries (never inside a number or bracket, never in mid-phrase); what the detail cannot hold stays in the
    notes. None when the text has no title short enough."""
    room = by_script(zh, *title_room)
    cut = _title_cut(tidy(text), int(room * 1.3))
    if cut is None:
        return None
    title, rest = cut
    if not rest:
        return title, None
    detail = fit(tidy(rest), by_script(zh, *detail_room))[0]
    return title, detail if detail and not detail.endswith("…") else None


def top_items(section: Section) -> list[list[Item]] | None:
    """The section's items grouped under their main points (a point and its sub-points); None when there are none."""
    groups: list[list[Item]] = []
    for item in section.items:
        if not item.text.strip():
            continue
        if item.level == 0 or not groups:
            groups.append([item])
        else:
            groups[-1].append(item)
    return groups or None


# ---- timeline ---------------------------------------------------------------------------------------------


def timeline_slide(title: str, section: Section, zh: bool) -> S.TimelineSlide | None:
    """Every point of the section opens with a date, in time order: events along one line. Points that share a
    date are one event (the first its title, the next its detail)."""
    groups = top_items(section)
    if groups is None or section.paragraphs or any(len(g) > 1 for g in groups):
        return None
    dated = dated_items([g[0].text for g in groups], days=True)
    if len(dated) != len(groups) or not in_order([d for d, _ in dated]):
        return None
    merged: list[tuple[str, list[str]]] = []
    for date, what in dated:
        if merged and merged[-1][0] == date:
            merged[-1][1].append(what)
        else:
            merged.append((date, [what]))
    if not 2 <= len(merged) <= 8 or any(len(d) > 40 or len(w) > 2 for d, w in merged):
        return None
    events = []
    for date, whats in merged:
        split = _split(whats[0], zh, (60, 24), (120, 50))
        if split is None:
            return None
        head, more = split
        if len(whats) > 1:
            if more:
                return None  # two points on one date, the first already long: bullets show both whole
            more, left = fit(tidy(whats[1]), by_script(zh, 120, 50))
            if left:
                return None
        events.append(Event(date=date, title=capital(head), detail=more))
    return S.TimelineSlide(title=title[:150], events=events, notes=notes_of(section.notes))


# ---- process ----------------------------------------------------------------------------------------------


def _steps(texts: list[tuple[str, list[str]]], zh: bool) -> list[S.ProcessStep] | None:
    """Each step as a title and a detail (its sub-points, when it has no more text); None when a step has no
    title short enough to head its arrow."""
    steps = []
    for text, subs in texts:
        split = _split(text, zh, (46, 18), (170, 70))
        if split is None:
            return None
        head, detail = split
        if subs and not detail:
            joined = ("；" if zh else "; ").join(tidy(s) for s in subs)
            kept = fit(joined, by_script(zh, 110, 44))[0]
            detail = kept if not kept.endswith("…") else None
        steps.append(S.ProcessStep(title=head, detail=detail))
    return steps


def _paged_steps(title: str, steps: list[S.ProcessStep], notes: str, zh: bool) -> list[S.ProcessSlide]:
    """Steps in even runs of at most five (seven steps are four and three), each run one slide."""
    runs = even_runs(steps, 5)
    if any(len(r) < 2 for r in runs):
        return []
    cont = "（續）" if zh else " (cont.)"
    return [S.ProcessSlide(title=(title if k == 0 else title + cont)[:150], steps=run, notes=notes_of(notes) if k == 0
                           else "") for k, run in enumerate(runs)]


def process_slides(title: str, section: Section, zh: bool, sequence: bool = False) -> list[S.ProcessSlide]:
    """A numbered list that is a sequence of steps (its heading says so, or the whole text is the list: `sequence`)
    as numbered arrows; a step's sub-points are its detail. Two to ten steps; none when the list is no process."""
    groups = top_items(section)
    if groups is None or not section.ordered or section.paragraphs and not sequence:
        return []
    if not (sequence or STEP_WORDS.search(section.heading)) or not 2 <= len(groups) <= 10:
        return []
    steps = _steps([(g[0].text, [i.text for i in g[1:]]) for g in groups], zh)
    return _paged_steps(title, steps, section.notes, zh) if steps else []


def told_process_slides(title: str, paragraphs: list[str], zh: bool) -> list[S.ProcessSlide]:
    steps = told_steps(paragraphs)
    made = _steps([(s, []) for s in steps], zh) if steps is not None else None
    return _paged_steps(title, made, "\n".join(paragraphs), zh) if made else []


# ---- icons ------------------------------------------------------------------------------------------------


def icons_slide(title: str, section: Section, zh: bool) -> S.IconsSlide | None:
    """Two to six short parallel points (no sub-points, no prose beside them, not numbered) as an icon grid; a point
    written "Label: what" is a title over its detail. Every point must fit whole: nothing is cut."""
    groups = top_items(section)
    if groups is None or section.ordered or section.paragraphs or not 2 <= len(groups) <= 6:
        return None
    if any(len(g) > 1 for g in groups):
        return None
    items = []
    for (item,) in groups:
        text = tidy(item.text)
        m = _LABEL.match(text)
        if m and len(m.group(1)) <= by_script(zh, 30, 10) and len(m.group(2)) <= by_script(zh, 110, 45):
            items.append(S.IconItem(title=m.group(1), detail=m.group(2)))
        elif len(text) <= by_script(zh, 60, 24):
            items.append(S.IconItem(title=text))
        else:
            return None
    return S.IconsSlide(title=title[:150], items=items, notes=notes_of(section.notes))


# ---- numbers ----------------------------------------------------------------------------------------------


def listed_stat_slide(title: str, section: Section) -> S.StatSlide | None:
    """A list of two to four points, each one clause stating one headline number: the numbers large, each labelled
    by its own point."""
    groups = top_items(section)
    if groups is None or section.paragraphs or not 2 <= len(groups) <= 4 or any(len(g) > 1 for g in groups):
        return None
    stats = []
    for (item,) in groups:
        found = stat_candidates(item.text)
        if len(found) != 1 or found[0].weight < 2.0 or clause_count(item.text) != 1:
            return None
        stats.append(S.Stat(value=found[0].value, label=found[0].label[:120]))
    if len({s.value for s in stats}) < len(stats):
        return None
    return S.StatSlide(title=title[:150], stats=stats, notes=notes_of(section.notes))


# ---- two columns ------------------------------------------------------------------------------------------


def split_list_slide(title: str, section: Section, zh: bool) -> S.TwoColumnSlide | None:
    """A list of exactly two points, each with sub-points under it (pros and cons, before and after): two columns
    headed by the two points."""
    groups = top_items(section)
    if groups is None or section.paragraphs or len(groups) != 2 or any(len(g) < 2 for g in groups):
        return None
    room = by_script(zh, 90, 36)
    columns = []
    for head, *subs in groups:
        if len(head.text) > 80 or len(subs) > 10 or any(len(tidy(s.text)) > room for s in subs):
            return None
        columns.append(S.Column(heading=tidy(head.marked), bullets=[S.Bullet(text=tidy(s.text)) for s in subs]))
    return S.TwoColumnSlide(title=title[:150], columns=columns, notes=notes_of(section.notes))


_PART_END = re.compile(r"[。；;]|\.(?=\s|$)")  # a sentence or a "；" ends a part; "v2.0" does not


def labelled_slide(title: str, section: Section, zh: bool) -> S.IconsSlide | None:
    """A section that is one short paragraph of "Label: value" parts ("Product: Hana Kim. Marketing: Jon Ellis.",
    "產品：黃子軒；行銷：吳佩珊") as an icon grid of labels over their values: every part shown whole."""
    if section.items or section.tables or section.quotes or len(section.paragraphs) != 1:
        return None
    parts = [p.strip() for p in _PART_END.split(section.paragraphs[0]) if p.strip()]
    if not 2 <= len(parts) <= 6:
        return None
    items = []
    for part in parts:
        m = _LABEL.match(part)
        if m is None:
            return None
        label, value = m.group(1).strip(), m.group(2).strip()
        short_label = len(label) <= 6 if zh else len(label.split()) <= 3
        if not short_label or re.search(r"\d", label) or len(value) > by_script(zh, 60, 24):
            return None
        items.append(S.IconItem(title=label, detail=value))
    return S.IconsSlide(title=title[:150], items=items, notes=notes_of(section.notes))

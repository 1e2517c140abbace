"""Offline deck building: every section of the document becomes at least one slide, in order.

Points are condensed at sentence and clause boundaries, never inside a number, a name or a bracket pair; a
section's full text (each item on its own line, numbered items with their numbers) goes to the speaker notes, so
nothing that was cut from a slide is lost. Lists keep their sub-points and their numbers; long lists continue on
another slide. Tables become a chart when the chart shows every cell, otherwise a table slide (the renderer
continues long tables). A short section made of headline numbers becomes a stat slide. The cover carries the
document's title and its header lines or opening sentence; the closing recap is built from the sections' titles
and key points.

Which layout a section gets is decided in the small `*_slide(s)` functions below and `section_slides`, so the
layout choice can change in one place.
"""

from __future__ import annotations

from models.planners.base import PlanRequest
from models.planners.offline.common import is_zh, topic_of
from models.planners.offline.condense import (
    first_sentences,
    fit,
    fit_point,
    key_sentence,
    rank,
    tidy,
    without_greeting,
)
from models.planners.offline.document import Document, Item, Section, join_text
from models.planners.offline.headlines import clause_count, stat_candidates
from models.planners.offline.tables import lossless_chart
from renderers.plan.common import TableData

from . import frame, groups, shapes
from . import plan as S
from .shapes import notes_of

MAX_SLIDES = 60
MAX_POINTS = 7  # main points on one slide before the list continues on the next
MAX_LINES = 10  # bullets on one slide, sub-points included (the plan allows 12)
POINT_CHARS = {False: 140, True: 40}  # room for one point (English, Chinese); the rest goes to the notes
STRETCH = 1.4  # a point with no clean cut may run this much over its room rather than be cut in mid-phrase
MAX_RANKED = 300  # sentences of a section ranked for its points


def _continued(title: str, zh: bool) -> str:
    return f"{title}（續）" if zh else f"{title} (cont.)"


# ---- points -----------------------------------------------------------------------------------------------


def _point(text: str, zh: bool, number: str | None = None) -> str:
    """One bullet: the text fitted at a clause boundary, with the number the source gave it."""
    room = POINT_CHARS[zh] - (len(number) + 2 if number else 0)
    kept = fit_point(tidy(text), room, int(room * STRETCH))[0]
    return f"{number}. {kept}" if number else kept


def _item_bullets(items: list[Item], zh: bool) -> list[S.Bullet]:
    bullets = [S.Bullet(text=_point(i.text, zh, i.number), level=min(i.level, 1)) for i in items if i.text.strip()]
    if bullets and bullets[0].level == 1:  # a list that opens indented has no parent to hang from
        bullets[0] = S.Bullet(text=bullets[0].text, level=0)
    return bullets


def _sentence_points(sentence: str, zh: bool) -> list[S.Bullet]:
    """A sentence as one point, or, when it splits at a clause boundary into two parts that each fit whole, as a
    point and its continuation beneath it ("…面臨缺工問題" / "平均每年的人事成本上升了 5%"); what fits neither way
    is cut at a clause, the rest in the notes."""
    room = POINT_CHARS[zh]
    head, rest = fit_point(tidy(sentence), room, int(room * STRETCH))
    if rest and not head.endswith("…"):
        second, more = fit(tidy(rest), room)
        if not more and not second.endswith("…"):
            return [S.Bullet(text=head), S.Bullet(text=second, level=1)]
    return [S.Bullet(text=head)]


def _prose_bullets(paragraphs: list[str], zh: bool, room: int) -> list[S.Bullet]:
    """The paragraphs' sentences as points, in order: all of them when they fit the room, else the most central."""
    # A paragraph of thousands of sentences gives its points from its first few hundred: the ranking is linear,
    # but a slide has six places.
    sents = [s for p in paragraphs for s in first_sentences(p, MAX_RANKED)][:MAX_RANKED]
    if len(sents) > room:
        keep = sorted(rank(sents)[:room])
        sents = [sents[k] for k in keep]
    return [b for s in sents for b in _sentence_points(s, zh)]


def _pages(bullets: list[S.Bullet]) -> list[list[S.Bullet]]:
    """Bullets in pages of at most MAX_POINTS main points and MAX_LINES lines; a point and its sub-points stay on
    one page (a point with more sub-points than a page holds is split after MAX_LINES)."""
    groups: list[list[S.Bullet]] = []
    for b in bullets:
        if b.level == 0 or not groups:
            groups.append([S.Bullet(text=b.text, level=0)])
        else:
            groups[-1].append(b)
    pages: list[list[S.Bullet]] = []
    page: list[S.Bullet] = []
    for group in groups:
        for k in range(0, len(group), MAX_LINES):
            part = group[k:k + MAX_LINES]
            mains = sum(x.level == 0 for x in page)
            if page and (len(page) + len(part) > MAX_LINES or mains >= MAX_POINTS):
                pages.append(page)
                page = []
            if not page and part[0].level:
                part = [S.Bullet(text=part[0].text, level=0), *part[1:]]
            page += part
    if page:
        pages.append(page)
    return pages


# ---- layouts ----------------------------------------------------------------------------------------------


def table_slide(title: str, table: TableData, notes: str = "") -> S.ChartSlide | S.TableSlide:
    """A chart when it shows every cell of the table, else the table itself."""
    chart = lossless_chart(table)
    if chart is not None:
        return S.ChartSlide(title=title[:150], chart=chart, notes=notes_of(notes))
    return S.TableSlide(title=title[:150], table=table, notes=notes_of(notes))


def stat_slide(section: Section, zh: bool) -> S.StatSlide | None:
    """A short section made of headline numbers reads best as big numbers: two to four of them, and every clause
    giving one, so no point is left only in the notes."""
    if section.items:
        return None
    sents = [s for p in section.paragraphs for s in first_sentences(p, 5)]
    if not 1 <= len(sents) <= 4:
        return None
    stats = [c for s in sents for c in stat_candidates(s) if c.weight >= 2.0]
    if not 2 <= len(stats) <= 4 or len({c.value for c in stats}) < len(stats):
        return None
    if sum(clause_count(s) for s in sents) > len(stats):  # a clause without a number would be lost
        return None
    return S.StatSlide(title=section.heading[:150], stats=[S.Stat(value=c.value, label=c.label) for c in stats],
                       notes=notes_of(section.notes))


def bullet_slides(title: str, section: Section, zh: bool) -> list[S.BulletsSlide]:
    """The section's points: its sentences and its list with sub-points and numbers (in the order the section
    gives them), paged when long."""
    items = _item_bullets(section.items[:MAX_SLIDES * MAX_LINES], zh)  # more would not fit in any deck
    room = max(3, MAX_POINTS - sum(b.level == 0 for b in items)) if items else 6
    prose = _prose_bullets(section.paragraphs, zh, room)
    bullets = prose + items if section.opens_with_text or not items else items + prose
    if not bullets:
        return []
    pages = _pages(bullets)
    notes = notes_of(section.notes)
    return [S.BulletsSlide(title=(title if k == 0 else _continued(title, zh))[:150], bullets=page,
                           notes=notes if k == 0 else "")
            for k, page in enumerate(pages)]


def quote_slides(section: Section) -> list[S.QuoteSlide]:
    return [S.QuoteSlide(quote=fit(q, 400)[0], notes=notes_of(q)) for q in section.quotes]


def strong_shape(title: str, section: Section, zh: bool, sequence: bool = False) -> list:
    """The section's list in the layout its shape calls for when the shape is unmistakable: dated points in order
    (a timeline), steps (a process), points that each state one headline number (a stat slide); [] otherwise."""
    timeline = shapes.timeline_slide(title, section, zh)
    if timeline is not None:
        return [timeline]
    steps = shapes.process_slides(title, section, zh, sequence)
    if steps:
        return steps
    stat = shapes.listed_stat_slide(title, section)
    return [stat] if stat is not None else []


def shaped_slides(title: str, section: Section, zh: bool, sequence: bool = False) -> list:
    """The section in the layout its content's shape calls for (`strong_shape`, then two points with sub-points
    as two columns, short parallel points as an icon grid), or [] when plain points serve it best."""
    strong = strong_shape(title, section, zh, sequence)
    if strong:
        return strong
    for make in (shapes.split_list_slide, shapes.icons_slide, shapes.labelled_slide):
        slide = make(title, section, zh)
        if slide is not None:
            return [slide]
    return []


def section_slides(section: Section, zh: bool, sequence: bool = False) -> list:
    """All of one section: its tables, its quotes, and its text in the layout its shape calls for (a timeline, a
    process, big numbers, two columns, an icon grid) or else as bullets; a heading with nothing under it (a part
    title) is a section slide. `sequence`: the section is the whole text's list, so a numbered one is its steps."""
    title = section.heading or ("重點" if zh else "Key points")
    slides: list = [table_slide(title, t, section.notes) for t in section.tables]
    slides += quote_slides(section)
    if section.items or section.paragraphs:
        shaped = shaped_slides(title, section, zh, sequence) if section.heading else []
        stat = stat_slide(section, zh) if section.heading and not shaped else None
        slides += shaped or ([stat] if stat is not None else bullet_slides(title, section, zh))
    elif section.code and not slides:
        slides.append(S.SectionSlide(title=title[:150], notes=notes_of("\n\n".join(section.code))))
    if not slides and section.heading:
        slides.append(S.SectionSlide(title=section.heading[:150]))
    return slides


def data_slides(data: TableData, title: str) -> list:
    return [table_slide(title, data)]


# ---- cover and recap --------------------------------------------------------------------------------------


def _cover(doc: Document, zh: bool) -> tuple[str | None, list]:
    """The cover's subtitle and the slides that open the deck: header lines ("Note-taker: …", "出席：…") stay one
    each, joined by a separator; a short opening sentence is the subtitle; a longer opening is an overview slide."""
    slides: list = []
    subtitle = None
    lead = doc.lead
    overview_title = "概覽" if zh else "Overview"
    if doc.fields:
        joined = " · ".join(doc.fields)
        if len(joined) <= 200:
            subtitle = joined
        else:
            slides.append(S.BulletsSlide(title=overview_title,
                                         bullets=[S.Bullet(text=_point(f, zh)) for f in doc.fields[:12]]))
    if doc.sections and lead.paragraphs:
        text = join_text(lead.paragraphs)
        opening = first_sentences(text, 7)
        kept, rest = fit(tidy(without_greeting(opening[0])), 80 if zh else 160) if opening else ("", "")
        if subtitle is None and len(text) < 200 and kept and not rest and not kept.endswith("…"):
            subtitle = kept
            if len(opening) > 1:
                slides.append(S.BulletsSlide(title=overview_title, notes=notes_of(text),
                                             bullets=[b for s in opening[1:7] for b in _sentence_points(s, zh)]))
        else:
            slides += bullet_slides(overview_title, Section(overview_title, paragraphs=lead.paragraphs), zh)
    if doc.sections and (lead.items or lead.tables or lead.quotes):
        rest_of_lead = Section(overview_title, items=lead.items, ordered=lead.ordered, tables=lead.tables,
                               quotes=lead.quotes)
        slides += section_slides(rest_of_lead, zh)
    if subtitle is None and not doc.fields:
        byline = " · ".join(v for v in (doc.meta.get("author"), doc.meta.get("date")) if v)
        subtitle = byline[:200] or None
    return subtitle, slides


def _recap(doc: Document, zh: bool) -> list[S.Bullet]:
    """The closing recap: each section's title and its key point (its most central sentence, or its list's first
    item when it has no prose), cut at a clause boundary; the title alone when no clause fits."""
    room = 34 if zh else 100
    out = []
    for s in doc.sections:
        if not s.heading or s.generated or not (s.paragraphs or s.items):
            continue
        head = f"{s.heading}：" if zh else f"{s.heading}: "
        kept = _key_point(s, room - len(head)) if len(head) < room - 8 else ""
        out.append(S.Bullet(text=(head + kept) if kept else s.heading[:room]))
    return out[:5]


def _headless_slides(lead: Section, zh: bool, skip_first: bool) -> list:
    """A text without headings, in its own order: a paragraph of several sentences is a slide titled by its first
    sentence (when that is short) with the others as points; a run of one-sentence paragraphs is one slide of
    points; the list (and tables, quotes) one more. `skip_first`: the opening paragraph is the cover's subtitle."""
    key_points = "重點" if zh else "Key points"
    paragraphs = lead.paragraphs[1 if skip_first else 0:MAX_SLIDES]
    prose: list = []
    run: list[str] = []
    # "First, … Then … Finally, …": the paragraphs that tell the steps are one process, after what leads up to it.
    told = shapes.told_steps(paragraphs)
    steps = shapes.told_process_slides("步驟" if zh else "Steps", paragraphs[len(paragraphs) - len(told):], zh) \
        if told is not None else []
    if steps and told is not None:
        paragraphs = paragraphs[:len(paragraphs) - len(told)]

    def close_run() -> None:
        if run:
            prose.extend(bullet_slides(key_points, Section(key_points, paragraphs=list(run)), zh))
            run.clear()

    for para in paragraphs:
        sents = first_sentences(para, MAX_RANKED)
        if len(sents) < 2:
            run.append(para)
            continue
        close_run()
        title, rest = fit(tidy(sents[0]), 70 if not zh else 30)
        if rest or title.endswith("…"):
            prose += section_slides(Section(key_points, paragraphs=[para]), zh)
        else:  # the first sentence is the title; the others are its points
            slides = section_slides(Section(title, paragraphs=[" ".join(sents[1:])]), zh)
            for slide in slides[:1]:
                if hasattr(slide, "notes"):
                    slide.notes = notes_of(para)
            prose += slides
    close_run()
    prose += steps
    lists = Section(key_points, items=lead.items, ordered=lead.ordered, tables=lead.tables, quotes=lead.quotes)
    listed = section_slides(_named_by_shape(lists, zh), zh, sequence=True) if not lists.is_empty else []
    return prose + listed if lead.opens_with_text else listed + prose


def _named_by_shape(lists: Section, zh: bool) -> Section:
    """The list of a text without headings, titled by its shape when it has one ("Timeline", "Steps"), else
    "Key points": the cover already carries the text's title."""
    if shapes.timeline_slide("-", lists, zh) is not None:
        lists.heading = "時程" if zh else "Timeline"
    elif shapes.process_slides("-", lists, zh, sequence=True):
        lists.heading = "步驟" if zh else "Steps"
    return lists


def _headless_subtitle(lead: Section, zh: bool) -> str | None:
    """The opening paragraph of a text without headings, as the cover's subtitle, when it is one short sentence
    that introduces more (the steps that follow)."""
    if not lead.opens_with_text or len(lead.paragraphs) + bool(lead.items or lead.tables) < 2:
        return None
    first = first_sentences(lead.paragraphs[0], 2)
    if len(first) != 1:
        return None
    kept, rest = fit(tidy(first[0]), 80 if zh else 160)
    return kept if not rest and not kept.endswith("…") else None


def _key_point(section: Section, room: int) -> str:
    """The section's key sentence (`key_sentence`), or failing that its most central one, that fits the room cut
    at a clause boundary (its list's first item when it has no prose); "" when none does."""
    sents = [s for p in section.paragraphs for s in first_sentences(p, MAX_RANKED)][:MAX_RANKED]
    if sents:
        key = key_sentence(" ".join(sents[:2]))
        candidates = [key] + [sents[k] for k in rank(sents) if sents[k] != key]
    else:
        candidates = [i.text for i in section.items[:1]]
    for sentence in candidates[:4]:
        kept = fit_point(tidy(sentence), room, int(room * STRETCH))[0]
        if kept and not kept.endswith("…"):
            return kept
    return ""


def _place_sections(doc: Document, zh: bool, body: list) -> int:
    """Adds every section's slides to `body`, in order: a part with sections under it opens with a divider, a run
    of short sections headed "Day 1", "Day 2" is one flow, a run of three or more one-paragraph sections one icon
    grid, two neighbouring short lists sit side by side; returns how many sections found room (the deck holds
    MAX_SLIDES)."""
    sections = doc.sections
    k = 0
    while k < len(sections):
        if len(body) >= MAX_SLIDES:
            break  # the deck is full; the planner's content_dropped warning names the sections left out
        section = sections[k]
        divider = frame.divider(section, zh) if frame.is_part(doc, section) else None
        if divider is not None:
            body.append(divider)
            k += 1
            continue
        def apart(s: Section) -> bool:  # big numbers keep their own slide
            return stat_slide(s, zh) is not None

        flow, grouped = groups.ordinal_run_slide(sections, k, zh, apart)
        grids, grouped = ([flow], grouped) if flow is not None else groups.short_run_slides(sections, k, zh, apart)
        body.extend(grids)
        if grouped:
            k += grouped
            continue
        if k + 1 < len(sections) and not strong_shape(section.heading, section, zh) \
                and not strong_shape(sections[k + 1].heading, sections[k + 1], zh):
            pair = groups.paired_slide(section, sections[k + 1], zh)
            if pair is not None:
                body.append(pair)
                k += 2
                continue
        body.extend(section_slides(section, zh))
        k += 1
    return k


def build_slides(request: PlanRequest, doc: Document) -> tuple[S.SlidesPlan, bool]:
    """The deck plan and whether it is only a scaffold (nothing to structure was given)."""
    zh = is_zh(doc, request.prompt)
    title = topic_of(request.prompt, doc)
    subtitle, body = _cover(doc, zh)
    placed = _place_sections(doc, zh, body)
    agenda = frame.agenda_slide(doc, zh, len(body)) if placed == len(doc.sections) else None
    if agenda is not None:
        body.insert(0, agenda)
    if not doc.sections and not doc.is_empty:
        opening = _headless_subtitle(doc.lead, zh) if subtitle is None else None
        subtitle = subtitle or opening
        body.extend(_headless_slides(doc.lead, zh, skip_first=opening is not None))
        if subtitle is None and doc.fields:
            subtitle = " · ".join(doc.fields)[:200]
    if request.data is not None:
        body.extend(data_slides(request.data, title if not body else ("資料" if zh else "The data")))
    scaffold = not body
    if scaffold:
        body = _scaffold(title, zh, request.prompt)
    slides: list = [S.TitleSlide(title=title, subtitle=subtitle, notes=notes_of("\n".join(doc.fields)))]
    slides.extend(body[: MAX_SLIDES - 2])
    recap = _recap(doc, zh) if not scaffold else []
    content = [s for s in body if s.layout not in ("agenda", "section")]
    takeaways = frame.takeaways_slide([b.text for b in recap], zh) if len(content) >= frame.TAKEAWAYS_SLIDES else None
    if takeaways is not None:
        slides.append(takeaways)
    else:
        slides.append(S.ClosingSlide(title="謝謝" if zh else "Thank you"))
    language = "zh-TW" if zh else "en"
    return S.SlidesPlan(title=title, subtitle=subtitle, language=language, slides=slides), scaffold


def _scaffold(title: str, zh: bool, prompt: str = "") -> list:
    """An honest outline for a topic given without content, shaped by the kind of request (outline.py): parts to
    fill in, never invented facts. Comparisons and decisions put the options side by side."""
    from models.planners.offline.outline import outline_for

    o = outline_for(prompt or title, zh)
    slides: list = []
    parts = o.parts
    if o.kind == "compare" and len(o.options) == 2:
        columns = [S.Column(heading=opt[:80], bullets=[S.Bullet(text=o.fill(c)) for c in o.criteria])
                   for opt in o.options]
        slides.append(S.TwoColumnSlide(title="並排比較" if zh else "Side by side", columns=columns, notes=o.note))
        parts = [p for p in parts if p.heading not in o.options]
    elif o.kind == "compare":
        head = "比較項目" if zh else "Criterion"
        slides.append(S.TableSlide(title="並排比較" if zh else "Side by side", notes=o.note,
                                   table=TableData(columns=[head, *o.options], rows=[[c, *[None] * len(o.options)]
                                                                                      for c in o.criteria])))
        parts = [p for p in parts if p.heading not in o.options]
    for part in parts:
        if o.kind == "decision" and len(o.options) == 2 and any(part.heading.startswith(opt) for opt in o.options):
            continue  # each option's pros and cons: side by side below
        bullets = [S.Bullet(text=point) for point in part.points[:12]]
        slides.append(S.BulletsSlide(title=part.heading, bullets=bullets, notes=o.note))
    if o.kind == "decision" and len(o.options) == 2:  # after the slide that names the options
        pros, cons = o.fill("優點" if zh else "Pros"), o.fill("缺點" if zh else "Cons")
        columns = [S.Column(heading=opt[:80], bullets=[S.Bullet(text=pros), S.Bullet(text=cons)]) for opt in o.options]
        slides.insert(1, S.TwoColumnSlide(title="優缺點比較" if zh else "Pros and cons side by side", columns=columns,
                                          notes=o.note))
    return slides

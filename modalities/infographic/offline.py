"""Offline infographic building: headline numbers become a stat row, numbered steps a process, dated lines a
timeline, "A vs B" a comparison, tables a chart (when it shows every cell) or a list of rows, lists an icon list
(sub-points kept under their point), and sections of prose one list of "title: key point" entries.

Every section lands somewhere on the page; what the twelve blocks cannot hold is named by the planner's
`content_dropped` warning. Points are cut at clause boundaries only, and a stat is a quantity the text states,
labelled by its own clause (`headlines`); when nothing qualifies there is no stat row.
"""

from __future__ import annotations

import re

from models.planners.base import PlanRequest
from models.planners.offline.common import dated_items, even_runs, is_zh, topic_of
from models.planners.offline.condense import (
    by_script,
    first_sentences,
    fit,
    sentences,
    tidy,
    top_sentences,
    without_greeting,
)
from models.planners.offline.document import Document, Section, join_text
from models.planners.offline.headlines import headline_stats
from models.planners.offline.sequence import in_order, told_steps
from models.planners.offline.tables import header_line, lossless_chart, row_lines

from . import plan as I

_VS = re.compile(r"\bvs\.?\b|\bversus\b|\bcompared?\b|比較|對比|差異|優缺點", re.IGNORECASE)
MAX_BLOCKS = 12
MAX_LIST = 8


def _fit(text: str, limit: int) -> str:
    return fit(tidy(text), limit)[0]


# ---- blocks -----------------------------------------------------------------------------------------------


def _stats(doc: Document) -> I.StatBlock | None:
    """The three weightiest headline numbers, each from one paragraph or point (never from a table or heading)."""
    units = [u for sec in doc.all_sections for u in [*(s for p in sec.paragraphs for s in sentences(p)),
                                                      *(i.text for i in sec.items)]]
    picked = headline_stats("\n".join(units), 3) if units else []
    if not picked:
        return None
    return I.StatBlock(items=[I.StatItem(value=c.value, label=c.label) for c in picked])


def _heading(section: Section) -> str | None:
    return section.heading[:100] or None


def timeline_block(section: Section, zh: bool) -> I.TimelineBlock | None:
    texts = [i.text for i in section.items] or section.paragraphs
    dated = dated_items(texts, days=True)
    if len(dated) < 2 or len(dated) < len(texts) * 0.6 or not in_order([d for d, _ in dated]):
        return None  # dates out of order are no timeline: drawn along one arrow they would mislead
    return I.TimelineBlock(heading=_heading(section), events=[
        I.Event(date=d[:40], title=_fit(t, 120)) for d, t in dated[:10]])


def steps_block(section: Section, zh: bool) -> I.StepsBlock | None:
    """Numbered items as steps: a step's title is its first clauses, and the rest of it and its sub-points are its
    detail."""
    if not section.ordered:
        return None
    parts: list[tuple[str, list[str]]] = []
    for item in section.items:
        if item.level == 0:
            first = first_sentences(item.text, 1)[0] if item.text.strip() else item.text
            title, rest = fit(tidy(first), by_script(zh, 100, 40))
            rest = tidy(" ".join(x for x in (rest, item.text.strip()[len(first):].strip()) if x))
            parts.append((title, [rest] if rest else []))
        elif parts:
            parts[-1][1].append(tidy(item.text))
    if len(parts) < 2 or len(parts) > 8:
        return None
    joiner = "；" if zh else "; "
    steps = [I.Step(title=title, detail=_fit(joiner.join(detail), 240) if detail else None) for title, detail in parts]
    return I.StepsBlock(heading=_heading(section), steps=steps)


def told_steps_block(paragraphs: list[str], zh: bool) -> I.StepsBlock | None:
    """Paragraphs that tell a sequence ("First, … Then … Finally, …") as steps: each paragraph's first sentence its
    title (without the opening word), the rest its detail."""
    told = told_steps(paragraphs)
    if told is None or len(told) > 8:
        return None
    steps = []
    for text in told:
        first = first_sentences(text, 1)[0]
        title, rest = fit(tidy(first), by_script(zh, 100, 40))
        rest = tidy(" ".join(x for x in (rest, text.strip()[len(first):].strip()) if x))
        steps.append(I.Step(title=title, detail=_fit(rest, 240) if rest else None))
    return I.StepsBlock(heading="步驟" if zh else "Steps", steps=steps)


def list_blocks(section: Section, zh: bool) -> list[I.ListBlock]:
    """The section's list: sub-points follow their point ("point: sub; sub"); more than eight points continue in a
    second block."""
    entries: list[str] = []
    joiner, sep = ("；", "：") if zh else ("; ", ": ")
    previous_level = 0
    for item in section.items[:MAX_LIST * MAX_BLOCKS * 4]:  # more would not fit on any page
        text = item.marked if item.number else item.text
        if item.level == 0 or not entries:
            entries.append(tidy(text))
        else:  # "In stock? yes: Pick and pack; no: Back-order", "Written updates: weekly notes; one shared document"
            if previous_level:
                glue = joiner
            elif entries[-1].endswith(("?", "？", ":", "：")):
                glue = "" if zh else " "
            else:
                glue = sep
            entries[-1] = entries[-1] + glue + tidy(item.text)
        previous_level = item.level
    items = [I.ListItem(text=_fit(e, by_script(zh, 200, 80))) for e in entries[:MAX_LIST * MAX_BLOCKS] if e]
    return [I.ListBlock(heading=_heading(section) if k == 0 else None, items=part)
            for k, part in enumerate(even_runs(items, MAX_LIST))]


def table_blocks(section: Section, zh: bool) -> list:
    """Each table as a chart when the chart shows every cell, else as a list of its rows under its column names."""
    out: list = []
    for table in section.tables:
        chart = lossless_chart(table)
        if chart is not None:
            out.append(I.ChartBlock(heading=_heading(section), chart=chart))
            continue
        heading = f"{section.heading}：{header_line(table)}" if zh else f"{section.heading}: {header_line(table)}"
        rows = [I.ListItem(text=_fit(line, 300)) for line in row_lines(table)[:MAX_LIST * MAX_BLOCKS] if line.strip()]
        for k, part in enumerate(even_runs(rows, MAX_LIST)):
            out.append(I.ListBlock(heading=(heading if section.heading else header_line(table))[:100] if k == 0
                                   else None, items=part))
    return out


def section_blocks(section: Section, zh: bool) -> list:
    """The blocks of one section, in the order its parts come: tables, then a timeline, steps or list; a section of
    prose alone gives none (it joins the key points)."""
    blocks: list = table_blocks(section, zh)
    if section.items:
        block = timeline_block(section, zh) or steps_block(section, zh)
        blocks += [block] if block is not None else list_blocks(section, zh)
    elif section.paragraphs and not section.tables:
        block = timeline_block(section, zh)
        if block is not None:
            blocks.append(block)
    return blocks


def key_point(section: Section, zh: bool) -> I.ListItem | None:
    """A section of prose as one point: its title and its opening sentences (the lead of a paragraph says what it is
    about), as many as fit whole, else its first clauses."""
    text = without_greeting(join_text(section.paragraphs[:3]))
    if not text:
        return None
    head = f"{section.heading}：" if zh and section.heading else f"{section.heading}: " if section.heading else ""
    kept = _fit(text, by_script(zh, 200, 70) - len(head))  # its opening sentences, as many as fit whole
    return I.ListItem(text=head + kept)


def _comparison(doc: Document, prompt: str) -> I.ComparisonBlock | None:
    """Two or three sections with parallel lists, in a request that compares, become columns."""
    candidates = [s for s in doc.sections if s.items or s.paragraphs]
    if not (2 <= len(candidates) <= 3) or len(candidates) != len(doc.sections) or \
            not (_VS.search(prompt) or any(_VS.search(s.heading) for s in doc.sections)):
        return None
    columns = []
    for s in candidates:
        points = [i.text for i in s.items] or top_sentences(join_text(s.paragraphs), 4)
        columns.append(I.ComparisonColumn(title=_fit(s.heading, 60) or "—", points=[_fit(p, 150) for p in points[:6]]))
    return I.ComparisonBlock(columns=columns)


def _paragraph_points(doc: Document, zh: bool, skip_last: int = 0) -> list[I.ListItem]:
    """A text without headings: one point per paragraph (its first sentence, fitted whole), after the opening
    paragraph when that is the subtitle (one short sentence before more paragraphs or a list), and before the last
    `skip_last` paragraphs (steps shown as such)."""
    paragraphs = doc.lead.paragraphs[:len(doc.lead.paragraphs) - skip_last]
    paragraphs = paragraphs[1:] if _opening_is_subtitle(doc) else paragraphs
    points = []
    for p in paragraphs[:MAX_LIST * MAX_BLOCKS]:
        first = first_sentences(p, 1)
        if first:
            points.append(I.ListItem(text=_fit(first[0], by_script(zh, 200, 70))))
    return points


def _opening_is_subtitle(doc: Document) -> bool:
    lead = doc.lead
    paragraphs = lead.paragraphs
    return (not doc.sections and bool(paragraphs) and lead.opens_with_text
            and (len(paragraphs) >= 3 or bool(lead.items or lead.tables))
            and len(paragraphs[0]) <= 200 and len(first_sentences(paragraphs[0], 2)) == 1)


def quote_block(doc: Document) -> I.QuoteBlock | None:
    quotes = [q for s in doc.all_sections for q in s.quotes]
    return I.QuoteBlock(text=_fit(quotes[0], 300)) if quotes else None


def data_blocks(request: PlanRequest, zh: bool) -> list:
    """The request's data table: a chart when it shows every cell (long-form data is turned wide first), else its
    rows as lists."""
    if request.data is None:
        return []
    chart = lossless_chart(request.data)
    if chart is not None:
        return [I.ChartBlock(heading=None, chart=chart)]
    return table_blocks(Section("", tables=[request.data]), zh)


# ---- the page ---------------------------------------------------------------------------------------------


def _subtitle(doc: Document, zh: bool) -> str | None:
    if _opening_is_subtitle(doc):
        kept, rest = fit(tidy(doc.lead.paragraphs[0]), 200 if not zh else 80)
        return kept if not rest else None
    if doc.fields:
        joined = " · ".join(doc.fields)
        return joined if len(joined) <= 240 else None
    if doc.lead.paragraphs and doc.sections:
        first = first_sentences(join_text(doc.lead.paragraphs), 1)
        if first:
            kept, rest = fit(tidy(without_greeting(first[0])), 120 if not zh else 50)
            return kept if not rest else None
    return None


def build_infographic(request: PlanRequest, doc: Document) -> tuple[I.InfographicPlan, bool]:
    zh = is_zh(doc, request.prompt)
    title = topic_of(request.prompt, doc)
    blocks: list = []
    stats = _stats(doc)
    if stats:
        blocks.append(stats)
    comparison = _comparison(doc, request.prompt)
    points: list[I.ListItem] = []
    if comparison:
        blocks.append(comparison)
    else:
        sections = doc.sections if doc.sections else doc.all_sections
        if doc.sections and (doc.lead.items or doc.lead.tables):
            sections = [Section("", items=doc.lead.items, ordered=doc.lead.ordered, tables=doc.lead.tables),
                        *sections]
        for section in sections:
            if len(blocks) >= MAX_BLOCKS or len(points) >= MAX_LIST * MAX_BLOCKS:
                break  # the page is full; the planner's content_dropped warning names the sections left out
            made = section_blocks(section, zh)
            blocks += made
            if section.paragraphs and (not made or section.items or section.tables):
                point = key_point(section, zh)
                if point is not None:
                    points.append(point)
            elif section.heading and section.is_empty:  # a heading with nothing under it is still a point
                points.append(I.ListItem(text=_fit(section.heading, by_script(zh, 200, 80))))
        if not doc.sections and doc.lead.paragraphs:
            told = told_steps_block(doc.lead.paragraphs, zh)
            points = _paragraph_points(doc, zh, skip_last=len(told.steps) if told else 0)
            blocks += [told] if told else []
    for k, part in enumerate(even_runs(points[:MAX_LIST * MAX_BLOCKS], MAX_LIST)):
        blocks.append(I.ListBlock(heading=("重點" if zh else "Key points") if k == 0 else None, items=part))
    quote = quote_block(doc)
    if quote is not None:
        blocks.append(quote)
    blocks += data_blocks(request, zh)
    scaffold = not blocks
    if scaffold:
        blocks = _scaffold(title, zh, request.prompt)
    return I.InfographicPlan(title=title, subtitle=_subtitle(doc, zh), language="zh-TW" if zh else "en",
                             blocks=blocks[:MAX_BLOCKS], source=doc.source), scaffold


def _scaffold(title: str, zh: bool, prompt: str = "") -> list:
    """An honest outline for a topic given without content, shaped by the kind of request (outline.py): blocks
    to fill in, never invented facts. Comparisons are columns; days, weeks and phases are steps in order."""
    from models.planners.offline.outline import outline_for

    o = outline_for(prompt or title, zh)
    blocks: list = [I.TextBlock(text=o.note)]
    parts = o.parts
    if o.kind == "compare":
        blocks.append(I.ComparisonBlock(heading="並排比較" if zh else "Side by side", columns=[
            I.ComparisonColumn(title=opt[:60], points=[o.fill(c) for c in o.criteria]) for opt in o.options[:3]]))
        parts = [p for p in parts if p.heading not in o.options]
    elif o.kind == "decision":
        blocks.append(I.ComparisonBlock(heading="選項比較" if zh else "The options", columns=[
            I.ComparisonColumn(title=opt[:60],
                               points=[o.fill("優點" if zh else "Pros"), o.fill("缺點" if zh else "Cons")])
            for opt in o.options[:3]]))
        parts = [p for p in parts if p.heading not in ("選項", "The options")
                 and not any(p.heading.startswith(opt) for opt in o.options)]
    stages = [p for p in parts if p.stage]
    for part in parts:
        if part.stage:
            if part is stages[0] and len(stages) >= 2:
                blocks.append(I.StepsBlock(heading=o.stages_heading, steps=[
                    I.Step(title=s.heading[:100], detail=("、" if zh else ", ").join(s.points)[:240])
                    for s in stages[:8]]))
            continue
        if part.ordered and len(part.points) >= 2:
            blocks.append(I.StepsBlock(heading=part.heading[:100],
                                       steps=[I.Step(title=p[:100]) for p in part.points[:8]]))
        else:
            blocks.append(I.ListBlock(heading=part.heading[:100], items=[I.ListItem(text=p) for p in part.points[:8]]))
    return blocks[:12]

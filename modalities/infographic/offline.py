"""Offline infographic building: headline numbers become stats, numbered steps a process, dated lines a
timeline, "A vs B" a comparison, tables a chart, and the rest an icon list of short points."""

from __future__ import annotations

import re

from . import plan as I

from models.planners.base import PlanRequest
from models.planners.offline.common import chart_from_table, dated_items, is_zh, stat_candidates, topic_of
from models.planners.offline.condense import headline, sentences, shorten, top_sentences
from models.planners.offline.document import Document, Section, join_text

_VS = re.compile(r"\bvs\.?\b|\bversus\b|\bcompared?\b|比較|對比|差異|優缺點", re.IGNORECASE)


def _stats(doc: Document) -> I.StatBlock | None:
    seen: set[str] = set()
    picked = []
    for c in sorted(stat_candidates(doc.text), key=lambda c: -c.weight):
        if c.value in seen:
            continue
        seen.add(c.value)
        picked.append(I.StatItem(value=c.value, label=c.label))
        if len(picked) == 3:
            break
    return I.StatBlock(items=picked) if picked else None


def _section_block(section: Section, zh: bool):
    texts = [i.text for i in section.items] or section.paragraphs
    dated = dated_items(texts)
    if len(dated) >= 2 and len(dated) >= len(texts) * 0.6:
        return I.TimelineBlock(heading=section.heading[:100] or None, events=[
            I.Event(date=d[:40], title=shorten(t, 110 if not zh else 40)) for d, t in dated[:10]
        ])
    if section.ordered and len(section.items) >= 2:
        steps = [i for i in section.items if i.level == 0][:8]
        if len(steps) >= 2:
            return I.StepsBlock(heading=section.heading[:100] or None, steps=[
                I.Step(title=shorten(s.text, 90 if not zh else 30)) for s in steps
            ])
    for table in section.tables:
        chart = chart_from_table(table)
        if chart is not None:
            return I.ChartBlock(heading=section.heading[:100] or None, chart=chart)
    if section.items:
        return I.ListBlock(heading=section.heading[:100] or None, items=[
            I.ListItem(text=shorten(i.text, 120 if not zh else 40)) for i in section.items if i.level == 0
        ][:8] or [I.ListItem(text=shorten(section.items[0].text, 120))])
    return None


def _comparison(doc: Document, prompt: str) -> I.ComparisonBlock | None:
    """Two or three sections with parallel lists, in a request that compares, become columns."""
    candidates = [s for s in doc.sections if s.items or s.paragraphs]
    if not (2 <= len(candidates) <= 3) or not (_VS.search(prompt) or any(_VS.search(s.heading) for s in doc.sections)):
        return None
    columns = []
    for s in candidates:
        points = [i.text for i in s.items] or [x for x in top_sentences(join_text(s.paragraphs), 4)]
        columns.append(I.ComparisonColumn(title=s.heading[:60] or "—", points=[shorten(p, 150) for p in points[:6]]))
    return I.ComparisonBlock(columns=columns)


def build_infographic(request: PlanRequest, doc: Document) -> tuple[I.InfographicPlan, bool]:
    zh = is_zh(doc, request.prompt)
    title = topic_of(request.prompt, doc)
    blocks: list = []
    stats = _stats(doc)
    if stats:
        blocks.append(stats)
    comparison = _comparison(doc, request.prompt)
    prose: list[Section] = []
    if comparison:
        blocks.append(comparison)
    else:
        # The lead paragraph becomes the subtitle when there are sections, so it is not repeated as a point.
        for section in doc.sections if doc.sections and doc.lead.paragraphs else doc.all_sections:
            block = _section_block(section, zh)
            if block is not None:
                blocks.append(block)
            elif section.paragraphs:
                prose.append(section)
    # Sections of prose become one icon list: each a short point headed by its title.
    points = []
    for s in prose:
        top = top_sentences(join_text(s.paragraphs), 1)
        if not top:
            continue
        sentence = shorten(top[0], 100 if not zh else 34)
        points.append(I.ListItem(text=f"{s.heading}：{sentence}" if zh and s.heading else
                                 f"{s.heading}: {sentence}" if s.heading else sentence))
    if points:
        blocks.append(I.ListBlock(heading="重點" if zh else "Key points", items=points[:8]))
    quotes = [q for s in doc.all_sections for q in s.quotes]
    if quotes:
        blocks.append(I.QuoteBlock(text=shorten(quotes[0], 300)))
    if request.data is not None:
        chart = chart_from_table(request.data)
        if chart is not None:
            blocks.append(I.ChartBlock(heading=None, chart=chart))
    scaffold = not blocks
    if scaffold:
        blocks = _scaffold(title, zh, request.prompt)
    subtitle = None
    if doc.lead.paragraphs and doc.sections:
        first = sentences(join_text(doc.lead.paragraphs))
        subtitle = shorten(first[0], 120 if not zh else 50) if first else None
    elif not doc.sections and doc.lead.paragraphs and not points:
        subtitle = headline(doc.lead.paragraphs[0], 120)
    return I.InfographicPlan(title=title, subtitle=subtitle, language="zh-TW" if zh else "en",
                             blocks=blocks[:12], source=doc.source), scaffold


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
            I.ComparisonColumn(title=opt[:60], points=[o.fill("優點" if zh else "Pros"), o.fill("缺點" if zh else "Cons")])
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
            blocks.append(I.StepsBlock(heading=part.heading[:100], steps=[I.Step(title=p[:100]) for p in part.points[:8]]))
        else:
            blocks.append(I.ListBlock(heading=part.heading[:100], items=[I.ListItem(text=p) for p in part.points[:8]]))
    return blocks[:12]

"""Offline deck building: sections become slides, long text is condensed to bullets (the full text goes to the
speaker notes), tables become chart or table slides, headline numbers become stat slides, and a title and a
closing slide frame the deck."""

from __future__ import annotations

from . import plan as S
from renderers.plan.common import TableData

from models.planners.base import PlanRequest
from models.planners.offline.common import chart_from_table, is_zh, stat_candidates, topic_of
from models.planners.offline.condense import bullets_from, headline, sentences, shorten
from models.planners.offline.document import Document, Section, join_text

MAX_SLIDES = 60
MAX_BULLETS = 6


def _table_slide(title: str, table: TableData, notes: str = "") -> S.ChartSlide | S.TableSlide:
    chart = chart_from_table(table)
    if chart is not None:
        return S.ChartSlide(title=title[:150], chart=chart, notes=notes)
    rows = table.rows[:40]
    return S.TableSlide(title=title[:150], table=TableData(columns=table.columns, rows=rows), notes=notes)


def _stat_slide(section: Section) -> S.StatSlide | None:
    """A short section built around numbers reads best as big numbers."""
    text = section.text
    if section.items or len(sentences(text)) > 4:
        return None
    stats = [c for c in stat_candidates(text) if c.weight >= 2][:4]
    # Big numbers only when they are most of what the section says; otherwise its other points would be lost.
    if not stats or len(stats) * 2 < len(sentences(text)):
        return None
    return S.StatSlide(title=section.heading[:150], stats=[S.Stat(value=c.value, label=c.label) for c in stats],
                       notes=text)


def _bullets(section: Section) -> list[S.Bullet]:
    bullets = [S.Bullet(text=shorten(i.text, 160), level=min(i.level, 1)) for i in section.items[:12]]
    if bullets and bullets[0].level == 1:
        bullets[0] = S.Bullet(text=bullets[0].text, level=0)
    if len([b for b in bullets if b.level == 0]) < 3 and section.paragraphs:
        room = MAX_BULLETS - len(bullets)
        bullets = [S.Bullet(text=b) for b in bullets_from(join_text(section.paragraphs), max(room, 1))] + bullets
    return bullets[:12]


def section_slides(section: Section, zh: bool) -> list:
    slides: list = []
    title = section.heading or (headline(section.text) if section.text else "")
    notes = section.text[:8000]
    for table in section.tables:
        slides.append(_table_slide(title, table))
    for quote in section.quotes[:2]:
        slides.append(S.QuoteSlide(quote=shorten(quote, 400), notes=quote[:8000]))
    if section.items or section.paragraphs:
        stat = _stat_slide(section)
        if stat is not None:
            slides.append(stat)
        else:
            bullets = _bullets(section)
            if bullets:
                slides.append(S.BulletsSlide(title=(title or ("重點" if zh else "Key points"))[:150], bullets=bullets,
                                             notes=notes))
    return slides


def build_slides(request: PlanRequest, doc: Document) -> tuple[S.SlidesPlan, bool]:
    """The deck plan and whether it is only a scaffold (nothing to structure was given)."""
    zh = is_zh(doc, request.prompt)
    title = topic_of(request.prompt, doc)
    slides: list = []
    body: list = []
    subtitle = None
    if doc.sections and doc.lead.paragraphs:
        lead = join_text(doc.lead.paragraphs)
        subtitle = shorten(sentences(lead)[0], 80 if zh else 160) if len(lead) < 200 else None
        if subtitle is None:
            body.append(S.BulletsSlide(title="概覽" if zh else "Overview",
                                       bullets=[S.Bullet(text=b) for b in bullets_from(lead, 4)], notes=lead[:8000]))
    for section in doc.sections:
        body.extend(section_slides(section, zh))
    if not doc.sections and not doc.is_empty:
        # An article without headings: one slide per paragraph (or per list), titled by its first clause.
        lead = doc.lead
        for para in lead.paragraphs:
            body.extend(section_slides(Section(headline(para), paragraphs=[para]), zh))
        if lead.items:
            body.extend(section_slides(Section("重點" if zh else "Key points", items=lead.items), zh))
        for table in lead.tables:
            body.append(_table_slide(title, table))
        for quote in lead.quotes:
            body.append(S.QuoteSlide(quote=shorten(quote, 400)))
    if request.data is not None:
        body.append(_table_slide(title if not body else ("資料" if zh else "The data"), request.data))
    scaffold = not body
    if scaffold:
        body = _scaffold(title, zh, request.prompt)
    slides.append(S.TitleSlide(title=title, subtitle=subtitle))
    slides.extend(body[: MAX_SLIDES - 2])
    takeaways = [s.bullets[0].text for s in body if isinstance(s, S.BulletsSlide) and s.bullets][:5]
    if len(takeaways) >= 2 and not scaffold:
        slides.append(S.ClosingSlide(title="重點回顧" if zh else "Key takeaways",
                                     bullets=[S.Bullet(text=shorten(t, 90 if not zh else 30)) for t in takeaways]))
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

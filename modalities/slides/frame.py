"""The deck's frame around its content: an agenda when the deck is long enough to need one, a divider where a part
with sections under it begins, and the takeaways at the end.

All of it is made of the document's own words: the agenda lists its section headings (its parts, when it has parts),
a divider carries its part's heading and its short introduction, the takeaways are the recap's points (each
section's title and key point), so nothing here is invented.
"""

from __future__ import annotations

from models.planners.offline.condense import fit, tidy
from models.planners.offline.document import Document, Section

from . import plan as S

AGENDA_MIN = 4  # sections with headings before a deck opens with an agenda
AGENDA_MAX = 8  # the agenda slide's limit; a document with more parts shows no agenda rather than a partial one
AGENDA_SLIDES = 5  # content slides before a deck is long enough to need an agenda
TAKEAWAYS_SLIDES = 3  # content slides before a recap says more than the deck itself


def shown_sections(doc: Document) -> list[Section]:
    """The sections a reader would name: written headings (not one the reader made, "Steps" of a diagram)."""
    return [s for s in doc.sections if s.heading and not s.generated]


def parts(doc: Document) -> list[Section]:
    """The document's parts: its top-level sections when some sections sit under others, else all of them."""
    sections = shown_sections(doc)
    levels = {s.level for s in sections}
    if len(levels) < 2:
        return sections
    top = min(levels)
    return [s for s in sections if s.level == top]


def agenda_slide(doc: Document, zh: bool, slides: int) -> S.AgendaSlide | None:
    """An agenda of the document's parts, when it has four to eight of them and the deck is long (`slides` content
    slides, at least AGENDA_SLIDES); their headings as written (cut at a clause boundary when longer than a line)."""
    items = [fit(tidy(s.heading), 100)[0] for s in parts(doc)]
    if not AGENDA_MIN <= len(items) <= AGENDA_MAX or slides < AGENDA_SLIDES:
        return None
    return S.AgendaSlide(title="議程" if zh else "Agenda", items=items)


def is_part(doc: Document, section: Section) -> bool:
    """A section that has sections under it (a "#" part above "##" sections)."""
    k = next((j for j, s in enumerate(doc.sections) if s is section), None)
    return k is not None and k + 1 < len(doc.sections) and doc.sections[k + 1].level > section.level


def divider(section: Section, zh: bool) -> S.SectionSlide | None:
    """A part's divider: its heading, and its introduction as the subtitle when that is one short paragraph kept
    whole (anything more is a slide of its own)."""
    if section.items or section.tables or section.quotes or len(section.paragraphs) > 1:
        return None
    intro = section.paragraphs[0] if section.paragraphs else ""
    if intro:
        kept, rest = fit(tidy(intro), 80 if zh else 200)
        if rest or kept.endswith("…"):
            return None
        return S.SectionSlide(title=section.heading[:150], subtitle=kept, notes=intro)
    return S.SectionSlide(title=section.heading[:150])


def takeaways_slide(points: list[str], zh: bool) -> S.TakeawaysSlide | None:
    """The recap's points (two to five) as the takeaways that close a deck of TAKEAWAYS_SLIDES or more content
    slides (the caller counts them; a shorter deck ends with its closing slide)."""
    if len(points) < 2:
        return None
    return S.TakeawaysSlide(title="重點回顧" if zh else "Key takeaways", points=[p[:200] for p in points[:5]])

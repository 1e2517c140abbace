"""What a slides plan can get wrong that its schema cannot say: no content slides, repeats, empty charts."""

from __future__ import annotations

from collections import Counter

from models.planners.llm.quality import chart_problems, table_problems

from .plan import SlidesPlan


def check(plan: SlidesPlan) -> list[str]:
    out: list[str] = []
    content = [s for s in plan.slides if s.layout not in ("title", "section", "closing", "agenda")]
    if not content:
        out.append("slides: the deck has no content slides, only title, section or closing slides")
    seen: dict[str, int] = {}  # each slide's content, as text, and the first slide that had it
    for i, slide in enumerate(plan.slides):
        where = f"slides.{i}"
        body = slide.model_dump(exclude={"notes"})
        key = repr(sorted(body.items()))
        if key in seen:
            out.append(f"{where}: repeats slide {seen[key]} word for word")
        seen.setdefault(key, i)
        bullets = [b.text for b in getattr(slide, "bullets", [])]
        dupes = [t for t, n in Counter(bullets).items() if n > 1]
        if dupes:
            out.append(f"{where}.bullets: the point '{dupes[0]}' appears twice")
        if slide.layout == "chart":
            out.extend(chart_problems(slide.chart, f"{where}.chart"))
        elif slide.layout == "table":
            out.extend(table_problems(slide.table, f"{where}.table"))
        elif slide.layout == "section" and (i == len(plan.slides) - 1 or plan.slides[i + 1].layout == "section"):
            out.append(f"{where}: a section slide with no slides after it")
    return out

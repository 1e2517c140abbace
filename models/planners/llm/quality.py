"""Plans that validate but would render badly, as problems the model is asked to fix.

The schema already refuses empty text and lists, so what is left is what a schema cannot say: a placeholder
instead of content ("string", "Lorem ipsum"), a deck with no content slides, a slide repeated, a chart whose values
are all zero, a flowchart with no arrows, a quiz with duplicate options, a page that loads from a CDN the sandbox
blocks, an answer in English to a request in Chinese. Each problem names where it is, as the repair prompt needs.
"""

from __future__ import annotations

import re
from collections import Counter

from renderers.layout.script import cjk_ratio
from renderers.plan import (
    ChartData,
    ImagePlan,
    InfographicPlan,
    Plan,
    SlidesPlan,
    TableData,
    WhiteboardPlan,
    WidgetPlan,
    plan_text,
)

_PLACEHOLDERS = re.compile(
    r"^(?:string|\.\.\.|…|tbd|todo|lorem ipsum.*|placeholder|<[^<>]{1,40}>|\[[^\[\]]{1,40}\]|"
    r"slide title|your title|bullet point|point \d|item \d)$",
    re.I,
)
_TEXT_KEYS = {"title", "subtitle", "text", "label", "heading", "quote", "question", "front", "back", "value",
              "caption", "description", "detail", "prompt", "alt"}
_REMOTE = re.compile(r"""<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)
_NUMERAL = re.compile(r"[0-9０-９一二三四五六七八九十百千萬億兆]")
_LANGUAGE_NAMED = re.compile(
    r"\b(?:english|chinese|mandarin|japanese|korean|french|german|spanish|in [a-z]+ language)\b|英文|英語|中文|日文|韓文|語言",
    re.I,
)


def _placeholders(value, path: str, out: list[str]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(v, str) and k in _TEXT_KEYS and _PLACEHOLDERS.match(v.strip()):
                out.append(f"{path}{k}: '{v}' is a placeholder, not content")
            else:
                _placeholders(v, f"{path}{k}.", out)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _placeholders(v, f"{path}{i}.", out)


def chart_problems(chart: ChartData, where: str) -> list[str]:
    values = [v for s in chart.series for v in s.values]
    if all(v == 0 for v in values):
        return [f"{where}: every value is 0, so the chart shows nothing; give the real numbers or use another layout"]
    if len(chart.categories) != len(set(chart.categories)):
        return [f"{where}: categories repeat; each category appears once"]
    return []


def table_problems(table: TableData, where: str) -> list[str]:
    if all(cell in (None, "") for row in table.rows for cell in row):
        return [f"{where}: every cell is empty"]
    return []


def _slides(plan: SlidesPlan) -> list[str]:
    out: list[str] = []
    content = [s for s in plan.slides if s.layout not in ("title", "section", "closing")]
    if not content:
        out.append("slides: the deck has no content slides, only title, section or closing slides")
    seen: dict[tuple, int] = {}
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


def _infographic(plan: InfographicPlan) -> list[str]:
    out: list[str] = []
    for i, block in enumerate(plan.blocks):
        where = f"blocks.{i}"
        if block.kind == "stat" and not any(_NUMERAL.search(item.value) for item in block.items):
            out.append(f"{where}: a stat block needs numbers as values (e.g. '73%'); use a list block for words")
        elif block.kind == "chart":
            out.extend(chart_problems(block.chart, f"{where}.chart"))
    return out


def _whiteboard(plan: WhiteboardPlan) -> list[str]:
    out: list[str] = []
    connected = {e.source for e in plan.edges} | {e.target for e in plan.edges}
    if plan.kind.value in ("flowchart", "sequence", "mindmap", "architecture", "timeline") and len(plan.nodes) > 1:
        if not plan.edges:
            return [f"edges: a {plan.kind.value} with {len(plan.nodes)} nodes needs arrows between them"]
        loose = [n.id for n in plan.nodes if n.id not in connected and n.shape.value != "note"]
        if len(loose) > max(1, len(plan.nodes) // 4):
            out.append(f"nodes: {', '.join(loose[:6])} have no arrows; connect them or leave them out")
    if any(e.source == e.target for e in plan.edges):
        out.append("edges: an arrow starts and ends at the same node")
    return out


def _widget(plan: WidgetPlan) -> list[str]:
    w = plan.widget
    where = "widget"
    if w.kind == "chart":
        return chart_problems(w.chart, f"{where}.chart")
    if w.kind == "table":
        return table_problems(w.table, f"{where}.table")
    if w.kind == "quiz":
        out = []
        for i, q in enumerate(w.questions):
            if len(set(q.options)) != len(q.options):
                out.append(f"{where}.questions.{i}.options: two options are the same")
        return out
    if w.kind == "flashcards":
        same = [i for i, c in enumerate(w.cards) if c.front.strip() == c.back.strip()]
        return [f"{where}.cards.{same[0]}: the back repeats the front"] if same else []
    if w.kind == "html":
        if _REMOTE.search(w.html):
            return [f"{where}.html: the page loads a file from the network, which the sandbox blocks; "
                    "inline all scripts, styles and images"]
    return []


def _image(plan: ImagePlan) -> list[str]:
    if len(plan.prompt.split()) < 3 and cjk_ratio(plan.prompt) < 0.3:
        return ["prompt: describe the picture in at least a sentence (subject, setting, style)"]
    return []


_CHECKS = {
    "slides": _slides,
    "infographic": _infographic,
    "whiteboard": _whiteboard,
    "widget": _widget,
    "image": _image,
}


def language_problem(plan: Plan, request_text: str) -> str | None:
    """A plan in Latin script for a request written in Chinese (unless the request names a language)."""
    if plan.modality == "image" or _LANGUAGE_NAMED.search(request_text):
        return None
    if cjk_ratio(request_text) >= 0.5 and cjk_ratio(plan_text(plan)) < 0.2:
        return ("the request is written in Chinese but the plan is not: write its text in Traditional Chinese "
                "(zh-TW) and set language to 'zh-TW'")
    return None


def plan_problems(plan: Plan, request_text: str = "") -> list[str]:
    """Everything that would make this valid plan render badly, most important first (empty when it is fine)."""
    out: list[str] = []
    _placeholders(plan.model_dump(mode="json", exclude_none=True), "", out)
    out.extend(_CHECKS[plan.modality](plan))
    lang = language_problem(plan, request_text)
    if lang:
        out.append(lang)
    return out

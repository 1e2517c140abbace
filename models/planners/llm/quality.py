"""Plans that validate but would render badly, as problems the model is asked to fix: what every modality shares
(placeholders, the wrong language, empty charts and tables); each modality adds its own (`ModalitySpec.check`).

The schema already refuses empty text and lists, so what is left is what a schema cannot say: a placeholder
instead of content ("string", "Lorem ipsum"), a deck with no content slides, a slide repeated, a chart whose values
are all zero, a flowchart with no arrows, a quiz with duplicate options, a page that loads from a CDN the sandbox
blocks, an answer in English to a request in Chinese. Each problem names where it is, as the repair prompt needs.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from renderers.layout.script import cjk_ratio
from renderers.plan import ChartData, Plan, TableData, plan_text

if TYPE_CHECKING:
    from modalities.spec import ModalitySpec

_PLACEHOLDERS = re.compile(
    r"^(?:string|\.\.\.|…|tbd|todo|lorem ipsum.*|placeholder|<[^<>]{1,40}>|\[[^\[\]]{1,40}\]|"
    r"slide title|your title|bullet point|point \d|item \d)$",
    re.I,
)
_TEXT_KEYS = {"title", "subtitle", "text", "label", "heading", "quote", "question", "front", "back", "value",
              "caption", "description", "detail", "prompt", "alt"}
_LANGUAGE_NAMED = re.compile(
    r"\b(?:english|chinese|mandarin|japanese|korean|french|german|spanish|in [a-z]+ language)\b"
    r"|英文|英語|中文|日文|韓文|語言",
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


def language_problem(plan: Plan, request_text: str) -> str | None:
    """A plan in Latin script for a request written in Chinese (unless the request names a language)."""
    if _LANGUAGE_NAMED.search(request_text):
        return None
    if cjk_ratio(request_text) >= 0.5 and cjk_ratio(plan_text(plan)) < 0.2:
        return ("the request is written in Chinese but the plan is not: write its text in Traditional Chinese "
                "(zh-TW) and set language to 'zh-TW'")
    return None


def plan_problems(plan: Plan, spec: ModalitySpec, request_text: str = "") -> list[str]:
    """Everything that would make this valid plan render badly, most important first (empty when it is fine):
    placeholders, then the modality's own checks, then a plan in the wrong language."""
    out: list[str] = []
    _placeholders(plan.model_dump(mode="json", exclude_none=True), "", out)
    out.extend(spec.check(plan))
    lang = language_problem(plan, request_text) if spec.follows_language else None
    if lang:
        out.append(lang)
    return out

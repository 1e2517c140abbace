"""What a widget plan can get wrong that its schema cannot say: empty data, duplicate options, remote files."""

from __future__ import annotations

import re

from models.planners.llm.quality import chart_problems, table_problems

from .plan import WidgetPlan

_REMOTE = re.compile(
    r"""<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)


def check(plan: WidgetPlan) -> list[str]:
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

"""What an infographic plan can get wrong that its schema cannot say: stats without numbers, empty charts."""

from __future__ import annotations

import re

from models.planners.llm.quality import chart_problems

from .plan import InfographicPlan

_NUMERAL = re.compile(r"[0-9０-９一二三四五六七八九十百千萬億兆]")


def check(plan: InfographicPlan) -> list[str]:
    out: list[str] = []
    for i, block in enumerate(plan.blocks):
        where = f"blocks.{i}"
        if block.kind == "stat" and not any(_NUMERAL.search(item.value) for item in block.items):
            out.append(f"{where}: a stat block needs numbers as values (e.g. '73%'); use a list block for words")
        elif block.kind == "chart":
            out.extend(chart_problems(block.chart, f"{where}.chart"))
    return out

"""A trusted widget page: the base template, the shared and per-kind scripts, the plan's data as JSON, the CSP.

The plan's data reaches the page only as JSON inside `<script type="application/json">` (escaped by `tojson`, so
`</script>` in a string cannot end the block) and is put into the DOM with `textContent`. What can be worked out
ahead (number formats per table column, a sentence describing a chart) is computed here, where it is tested.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from renderers.chart.geometry import decimals_of
from renderers.chart.units import category_title, name_unit, split_by_unit, value_title
from renderers.format import format_number
from renderers.height import SCRIPT as HEIGHT_SCRIPT
from renderers.height import inline_safe
from renderers.plan.common import ChartData, ChartKind, TableData
from renderers.theme import Theme

from . import csp
from .colors import widget_colors
from .labels import fill, labels_for
from .plan import WidgetPlan

TEMPLATES = Path(__file__).with_name("templates")


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True,
                       default_for_string=True), trim_blocks=True, lstrip_blocks=True)


@cache
def script(name: str) -> str:
    return inline_safe((TEMPLATES / name).read_text(encoding="utf-8"), name)


# ---- what the page's scripts are given, beyond the plan ------------------------------------------------------


def column_formats(table: TableData) -> list[dict[str, Any]]:
    """Per column: is it numeric, how many decimals its numbers share, and whether to group thousands (not for
    years such as 2024)."""
    out = []
    for c, name in enumerate(table.columns):
        values = [r[c] for r in table.rows if r[c] is not None and r[c] != ""]
        numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
        numeric = bool(values) and len(numbers) == len(values)
        decimals = 0
        grouping = True
        if numeric:
            decimals = max((_decimals(float(v)) for v in numbers), default=0)
            whole = all(float(v).is_integer() for v in numbers)
            yearish = whole and all(1000 <= v <= 2100 for v in numbers)
            grouping = not (yearish or re.search(r"year|年|yr\b", name, re.IGNORECASE))
        out.append({"numeric": numeric, "decimals": decimals, "grouping": grouping})
    return out


def _decimals(v: float) -> int:
    text = f"{v:.4f}".rstrip("0")
    return min(len(text.split(".")[1]) if "." in text else 0, 4)


def describe_chart(chart: ChartData, labels: dict[str, str]) -> str:
    """One sentence a screen reader says for the chart: its kind, series, categories and range of values."""
    kind = labels[f"chart_{chart.kind.value}"]
    sep = labels["list_sep"]
    unit = chart.unit or ""
    if unit and unit != "%":
        unit = " " + unit
    series = sep.join(s.name for s in chart.series)
    if chart.kind in (ChartKind.PIE, ChartKind.DOUGHNUT):
        parts = sep.join(f"{c} {format_number(v)}{unit}" for c, v in
                         zip(chart.categories, chart.series[0].values, strict=True))
        return fill(labels["chart_shares"], kind=kind, series=series, parts=parts)
    values = [v for s in chart.series for v in s.values]
    return fill(labels["chart_summary"], kind=kind, series=series, axis=f"{chart.x_label} " if chart.x_label else "",
                first=chart.categories[0], last=chart.categories[-1], lo=format_number(min(values)) + unit,
                hi=format_number(max(values)) + unit)


_SORTABLE = re.compile(r"^\s*(\d{4}([-/.]\d{1,2}([-/.]\d{1,2})?)?|\d{4}\s*[Qq]\d|-?\d+(\.\d+)?)\s*$")
# Categories that are steps of time or of a count (years, dates, quarters, months, weekdays, weeks, numbers): only
# along those do "the latest value" and "the change since the one before" mean something; branches, regions or
# products in a row have no latest.
_SEQUENCE = re.compile(
    r"^\s*(?:\d{4}(?:[-/.]\d{1,2}(?:[-/.]\d{1,2})?)?|\d{4}\s*[Qq]\d|[Qq][1-4](?:\s*\d{4})?|[Hh][12](?:\s*\d{4})?"
    r"|-?\d+(?:\.\d+)?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s*\d{2,4})?"
    r"|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|(?:week|wk|day)\s*\d+"
    r"|\d{2,4}\s*年(?:\s*\d{1,2}\s*月)?|\d{1,2}\s*月|[一二三四五六七八九十]+月|第\s*[一二三四1-4]\s*季"
    r"|第\s*\d+\s*[週周天日]|(?:週|周|星期)[一二三四五六日天])\s*$", re.IGNORECASE)


def is_sequence(categories: list) -> bool:
    """Whether a chart's categories run in time or count order (see _SEQUENCE)."""
    return bool(categories) and all(_SEQUENCE.match(str(c)) for c in categories)


def chart_panels(chart: ChartData, colors: list[str], labels: dict[str, str]) -> list[dict[str, Any]]:
    """The charts a chart widget draws: one per unit (never two units on one axis), each with its axis titles,
    number of decimals, series colours and a sentence describing it."""
    out = []
    for part in split_by_unit(chart):
        # Colours follow the series through the split, so a series keeps its colour in the table and the legend.
        names = [s.name for s in part.series]
        idx = [next(i for i, s in enumerate(chart.series) if s.name == n) for n in names]
        out.append({
            "kind": part.kind.value, "categories": part.categories, "unit": part.unit,
            "sequence": is_sequence(part.categories),
            "series": [{"name": s.name, "values": s.values} for s in part.series],
            "value_title": value_title(part), "category_title": category_title(part),
            "decimals": decimals_of([v for s in part.series for v in s.values]),
            "colors": colors if part.kind in (ChartKind.PIE, ChartKind.DOUGHNUT) else
            [colors[i % len(colors)] for i in idx],
            "summary": describe_chart(part, labels),
        })
    return out




def explorer_data(spec) -> dict[str, Any]:
    """What the explorer's script needs beyond the plan: measure units by column, and whether the x column's values
    sort as dates or numbers (then categories are shown in order, else as they first appear)."""
    xi = spec.table.columns.index(spec.x)
    values = [str(r[xi]) for r in spec.table.rows if r[xi] not in (None, "")]
    units = {m: name_unit(m) for m in spec.measures if name_unit(m)}
    units.update({u.column: u.unit for u in spec.units})
    return {"units": units,
            "x_sorted": bool(values) and all(_SORTABLE.match(v) for v in values),
            "x_sequence": is_sequence(values)}


def _kind_data(spec, colors: list[str], labels: dict[str, str]) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    if spec.kind == "table":
        extra["formats"] = column_formats(spec.table)
    elif spec.kind == "chart":
        extra["panels"] = chart_panels(spec.chart, colors, labels)
        extra["summary"] = describe_chart(spec.chart, labels)
    elif spec.kind == "explorer":
        extra["explorer"] = explorer_data(spec)
    return extra


# ---- the page ------------------------------------------------------------------------------------------------

_LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")


def safe_language(tag: str | None, fallback: str) -> str:
    """A well-formed BCP 47 tag (the page's scripts pass it to Intl, which throws on a malformed one)."""
    return tag if tag and _LANG_TAG.match(tag) else fallback


def trusted_page(plan: WidgetPlan, theme: Theme, lang: str) -> str:
    """The complete HTML of a widget built from the plan's data by our templates."""
    spec = plan.widget
    labels = labels_for(lang)
    colors = list(theme.palette.series)
    data: dict[str, Any] = {
        "title": plan.title,
        "widget": spec.model_dump(mode="json"),
        "labels": labels,
        "colors": colors,
        **_kind_data(spec, colors, labels),
    }
    # Charts are drawn by our own small script (chartkit.js, a few kilobytes) rather than plotly.js (4.8 MB).
    parts = ["common.js"] + (["chartkit.js"] if spec.kind in ("chart", "explorer") else []) + [f"{spec.kind}.js"]
    # The height reporter goes first: common.js starts it, and every kind's script calls its reportHeight.
    scripts = ["\n".join([HEIGHT_SCRIPT] + [script(name) for name in parts])]
    # Every trusted page builds its DOM with textContent and setAttribute only, so it forbids markup from strings.
    policy = csp.trusted_policy(scripts, trusted_types=True)
    return _env().get_template("base.html.j2").render(
        lang=lang, csp=policy, title=plan.title, description=plan.description, kind=spec.kind, data=data,
        scripts=scripts, pal=theme.palette, ink=widget_colors(theme.palette), dark=theme.dark, labels=labels,
    )

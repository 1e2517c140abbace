"""A trusted widget page: the base template, the shared and per-kind scripts, the plan's data as JSON, the CSP.

The plan's data reaches the page only as JSON inside `<script type="application/json">` (escaped by `tojson`, so
`</script>` in a string cannot end the block) and is put into the DOM with `textContent`. What can be worked out
ahead (number formats per table column, a sentence describing a chart) is computed here, where it is tested.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from renderers.format import format_number
from renderers.plan.common import ChartData, ChartKind, TableData
from .plan import WidgetPlan
from renderers.theme import Theme
from . import csp
from .colors import widget_colors
from .labels import fill, labels_for

TEMPLATES = Path(__file__).with_name("templates")


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True,
                       default_for_string=True), trim_blocks=True, lstrip_blocks=True)


def _inline_safe(code: str, name: str) -> str:
    """Script text that can sit inside <script>…</script> as is."""
    if re.search(r"</script|<!--", code, re.IGNORECASE):
        raise ValueError(f"{name} contains '</script' or '<!--' and cannot be inlined")
    return code


@lru_cache(maxsize=None)
def script(name: str) -> str:
    return _inline_safe((TEMPLATES / name).read_text(encoding="utf-8"), name)


@lru_cache(maxsize=1)
def plotly_js() -> str:
    """plotly.js as shipped inside the installed plotly package (no CDN)."""
    code = resources.files("plotly").joinpath("package_data/plotly.min.js").read_text(encoding="utf-8")
    return _inline_safe(code, "plotly.min.js")


# ---- what the page's scripts are given, beyond the plan ------------------------------------------------------


def column_formats(table: TableData) -> list[dict[str, Any]]:
    """Per column: is it numeric, how many decimals its numbers share, and whether to group thousands (not for
    years such as 2024)."""
    out = []
    for c, name in enumerate(table.columns):
        values = [r[c] for r in table.rows if r[c] is not None and r[c] != ""]
        numeric = bool(values) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)
        decimals = 0
        grouping = True
        if numeric:
            decimals = max((_decimals(float(v)) for v in values), default=0)
            whole = all(float(v).is_integer() for v in values)
            yearish = whole and all(1000 <= v <= 2100 for v in values)
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


def _kind_data(spec) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    if spec.kind == "table":
        extra["formats"] = column_formats(spec.table)
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
    data: dict[str, Any] = {
        "title": plan.title,
        "widget": spec.model_dump(mode="json"),
        "labels": labels,
        "colors": list(theme.palette.series),
        **_kind_data(spec),
    }
    if spec.kind == "chart":
        data["summary"] = describe_chart(spec.chart, labels)
    scripts = ([plotly_js()] if spec.kind == "chart" else []) + [script("common.js") + "\n" + script(f"{spec.kind}.js")]
    # plotly.js writes markup with innerHTML, so only pages without it can forbid that outright.
    policy = csp.trusted_policy(scripts, trusted_types=spec.kind != "chart")
    return _env().get_template("base.html.j2").render(
        lang=lang, csp=policy, title=plan.title, description=plan.description, kind=spec.kind, data=data,
        scripts=scripts, pal=theme.palette, ink=widget_colors(theme.palette), dark=theme.dark, labels=labels,
    )

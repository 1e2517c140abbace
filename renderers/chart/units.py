"""What a chart says about its numbers, decided once for every writer (preview, SVG, PPTX, widget).

- Units: a series' unit is its own, else the one its name states ("Margin (%)", "Revenue (USD)"), else the
  chart's. Series in different units are never put on one axis: `split_by_unit` makes one chart per unit.
- Axis titles name the column and the unit: "Revenue (USD)", "Month".
- Data labels when there are few points to read; a legend only for more than one series.
"""

from __future__ import annotations

import re

from ..plan.common import ChartData, ChartKind

_NAMED_UNIT = re.compile(r"[(（]\s*([^()（）]{1,16}?)\s*[)）]\s*$")
MAX_LABELLED_POINTS = 12  # bars or dots a reader can take in one by one; more and the labels become noise
MAX_LABELLED_LINE_POINTS = 8


def name_unit(name: str) -> str | None:
    """The unit a series' name states: a trailing '(USD)', or a percent sign anywhere ('Share %'). A parenthesis
    with a digit or more than two words in it ('(Q1 2025)', '(A1)', '(excluding the pilot sites)') says something
    else about the series, not its unit."""
    m = _NAMED_UNIT.search(name)
    if m and not any(ch.isdigit() for ch in m.group(1)) and len(m.group(1).split()) <= 2:
        return "%" if m.group(1) in ("%", "％", "percent") else m.group(1)
    return "%" if "%" in name or "％" in name else None


def series_unit(chart: ChartData, index: int) -> str | None:
    s = chart.series[index]
    return s.unit or name_unit(s.name) or chart.unit


def units(chart: ChartData) -> list[str | None]:
    """The distinct units of the chart's series, in the order they first appear."""
    out: list[str | None] = []
    for i in range(len(chart.series)):
        u = series_unit(chart, i)
        if u not in out:
            out.append(u)
    return out


def split_by_unit(chart: ChartData) -> list[ChartData]:
    """The chart itself when its series share a unit; otherwise one chart per unit, each with that unit's series
    (pie and doughnut charts have one series, so they never split)."""
    found = units(chart)
    if len(found) <= 1:
        if found and found[0] != chart.unit:
            return [chart.model_copy(update={"unit": found[0]})]
        return [chart]
    out = []
    for unit in found:
        series = [s for i, s in enumerate(chart.series) if series_unit(chart, i) == unit]
        y_label = chart.y_label if len(found) == 1 else (series[0].name if len(series) == 1 else None)
        out.append(chart.model_copy(update={"series": series, "unit": unit, "y_label": y_label}))
    return out


def _strip_unit(label: str, unit: str | None) -> str:
    """A label without the unit it already names, so the unit is not said twice."""
    if not unit:
        return label
    stripped = _NAMED_UNIT.sub("", label).strip()
    if stripped != label:
        return stripped
    if unit == "%":
        return label.replace("%", "").replace("％", "").strip() or label
    return label


def value_title(chart: ChartData) -> str | None:
    """The value axis's title: what is measured and its unit ('Revenue (USD)', 'Share (%)'), or the unit alone,
    or None when the chart says neither."""
    unit = chart.unit
    what = chart.y_label or (chart.series[0].name if len(chart.series) == 1 else None)
    if what:
        what = _strip_unit(what, unit)
        return f"{what} ({unit})" if unit else what
    return unit


def category_title(chart: ChartData) -> str | None:
    """The category axis's title: the column the categories come from, as the plan names it."""
    return chart.x_label


def show_values(chart: ChartData) -> bool:
    """Whether every bar or point carries its number: few enough to read one by one."""
    points = len(chart.categories) * len(chart.series)
    if chart.kind in (ChartKind.BAR, ChartKind.COLUMN):
        return points <= MAX_LABELLED_POINTS and len(chart.series) <= 3
    if chart.kind is ChartKind.LINE:
        return len(chart.series) == 1 and len(chart.categories) <= MAX_LABELLED_LINE_POINTS
    return False


def has_legend(chart: ChartData) -> bool:
    """A legend only tells series apart; pie and doughnut charts label their wedges instead."""
    return chart.kind not in (ChartKind.PIE, ChartKind.DOUGHNUT) and len(chart.series) > 1

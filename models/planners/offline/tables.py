"""Tables kept whole: a chart only when it shows every cell, long-form data turned wide first, and rows as text lines
where neither a chart nor a table fits (an infographic's list).

`common.chart_from_table` picks the columns that chart well and may leave some out (a widget shows the table
beside its chart). A deck or an infographic has no table beside the chart, so here a chart is used only when
nothing is lost: one label column, every other column a number series on a shared scale, distinct labels.
"""

from __future__ import annotations

from renderers.format import format_number
from renderers.plan.common import ChartData, TableData

from .common import chart_from_table, looks_like_time, numeric_columns

MAX_SERIES = 8


def cell_text(value) -> str:
    if isinstance(value, float):
        return format_number(value)
    return "" if value is None else str(value)


def pivot_long(table: TableData) -> tuple[TableData, str] | None:
    """Long-form data (a category column, a series column, one number column, each pair once) as a wide table (one
    row per category, one column per series) and the name of what the numbers are. None when the table is not in
    long form."""
    nums = numeric_columns(table)
    if len(table.columns) != 3 or len(nums) != 1 or len(table.rows) < 4:
        return None
    value = nums[0]
    a, b = [c for c in range(3) if c != value]
    cats_a = list(dict.fromkeys(cell_text(r[a]) for r in table.rows))
    cats_b = list(dict.fromkeys(cell_text(r[b]) for r in table.rows))
    if looks_like_time(cats_b) and not looks_like_time(cats_a):
        a, b, cats_a, cats_b = b, a, cats_b, cats_a
    if len(cats_b) > MAX_SERIES or len(cats_a) < 2 or len(cats_b) < 2 or len(cats_a) * len(cats_b) != len(table.rows):
        return None
    cells: dict[tuple[str, str], float] = {}
    for r in table.rows:
        key = (cell_text(r[a]), cell_text(r[b]))
        number = r[value]
        if key in cells or not isinstance(number, (int, float)):
            return None
        cells[key] = float(number)
    rows: list[list[str | float | None]] = [[ca, *(cells[(ca, cb)] for cb in cats_b)] for ca in cats_a]
    name = table.columns[value]
    columns = [table.columns[a][:60], *(cb[:60] for cb in cats_b)]
    if len(set(columns)) != len(columns):
        return None
    return TableData(columns=columns, rows=rows), name


def lossless_chart(table: TableData) -> ChartData | None:
    """A chart showing every cell of `table` (after turning long-form data wide), or None when a chart would drop
    a column, a row or a label."""
    pivoted = pivot_long(table)
    source = pivoted[0] if pivoted else table
    values = [c for c in numeric_columns(source) if c != 0]  # the first column labels the rows (years may be numbers)
    if not values or len(values) != len(source.columns) - 1 or len(values) > MAX_SERIES:
        return None
    chart = chart_from_table(source, max_series=MAX_SERIES)
    if chart is None or len(chart.series) != len(values) or len(chart.categories) != len(source.rows):
        return None
    if any(len(cell_text(r[0])) > 60 for r in source.rows):
        return None
    if pivoted and not chart.y_label:
        chart = chart.model_copy(update={"y_label": pivoted[1][:60] or None})
    return chart


def row_lines(table: TableData, limit: int = 300) -> list[str]:
    """Each row as one line of its cells ("Tom Becker · Explain the replica lag alarms · 7 March"); a two-column
    table as "label: value"."""
    out = []
    for r in table.rows:
        cells = [cell_text(v) for v in r]
        if len(cells) == 2:
            line = f"{cells[0]}: {cells[1]}" if cells[1] else cells[0]
        else:
            line = " · ".join(c for c in cells if c)
        out.append(line[:limit])
    return out


def header_line(table: TableData) -> str:
    return " · ".join(table.columns)

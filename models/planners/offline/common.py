"""Helpers the offline modality builders share: the request's topic (`titles`), charts from tables, headline numbers
(`headlines`) and dated lines."""

from __future__ import annotations

import re

from renderers.format import format_number
from renderers.layout.script import cjk_ratio
from renderers.plan.common import ChartData, ChartKind, ChartSeries, TableData

from .document import Document
from .headlines import StatCandidate, stat_candidates
from .titles import request_subject, topic_of

__all__ = ["DATED_LINE", "StatCandidate", "chart_from_table", "dated_items", "is_zh", "looks_like_time",
           "numeric_columns", "request_subject", "stat_candidates", "topic_of"]


def even_runs(items: list, size: int) -> list[list]:
    """`items` in as few runs of at most `size` as possible, of even length (9 points in runs of 8 are 5 and 4, not
    8 and 1)."""
    if not items:
        return []
    count = -(-len(items) // size)
    step = -(-len(items) // count)
    return [items[k:k + step] for k in range(0, len(items), step)]


def is_zh(doc: Document, prompt: str = "") -> bool:
    return doc.language.startswith("zh") or (doc.is_empty and cjk_ratio(prompt) > 0.3)


# ---- tables into charts ----------------------------------------------------------------------------------

_TIME_LABEL = re.compile(
    r"^(?:(?:19|20)\d{2}(?:[-/.年]\d{1,2}(?:[-/.月]\d{1,2})?)?|Q[1-4](?:\s*(?:19|20)\d{2})?|(?:19|20)\d{2}\s*Q[1-4]|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s*(?:19|20)?\d{2})?|\d{1,2}月|第?[一二三四]季)$",
    re.IGNORECASE,
)


def numeric_columns(table: TableData) -> list[int]:
    out = []
    for c in range(len(table.columns)):
        values = [r[c] for r in table.rows if r[c] is not None]
        if values and all(isinstance(v, (int, float)) for v in values):
            out.append(c)
    return out


def _label(value) -> str:
    if isinstance(value, float):
        return format_number(value)
    return "" if value is None else str(value)


def looks_like_time(labels: list[str]) -> bool:
    return len(labels) >= 3 and all(_TIME_LABEL.match(label.strip()) for label in labels)


def chart_from_table(table: TableData, max_series: int = 4) -> ChartData | None:
    """A chart of a table whose first column labels rows and whose other columns are numbers; None otherwise."""
    nums = numeric_columns(table)
    if len(table.rows) > 200 or len(table.rows) < 2:
        return None
    label_col = 0
    value_cols = [c for c in nums if c != label_col]
    if not value_cols:
        return None
    # Series on one axis must share a scale: keep the columns within 20× of the first one's size
    # (a count next to a percentage would flatten the percentage to nothing).
    def size(c: int) -> float:
        return max(abs(float(r[c] or 0)) for r in table.rows) or 1.0

    first = size(value_cols[0])
    value_cols = [c for c in value_cols if 1 / 20 <= size(c) / first <= 20][:max_series]
    categories = [_label(r[label_col])[:60] or "—" for r in table.rows]
    if len(set(categories)) != len(categories):
        return None
    series = [ChartSeries(name=table.columns[c], values=[float(r[c] or 0) for r in table.rows]) for c in value_cols]
    unit = "%" if any("%" in table.columns[c] or "％" in table.columns[c] for c in value_cols) else None
    if looks_like_time(categories) and len(categories) >= 4:
        kind = ChartKind.LINE
    elif len(series) == 1 and len(categories) <= 6 and all(v >= 0 for v in series[0].values) and (
        95 <= sum(series[0].values) <= 105 or unit == "%"
    ):
        kind = ChartKind.DOUGHNUT
    elif max(len(c) for c in categories) > 12 or len(categories) > 12:
        kind = ChartKind.BAR
    else:
        kind = ChartKind.COLUMN
    return ChartData(kind=kind, categories=categories, series=series, unit=unit,
                     x_label=table.columns[label_col][:60])


# ---- dates -----------------------------------------------------------------------------------------------

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_TAIL = r"\s*[:：\-–—,，]?\s*(.+)$"
# A line that opens with a date: "2024: …", "Mar 2025 – …", "Q3 2026: …".
DATED_LINE = re.compile(
    r"^\s*((?:19|20)\d{2}(?:[-/.年]\d{1,2}(?:[-/.月]\d{1,2}日?)?)?年?|" + _MONTH +
    r"\s+(?:\d{1,2},?\s+)?(?:19|20)\d{2}|Q[1-4]\s*(?:19|20)\d{2})" + _TAIL,
    re.IGNORECASE,
)
# Also a day without a year, when a separator follows: "10 月 15 日：…", "14 October: …", "March 3 - …" (so "10
# days later" is no date).
DAY_LINE = re.compile(
    r"^\s*(\d{1,2}\s?月\s?\d{1,2}\s?[日號](?:\s?[（(][一二三四五六日天][)）])?(?=\s*[:：\-–—])|"
    r"\d{1,2}\s+" + _MONTH + r"(?=\s*[:：\-–—])|" + _MONTH + r"\s+\d{1,2}(?=\s*[:：\-–—]))" + _TAIL,
    re.IGNORECASE,
)


def dated_items(texts: list[str], days: bool = False) -> list[tuple[str, str]]:
    """(date, what) of each text that opens with a date; with `days`, also those opening with a day and month."""
    out = []
    for t in texts:
        m = DATED_LINE.match(t) or (DAY_LINE.match(t) if days else None)
        if m and m.group(2).strip():
            out.append((m.group(1).strip(), m.group(2).strip()))
    return out

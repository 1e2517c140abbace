"""User data (CSV or JSON text) into the plan's TableData, with errors that name the line or the path."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from typing import Any

from renderers.plan.common import TableData

MAX_ROWS = 2000
MAX_COLUMNS = 20


class DataError(ValueError):
    """The user's data cannot be read; the message says where and what to do."""


_NUMBER = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


def parse_number(text: str) -> float | None:
    """'1,234.5' → 1234.5, '42%' → 42.0, '$3.2' → 3.2; None when the text is not a number."""
    t = text.strip().replace("\u00a0", "").replace("＄", "$")
    for prefix in ("NT$", "US$", "$", "€", "£", "¥"):
        if t.startswith(prefix):
            t = t[len(prefix):]
    t = t.rstrip("%％").strip()
    if not _NUMBER.match(t):
        return None
    value = float(t.replace(",", ""))
    return value if math.isfinite(value) else None


def _cell(value: Any) -> str | float | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)[:500]
    text = str(value).strip()
    if text == "":
        return None
    number = parse_number(text)
    return number if number is not None else text[:500]


def _table(columns: list[str], rows: list[list[Any]], truncated_from: int | None = None) -> TableData:
    if not columns:
        raise DataError("the data has no columns; give a header row (CSV) or objects with keys (JSON)")
    if len(columns) > MAX_COLUMNS:
        raise DataError(f"the data has {len(columns)} columns; at most {MAX_COLUMNS} are supported")
    if not rows:
        raise DataError("the data has a header but no rows")
    if len(rows) > MAX_ROWS:
        raise DataError(f"the data has {len(rows)} rows; at most {MAX_ROWS} are supported (aggregate it first)")
    names = []
    for i, c in enumerate(columns, start=1):
        name = (str(c).strip() or f"Column {i}")[:60]
        while name in names:
            name = f"{name} ({i})"[:60]
        names.append(name)
    return TableData(columns=names, rows=[[_cell(v) for v in r] for r in rows])


def parse_csv(text: str) -> TableData:
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = "\t" if "\t" in sample and "," not in sample else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            rows.append(row)
            if len(rows) > MAX_ROWS + 1:
                raise DataError(f"the data has more than {MAX_ROWS} rows; at most {MAX_ROWS} are supported")
    except csv.Error as exc:
        raise DataError(f"CSV line {reader.line_num}: {exc}; check the quotes on that line") from None
    if not rows:
        raise DataError("the CSV data is empty")
    header, body = rows[0], rows[1:]
    for i, row in enumerate(body, start=2):
        if len(row) != len(header):
            raise DataError(
                f"CSV line {_line_of(text, i, delimiter)}: {len(row)} fields but the header has {len(header)}; "
                "every row needs one value per column"
            )
    return _table(header, body)


def _line_of(text: str, record: int, delimiter: str) -> int:
    """The physical line a CSV record starts on (records can span lines inside quotes; blank lines are skipped)."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    seen = 0
    start = 1
    for row in reader:
        if any(c.strip() for c in row):
            seen += 1
            if seen == record:
                return start
        start = reader.line_num + 1
    return reader.line_num


def parse_json(text: str) -> TableData:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(f"JSON line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    return table_from_json(data)


def table_from_json(data: Any) -> TableData:
    """Accepts a list of objects, {"columns": [...], "rows": [[...]]}, an object of equal-length arrays,
    or a list of lists with a header row."""
    if isinstance(data, dict) and "columns" in data and "rows" in data:
        columns, rows = data["columns"], data["rows"]
        if not isinstance(columns, list) or not isinstance(rows, list):
            raise DataError('JSON "columns" and "rows" must be arrays')
        for i, row in enumerate(rows, start=1):
            if not isinstance(row, list) or len(row) != len(columns):
                raise DataError(f'JSON "rows"[{i - 1}] must be an array of {len(columns)} values')
        return _table([str(c) for c in columns], rows)
    if isinstance(data, dict) and data and all(isinstance(v, list) for v in data.values()):
        lengths = {len(v) for v in data.values()}
        if len(lengths) != 1:
            raise DataError("JSON object of arrays: every array must have the same length")
        columns = list(data)
        return _table(columns, [list(r) for r in zip(*data.values())])
    if isinstance(data, list) and data and all(isinstance(r, dict) for r in data):
        keys: list[str] = []  # every record's keys, in the order they first appear
        for r in data:
            for k in r:
                if k not in keys:
                    keys.append(k)
        return _table(keys, [[r.get(k) for k in keys] for r in data])
    if isinstance(data, list) and len(data) > 1 and all(isinstance(r, list) for r in data):
        header, body = data[0], data[1:]
        for i, row in enumerate(body, start=1):
            if len(row) != len(header):
                raise DataError(f"JSON row {i}: {len(row)} values but the header has {len(header)}")
        return _table([str(h) for h in header], body)
    raise DataError(
        "JSON data must be a list of objects, {\"columns\": [...], \"rows\": [[...]]}, an object of arrays, "
        "or a list of rows with a header row"
    )


def parse_data(text: str) -> TableData:
    """CSV or JSON, told apart by the first non-blank character."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped:
        raise DataError("the data is empty")
    if stripped[0] in "[{":
        return parse_json(stripped)
    return parse_csv(stripped)

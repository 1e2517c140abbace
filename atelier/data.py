"""The `data=` argument of `atelier.render`: a table given as text, records, or a data frame, as the request takes it.

The render request takes CSV or JSON text, or JSON-shaped records, and reads them exactly as `atelier render
--data FILE` does. A pandas or polars DataFrame is written out as CSV first, so a frame renders the same as the
CSV file it would save to; neither library is imported unless the caller passed one of its frames.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any


def _library(value: Any) -> str:
    """The top-level package a value's type comes from ('pandas', 'polars', 'builtins', ...)."""
    return type(value).__module__.split(".", 1)[0]


def _pandas_csv(frame: Any) -> str:
    if _library(frame) == "pandas" and hasattr(frame, "to_frame") and not hasattr(frame, "columns"):
        frame = frame.to_frame()  # a Series: one column, named after the series
    index = frame.index
    # A plain 0..n-1 index is row numbers, not data; a named or non-default index (dates, labels) is a column.
    default_index = index.name is None and type(index).__name__ == "RangeIndex" and index.start == 0 \
        and index.step == 1
    return str(frame.to_csv(index=not default_index))


def request_data(data: Any) -> str | list | dict | None:
    """`data` as the render request takes it: CSV/JSON text, a list of records or rows, or a dict of columns.

    Accepts a string (CSV or JSON text), bytes (UTF-8), a path to a CSV or JSON file, a list of records (dicts) or
    rows, a dict (`{"columns": [...], "rows": [[...]]}` or equal-length columns), or a pandas/polars DataFrame
    (or pandas Series). Raises TypeError for anything else, naming what it got.
    """
    if data is None:
        return None
    if isinstance(data, str):
        return data
    if isinstance(data, bytes):
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValueError("data: the bytes given are not UTF-8 text") from None
    if isinstance(data, os.PathLike):
        return read_text(data, "data")
    library = _library(data)
    if library == "pandas" and hasattr(data, "to_csv"):
        return _pandas_csv(data)
    if library == "polars":
        if hasattr(data, "collect") and not hasattr(data, "write_csv"):
            data = data.collect()  # a LazyFrame: the user asked for its rows
        return str(data.write_csv())
    if isinstance(data, Mapping):
        return dict(data)
    if isinstance(data, Sequence):
        return [dict(row) if isinstance(row, Mapping) else list(row) if isinstance(row, (list, tuple)) else row
                for row in data]
    raise TypeError(f"data must be CSV or JSON text, a path, a list of records, a dict of columns, or a pandas or "
                    f"polars DataFrame; got {type(data).__module__}.{type(data).__qualname__}")


def read_text(path: str | os.PathLike[str], what: str) -> str:
    """A UTF-8 text file's content (a byte-order mark forgiven), or ValueError saying what is wrong with it."""
    p = Path(path)
    if not p.is_file():
        raise ValueError(f"{what} file '{p}' does not exist")
    try:
        return p.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(f"{what} file '{p}' is not UTF-8 text") from None

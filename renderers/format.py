"""How numbers and table cells read on the page, shared by every renderer."""

from __future__ import annotations


def format_number(value: float) -> str:
    """Numbers as people write them: thousands separators, no trailing '.0', at most 2 decimals."""
    if value == int(value) and abs(value) < 1e15:
        # Four-digit whole numbers that read as years (1900-2100) keep their usual form: 2025, not 2,025.
        if 1900 <= value <= 2100:
            return str(int(value))
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_cell(value: str | float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return format_number(float(value))
    return value

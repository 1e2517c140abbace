"""Errors a user can fix, with the message that tells them how; the API answers them as 4xx, the CLI exits 2."""

from __future__ import annotations

from pydantic import ValidationError


class UserError(Exception):
    """Bad input: `status` is the HTTP status to answer with, `message` one line a person can act on."""

    def __init__(self, message: str, status: int = 422, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.field = field


class NotFound(UserError):
    def __init__(self, message: str = "not found"):
        super().__init__(message, status=404)


def describe_validation(exc: ValidationError, prefix: str = "") -> str:
    """pydantic's errors as one readable line: 'plan.slides.2.chart: series ... ; ...'."""
    parts = []
    for err in exc.errors()[:5]:
        loc = ".".join(str(x) for x in err.get("loc", ()) if not str(x).startswith(("function-", "tagged-union")))
        msg = err.get("msg", "invalid").removeprefix("Value error, ")
        parts.append(f"{prefix}{loc}: {msg}" if loc else f"{prefix.rstrip('.')}: {msg}" if prefix else msg)
    more = len(exc.errors()) - 5
    if more > 0:
        parts.append(f"and {more} more")
    return "; ".join(parts)

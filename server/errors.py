"""Errors a user can fix, with the message that tells them how; the API answers them as 4xx, the CLI exits 2."""

from __future__ import annotations

import logging

from pydantic import ValidationError

log = logging.getLogger("atelier")


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


class RenderTimeout(Exception):
    """A render ran past the server's time limit (ATELIER_RENDER_TIMEOUT_S)."""


class RenderFailed(Exception):
    """A render that ended in a worker process with this answer (`failure_answer` made it there)."""

    def __init__(self, status: int, detail: str):
        super().__init__(detail)
        self.status = status
        self.detail = detail


def failure_answer(exc: BaseException) -> tuple[int, str]:
    """The HTTP status and message for a render that ended with `exc`; logs the trace of anything unexpected."""
    from models.planners.base import Cancelled
    from renderers.base import MissingPart

    if isinstance(exc, UserError):
        return exc.status, exc.message
    if isinstance(exc, RenderFailed):
        return exc.status, exc.detail
    if isinstance(exc, Cancelled):
        return 499, "the render was cancelled because the client went away"
    if isinstance(exc, RenderTimeout):
        return 504, "the render did not finish within the server's time limit (ATELIER_RENDER_TIMEOUT_S)"
    if isinstance(exc, MissingPart):
        return 503, str(exc)
    log.error("render failed", exc_info=exc)
    return 500, "the render failed unexpectedly; the server log has the details"

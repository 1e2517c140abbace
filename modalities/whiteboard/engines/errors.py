"""The one error a layout raises: a layout tool is missing or failed (the server answers it with its message)."""

from renderers.base import MissingPart


class LayoutError(MissingPart):
    pass

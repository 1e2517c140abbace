"""preview.png: a picture of the widget as a browser draws it, taken by the headless browser the context offers.

The picture is 800 CSS pixels wide at twice the pixel density, and its height is the page's own, up to a limit.
The page's natural height is also what the embed snippet starts the iframe at. Custom HTML is drawn with its
scripts turned off: model-written code never runs on the server.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from renderers.base import PAGE_WIDTH, CaptureError, PageCapture, PendingFile, RenderContext, RenderResult

WIDTH = PAGE_WIDTH
MAX_HEIGHT = 1600


def _capture(folder: Path, browser: PageCapture | None, *, page_name: str, scripts: bool) -> dict[str, Any]:
    if browser is None:
        raise CaptureError("no headless browser is available to draw the widget")
    shot = browser.capture(folder / page_name, folder / "preview.png", width=WIDTH, max_height=MAX_HEIGHT,
                           scripts=scripts, ready="html[data-ready]" if scripts else None)
    details: dict[str, Any] = {"page_size": [shot.width, shot.height]}
    if not scripts:
        details["preview_note"] = "drawn without running the page's scripts"
    return details


def write_preview(ctx: RenderContext, result: RenderResult, page_name: str, *, scripts: bool) -> None:
    """Asks for preview.png: made after the answer by whoever runs the render (the server's browser, or the CLI's
    right after), never by the renderer itself, which has no browser in a worker process."""
    if ctx.options.get("preview") is False:
        return
    result.defer(PendingFile("preview.png", "preview", partial(_capture, page_name=page_name, scripts=scripts)))

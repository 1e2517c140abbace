"""preview.png: a picture of the widget as a browser draws it, taken by the headless browser the context offers.

The picture is 800 CSS pixels wide at twice the pixel density, and its height is the page's own, up to a limit.
The page's natural height is also what the embed snippet starts the iframe at. Custom HTML is drawn with its
scripts turned off: model-written code never runs on the server.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from ..base import CaptureError, LaterFile, PageCapture, RenderContext, RenderResult

WIDTH = 800
MAX_HEIGHT = 1600


def _capture(folder: Path, browser: PageCapture, *, page_name: str, scripts: bool) -> dict[str, Any]:
    shot = browser.capture(folder / page_name, folder / "preview.png", width=WIDTH, max_height=MAX_HEIGHT,
                           scripts=scripts, ready="html[data-ready]" if scripts else None)
    details: dict[str, Any] = {"page_size": [shot.width, shot.height]}
    if not scripts:
        details["preview_note"] = "drawn without running the page's scripts"
    return details


def write_preview(ctx: RenderContext, result: RenderResult, page_name: str, *, scripts: bool) -> None:
    if ctx.options.get("preview") is False:
        return
    if ctx.options.get("later"):
        # A served render answers with the widget at once; the server's browser draws its picture a moment later.
        result.later.append(LaterFile("preview.png", "image/png", "preview",
                                      partial(_capture, page_name=page_name, scripts=scripts)))
        return
    if ctx.browser is None:
        result.warn("preview_skipped", "preview.png", "no headless browser is available to draw the widget")
        return
    try:
        details = _capture(ctx.out_dir, ctx.browser, page_name=page_name, scripts=scripts)
    except CaptureError as exc:
        result.warn("preview_skipped", "preview.png", str(exc))
        return
    result.add("preview.png", "image/png", "preview")
    ctx.progress("file", {"name": "preview.png"})
    result.extra.update(details)

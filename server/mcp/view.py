"""The view: one self-contained HTML page (`ui://atelier/viewer.html`) that shows any render inside an MCP host.

Its source is three files beside this module (the page, its style, its script), put together once here so the
served page loads nothing. The same page, with a result and the files it shows baked in, is the per-render
resource for hosts that predate MCP Apps (they show an embedded `ui://` HTML resource as it is, with no bridge).
"""

from __future__ import annotations

import base64
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
VIEW_URI = "ui://atelier/viewer.html"
EMBED_LIMIT_BYTES = 6_000_000  # what a standalone page may carry in files; the rest stays a resource link


def _json_in_script(value: Any) -> str:
    # Inside <script type="application/json">, only "</" could end the element early: JSON lets us escape it.
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/").replace("<!--", "\\u003c!--")


def modality_info() -> dict[str, Any]:
    """What the view needs to know of each modality, from its spec: its label, how it is shown (`viewer`, as on
    /embed) and which download format each file ending answers."""
    from modalities import registry

    out: dict[str, Any] = {}
    for spec in registry.specs().values():
        formats = {Path(kind.pattern).suffix.lower(): kind.format for kind in spec.files if kind.format}
        out[spec.name] = {"label": spec.label().name, "viewer": spec.embed.viewer, "upscale": spec.embed.upscale,
                          "formats": formats}
    return out


@lru_cache(maxsize=1)
def viewer_html() -> str:
    page = (HERE / "viewer.html").read_text(encoding="utf-8")
    style = (HERE / "viewer.css").read_text(encoding="utf-8")
    script = (HERE / "viewer.js").read_text(encoding="utf-8")
    if "</script" in script.lower() or "</style" in style.lower():
        raise ValueError("the view's script or style closes its own element")
    return (page.replace("/*STYLE*/", style, 1).replace("/*SCRIPT*/", script, 1).replace("/*EMBEDDED*/", "", 1)
            .replace("/*MODALITIES*/", _json_in_script(modality_info()), 1))


def standalone_html(result: dict[str, Any], files: list[tuple[dict[str, Any], Path]]) -> str:
    """The view with `result` (a CallToolResult as JSON) and the files it shows inside: a page with no bridge.

    `files` are (resource link, path) pairs, most wanted first; files stop being added at EMBED_LIMIT_BYTES.
    """
    carried: dict[str, dict[str, str]] = {}
    budget = EMBED_LIMIT_BYTES
    for link, path in files:
        size = path.stat().st_size
        if size > budget:
            continue
        budget -= size
        data = path.read_bytes()
        mime = link.get("mimeType") or "application/octet-stream"
        if mime.startswith("text/") or mime.endswith(("+xml", "+json", "/json")):
            carried[link["uri"]] = {"mimeType": mime, "text": data.decode("utf-8", errors="replace")}
        else:
            carried[link["uri"]] = {"mimeType": mime, "blob": base64.b64encode(data).decode()}
    payload = _json_in_script({"result": result, "files": carried})
    page = viewer_html()
    marker = '<script type="application/json" id="atelier-embedded"></script>'
    return page.replace(marker, f'<script type="application/json" id="atelier-embedded">{payload}</script>', 1)

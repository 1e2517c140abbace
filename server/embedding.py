"""How a render is embedded in another page: its natural size, the iframe sandbox it needs, and the snippets.

Every render has an embed page (`GET /embed/{id}`): a widget is served as itself, the other modalities get a
viewer. Both post `{type: "atelier:resize", height}` to the embedding page, which the loader script (`/embed.js`)
uses to keep the iframe as tall as its content; a plain iframe starts at the natural height computed here.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import quote

from modalities import registry
from renderers.base import PAGE_WIDTH

from .manifest import EmbedInfo, Manifest

WIDTH = PAGE_WIDTH  # the default embed width: the width a page answer is previewed at
VIEWER_BAR = 48  # the viewer's title bar, above the slides or picture
SLIDE_WIDTH = 960
MAX_HEIGHT = 4000

PAGE_SANDBOX = "allow-scripts"  # model-written pages get scripts only, never our origin or any other power
# Viewers run only our code; they may open a file to download it in a new tab, outside the sandbox.
VIEWER_SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox allow-downloads"


@dataclass(frozen=True)
class Size:
    """An embed's natural size. `chrome` is the fixed-height part (a title bar); with `keep_ratio` the rest
    scales with the width (a picture), otherwise only the width changes (a widget reflows)."""

    width: int
    height: int
    chrome: int = 0
    keep_ratio: bool = False


def png_size(path: Path) -> tuple[int, int] | None:
    """Width and height from a PNG's header, without decoding it."""
    try:
        with open(path, "rb") as f:
            head = f.read(24)
    except OSError:
        return None
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


_SVG_TAG = re.compile(rb"<svg\b[^>]*>", re.IGNORECASE)
_ATTR = {name: re.compile(rb'\s' + name.encode() + rb'\s*=\s*["\']\s*([\d.]+)', re.IGNORECASE)
         for name in ("width", "height")}
_VIEWBOX = re.compile(rb'viewBox\s*=\s*["\']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)', re.IGNORECASE)


def svg_size(path: Path) -> tuple[int, int] | None:
    """Width and height from an SVG's root tag (its width/height attributes, else its viewBox)."""
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        return None
    tag = _SVG_TAG.search(head)
    if not tag:
        return None
    w, h = (_ATTR[n].search(tag.group(0)) for n in ("width", "height"))
    if w and h:
        return round(float(w.group(1))), round(float(h.group(1)))
    box = _VIEWBOX.search(tag.group(0))
    return (round(float(box.group(1))), round(float(box.group(2)))) if box else None


def _picture_size(folder: Path, manifest: Manifest) -> tuple[int, int] | None:
    for f in manifest.files:
        size = svg_size(folder / f.name) if f.name.endswith(".svg") else png_size(folder / f.name) \
            if f.name.endswith(".png") else None
        if size and size[0] > 0 and size[1] > 0:
            return size
    return None


def natural_size(manifest: Manifest, folder: Path) -> Size:
    """The size an embed of this render looks right at, before any maxwidth/maxheight."""
    embed = registry.spec(manifest.modality).embed
    if embed.viewer == "page":
        measured = manifest.details.get("page_size")
        height = int(measured[1]) if measured else embed.start_height(manifest.details)
        return Size(WIDTH, max(120, min(height, MAX_HEIGHT)))
    if embed.viewer == "slides":
        if not any(f.role == "preview" and f.name.endswith(".png") for f in manifest.files):
            return Size(WIDTH, VIEWER_BAR + 150, VIEWER_BAR + 150)  # a message and a download button
        return Size(SLIDE_WIDTH, round(SLIDE_WIDTH * 9 / 16) + VIEWER_BAR, VIEWER_BAR, keep_ratio=True)
    w, h = _picture_size(folder, manifest) or (16, 9)
    width = WIDTH if embed.upscale else min(WIDTH, w)
    content = round(width * h / w)
    if embed.viewer == "board":  # a board is panned and zoomed inside its frame, which need not be tall
        return Size(width, max(240, min(content, 720)) + VIEWER_BAR, VIEWER_BAR)
    return Size(width, min(content, MAX_HEIGHT - VIEWER_BAR) + VIEWER_BAR, VIEWER_BAR, keep_ratio=True)


def fit(size: Size, maxwidth: int | None = None, maxheight: int | None = None) -> tuple[int, int]:
    """The size within maxwidth × maxheight (oEmbed's limits), keeping a picture's proportions."""
    width, content = size.width, size.height - size.chrome
    if maxwidth and width > maxwidth:
        if size.keep_ratio:
            content = round(content * maxwidth / width)
        width = maxwidth
    if maxheight and content + size.chrome > maxheight:
        shrunk = max(1, maxheight - size.chrome)
        if size.keep_ratio and content > 0:
            width = max(1, round(width * shrunk / content))
        content = shrunk
    height = content + size.chrome
    return width, min(height, maxheight) if maxheight else height


def sandbox_for(manifest: Manifest) -> str:
    return PAGE_SANDBOX if registry.spec(manifest.modality).embed.viewer == "page" else VIEWER_SANDBOX


def iframe_snippet(url: str, title: str, width: int, height: int, sandbox: str, *, responsive: bool) -> str:
    """An <iframe> for the embed page. Responsive: as wide as its container up to `width`; else exactly
    width × height (what oEmbed consumers expect)."""
    size = (f'width="100%" height="{height}" style="border:0;max-width:{width}px"' if responsive
            else f'width="{width}" height="{height}" style="border:0"')
    return (f'<iframe src="{escape(url)}" title="{escape(title)}" {size} loading="lazy" '
            f'sandbox="{sandbox}" referrerpolicy="no-referrer" allowfullscreen></iframe>')


def embed_url(base: str, render_id: str) -> str:
    return f"{base}/embed/{render_id}"


def oembed_url(base: str, url: str) -> str:
    return f"{base}/oembed?url={quote(url, safe='')}&format=json"


def embed_info(manifest: Manifest, folder: Path, base: str) -> EmbedInfo:
    """The manifest's `embed` block: addresses, natural size and the two copy-paste snippets."""
    size = natural_size(manifest, folder)
    url = embed_url(base, manifest.id)
    sandbox = sandbox_for(manifest)
    iframe = iframe_snippet(url, manifest.title, size.width, size.height, sandbox, responsive=True)
    script = f'{iframe}\n<script async src="{escape(base)}/embed.js"></script>'
    return EmbedInfo(url=url, oembed=oembed_url(base, url), width=size.width, height=size.height, sandbox=sandbox,
                     iframe=iframe, script=script)

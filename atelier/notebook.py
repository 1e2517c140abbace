"""How an artifact shows in a notebook: the MIME bundle behind `Artifact._repr_mimebundle_`.

Three standard types, so every viewer finds one it shows: `image/png` (a still picture: a deck's slides as a
contact sheet, a widget's preview, the picture of the rest) for viewers that do not show HTML (PDF and Markdown
exports, plain image viewers); `text/html`, which nearly every viewer prefers, with the same pictures inline as
data: URLs so it stays whole when a notebook is shared as a file, and a stylesheet and script that turn a deck into
a slide strip with previous/next and bring a widget to life in a sandboxed `srcdoc` frame where scripts run
(JupyterLab, VS Code, nbconvert's HTML); where they are stripped (GitHub, untrusted notebooks) the pictures remain.
And `text/plain`: the title and where the files are.
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .display import Embedding, css, figure, picture_name, script

if TYPE_CHECKING:
    from .artifact import Artifact

SHEET_COLUMNS = 3
SHEET_MAX_SLIDES = 12
SHEET_TILE_WIDTH = 480
SHEET_GAP = 12
STILL_MAX_WIDTH = 1600  # wider pictures are scaled down for the notebook (the file keeps its size)
SHOWN_WIDTH = 800  # CSS pixels a still is shown at, at most (pictures are drawn at twice that for sharp screens)

NOTEBOOK = Embedding(widget_inline=True, downloads=False, prefer=(".png", ".svg"))


def _png_bytes(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _slide_number(name: str) -> int:
    found = re.search(r"(\d+)", name)
    return int(found.group(1)) if found else 0


def _slides(artifact: Artifact) -> list[Path]:
    """A deck's slide pictures, in slide order."""
    names = [f["name"] for f in artifact.manifest["files"] if f["role"] == "preview" and f["name"].endswith(".png")]
    return [artifact.files[name] for name in sorted(names, key=_slide_number)]


def contact_sheet(slides: list[Path]) -> bytes:
    """The first slides of a deck side by side on one picture, in reading order (left to right, then down)."""
    from PIL import Image

    shown = slides[:SHEET_MAX_SLIDES]
    columns = min(SHEET_COLUMNS, len(shown))
    rows = -(-len(shown) // columns)
    tiles = []
    for path in shown:
        with Image.open(path) as im:
            tile = im.convert("RGB")
            tile.thumbnail((SHEET_TILE_WIDTH, SHEET_TILE_WIDTH * 4), Image.Resampling.LANCZOS)
            tiles.append(tile)
    tile_h = max(t.height for t in tiles)
    width = columns * SHEET_TILE_WIDTH + (columns + 1) * SHEET_GAP
    height = rows * tile_h + (rows + 1) * SHEET_GAP
    sheet = Image.new("RGB", (width, height), (232, 234, 237))
    for i, tile in enumerate(tiles):
        row, col = divmod(i, columns)
        sheet.paste(tile, (SHEET_GAP + col * (SHEET_TILE_WIDTH + SHEET_GAP), SHEET_GAP + row * (tile_h + SHEET_GAP)))
    return _png_bytes(sheet)


def _fitted_png(path: Path) -> bytes:
    """A picture file as PNG bytes no wider than STILL_MAX_WIDTH (the file itself when it already fits)."""
    from PIL import Image

    with Image.open(path) as im:
        if im.format == "PNG" and im.width <= STILL_MAX_WIDTH:
            return path.read_bytes()
        im.load()
        picture = im.copy()
    picture.thumbnail((STILL_MAX_WIDTH, STILL_MAX_WIDTH * 8), Image.Resampling.LANCZOS)
    return _png_bytes(picture)


def still(artifact: Artifact) -> bytes | None:
    """The still picture of a render (PNG bytes), or None when it has none (a widget whose preview was skipped)."""
    slides = _slides(artifact) if artifact.modality == "slides" or _is_deck(artifact) else []
    if len(slides) > 1:
        return contact_sheet(slides)
    if slides:
        return _fitted_png(slides[0])
    name = picture_name(artifact.manifest, (".png",))
    return _fitted_png(artifact.files[name]) if name else None


def _is_deck(artifact: Artifact) -> bool:
    from modalities import registry

    return registry.spec(artifact.modality).embed.viewer == "slides"


def _data_url(path: Path) -> str:
    media = {".png": "image/png", ".svg": "image/svg+xml", ".webp": "image/webp", ".jpg": "image/jpeg"}
    kind = media.get(path.suffix.lower(), "application/octet-stream")
    body = _fitted_png(path) if kind == "image/png" else path.read_bytes()
    return f"data:{kind};base64,{base64.b64encode(body).decode('ascii')}"


def html(artifact: Artifact) -> str:
    """The text/html output: the figure, with the stylesheet and script it needs inline (the output must stand
    alone: a notebook carries no other files)."""
    body = figure(artifact.folder, artifact.manifest, lambda name: _data_url(artifact.folder / name), NOTEBOOK)
    return f"<style>{css()}</style>{body}<script>{script()}</script>"


def plain(artifact: Artifact) -> str:
    lines = [f"{artifact.modality}: {artifact.title}"]
    for name, path in artifact.files.items():
        lines.append(f"  {name}  {path}")
    slides = _slides(artifact) if _is_deck(artifact) else []
    if len(slides) > SHEET_MAX_SLIDES:
        lines.append(f"  (the picture shows the first {SHEET_MAX_SLIDES} of {len(slides)} slides)")
    for w in artifact.warnings:
        lines.append(f"  warning [{w.code}] {w.where}: {w.detail}")
    return "\n".join(lines)


def _wanted(mime: str, include: Iterable[str] | None, exclude: Iterable[str] | None) -> bool:
    return (include is None or mime in include) and (exclude is None or mime not in exclude)


def mimebundle(artifact: Artifact, include: Iterable[str] | None = None,
               exclude: Iterable[str] | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """(data, metadata) for IPython's display: only the MIME types `include` allows and `exclude` does not."""
    include = set(include) if include is not None else None
    exclude = set(exclude) if exclude is not None else None
    data: dict[str, Any] = {}
    metadata: dict[str, Any] = {}
    if _wanted("text/plain", include, exclude):
        data["text/plain"] = plain(artifact)
    if _wanted("image/png", include, exclude):
        picture = still(artifact)
        if picture is not None:
            data["image/png"] = base64.b64encode(picture).decode("ascii")
            size = _png_size(picture) or (SHOWN_WIDTH, 0)
            metadata["image/png"] = {"width": min(SHOWN_WIDTH, size[0])}
    if _wanted("text/html", include, exclude):
        data["text/html"] = html(artifact)
    return data, metadata


def _png_size(body: bytes) -> tuple[int, int] | None:
    import struct

    if len(body) < 24 or body[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    width, height = struct.unpack(">II", body[16:24])
    return width, height

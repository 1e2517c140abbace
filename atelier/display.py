"""How a render shows inside another document: one HTML figure per modality, for notebooks and docs sites alike.

A deck is a strip of its slide pictures with previous/next and its downloads; an infographic or image is its
picture; a whiteboard is its picture with an "Open in Excalidraw" link to its scene file; a widget runs in a
sandboxed iframe (`sandbox="allow-scripts"`: an opaque origin, no access to the page around it; the widget's own
Content-Security-Policy keeps it off the network). The figure's words (alt texts, labels, the transcript) come
from the embed viewer's description (`server.viewers.viewer_for`), so they read the same as /embed pages.

Where a file lives is the caller's business: `src(name)` gives the address of a file (a data: URL in a notebook, a
relative URL on a docs page). The markup reads top to bottom without its stylesheet and scripts (a sanitised
notebook view): slides one under another, a widget's still picture instead of the live widget.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from modalities import registry

ASSETS = Path(__file__).parent / "assets"
WIDGET_SANDBOX = "allow-scripts"  # scripts only: never our origin, forms, popups or top-level navigation

LABELS = {
    "en": {"excalidraw": "Open in Excalidraw", "widget": "Interactive widget"},
    "zh": {"excalidraw": "在 Excalidraw 開啟", "widget": "互動小工具"},
}
_serial = itertools.count(1)


@dataclass(frozen=True)
class Embedding:
    """Where the figure goes. `widget_inline`: put a widget's page in the iframe's `srcdoc` (a notebook, whose
    output cannot link to files) and show its still picture until scripts run; else link it by `src(name)`.
    `downloads`: link the render's files (a docs page serves them; a notebook does not). `prefer`: picture
    formats, best first."""

    widget_inline: bool
    downloads: bool
    prefer: tuple[str, ...] = (".svg", ".png")


def css() -> str:
    return (ASSETS / "atelier.css").read_text(encoding="utf-8")


def script() -> str:
    return (ASSETS / "atelier.js").read_text(encoding="utf-8")


def _manifest_model(manifest: dict[str, Any]):
    from server.manifest import Manifest

    return Manifest.model_validate(manifest)


def picture_name(manifest: dict[str, Any], prefer: tuple[str, ...]) -> str | None:
    """The file that pictures a (non-deck) render: the first of `prefer`'s formats, the primary file first."""
    files = [f for f in manifest["files"] if Path(f["name"]).suffix in prefer]
    files.sort(key=lambda f: (prefer.index(Path(f["name"]).suffix), f["role"] != "primary"))
    return files[0]["name"] if files else None


def figure(folder: Path, manifest: dict[str, Any], src: Callable[[str], str], how: Embedding) -> str:
    """The HTML figure of the render in `folder` whose manifest is `manifest`."""
    from server.viewers import viewer_for

    model = _manifest_model(manifest)
    view = viewer_for(model, folder, lambda name, download=False: src(name))
    spec = registry.spec(model.modality)
    words = LABELS["zh" if view.lang.lower().startswith("zh") else "en"]
    uid = f"atelier-{next(_serial)}-{model.id[:8]}"
    parts = [f'<figure class="atelier atelier-{escape(model.modality)}" id="{uid}" lang="{escape(view.lang)}" '
             f'data-atelier="{escape(model.modality)}">']
    links: list[tuple[str, str]] = []  # (label, address of a file to download)
    if spec.embed.viewer == "page":
        # Only ever in the sandboxed frame: no "open on its own page" link, which would run the page (perhaps
        # model-written) at the docs site's own origin, where no server adds the sandbox header.
        parts.append(_widget(folder, model, src, how, words))
    elif view.kind == "slides" and view.pictures:
        parts.append(_strip(view))
    else:
        parts.append(_picture(folder, manifest, view, src, how))
    if how.downloads and spec.embed.viewer != "page":
        links += [(words["excalidraw"] if f.name.endswith(".excalidraw") else _download_label(f.name), src(f.name))
                  for f in model.files if f.role in ("primary", "export", "source")]
    if links or spec.embed.viewer != "page":  # a widget shows its own title; a caption would only repeat it
        caption = [f'<span class="atelier-title">{escape(model.title)}</span>']
        caption += [f'<a href="{escape(url)}" download>{escape(label)}</a>' for label, url in links]
        parts.append(f"<figcaption>{' '.join(caption)}</figcaption>")
    if view.transcript and spec.embed.viewer != "page":
        parts.append(f'<details class="atelier-text"><summary>{escape(view.labels["text"])}</summary>'
                     f"<p>{escape(view.transcript)}</p></details>")
    parts.append("</figure>")
    return "".join(parts)


def _widget(folder: Path, model: Any, src: Callable[[str], str], how: Embedding, words: dict[str, str]) -> str:
    """A widget in a sandboxed frame: linked by address, or carried whole in `srcdoc` behind its still picture."""
    from server.embedding import natural_size

    name = model.primary().name
    height = natural_size(model, folder).height
    frame = (f'class="atelier-frame" title="{escape(words["widget"])}: {escape(model.title)}" '
             f'sandbox="{WIDGET_SANDBOX}" referrerpolicy="no-referrer" style="height:{height}px"')
    if not how.widget_inline:
        return f'<iframe {frame} src="{escape(src(name))}" loading="lazy"></iframe>'
    page = (folder / name).read_text(encoding="utf-8")
    still = picture_name(model.model_dump(mode="json"), (".png",))
    if still is None:
        return f'<iframe {frame} srcdoc="{escape(page, quote=True)}"></iframe>'
    return (f'<img class="atelier-still atelier-picture" src="{escape(src(still))}" alt="{escape(model.title)}">'
            f'<iframe {frame} hidden srcdoc="{escape(page, quote=True)}"></iframe>')


def _strip(view: Any) -> str:
    """A deck: its slide pictures side by side in a strip that scrolls a slide at a time, and previous/next."""
    slides = []
    for pic in view.pictures:
        size = f' width="{pic.width}" height="{pic.height}"' if pic.width and pic.height else ""
        slides.append(f'<img src="{escape(pic.url)}" alt="{escape(pic.alt)}"{size} loading="lazy">')
    return (f'<div class="atelier-strip" tabindex="0" role="region" aria-roledescription="carousel" '
            f'aria-label="{escape(view.title)}">{"".join(slides)}</div>'
            f'<div class="atelier-controls" hidden>'
            f'<button type="button" data-step="-1" aria-label="{escape(view.labels["prev"])}">‹</button>'
            f'<span class="atelier-count" aria-live="polite">1 / {len(view.pictures)}</span>'
            f'<button type="button" data-step="1" aria-label="{escape(view.labels["next"])}">›</button></div>')


def _picture(folder: Path, manifest: dict[str, Any], view: Any, src: Callable[[str], str], how: Embedding) -> str:
    """An infographic, whiteboard or image: its picture in the first of the preferred formats."""
    from server.embedding import png_size, svg_size

    name = picture_name(manifest, how.prefer)
    if name is None:
        return f"<p>{escape(view.message or view.title)}</p>"
    alt = view.pictures[0].alt if view.pictures else view.title
    size = svg_size(folder / name) if name.endswith(".svg") else png_size(folder / name)
    dims = f' width="{size[0]}" height="{size[1]}"' if size else ""
    return f'<img class="atelier-picture" src="{escape(src(name))}" alt="{escape(alt)}"{dims}>'


def _download_label(name: str) -> str:
    from server.viewers import DOWNLOAD_LABELS

    return DOWNLOAD_LABELS.get(Path(name).suffix, name)


def error_figure(message: str) -> str:
    """What a block that could not be rendered shows when the build goes on (fail_on_error off)."""
    return (f'<figure class="atelier atelier-error" role="alert"><strong>Atelier could not render this block'
            f"</strong>: {escape(message)}</figure>")

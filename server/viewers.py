"""What the embed viewer shows for slides, infographics, whiteboards and images: pictures, their text, downloads.

A viewer is how a render that is not a widget goes into another page: slide pictures to step through, an
infographic or image at its proportions, a whiteboard to pan and zoom, each with its files to download and the
plan's words for screen readers. The pictures are the render's own files, served from /render/{id}/.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from modalities import registry
from renderers.layout.script import language_of
from renderers.plan import ValidationError, plan_text

from .embedding import png_size, svg_size
from .manifest import Manifest

DOWNLOAD_LABELS = {".pptx": "PowerPoint", ".pdf": "PDF", ".svg": "SVG", ".png": "PNG", ".excalidraw": "Excalidraw",
                   ".mmd": "Mermaid", ".html": "HTML", ".webp": "WebP", ".mp4": "MP4", ".webm": "WebM", ".gif": "GIF"}

LABELS = {
    "en": {"prev": "Previous slide", "next": "Next slide", "slide": "Slide {n} of {total}", "download": "Download",
           "zoom_in": "Zoom in", "zoom_out": "Zoom out", "fit": "Fit to frame", "fullscreen": "Full screen",
           "no_slides": "This deck has no slide pictures to show here. Download it to see the slides.",
           "board_help": "Drag to move around the board; use the wheel, the buttons or + and − to zoom; 0 fits it.",
           "text": "Text of this {what}", "captions": "Captions"},
    "zh": {"prev": "上一張", "next": "下一張", "slide": "第 {n} 張，共 {total} 張", "download": "下載",
           "zoom_in": "放大", "zoom_out": "縮小", "fit": "符合視窗", "fullscreen": "全螢幕",
           "no_slides": "這份簡報沒有可在此顯示的投影片圖片，請下載檔案觀看。",
           "board_help": "拖曳即可移動白板；用滾輪、按鈕或 + 與 − 縮放，按 0 回到全圖。", "text": "這份{what}的文字",
           "captions": "字幕"},
}
_NUMBER = re.compile(r"(\d+)")


@dataclass
class Picture:
    url: str
    alt: str
    width: int | None = None
    height: int | None = None


@dataclass
class Video:
    sources: list[tuple[str, str]]  # (url, media type), the primary first
    poster: str | None = None
    captions: str | None = None  # a WebVTT file's url


@dataclass
class Viewer:
    kind: str  # "slides" (step through pictures), "picture" (fit to width), "board" (pan and zoom) or "video"
    title: str
    lang: str
    labels: dict[str, str]
    pictures: list[Picture] = field(default_factory=list)
    downloads: list[tuple[str, str]] = field(default_factory=list)  # (label, url)
    transcript: str = ""
    message: str | None = None
    video: Video | None = None


def _plan(folder: Path):
    try:
        return registry.parse_plan(json.loads((folder / "plan.json").read_text(encoding="utf-8")))
    except (OSError, ValueError, ValidationError):
        return None


def _size(path: Path) -> tuple[int | None, int | None]:
    size = svg_size(path) if path.suffix == ".svg" else png_size(path)
    return size if size else (None, None)


def viewer_for(manifest: Manifest, folder: Path, file_url) -> Viewer:
    """The viewer of a render. `file_url(name)` is the address of one of its files."""
    plan = _plan(folder)
    words = plan_text(plan) if plan is not None else manifest.title
    lang = (getattr(plan, "language", None) or language_of(words)) if plan is not None else language_of(words)
    key = "zh" if lang.lower().startswith("zh") else "en"
    spec = registry.spec(manifest.modality)
    labels = dict(LABELS[key], text=LABELS[key]["text"].replace("{what}", spec.label(key).what))
    downloads = [
        (f"{DOWNLOAD_LABELS.get(Path(f.name).suffix, f.name)}", file_url(f.name, download=True))
        for f in manifest.files if f.role in ("primary", "export", "source")
    ]
    viewer = Viewer(kind="picture", title=manifest.title, lang=lang, labels=labels, downloads=downloads,
                    transcript=words[:4000])

    if spec.embed.viewer == "slides":
        viewer.kind = "slides"
        slides = sorted((int(m.group(1)) if (m := _NUMBER.search(f.name)) else 0, f.name) for f in manifest.files
                        if f.role == "preview" and f.media_type.startswith("image/"))
        titles = [getattr(s, "title", None) or getattr(s, "quote", None) or "" for s in plan.slides] if plan else []
        for n, (_, name) in enumerate(slides, start=1):
            alt = labels["slide"].replace("{n}", str(n)).replace("{total}", str(len(slides)))
            if len(titles) == len(slides) and titles[n - 1]:
                alt += f": {titles[n - 1]}"
            viewer.pictures.append(Picture(file_url(name), alt, *_size(folder / name)))
        if not slides:
            viewer.message = labels["no_slides"]
        return viewer

    if spec.embed.viewer == "video":
        videos = sorted((f for f in manifest.files if f.media_type.startswith("video/")),
                        key=lambda f: f.role != "primary")
        if videos:
            poster = next((f for f in manifest.files if f.role == "preview" and f.media_type.startswith("image/")),
                          None)
            captions = next((f for f in manifest.files if f.media_type == "text/vtt"), None)
            viewer.kind = "video"
            viewer.video = Video(sources=[(file_url(f.name), f.media_type) for f in videos],
                                 poster=file_url(poster.name) if poster else None,
                                 captions=file_url(captions.name) if captions else None)
            return viewer
    if spec.embed.viewer == "board":
        viewer.kind = "board"
    wanted = (".svg", ".png")
    candidates = sorted((f for f in manifest.files if f.name.endswith(wanted)),
                        key=lambda f: (wanted.index(Path(f.name).suffix), f.role != "primary"))
    if candidates:
        name = candidates[0].name
        alt = manifest.details.get("alt") or manifest.title
        viewer.pictures.append(Picture(file_url(name), str(alt), *_size(folder / name)))
    return viewer

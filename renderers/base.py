"""The renderer contract: `render(plan, ctx) -> RenderResult`, and the records that travel with it.

A renderer is a pure function of its plan and context: it never reads settings or environment variables, writes
only into `ctx.out_dir`, and reports problems as warnings instead of failing on them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel, Field

from .theme import Theme


class RenderWarning(BaseModel):
    """Something a user should know about a render: a lint (`text_overflow`, `overlap`, `off_canvas`,
    `low_contrast`, `missing_glyph`), a degraded part (`image_fallback`, `pdf_skipped`, `preview_skipped`),
    or a planner note (`scaffold`, `planner_fallback`)."""

    code: str = Field(description="Machine-readable kind of warning.")
    where: str = Field(description="Which part of the output, e.g. 'slide 3 / body' or 'node n4'.")
    detail: str = Field(description="What is wrong and, where possible, what was done about it.")


PAGE_WIDTH = 800  # CSS pixels: the width an HTML answer is laid out at for its preview, and embedded at by default

MEDIA_TYPES = {
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".html": "text/html",
    ".excalidraw": "application/vnd.excalidraw+json",
    ".mmd": "text/vnd.mermaid",
    ".json": "application/json",
    ".csv": "text/csv",
    ".txt": "text/plain",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".vtt": "text/vtt",
}


def media_type(name: str) -> str:
    """The media type of a file Atelier writes, from its suffix (one table for every renderer and route)."""
    return MEDIA_TYPES.get(Path(name).suffix.lower(), "application/octet-stream")


class Lints(list[RenderWarning]):
    """Warnings collected while laying out and writing a render; layout code gets this list, never the result."""

    def warn(self, code: str, where: str, detail: str) -> None:
        self.append(RenderWarning(code=code, where=where, detail=detail))


@dataclass
class RenderedFile:
    name: str
    media_type: str
    role: str  # primary | preview | export | source


@dataclass
class PendingFile:
    """A file made after the render is stored and answered, so a slow part (a browser screenshot, a PDF through
    LibreOffice) does not hold up the answer. The manifest lists its name under `pending` until it exists.

    `make(folder, browser)` writes the file into the render's final folder and returns facts to add to the
    manifest's details; it raises (CaptureError, or any Exception) when the file cannot be made, which becomes a
    warning. It must pickle (a module-level function, or a `functools.partial` of one): a served render is made in
    a worker process and its pending files in the server's.
    """

    name: str
    role: str
    make: Callable[[Path, PageCapture | None], dict[str, Any]]
    # CPU work that holds the interpreter while it runs (rasterising with resvg): the server makes it in a process
    # of its own, never on a thread beside its event loop. Such a maker gets no browser.
    apart: bool = False

    @property
    def media_type(self) -> str:
        return media_type(self.name)


@dataclass
class RenderResult:
    """What a renderer made: its files, warnings, manifest details and pending files.

    Made by `ctx.result(title)`, which binds it to the render's folder and progress: `write` writes a file, lists
    it and reports it in one step, so every renderer collects files, lints and progress the same way.
    """

    title: str
    files: list[RenderedFile] = field(default_factory=list)
    warnings: Lints = field(default_factory=Lints)
    details: dict[str, Any] = field(default_factory=dict)  # modality-specific manifest facts (e.g. image seed)
    pending: list[PendingFile] = field(default_factory=list)  # made after the render is answered
    ctx: RenderContext | None = field(default=None, repr=False, compare=False)

    def _bound(self) -> RenderContext:
        if self.ctx is None:
            raise RuntimeError("this RenderResult was not made by ctx.result(), so it cannot write files")
        return self.ctx

    def path(self, name: str) -> Path:
        return self._bound().out_dir / name

    def write(self, name: str, data: bytes | str, role: str, *, report: bool = True) -> Path:
        """Writes one file into the render's folder, lists it and reports it (unless it is one of a group that
        is reported once, with `report`)."""
        path = self.path(name)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        return self.saved(name, role, report=report)

    def saved(self, name: str, role: str, *, report: bool = True) -> Path:
        """Lists and reports a file that is already in the folder (written by a library, e.g. python-pptx)."""
        self.files.append(RenderedFile(name, media_type(name), role))
        if report:
            self.report(name)
        return self.path(name)

    def report(self, name: str, **data: Any) -> None:
        """Reports a file (or a group of files, e.g. 'slide previews' with a count) as written."""
        self._bound().progress("file", {"name": name, **data})

    def step(self, name: str, **data: Any) -> None:
        """Reports a render step (e.g. `layout`) that is not a file."""
        self._bound().progress("render", {"step": name, **data})

    def warn(self, code: str, where: str, detail: str) -> None:
        self.warnings.warn(code, where, detail)

    def defer(self, pending: PendingFile) -> None:
        self.pending.append(pending)


@dataclass
class GeneratedImage:
    png: bytes
    width: int
    height: int
    seed: int
    model: str
    fallback: bool  # True when drawn by the offline fallback instead of a generative model
    note: str = ""
    # How the backend made it (steps, guidance, sampled size, device, ...), for the manifest; never layout input.
    details: dict[str, Any] = field(default_factory=dict)


class ImageBackend(Protocol):
    """Turns an image request into a PNG of exactly `width` x `height` (after clamping to the backend's bounds);
    implemented in `models.images`. Backends are shared by concurrent renders, so both methods are thread-safe,
    and concurrent calls may be batched together on the device."""

    name: str

    def generate(
        self,
        prompt: str,
        *,
        width: int,
        height: int,
        seed: int | None = None,
        negative_prompt: str | None = None,
        style: str | None = None,
    ) -> GeneratedImage: ...

    def generate_many(
        self,
        prompt: str,
        *,
        count: int,
        width: int,
        height: int,
        seed: int | None = None,
        negative_prompt: str | None = None,
        style: str | None = None,
    ) -> list[GeneratedImage]:
        """`count` variations of one request (seeds `seed`, `seed + 1`, ...), made in one batch where possible."""
        ...


class ImageBackendBase:
    """What most image backends share: one picture is a batch of one. Subclasses write `generate_many`."""

    name: str = "images"

    def generate(self, prompt: str, *, width: int, height: int, seed: int | None = None,
                 negative_prompt: str | None = None, style: str | None = None) -> GeneratedImage:
        return self.generate_many(prompt, count=1, width=width, height=height, seed=seed,
                                  negative_prompt=negative_prompt, style=style)[0]

    def generate_many(self, prompt: str, *, count: int, width: int, height: int, seed: int | None = None,
                      negative_prompt: str | None = None, style: str | None = None) -> list[GeneratedImage]:
        raise NotImplementedError


@dataclass
class PageShot:
    """What a page capture measured: the page's natural size in CSS pixels at the width it was laid out at."""

    width: int
    height: int
    truncated: bool  # the page was taller than the capture's limit, so the picture shows its top only


class MissingPart(RuntimeError):
    """A part a render needs is missing or failed on this machine (a font, Graphviz): the server answers 503 with
    this message, which says what to install."""


class CaptureError(Exception):
    """A page could not be captured: no browser is available, or the page did not load in time."""


class PageCapture(Protocol):
    """A headless browser that screenshots an HTML file (implemented in `server.browser`).

    `scripts=False` draws the page without running any of its scripts; `ready` is a CSS selector to wait for
    before the picture is taken. Raises CaptureError.
    """

    def capture(
        self, html: Path, png: Path, *, width: int, max_height: int, scripts: bool = True, ready: str | None = None
    ) -> PageShot: ...


ProgressFn = Callable[[str, dict[str, Any]], None]


def _no_progress(event: str, data: dict[str, Any]) -> None:
    return None


@dataclass
class RenderContext:
    out_dir: Path
    theme: Theme
    images: ImageBackend
    progress: ProgressFn = _no_progress
    options: dict[str, Any] = field(default_factory=dict)  # per-request choices, e.g. {"pdf": False}

    def result(self, title: str) -> RenderResult:
        """An empty result bound to this render's folder and progress; see RenderResult."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        return RenderResult(title=title, ctx=self)

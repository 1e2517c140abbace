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


@dataclass
class RenderedFile:
    name: str
    media_type: str
    role: str  # primary | preview | export | source


@dataclass
class LaterFile:
    """A file made after the render is stored, so a slow extra (a browser screenshot) does not hold up the answer.

    `make(folder, browser)` writes the file into the render's final folder, using the server's browser, and
    returns facts to add to the manifest's details; it raises CaptureError (or any Exception) when the file cannot
    be made, which becomes a warning instead. It must pickle (a module-level function, or a `functools.partial` of
    one): a served render is made in a worker process and its extras in the server's.
    """

    name: str
    media_type: str
    role: str
    make: Callable[[Path, PageCapture], dict[str, Any]]


@dataclass
class RenderResult:
    title: str
    files: list[RenderedFile] = field(default_factory=list)
    warnings: list[RenderWarning] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # modality-specific manifest fields (e.g. image seed)
    later: list[LaterFile] = field(default_factory=list)  # made after the render is stored (options["later"])

    def add(self, name: str, media_type: str, role: str) -> None:
        self.files.append(RenderedFile(name, media_type, role))

    def warn(self, code: str, where: str, detail: str) -> None:
        self.warnings.append(RenderWarning(code=code, where=where, detail=detail))


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


@dataclass
class PageShot:
    """What a page capture measured: the page's natural size in CSS pixels at the width it was laid out at."""

    width: int
    height: int
    truncated: bool  # the page was taller than the capture's limit, so the picture shows its top only


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
    browser: PageCapture | None = None  # for previews of HTML output; None: previews are skipped with a warning

"""`ModalitySpec`: everything the system knows about one modality, in one record.

A modality is one kind of answer (a deck, an infographic, a whiteboard, ...). Each lives in one package,
`modalities/<name>/`, whose `SPEC` is the only thing the rest of Atelier reads: the plan class and its renderer,
the offline planner's builder, the LLM planner's guide and quality check, the words that route a request to it,
the files it writes, how it is embedded and shown on the canvas, the progress steps it reports, and its labels.
The registry (`modalities.registry`) collects the specs; the modality names, the plan union, `?format=`, `/config`
and the OpenAPI schema are derived from them, so adding a modality is adding a package.
"""

from __future__ import annotations

import fnmatch
import importlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

if TYPE_CHECKING:  # types only: the spec module imports nothing heavy
    from models.planners.base import PlanRequest
    from models.planners.offline.document import Document
    from models.planners.offline.shape import ContentShape
    from renderers.base import RenderContext, RenderResult
    from renderers.plan import Plan, PlanModel

Role = Literal["primary", "export", "preview", "source"]
Viewer = Literal["page", "slides", "picture", "board", "video"]
Card = Literal["scene", "picture", "deck", "widget", "video"]

Renderer = Callable[[Any, "RenderContext"], "RenderResult"]
Builder = Callable[["PlanRequest", "Document"], "tuple[Any, bool]"]
Checker = Callable[[Any], list[str]]
ShapeScore = Callable[["ContentShape"], "tuple[float, str | None]"]


def lazy(target: str) -> Callable[..., Any]:
    """A function that imports `module:attribute` on its first call and then calls it: what a spec names its
    renderer, builder and writing strategy with, so reading the registry imports no renderer, layout engine or
    PPTX writer until a render needs it."""
    module_name, _, attribute = target.partition(":")
    found: list[Callable[..., Any]] = []

    def call(*args: Any, **kwargs: Any) -> Any:
        if not found:
            found.append(getattr(importlib.import_module(module_name), attribute))
        return found[0](*args, **kwargs)

    call.__qualname__ = call.__name__ = attribute
    call.__doc__ = f"{target}, imported on first use"
    return call


@dataclass(frozen=True)
class Labels:
    """How people are told about a modality, in one language."""

    name: str  # a menu entry or card badge: "Slides"
    noun: str  # in a sentence: "the request asks for a slide deck"
    what: str  # what one answer is called: "Text of this deck"


@dataclass(frozen=True)
class FileKind:
    """A file a modality's renderer writes: a name or an fnmatch pattern (`slide-*.png`) and the part it plays.

    `format` is the `?format=` value answered with this file; `pending` marks a file made after the answer (a
    widget's preview drawn by the server's browser), listed in the manifest's `pending` until it exists.
    """

    pattern: str
    role: Role
    format: str | None = None
    pending: bool = False

    def matches(self, name: str) -> bool:
        return fnmatch.fnmatchcase(name, self.pattern)


@dataclass(frozen=True)
class Embed:
    """How a render of this modality goes into another page (`/embed/{id}`) and how big it starts.

    `viewer`: `page` serves the render's own HTML (a widget); the others wrap its pictures in Atelier's viewer:
    `slides` steps through slide pictures, `picture` fits one to the width, `board` pans and zooms, `video` plays.
    """

    viewer: Viewer
    # A page's height before its preview has measured it (CSS pixels at 800 wide), or a function of the
    # manifest's details giving it (a widget's height depends on its kind).
    height: int | Callable[[Mapping[str, Any]], int] = 480
    upscale: bool = True  # a picture may be shown wider than its own pixels (False for photos)

    def start_height(self, details: Mapping[str, Any]) -> int:
        return self.height(details) if callable(self.height) else self.height


@dataclass(frozen=True)
class Routing:
    """What routes a request to this modality when the user does not name one.

    `words` are phrases in a request that ask for it, with weights (English on word boundaries, Chinese as
    substrings); `synonyms` are words a language model uses for it instead of its name; `shape` scores the
    content's shape (a data table, arrows, sections) when the words do not decide. `rank` orders ties and the
    fallback list (lower first). `weak` words do not count when another modality's words clearly win ("draw" is a
    picture, but "draw a diagram" a whiteboard); a `general` modality is offered as a runner-up for anything.
    A phrase may be a compiled regular expression where a substring would match too much ("畫" but not "計畫").
    """

    purpose: str = ""  # what the form is for, as the LLM router is told ("a slide deck to present or share: ...")
    words: tuple[tuple[str | re.Pattern[str], float], ...] = ()
    synonyms: tuple[str, ...] = ()
    shape: ShapeScore | None = None
    rank: int = 50
    weak: tuple[str, ...] = ()
    general: bool = False


@dataclass(frozen=True)
class ModalitySpec:
    """One modality, all of it. Heavy parts (`render`, `build`) import their modules on first call."""

    name: str  # the plan's `modality` value, lower-case ASCII
    plan: type[PlanModel]
    render: Renderer
    build: Builder  # the offline planner: (request, document) -> (plan, is_scaffold)
    guide: Path  # Markdown: how an LLM writes a good plan of this modality
    check: Checker  # plans that validate but would render badly, as problems for the LLM's repair round
    routing: Routing
    files: tuple[FileKind, ...]
    embed: Embed
    card: Card  # how the canvas shows an answer
    steps: tuple[str, ...]  # the progress events the renderer sends, in order: `render` steps and `file` names
    labels: Mapping[str, Labels]  # by language: "en", "zh"
    preload: tuple[str, ...] = ()  # modules a render worker imports before its first render
    write: Callable[..., Any] | None = None  # the LLM planner's own writing strategy, when one call is not enough
    follows_language: bool = True  # its text is in the request's language (an image prompt need not be)
    details: tuple[str, ...] = field(default=())  # manifest `details` keys this modality fills, documented

    def parse(self, data: Any) -> Plan:
        """`data` validated as this modality's plan (pydantic's ValidationError lists every problem)."""
        # The registry admits only plan classes with a `modality` and a `title` field (`registry._as_spec`), so
        # every instance of `self.plan` is a `Plan`; the type of `plan` alone cannot say so.
        return cast("Plan", self.plan.model_validate(data))

    def label(self, language: str = "en") -> Labels:
        key = "zh" if language.lower().startswith("zh") else "en"
        return self.labels.get(key) or self.labels["en"]

    def file_kind(self, name: str) -> FileKind | None:
        return next((kind for kind in self.files if kind.matches(name)), None)

    @property
    def formats(self) -> list[str]:
        """The `?format=` values this modality can answer, in the order of its files."""
        out: list[str] = []
        for kind in self.files:
            if kind.format and kind.format not in out:
                out.append(kind.format)
        return out

    def guide_text(self) -> str:
        return self.guide.read_text(encoding="utf-8").strip()

    def prompt_files(self) -> list[Path]:
        """Every prompt file of this modality (its guide and any templates beside it), for the prompts' version."""
        return [self.guide, *sorted(self.guide.parent.glob("*.j2"))]

"""`render` and `render_plan`: the Python door into the render service, the same pipeline as the CLI and the server.

Each call builds a local render service (`server.service.RenderService.local`) on a folder, exactly as `atelier
render -o FOLDER` does, and wraps what it wrote in an `Artifact`. Without a folder the files go into a temporary
one that lives as long as the artifact. One headless Chromium, started on the first widget and kept for the
process, draws widget previews (the picture a notebook shows where HTML cannot run).
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Union

from .artifact import Artifact
from .data import read_text, request_data
from .errors import InputError

if TYPE_CHECKING:
    import pandas  # noqa: F401 - named in the `Data` alias for readers and type checkers only
    import polars  # noqa: F401

    from renderers.base import PageCapture

PlannerName = Literal["auto", "offline", "llm"]
# What `data=` takes. Data frames are named as strings: neither library is needed, or imported, to use Atelier.
Data = Union[str, bytes, "os.PathLike[str]", list[dict[str, Any]], dict[str, Any], "pandas.DataFrame",
             "polars.DataFrame", None]

_browser_lock = threading.Lock()
_browser: Any = None  # server.browser.WarmBrowser, started on the first widget preview


def _kept_browser(executable: str | None) -> PageCapture:
    """The process's one warm browser, lent to each render service (which does not close it); closed when the
    process exits."""
    global _browser
    with _browser_lock:
        if _browser is None or _browser.executable != executable:
            from server.browser import WarmBrowser

            if _browser is not None:
                _browser.close()
            _browser = WarmBrowser(executable)
            atexit.register(_browser.close)
        return _browser


def _run(request: Any, folder: str | os.PathLike[str] | None) -> Artifact:
    """Renders one request into `folder` (a new temporary folder when None) and returns its artifact."""
    from server.errors import UserError
    from server.service import RenderService
    from server.settings import get_settings

    temporary = folder is None
    out = Path(tempfile.mkdtemp(prefix="atelier-")) if folder is None else Path(folder)
    if out.exists() and not out.is_dir():
        raise InputError(f"folder '{out}' exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    settings = get_settings()
    service = RenderService.local(settings, out, browser=_kept_browser(settings.chromium), owns_browser=False)
    try:
        service.render(request)
    except UserError as exc:
        if temporary:
            shutil.rmtree(out, ignore_errors=True)
        raise InputError(exc.message) from None
    except BaseException:
        if temporary:
            shutil.rmtree(out, ignore_errors=True)
        raise
    finally:
        service.close()
    return Artifact(out, temporary=temporary)


def _text(value: str | os.PathLike[str] | None, what: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, os.PathLike):
        try:
            return read_text(value, what)
        except ValueError as exc:
            raise InputError(str(exc)) from None
    raise TypeError(f"{what} must be a string or a path; got {type(value).__qualname__}")


def render(
    prompt: str | None = None,
    *,
    content: str | os.PathLike[str] | None = None,
    data: Data = None,
    modality: str | None = None,
    theme: str | None = None,
    planner: PlannerName = "auto",
    folder: str | os.PathLike[str] | None = None,
    pdf: bool = True,
) -> Artifact:
    """Renders a request into a deck, infographic, whiteboard, widget or image, and returns the `Artifact`.

    The same pipeline as `atelier render` and `POST /render`: a planner reads the request and writes a plan, the
    modality's renderer turns the plan into files.

    Args:
        prompt: what you want, in your words ("Make slides for the team", "a checklist for the launch").
        content: a document to work from: Markdown or plain text, or a path to a text file.
        data: a table to work from: CSV or JSON text, a path to a CSV/JSON file, a list of records
            (`[{"month": "Jan", "sales": 120}, ...]`), a dict of equal-length columns, or a pandas or polars
            DataFrame (written out as CSV, so it renders like the file `df.to_csv()` saves).
        modality: the form of the answer: "slides", "infographic", "whiteboard", "widget" or "image"
            (`atelier.modalities()` lists them); None lets the planner choose.
        theme: "light", "dark" or "bold"; None uses ATELIER_THEME (default light).
        planner: "offline" reads structure from what you gave, with no model; "llm" asks the language model set
            by ATELIER_LLM_BASE_URL; "auto" (default) uses the model when one is configured, else offline.
        folder: where the files go (made if missing; a second render there replaces the first's files). None:
            a temporary folder that lives as long as the artifact; `Artifact.save(folder)` keeps the files.
        pdf: decks only: also make deck.pdf with LibreOffice (about a second more).

    At least one of prompt, content and data is needed. Raises `atelier.InputError` (a ValueError) for input that
    cannot be rendered, with a one-line message that says what to fix.

    Example:
        >>> deck = atelier.render("Slides for the team", content="# Tea\\n## Green\\nGrassy.\\n## Black\\nMalty.")
        >>> deck.modality, deck.files["deck.pptx"]
        >>> deck          # in a notebook: the slides, with previous/next
    """
    from server.pipeline import RenderRequest

    try:
        table = request_data(data)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    request = RenderRequest(prompt=prompt, content=_text(content, "content"), data=table, modality=modality,
                            theme=theme, planner=planner, pdf=pdf)
    return _run(request, folder)


def render_plan(
    plan: Mapping[str, Any] | str | os.PathLike[str] | Any,
    *,
    theme: str | None = None,
    folder: str | os.PathLike[str] | None = None,
    pdf: bool = True,
) -> Artifact:
    """Renders a plan as it is, with no planner: `atelier render --plan PLAN.json`.

    Args:
        plan: a plan as a dict (e.g. an artifact's `.plan`, edited), a plan object (`SlidesPlan`, ...), JSON text,
            or a path to a plan.json. Its `modality` field says what it renders as; `atelier.plan_schema(name)`
            gives each modality's JSON schema.
        theme, folder, pdf: as for `render`.

    Raises `atelier.InputError` when the plan is not valid, naming the fields that are wrong.

    Example:
        >>> deck = atelier.render("Slides on tea", content=notes)
        >>> plan = deck.plan
        >>> plan["slides"][0]["title"] = "Tea, briefly"
        >>> atelier.render_plan(plan)
    """
    from server.pipeline import RenderRequest

    if hasattr(plan, "model_dump"):
        plan = plan.model_dump(mode="json", exclude_none=True)
    elif isinstance(plan, os.PathLike) or (isinstance(plan, str) and not plan.lstrip().startswith("{")):
        plan = _text(Path(plan), "plan")
    if isinstance(plan, str):
        try:
            plan = json.loads(plan)
        except json.JSONDecodeError as exc:
            raise InputError(f"the plan is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(plan, Mapping):
        raise InputError(f"a plan must be a JSON object (a dict); got {type(plan).__qualname__}")
    request = RenderRequest(plan=dict(plan), theme=theme, pdf=pdf)
    return _run(request, folder)


def modalities() -> list[str]:
    """The modality names `render(modality=...)` accepts, in the planner's order."""
    from modalities import registry

    return registry.names()


def plan_schema(modality: str | None = None) -> dict[str, Any]:
    """The JSON schema of one modality's plan (or of every plan), as `atelier schema` prints it."""
    from modalities import registry

    try:
        return registry.plan_schema(modality)
    except registry.UnknownModality as exc:
        raise InputError(str(exc)) from None

"""The MCP server's one door into Atelier: every render, stored render, plan check and schema its tools use.

Renders go through the render service (`server.service.RenderService`), the same one every other door calls;
modalities, plans, schemas and formats come from the registry of modality specs. Nothing else in `server/mcp`
imports the pipeline, the store or the renderers, and nothing here imports the MCP SDK.

Two ways to be wired:
- inside `atelier serve` (`/mcp`): the server's own render service (its worker processes, admission gate, store
  and browser) and boards, so MCP renders are the server's renders (GET /render/{id}, /embed/{id}, the canvas) and
  a whiteboard can be opened as a canvas board;
- on its own (`atelier mcp`, stdio): a service of its own that renders in this process into a store under the data
  folder (`<data_dir>/mcp`, because a `Store` clears unfinished work folders when it opens, which must never hit a
  running server's renders), with a browser for widget previews started on the first widget.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

log = logging.getLogger("atelier.mcp")

Progress = Callable[[str, dict[str, Any]], None]


@dataclass(frozen=True)
class Rendered:
    """A stored render: its manifest (as JSON), its folder, and the plan it rendered."""

    manifest: dict[str, Any]
    folder: Path
    plan: dict[str, Any]

    @property
    def id(self) -> str:
        return self.manifest["id"]


@dataclass(frozen=True)
class ModalityInfo:
    name: str
    summary: str  # what the answer is, for a model choosing one
    files: str  # what the user gets


class PlanInvalid(Exception):
    """A plan that does not validate; `problems` are one line each: where, what is wrong, what was given."""

    def __init__(self, problems: list[str], modality: str | None):
        super().__init__("; ".join(problems))
        self.problems = problems
        self.modality = modality


class RequestInvalid(Exception):
    """A request the user (or the model) must fix: the pipeline's UserError, as one line."""


class NotFound(Exception):
    pass


class CanvasUnavailable(Exception):
    """No Atelier server is known to open a canvas board on."""


PLAN_FORMAT = "plan"  # export's name for plan.json, which every render has


# ---- plans and schemas (no render) -----------------------------------------------------------------------------

def modalities() -> list[ModalityInfo]:
    """The modalities this Atelier can render, in routing order, as their specs describe them."""
    from modalities import registry

    return [ModalityInfo(name=spec.name, summary=spec.routing.purpose or spec.label().noun,
                         files=", ".join(kind.pattern for kind in spec.files))
            for spec in registry.specs().values()]


def modality_names() -> list[str]:
    from modalities import registry

    return registry.names()


def export_formats() -> list[str]:
    from modalities import registry

    return [*registry.formats(), PLAN_FORMAT]


def plan_type() -> Any:
    """The plan union as a type (the render tool's input schema is made from it)."""
    from modalities import registry

    return registry.plan_union()


def plan_schema(modality: str | None = None) -> dict[str, Any]:
    """The JSON schema of one modality's plan, or of the union of all (discriminated on `modality`)."""
    from modalities import registry

    try:
        return registry.plan_schema(modality)
    except registry.UnknownModality as exc:
        raise RequestInvalid(str(exc)) from None


def validate_plan(plan: Any) -> None:
    """Raises PlanInvalid with every problem (up to 12) when `plan` is not a renderable plan."""
    from modalities.registry import parse_plan

    if not isinstance(plan, dict):
        raise PlanInvalid([f"plan: expected a JSON object with a 'modality' field, got {type(plan).__name__}"], None)
    modality = plan.get("modality")
    known = modality_names()
    if modality not in known:
        given = "it is missing" if modality is None else f"got {json.dumps(modality)[:60]}"
        raise PlanInvalid([f"plan.modality: must be one of {', '.join(known)} ({given})"], None)
    try:
        parse_plan(plan)
    except ValidationError as exc:
        raise PlanInvalid(_problems(exc, plan), modality) from None


# Fields whose value picks a member of a tagged union in a plan: pydantic puts that value into an error's path.
_TAGS = ("modality", "layout", "kind")


def _problems(exc: ValidationError, root: Any, limit: int = 12) -> list[str]:
    out = [_problem(err, root) for err in exc.errors()[:limit]]
    more = len(exc.errors()) - limit
    if more > 0:
        out.append(f"and {more} more problems of the same kinds")
    return out


def _problem(err: ErrorDetails, root: Any) -> str:
    """One error as 'plan.slides[1].title: Field required (in a 'bullets' layout)'."""
    path, node, within, tagged = "plan", root, "", None
    for part in err.get("loc", ()):
        part_s = str(part)
        if part_s.startswith(("function-", "tagged-union")):
            continue
        if isinstance(node, dict) and node is not tagged and any(node.get(tag) == part_s for tag in _TAGS):
            tag = next(t for t in _TAGS if node.get(t) == part_s)
            within = f" (in a '{part_s}' {tag})" if tag != "modality" else ""
            tagged = node
            continue  # the union member pydantic chose, not a field
        if isinstance(part, int):
            path += f"[{part}]"
            node = node[part] if isinstance(node, list) and -len(node) <= part < len(node) else None
        else:
            path += f".{part_s}"
            node = node.get(part_s) if isinstance(node, dict) else None
    msg = err.get("msg", "invalid").removeprefix("Value error, ")
    given = err.get("input")
    shown = "" if err.get("type") == "missing" or isinstance(given, dict | list) else \
        f" (given: {json.dumps(given, ensure_ascii=False, default=str)[:80]})"
    return f"{path}: {msg}{shown}{within}"


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386 JSON merge patch: objects merge key by key, `null` removes a key, anything else replaces."""
    if not isinstance(patch, dict):
        return patch
    out = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = merge_patch(out.get(key), value)
    return out


# ---- renders ----------------------------------------------------------------------------------------------------

class Backend:
    """Renders through a render service and reads them back: what every tool that makes or reads a render calls.

    `public_url` is an Atelier server's address, when one is known (the server itself when mounted, else
    ATELIER_PUBLIC_URL): the canvas link needs it, and a served render's embed snippets. Each call may name the
    address its request came to (`base`), which a served render's links then use.
    """

    def __init__(self, settings, *, service=None, boards=None, public_url: str | None = None):
        from server.browser import WarmBrowser
        from server.executors import InlineExecutor
        from server.service import RenderService
        from server.store import Store

        self.settings = settings
        self.public_url = (public_url or settings.public_url or "").rstrip("/") or None
        self.served = service is not None  # renders land in a running server's store, reachable at its address
        self._own_service = service is None
        self.service = service if service is not None else RenderService(
            settings, Store(Path(settings.data_dir) / "mcp"), InlineExecutor(settings),
            browser=WarmBrowser(settings.chromium))
        self.store = self.service.store
        self.boards = boards

    def close(self) -> None:
        if self._own_service:
            self.service.close()

    # -- making renders

    def server_url(self, base: str | None = None) -> str | None:
        """The address of the Atelier server that has these renders and boards, if there is one."""
        return self.public_url or ((base or "").rstrip("/") or None if self.served else None)

    def render_plan(self, plan: dict[str, Any], theme: str | None = None, progress: Progress | None = None,
                    cancel: threading.Event | None = None, base: str | None = None) -> Rendered:
        validate_plan(plan)
        from server.pipeline import RenderRequest

        return self._run(RenderRequest(plan=plan, theme=theme), progress, cancel, base)

    def render_request(self, prompt: str | None, content: str | None = None, data: Any = None,
                       modality: str | None = None, theme: str | None = None, progress: Progress | None = None,
                       cancel: threading.Event | None = None, base: str | None = None) -> Rendered:
        from server.pipeline import RenderRequest

        try:
            req = RenderRequest(prompt=prompt, content=content, data=data, modality=modality, theme=theme)
        except ValidationError as exc:
            from server.errors import describe_validation

            raise RequestInvalid(describe_validation(exc)) from None
        return self._run(req, progress, cancel, base)

    def rerender(self, render_id: str, plan_patch: dict[str, Any], theme: str | None = None,
                 progress: Progress | None = None, cancel: threading.Event | None = None,
                 base: str | None = None) -> Rendered:
        """A new render of the stored plan with `plan_patch` merged in (the stored render stays as it was)."""
        old = self.get(render_id)
        if old is None:
            raise NotFound(f"no render with id '{render_id[:40]}'")
        plan = merge_patch(old.plan, plan_patch)
        return self.render_plan(plan, theme or old.manifest.get("theme"), progress, cancel, base)

    def _run(self, req, progress: Progress | None, cancel: threading.Event | None, base: str | None) -> Rendered:
        from server.errors import UserError, failure_answer
        from server.gate import Busy

        public_url = (self.server_url(base) or "") if self.served else ""
        try:
            # Admitted like any other request: a busy server says so instead of queueing without bound.
            ticket = self.service.submit(req, public_url=public_url, progress=progress or (lambda e, d: None))
            while True:
                try:
                    manifest = ticket.future.result(timeout=0.2)
                    break
                except TimeoutError:
                    if cancel is not None and cancel.is_set():
                        ticket.cancel.set()
        except Busy as exc:
            raise RenderError(str(exc)) from None
        except UserError as exc:
            raise RequestInvalid(exc.message) from None
        except Exception as exc:
            if _is_cancel(exc):
                raise
            status, detail = failure_answer(exc)  # logs the trace of anything unexpected
            if 400 <= status < 500 and status != 499:
                raise RequestInvalid(detail) from None
            raise RenderError(detail) from exc
        rendered = self.get(manifest.id)
        if rendered is None:  # deleted as soon as it was stored
            raise NotFound(f"no render with id '{manifest.id}'")
        return rendered

    # -- reading renders

    def get(self, render_id: str) -> Rendered | None:
        manifest = self.store.get(render_id)
        if manifest is None:
            return None
        folder = self.store.folder(render_id)
        try:
            plan = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            plan = {}
        return Rendered(manifest=manifest.model_dump(mode="json"), folder=folder, plan=plan)

    def file(self, render_id: str, name: str) -> tuple[Path, str] | None:
        """A listed file of a stored render (plan.json and manifest.json included) and its media type."""
        path = self.store.file_path(render_id, name)
        if path is None:
            return None
        manifest = self.store.get(render_id)
        media = next((f.media_type for f in manifest.files if f.name == name), "application/json")
        return path, media

    def export_file(self, render_id: str, format: str) -> tuple[str, Path, str]:
        """The file a download button wants: (name, path, media type) of the render's file of `format`."""
        rendered = self.get(render_id)
        if rendered is None:
            raise NotFound(f"no render with id '{render_id[:40]}'")
        from modalities import registry

        wanted = format.lower().strip()
        if wanted not in export_formats():
            raise RequestInvalid(f"unknown format '{format[:20]}'; known formats: {', '.join(export_formats())}")
        kinds = registry.spec(rendered.manifest["modality"]).files
        files = [*rendered.manifest["files"], {"name": "plan.json", "role": "source", "media_type": "application/json"}]

        def answers(f: dict[str, Any]) -> bool:
            if wanted == PLAN_FORMAT:
                return f["name"] == "plan.json"
            return any(k.format == wanted and k.matches(f["name"]) for k in kinds)

        match = sorted((f for f in files if answers(f)), key=lambda f: f["role"] != "primary")
        if not match:
            names = ", ".join(f["name"] for f in rendered.manifest["files"])
            raise RequestInvalid(f"this {rendered.manifest['modality']} render has no {format} file; it has: {names}")
        name = match[0]["name"]
        return name, rendered.folder / name, match[0]["media_type"]

    # -- the canvas

    def open_board(self, render_id: str, base: str | None = None) -> str:
        """Puts a whiteboard render on a new canvas board and returns the board's address."""
        rendered = self.get(render_id)
        if rendered is None:
            raise NotFound(f"no render with id '{render_id[:40]}'")
        from modalities import registry

        if registry.spec(rendered.manifest["modality"]).card != "scene":
            raise RequestInvalid("only whiteboards (answers the canvas draws as its own shapes) open in the canvas")
        server = self.server_url(base)
        if not server:
            raise CanvasUnavailable("no Atelier server is known: run 'atelier serve' and set ATELIER_PUBLIC_URL")
        primary = next(f for f in rendered.manifest["files"] if f["role"] == "primary")
        scene = json.loads((rendered.folder / primary["name"]).read_text(encoding="utf-8"))
        scene = {"elements": scene.get("elements", []), "appState": {}, "files": scene.get("files", {})}
        name = rendered.manifest["title"][:120] or "Whiteboard"
        if self.boards is not None:  # in the server's own process
            board = self.boards.create(name)
            self.boards.save(board["id"], board["version"], scene, {})
            board_id = board["id"]
        else:
            board_id = _board_over_http(server, self.settings, name, scene)
        return f"{server}/?board={board_id}"


class RenderError(Exception):
    """A render that failed on the server's side; the message is safe to show (no trace)."""


def _is_cancel(exc: BaseException) -> bool:
    from models.planners.base import Cancelled

    return isinstance(exc, Cancelled)


def _board_over_http(base: str, settings, name: str, scene: dict) -> str:
    """Makes the board on a running `atelier serve` through its API (the MCP process has no server of its own)."""
    import httpx

    headers = {}
    if settings.api_token is not None:
        headers["Authorization"] = f"Bearer {settings.api_token.get_secret_value()}"
    try:
        with httpx.Client(base_url=base, headers=headers, timeout=20) as client:
            made = client.post("/boards", json={"name": name})
            made.raise_for_status()
            board = made.json()
            saved = client.put(f"/boards/{board['id']}", json={"base_version": board["version"], "scene": scene,
                                                               "answers": {}})
            saved.raise_for_status()
    except httpx.HTTPError as exc:
        raise CanvasUnavailable(f"the Atelier server at {base} could not make the board ({exc})") from None
    return board["id"]

"""One render from request to files: validate, plan, render, write plan.json and manifest.json.

The CLI and the HTTP API both run exactly this; they differ only in where the files go and how progress and
errors are shown.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from models.data import DataError, parse_data, table_from_json
from models.images.fallback import FallbackImageBackend
from models.planners.base import PlannerResult, PlanRequest
from renderers.base import PageCapture, RenderContext, RenderWarning
from renderers.plan import SCHEMA_VERSION, parse_plan, plan_to_json
from renderers.registry import parse_modality, render
from renderers.theme import get_theme

from .embedding import embed_info
from .errors import UserError, describe_validation
from .manifest import FileInfo, Manifest, PlannerInfo, Timings
from .settings import Settings
from .store import write_json

Progress = Callable[[str, dict[str, Any]], None]


class RenderRequest(BaseModel):
    """What `POST /render` accepts (and what the CLI builds from its arguments)."""

    model_config = ConfigDict(extra="forbid")

    prompt: str | None = Field(default=None, description="What the user asks for, in their words.")
    content: str | None = Field(default=None, description="Pasted text or a document (Markdown or plain text).")
    data: str | list | dict | None = Field(
        default=None,
        description="A table: CSV text, or JSON (a list of objects, {\"columns\": [...], \"rows\": [[...]]}, or an "
        "object of equal-length arrays).",
    )
    modality: str | None = Field(
        default=None, description="slides, infographic, whiteboard, widget or image; omitted: the planner chooses."
    )
    planner: Literal["auto", "offline", "llm"] = Field(
        default="auto", description="auto uses the LLM when one is configured, else the offline planner."
    )
    theme: str | None = Field(default=None, description="light, dark or bold.")
    plan: dict | None = Field(default=None, description="A complete plan to render as is, skipping the planner.")


def _noop(event: str, data: dict[str, Any]) -> None:
    return None


def _plan_from_request(req: RenderRequest, settings: Settings) -> PlannerResult:
    if req.plan is not None:
        try:
            plan = parse_plan(req.plan)
        except ValidationError as exc:
            raise UserError(f"the plan is not valid: {describe_validation(exc, 'plan.')}", field="plan") from None
        if req.modality and parse_modality(req.modality).value != plan.modality:
            raise UserError(f"modality '{req.modality}' does not match the plan's modality '{plan.modality}'",
                            field="modality")
        return PlannerResult(plan=plan, planner="given", rationale="the plan was given with the request",
                             alternatives=[])

    modality = None
    if req.modality:
        try:
            modality = parse_modality(req.modality)
        except ValueError as exc:
            raise UserError(str(exc), field="modality") from None
    prompt = (req.prompt or "").strip()
    content = (req.content or "").strip()
    if len(prompt) > settings.max_prompt_chars:
        raise UserError(f"the prompt is {len(prompt):,} characters; the limit is {settings.max_prompt_chars:,} "
                        "(put long text in 'content')", status=413, field="prompt")
    if len(content) > settings.max_content_chars:
        raise UserError(f"the content is {len(content):,} characters; the limit is {settings.max_content_chars:,}",
                        status=413, field="content")
    table = None
    if req.data is not None and req.data != "":
        try:
            table = parse_data(req.data) if isinstance(req.data, str) else table_from_json(req.data)
        except DataError as exc:
            raise UserError(f"data: {exc}", field="data") from None
        except ValidationError as exc:
            raise UserError(f"data: {describe_validation(exc)}", field="data") from None
    if not prompt and not content and table is None:
        raise UserError("field 'prompt' is required: give a prompt, some content, data or a plan", field="prompt")
    if req.planner == "llm":
        raise UserError("planner 'llm' needs a language model, and none is configured (set ATELIER_LLM_BASE_URL)",
                        field="planner")
    from models.planners.offline import OfflinePlanner

    return OfflinePlanner().plan(PlanRequest(prompt=prompt, content=content, data=table, modality=modality))


def run_render(
    req: RenderRequest,
    out_dir: Path,
    settings: Settings,
    render_id: str,
    url_prefix: str = "",
    progress: Progress = _noop,
    browser: PageCapture | None = None,
    public_url: str = "",
) -> Manifest:
    """Plans and renders `req` into `out_dir`; raises UserError for anything the requester must fix."""
    started = time.perf_counter()
    try:
        theme = get_theme(req.theme or settings.theme)
    except KeyError as exc:
        raise UserError(exc.args[0], field="theme") from None
    progress("plan", {"status": "started"})
    planned = _plan_from_request(req, settings)
    plan = planned.plan
    planned_at = time.perf_counter()
    progress("plan", {"status": "done", "modality": plan.modality, "title": plan.title, "planner": planned.planner,
                      "rationale": planned.rationale})
    ctx = RenderContext(out_dir=out_dir, theme=theme, images=FallbackImageBackend(), progress=progress, browser=browser)
    progress("render", {"status": "started", "modality": plan.modality})
    result = render(plan, ctx)
    rendered_at = time.perf_counter()
    (out_dir / "plan.json").write_text(plan_to_json(plan), encoding="utf-8")
    warnings: list[RenderWarning] = [*planned.warnings, *result.warnings]
    files = [
        FileInfo(name=f.name, media_type=f.media_type, role=f.role, bytes=(out_dir / f.name).stat().st_size,
                 url=f"{url_prefix}{f.name}")
        for f in result.files
    ]
    manifest = Manifest(
        id=render_id,
        created=dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        modality=plan.modality,
        title=result.title,
        theme=theme.name,
        schema_version=SCHEMA_VERSION,
        planner=PlannerInfo(name=planned.planner, rationale=planned.rationale,
                            alternatives=[m.value for m in planned.alternatives]),
        files=files,
        warnings=warnings,
        timings_ms=Timings(
            plan=round((planned_at - started) * 1000, 1),
            render=round((rendered_at - planned_at) * 1000, 1),
            total=round((time.perf_counter() - started) * 1000, 1),
        ),
        details=result.extra,
    )
    if public_url:  # served renders can be embedded; the snippets need the server's address
        manifest.embed = embed_info(manifest, out_dir, public_url)
    write_json(out_dir / "manifest.json", manifest.model_dump(mode="json"))
    progress("manifest", manifest.model_dump(mode="json"))
    return manifest

"""The steps of one render, as plain functions: read the request, plan it, render the plan, describe the result.

`run_job` is what an executor runs (in this process, or in a render worker): request → plan → render → files →
manifest. It touches only the job's work folder. Storing the render, making its pending files (a widget's
preview) and its embed snippets are the render service's steps (`server/service.py`), which every door calls.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from modalities import registry
from modalities.registry import UnknownModality
from modalities.spec import ModalitySpec
from models.data import DataError, parse_data, table_from_json
from models.images import ImageConfig, RenderImages, image_backend
from models.planners.base import Cancelled, Planner, PlannerResult, PlanRequest
from renderers.base import PendingFile, RenderContext, RenderWarning
from renderers.plan import SCHEMA_VERSION, plan_to_json
from renderers.plan.common import printable
from renderers.theme import get_theme

from .errors import UserError, describe_validation
from .manifest import FileInfo, Manifest, PlannerInfo, Timings
from .settings import Settings

Progress = Callable[[str, dict[str, Any]], None]


def no_progress(event: str, data: dict[str, Any]) -> None:
    return None


def _name_the_modalities(schema: dict[str, Any]) -> None:
    """The modality field's schema lists the registered modalities (an enum in the OpenAPI document), while the
    field stays a string so an unknown name gets Atelier's own message listing the known ones."""
    for branch in schema.get("anyOf", []):
        if branch.get("type") == "string":
            branch["enum"] = registry.names()


class RenderRequest(BaseModel):
    """What `POST /render` accepts, and what every other door (the CLI, MCP, the Python API) builds."""

    model_config = ConfigDict(extra="forbid")

    prompt: str | None = Field(default=None, description="What the user asks for, in their words.")
    content: str | None = Field(default=None, description="Pasted text or a document (Markdown or plain text).")
    data: str | list | dict | None = Field(
        default=None,
        description="A table: CSV text, or JSON (a list of objects, {\"columns\": [...], \"rows\": [[...]]}, or an "
        "object of equal-length arrays).",
    )
    modality: str | None = Field(
        default=None, description="The form of the answer (see GET /config for the modalities this server has); "
        "omitted: the planner chooses.",
        json_schema_extra=lambda schema: _name_the_modalities(schema),
    )
    planner: Literal["auto", "offline", "llm"] = Field(
        default="auto", description="auto uses the LLM when one is configured, else the offline planner."
    )
    theme: str | None = Field(default=None, description="light, dark or bold.")
    plan: dict | None = Field(default=None, description="A complete plan to render as is, skipping the planner.")
    shareable: bool = Field(default=False, description="When the server has an API token, only shareable renders "
                            "are shown on the public /embed pages.")
    pdf: bool = Field(default=True, description="Decks only: also make deck.pdf with LibreOffice (about a second "
                      "more per deck). Turn off when only the PPTX is needed.")


@dataclass
class Job:
    """A request admitted for rendering: its id and the work folder its files go into. It pickles, so a render
    worker process can run it."""

    request: RenderRequest
    render_id: str
    workdir: Path
    url_prefix: str = ""  # what file URLs in the manifest start with ("/render/<id>/" when served)


@dataclass
class Outcome:
    """What running a job gives: the manifest (not yet stored) and the files still to make after the answer."""

    manifest: Manifest
    pending: list[PendingFile] = field(default_factory=list)


# ---- images -----------------------------------------------------------------------------------------------------

def image_config(settings: Settings) -> ImageConfig:
    return ImageConfig(
        model=settings.image_model or None, device=settings.image_device, dtype=settings.image_dtype,
        steps=settings.image_steps, guidance=settings.image_guidance, max_batch=settings.image_max_batch,
        batch_window_ms=settings.image_batch_window_ms, compile=settings.image_compile,
        allow_download=settings.image_allow_download,
    )


def images_for_render(settings: Settings) -> RenderImages:
    """The process-wide image backend for these settings (loaded once, shared by every render), bounded per render."""
    return RenderImages(image_backend(image_config(settings)), settings.image_max_per_render)


def warm_images(settings: Settings) -> None:
    """Loads and warms the configured image model now (ATELIER_IMAGE_PRELOAD), instead of on the first picture."""
    warm = getattr(image_backend(image_config(settings)), "warm", None)
    if warm is not None:
        warm()


# ---- planners ---------------------------------------------------------------------------------------------------

def _llm_config(settings: Settings):
    from models.planners.llm import LLMConfig

    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    return LLMConfig(
        base_url=settings.llm_base_url, api_key=key, model=settings.llm_model, timeout_s=settings.llm_timeout_s,
        max_retries=settings.llm_max_retries, deadline_s=settings.llm_deadline_s, structured=settings.llm_structured,
        stream=settings.llm_stream, temperature=settings.llm_temperature,
        max_output_tokens=settings.llm_max_output_tokens, input_tokens=settings.llm_input_tokens,
        parallel=settings.llm_parallel,
    )


@lru_cache(maxsize=4)
def _llm_client(config):
    """One client per configuration, kept: it holds the connection pool and what answer format the server took."""
    from models.planners.llm import ChatClient

    return ChatClient(config)


def make_planner(name: str, settings: Settings, progress: Progress = no_progress,
                 cancel: threading.Event | None = None, catalog: Mapping[str, ModalitySpec] | None = None) -> Planner:
    """The planner called `name`: `auto` is the LLM planner when a model is configured, else the offline one."""
    catalog = catalog if catalog is not None else registry.specs()
    if name == "auto":
        name = "llm" if settings.llm_configured else "offline"
    if name == "llm":
        if not settings.llm_configured:
            raise UserError("planner 'llm' needs a language model, and none is configured (set ATELIER_LLM_BASE_URL "
                            "to an OpenAI-compatible endpoint, and ATELIER_LLM_MODEL)", field="planner")
        from models.planners.llm import LLMPlanner

        return LLMPlanner(_llm_client(_llm_config(settings)), catalog, progress=progress, cancel=cancel)
    from models.planners.offline import OfflinePlanner

    return OfflinePlanner(catalog)


# ---- the steps --------------------------------------------------------------------------------------------------

def _given_plan(req: RenderRequest) -> PlannerResult:
    try:
        plan = registry.parse_plan(req.plan)
    except ValidationError as exc:
        raise UserError(f"the plan is not valid: {describe_validation(exc, 'plan.')}", field="plan") from None
    if req.modality and req.modality.strip().lower() != plan.modality:
        raise UserError(f"modality '{req.modality}' does not match the plan's modality '{plan.modality}'",
                        field="modality")
    return PlannerResult(plan=plan, planner="given", rationale="the plan was given with the request", alternatives=[])


def read_request(req: RenderRequest, settings: Settings) -> PlanRequest:
    """The request as a planner takes it: text made printable and bounded, data parsed, the modality checked."""
    modality = None
    if req.modality:
        try:
            modality = registry.parse_modality(req.modality)
        except UnknownModality as exc:
            raise UserError(str(exc), field="modality") from None
    prompt = printable(req.prompt or "").strip()
    content = printable(req.content or "").strip()
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
    return PlanRequest(prompt=prompt, content=content, data=table, modality=modality)


def plan_request(req: RenderRequest, settings: Settings, progress: Progress = no_progress,
                 cancel: threading.Event | None = None) -> PlannerResult:
    """The plan for a request: the one it came with, or one written by the planner it names."""
    if req.plan is not None:
        return _given_plan(req)
    return make_planner(req.planner, settings, progress, cancel).plan(read_request(req, settings))


def _autonomy(req: RenderRequest) -> str:
    if req.plan is not None:
        return "none"
    return "content" if req.modality else "full"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def run_job(job: Job, settings: Settings, progress: Progress = no_progress, cancel: threading.Event | None = None,
            images: RenderImages | None = None) -> Outcome:
    """Plans and renders a job into its work folder (its files and plan.json); raises UserError for anything the
    requester must fix. Setting `cancel` stops the work at its next progress report or model call (`Cancelled`).
    `images` replaces this process's own image backend (a render worker's pictures are drawn by the server)."""
    started = time.perf_counter()

    def step(event: str, data: dict[str, Any]) -> None:  # reports progress; stops here once the job is cancelled
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        progress(event, data)

    req = job.request
    try:
        theme = get_theme(req.theme or settings.theme)
    except KeyError as exc:
        raise UserError(exc.args[0], field="theme") from None
    step("plan", {"status": "started"})
    planned = plan_request(req, settings, step, cancel)
    plan = planned.plan
    planned_at = time.perf_counter()
    step("plan", {"status": "done", "modality": plan.modality, "title": plan.title, "planner": planned.planner,
                  "rationale": planned.rationale, "model": planned.model})
    ctx = RenderContext(out_dir=job.workdir, theme=theme, images=images or images_for_render(settings),
                        progress=step, options={"pdf": req.pdf})
    step("render", {"status": "started", "modality": plan.modality})
    result = registry.render(plan, ctx)
    rendered_at = time.perf_counter()
    (job.workdir / "plan.json").write_text(plan_to_json(plan), encoding="utf-8")
    warnings: list[RenderWarning] = [*planned.warnings, *result.warnings]
    files = [FileInfo(name=f.name, media_type=f.media_type, role=f.role, bytes=(job.workdir / f.name).stat().st_size,
                      url=f"{job.url_prefix}{f.name}") for f in result.files]
    manifest = Manifest(
        id=job.render_id,
        created=_now(),
        modality=plan.modality,
        title=result.title,
        theme=theme.name,
        schema_version=SCHEMA_VERSION,
        planner=PlannerInfo(name=planned.planner, rationale=planned.rationale, alternatives=planned.alternatives,
                            autonomy=_autonomy(req), model=planned.model, prompt_version=planned.prompt_version),
        files=files,
        warnings=warnings,
        timings_ms=Timings(
            plan=round((planned_at - started) * 1000, 1),
            render=round((rendered_at - planned_at) * 1000, 1),
            total=round((time.perf_counter() - started) * 1000, 1),
        ),
        details=result.details,
        shareable=req.shareable,
        pending=[f.name for f in result.pending],
    )
    return Outcome(manifest, result.pending)

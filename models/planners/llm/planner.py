"""The LLM planner: route, fit the material, write the plan (or outline a long deck and write it slide by slide),
check it, repair it once, and fall back to the offline planner when the model cannot deliver.

Every model failure ends in a plan: a timeout, a dropped connection, an HTTP error or an answer still invalid
after the repair round makes the offline planner plan the request (in the modality the model chose, if routing
got that far), with a `planner_fallback` warning that names the cause. Only cancellation stops without a plan.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from models import prompts
from renderers.base import RenderWarning
from renderers.plan import SCHEMA_VERSION, Plan

from ..base import PlannerResult, PlanRequest
from ..offline import OfflinePlanner
from ..offline.document import parse_document
from ..offline.router import route as offline_route
from .ask import Invalid, Question, Unusable, ask
from .budget import estimate_tokens, excerpt, table_summary
from .client import ChatClient, LLMUnavailable
from .material import Material, condense, fit_data
from .quality import plan_problems
from .route import ranked_alternatives, route_question
from .schema import model_schema, schema_text

if TYPE_CHECKING:
    from modalities.spec import ModalitySpec

Progress = Callable[[str, dict[str, Any]], None]
log = logging.getLogger("atelier.llm")
_WRAPPERS = ("plan", "result", "data", "response", "output", "answer")
_TITLE = re.compile(r'"(?:title|heading|label|question|front)"\s*:\s*"((?:[^"\\]|\\.){1,120})"')


def _no_progress(event: str, data: dict[str, Any]) -> None:
    return None


def normalize(obj: dict[str, Any], modality: str) -> dict[str, Any]:
    """Unwraps {"plan": {...}} and sets the fields the server owns (modality, schema version)."""
    for _ in range(2):
        if len(obj) == 1:
            (key, inner), = obj.items()
            if isinstance(inner, dict) and (key in _WRAPPERS or key == modality):
                obj = inner
    return {**obj, "modality": modality, "schema_version": SCHEMA_VERSION}


def _unescape(fragment: str) -> str:
    try:
        return json.loads(f'"{fragment}"')
    except ValueError:
        return fragment


class StreamProgress:
    """Turns the growing answer into `plan` progress events: at most a few a second, with the latest title seen."""

    def __init__(self, progress: Progress, stage: str, every_s: float = 0.25):
        self.progress, self.stage, self.every_s = progress, stage, every_s
        self.last = 0.0
        self.latest = ""

    def __call__(self, text: str) -> None:
        now = time.monotonic()
        titles = _TITLE.findall(text[-4000:])
        latest = titles[-1] if titles else self.latest
        if now - self.last < self.every_s and latest == self.latest:
            return
        self.last, self.latest = now, latest
        event = {"status": "writing", "stage": self.stage, "chars": len(text)}
        if latest:
            event["latest"] = _unescape(latest)
        self.progress("plan", event)


@dataclass
class Writing:
    """One plan being written by the model: what a modality's own writing strategy (`ModalitySpec.write`) gets.

    `one_call()` is the usual way, the whole plan in one answer; a strategy may do more (a long deck is outlined
    first, then written slide by slide) or less, and adds what its user should know to `warnings`."""

    planner: LLMPlanner
    request: PlanRequest
    spec: ModalitySpec
    rationale: str
    system: str
    material: Material
    deadline: float
    warnings: list[RenderWarning] = field(default_factory=list)

    @property
    def client(self) -> ChatClient:
        return self.planner.client

    @property
    def config(self):
        return self.planner.config

    def ask(self, question: Question, stage: str):
        """One call with streaming progress under `stage`, a repair round if needed; its checked value."""
        self.planner.progress("plan", {"status": "writing", "stage": stage, "chars": 0})
        return ask(self.client, question, on_text=StreamProgress(self.planner.progress, stage),
                   on_repair=self.planner._on_repair, cancel=self.planner.cancel, deadline=self.deadline).value

    def one_call(self) -> Plan:
        """The whole plan in one answer, constrained to the modality's schema and checked for quality."""
        spec, request, material = self.spec, self.request, self.material
        schema = model_schema(spec.plan)
        question = Question(
            what="plan", system=self.system,
            user=prompts.render("plan.j2", modality=spec.name, guide=spec.guide_text(), schema=schema_text(schema),
                                prompt=request.prompt or "(no prompt: see the material)",
                                rationale=self.rationale if request.modality is None else "",
                                content=material.content, condensed=material.condensed, data=material.data,
                                data_note=material.data_note),
            schema=schema, schema_name=f"atelier_{spec.name}_plan", check=self._check(),
        )
        return self.ask(question, "plan")

    def _check(self) -> Callable[[dict], Plan]:
        spec, request_text = self.spec, self.request_text

        def check(obj: dict) -> Plan:
            plan = spec.parse(normalize(obj, spec.name))
            problems = plan_problems(plan, spec, request_text)
            if problems:
                raise Invalid(problems)
            return plan

        return check

    @property
    def request_text(self) -> str:
        return f"{self.request.prompt} {(self.request.content or '')[:1500]}"

    def on_progress(self, event: dict[str, Any]) -> None:
        self.planner.progress("plan", event)


class LLMPlanner:
    """Plans with a language model; one instance serves one request (it carries the request's progress and cancel)."""

    name = "llm"

    def __init__(self, client: ChatClient, catalog: Mapping[str, ModalitySpec], *, progress: Progress | None = None,
                 cancel: threading.Event | None = None):
        self.catalog = catalog
        self.client = client
        self.config = client.config
        self.progress = progress or _no_progress
        self.cancel = cancel

    # -- the pipeline of calls -----------------------------------------------------------------------------------

    def plan(self, request: PlanRequest) -> PlannerResult:
        deadline = time.monotonic() + self.config.deadline_s
        state: dict[str, Any] = {}
        try:
            return self._plan(request, deadline, state)
        except LLMUnavailable as exc:
            log.warning("the language model could not plan; the offline planner takes over", exc_info=True)
            return self._fallback(request, exc.cause, state)
        except Unusable as exc:
            log.warning("the language model's %s stayed invalid; the offline planner takes over", exc.what,
                        exc_info=True)
            return self._fallback(request, f"its {exc.what} was still invalid after a repair round "
                                           f"({'; '.join(exc.problems[:2])})", state)

    def _plan(self, request: PlanRequest, deadline: float, state: dict[str, Any]) -> PlannerResult:
        model = self.client.model()
        system = prompts.render("system.j2")
        doc = parse_document(request.content)
        offline_choice = offline_route(request, doc, self.catalog)
        warnings: list[RenderWarning] = []

        if request.modality is not None:
            modality = request.modality
            rationale = f"the {modality} modality was chosen in the request"
            alternatives = [m for m in [offline_choice.modality, *offline_choice.alternatives] if m != modality][:2]
        else:
            modality, rationale, alternatives = self._route(request, system, deadline, offline_choice, warnings)
        state["routed"] = (modality, rationale, alternatives)

        material = self._material(request, system, deadline, warnings)
        spec = self.catalog[modality]
        writing = Writing(self, request, spec, rationale, system, material, deadline, warnings)
        plan = spec.write(writing) if spec.write is not None else writing.one_call()
        self.progress("plan", {"status": "checked", "modality": modality})
        return PlannerResult(plan=plan, planner=self.name, rationale=rationale, alternatives=alternatives,
                             warnings=warnings, model=model, prompt_version=self.prompt_version())

    def prompt_version(self) -> str:
        return prompts.prompt_version(f for spec in self.catalog.values() for f in spec.prompt_files())

    def _route(self, request: PlanRequest, system: str, deadline: float, offline_choice, warnings):
        self.progress("route", {"status": "started"})
        limit = min(1500, self.config.input_tokens)
        content = request.content or ""
        question = route_question(
            system, request.prompt, excerpt(content, limit),
            f"{len(content):,} characters" if content else "", table_summary(request.data) if request.data else "",
            self.catalog)
        try:
            decision = ask(self.client, question, cancel=self.cancel, deadline=deadline).value
        except Unusable as exc:
            log.warning("the language model's routing answer stayed invalid; the offline router decides",
                        exc_info=True)
            warnings.append(RenderWarning(
                code="planner_fallback", where="route",
                detail=f"the model's choice of form was not usable ({exc.problems[0]}); the offline router chose "
                       f"{offline_choice.modality}"))
            self.progress("route", {"status": "done", "modality": offline_choice.modality,
                                    "rationale": offline_choice.rationale, "by": "offline"})
            return offline_choice.modality, offline_choice.rationale, offline_choice.alternatives
        ranking = [offline_choice.modality, *offline_choice.alternatives, *self.catalog]
        alternatives = ranked_alternatives(decision, ranking)
        self.progress("route", {"status": "done", "modality": decision.modality,
                                "rationale": decision.rationale, "alternatives": alternatives, "by": "llm"})
        return decision.modality, decision.rationale, alternatives

    def _material(self, request: PlanRequest, system: str, deadline: float, warnings) -> Material:
        budget = self.config.input_tokens
        data_limit = budget // 2 if request.content else budget
        data, data_note, shown = fit_data(request.data, data_limit)
        content_limit = max(500, budget - estimate_tokens(data))
        content = request.content or ""
        condensed = False
        if content and estimate_tokens(content) > content_limit:
            def on_progress(done: int, total: int) -> None:
                self.progress("plan", {"status": "condensing", "done": done, "total": total})

            content, notes = condense(self.client, system, content, content_limit, parallel=self.config.parallel,
                                      cancel=self.cancel, deadline=deadline, on_progress=on_progress)
            condensed = True
            for note in notes:
                warnings.append(RenderWarning(code="planner_fallback", where="condense", detail=note))
        return Material(content=content, condensed=condensed, data=data, data_note=data_note,
                        data_rows_shown=shown)

    def _on_repair(self, problems: list[str]) -> None:
        self.progress("plan", {"status": "repairing", "problems": problems[:3]})

    # -- when the model cannot deliver ----------------------------------------------------------------------------

    def _fallback(self, request: PlanRequest, cause: str, state: dict[str, Any]) -> PlannerResult:
        routed = state.get("routed")
        self.progress("plan", {"status": "fallback", "cause": cause})
        fixed = request.modality or (routed[0] if routed else None)
        result = OfflinePlanner(self.catalog).plan(PlanRequest(prompt=request.prompt, content=request.content,
                                                   data=request.data, modality=fixed))
        if routed and request.modality is None:
            result.rationale, result.alternatives = routed[1], routed[2]
        result.warnings.insert(0, RenderWarning(
            code="planner_fallback", where="plan",
            detail=f"the language model could not plan this: {cause}. The offline planner made this plan from "
                   "your material instead"))
        return result

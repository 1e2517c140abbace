"""The LLM planner: route, fit the material, write the plan (or outline a long deck and write it slide by slide),
check it, repair it once, and fall back to the offline planner when the model cannot deliver.

Every model failure ends in a plan: a timeout, a dropped connection, an HTTP error or an answer still invalid
after the repair round makes the offline planner plan the request (in the modality the model chose, if routing
got that far), with a `planner_fallback` warning that names the cause. Only cancellation stops without a plan.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from typing import Any

from models import prompts
from renderers.base import RenderWarning
from renderers.plan import PLAN_MODELS, SCHEMA_VERSION, Modality, Plan, TableData

from ..base import PlannerResult, PlanRequest
from ..offline import OfflinePlanner
from ..offline.document import parse_document
from ..offline.router import route as offline_route
from .ask import Invalid, Unusable, ask
from .budget import estimate_tokens, excerpt, table_summary
from .client import ChatClient, LLMUnavailable
from .material import Material, condense, fit_data
from .outline import outline_question, requested_slide_count, write_deck
from .quality import language_problem, plan_problems
from .route import ranked_alternatives, route_question
from .schema import model_schema, schema_text

Progress = Callable[[str, dict[str, Any]], None]
_WRAPPERS = ("plan", "result", "data", "response", "output", "answer")
_TITLE = re.compile(r'"(?:title|heading|label|question|front)"\s*:\s*"((?:[^"\\]|\\.){1,120})"')


def _no_progress(event: str, data: dict[str, Any]) -> None:
    return None


def normalize(obj: dict[str, Any], modality: Modality) -> dict[str, Any]:
    """Unwraps {"plan": {...}} and sets the fields the server owns (modality, schema version)."""
    for _ in range(2):
        if len(obj) == 1:
            (key, inner), = obj.items()
            if isinstance(inner, dict) and (key in _WRAPPERS or key == modality.value):
                obj = inner
    return {**obj, "modality": modality.value, "schema_version": SCHEMA_VERSION}


def _unescape(fragment: str) -> str:
    try:
        return json.loads(f'"{fragment}"')
    except ValueError:
        return fragment


class _Writing:
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


class LLMPlanner:
    """Plans with a language model; one instance serves one request (it carries the request's progress and cancel)."""

    name = "llm"

    def __init__(self, client: ChatClient, *, progress: Progress | None = None,
                 cancel: threading.Event | None = None):
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
            return self._fallback(request, exc.cause, state)
        except Unusable as exc:
            return self._fallback(request, f"its {exc.what} was still invalid after a repair round "
                                           f"({'; '.join(exc.problems[:2])})", state)

    def _plan(self, request: PlanRequest, deadline: float, state: dict[str, Any]) -> PlannerResult:
        model = self.client.model()
        system = prompts.render("system.j2")
        doc = parse_document(request.content)
        offline_choice = offline_route(request, doc)
        warnings: list[RenderWarning] = []

        if request.modality is not None:
            modality = request.modality
            rationale = f"the {modality.value} modality was chosen in the request"
            alternatives = [m for m in [offline_choice.modality, *offline_choice.alternatives] if m != modality][:2]
        else:
            modality, rationale, alternatives = self._route(request, system, deadline, offline_choice, warnings)
        state["routed"] = (modality, rationale, alternatives)

        material = self._material(request, system, deadline, warnings)
        slide_count = requested_slide_count(request.prompt)
        outline_first = modality is Modality.SLIDES and (
            estimate_tokens(material.content) > self.config.outline_tokens
            or (slide_count or 0) >= self.config.outline_slides)
        if outline_first:
            plan = self._write_outlined(request, system, material, slide_count, deadline, warnings)
        else:
            plan = self._write(request, modality, rationale, system, material, deadline)
        plan = _bind_data(plan, request.data, material)
        self.progress("plan", {"status": "checked", "modality": modality.value})
        return PlannerResult(plan=plan, planner=self.name, rationale=rationale, alternatives=alternatives,
                             warnings=warnings, model=model, prompt_version=prompts.prompt_version())

    def _route(self, request: PlanRequest, system: str, deadline: float, offline_choice, warnings):
        self.progress("route", {"status": "started"})
        limit = min(1500, self.config.input_tokens)
        content = request.content or ""
        question = route_question(
            system, request.prompt, excerpt(content, limit),
            f"{len(content):,} characters" if content else "", table_summary(request.data) if request.data else "")
        try:
            decision = ask(self.client, question, cancel=self.cancel, deadline=deadline).value
        except Unusable as exc:
            warnings.append(RenderWarning(
                code="planner_fallback", where="route",
                detail=f"the model's choice of form was not usable ({exc.problems[0]}); the offline router chose "
                       f"{offline_choice.modality.value}"))
            self.progress("route", {"status": "done", "modality": offline_choice.modality.value,
                                    "rationale": offline_choice.rationale, "by": "offline"})
            return offline_choice.modality, offline_choice.rationale, offline_choice.alternatives
        ranking = [offline_choice.modality, *offline_choice.alternatives, *Modality]
        alternatives = ranked_alternatives(decision, ranking)
        self.progress("route", {"status": "done", "modality": decision.modality.value,
                                "rationale": decision.rationale, "alternatives": [m.value for m in alternatives],
                                "by": "llm"})
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

    def _check(self, modality: Modality, request: PlanRequest) -> Callable[[dict], Plan]:
        request_text = f"{request.prompt} {(request.content or '')[:1500]}"
        model = PLAN_MODELS[modality]

        def check(obj: dict) -> Plan:
            plan = model.model_validate(normalize(obj, modality))
            problems = plan_problems(plan, request_text)
            if problems:
                raise Invalid(problems)
            return plan

        return check

    def _write(self, request: PlanRequest, modality: Modality, rationale: str, system: str, material: Material,
               deadline: float) -> Plan:
        from .ask import Question

        schema = model_schema(PLAN_MODELS[modality])
        question = Question(
            what="plan", system=system,
            user=prompts.render("plan.j2", modality=modality.value, guide=prompts.guide(modality.value),
                                schema=schema_text(schema), prompt=request.prompt or "(no prompt: see the material)",
                                rationale=rationale if request.modality is None else "",
                                content=material.content, condensed=material.condensed, data=material.data,
                                data_note=material.data_note),
            schema=schema, schema_name=f"atelier_{modality.value}_plan", check=self._check(modality, request),
        )
        self.progress("plan", {"status": "writing", "stage": "plan", "chars": 0})
        answer = ask(self.client, question, on_text=_Writing(self.progress, "plan"),
                     on_repair=self._on_repair, cancel=self.cancel, deadline=deadline)
        return answer.value

    def _write_outlined(self, request: PlanRequest, system: str, material: Material, slide_count: int | None,
                        deadline: float, warnings: list[RenderWarning]) -> Plan:
        self.progress("plan", {"status": "writing", "stage": "outline", "chars": 0})
        outline = ask(self.client, outline_question(system, request.prompt, material.content, material.condensed,
                                                    material.data, material.data_note, slide_count),
                      on_text=_Writing(self.progress, "outline"), on_repair=self._on_repair, cancel=self.cancel,
                      deadline=deadline).value

        def on_slide(done: int, total: int, title: str) -> None:
            self.progress("plan", {"status": "writing", "stage": "slides", "done": done, "total": total,
                                   "latest": title})

        per_slide = max(600, min(2500, self.config.input_tokens // 4))
        plan, failed = write_deck(self.client, system, outline, material.content, parallel=self.config.parallel,
                                  per_slide_tokens=per_slide, cancel=self.cancel, deadline=deadline,
                                  on_slide=on_slide)
        for number, problem in failed:
            warnings.append(RenderWarning(
                code="planner_fallback", where=f"slide {number}",
                detail=f"the model's slide was still invalid after a repair round ({problem}); "
                       "the slide shows its outline brief as points instead"))
        request_text = f"{request.prompt} {(request.content or '')[:1500]}"
        lang = language_problem(plan, request_text)
        if lang:
            warnings.append(RenderWarning(code="language", where="plan", detail=lang))
        return plan

    def _on_repair(self, problems: list[str]) -> None:
        self.progress("plan", {"status": "repairing", "problems": problems[:3]})

    # -- when the model cannot deliver ----------------------------------------------------------------------------

    def _fallback(self, request: PlanRequest, cause: str, state: dict[str, Any]) -> PlannerResult:
        routed = state.get("routed")
        self.progress("plan", {"status": "fallback", "cause": cause})
        fixed = request.modality or (routed[0] if routed else None)
        result = OfflinePlanner().plan(PlanRequest(prompt=request.prompt, content=request.content,
                                                   data=request.data, modality=fixed))
        if routed and request.modality is None:
            result.rationale, result.alternatives = routed[1], routed[2]
        result.warnings.insert(0, RenderWarning(
            code="planner_fallback", where="plan",
            detail=f"the language model could not plan this: {cause}. The offline planner made this plan from "
                   "your material instead"))
        return result


def _bind_data(plan: Plan, table: TableData | None, material: Material) -> Plan:
    """A widget table of the user's data shows all of it, not just the rows that fitted in the prompt."""
    if (table is None or plan.modality != "widget" or plan.widget.kind != "table"
            or material.data_rows_shown >= len(table.rows)):
        return plan
    if [c.strip().lower() for c in plan.widget.table.columns] != [c.strip().lower() for c in table.columns]:
        return plan
    widget = plan.widget.model_copy(update={"table": table})
    return plan.model_copy(update={"widget": widget})

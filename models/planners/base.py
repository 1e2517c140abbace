"""What every planner takes and gives: a request in, a validated plan with its reasoning out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from renderers.base import RenderWarning
from renderers.plan import Plan
from renderers.plan.common import TableData


@dataclass
class PlanRequest:
    prompt: str = ""
    content: str = ""  # pasted text or an uploaded document (Markdown or plain text)
    data: TableData | None = None  # parsed CSV/JSON
    modality: str | None = None  # a modality's name, fixed by the user; None lets the planner choose


@dataclass
class PlannerResult:
    plan: Plan
    planner: str
    rationale: str
    alternatives: list[str]  # runner-up modalities, best first
    warnings: list[RenderWarning] = field(default_factory=list)
    model: str | None = None  # the language model that wrote the plan, if one did
    prompt_version: str | None = None  # the version of the prompt templates it was asked with


class Cancelled(Exception):
    """The requester went away (a closed connection, Ctrl-C): the work stops at the next point it checks."""


class CancelSignal(Protocol):
    """What a step that can be stopped checks: a `threading.Event`, or anything else that says when to stop."""

    def is_set(self) -> bool: ...


class Planner(Protocol):
    name: str

    def plan(self, request: PlanRequest) -> PlannerResult: ...

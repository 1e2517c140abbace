"""The plan: the typed contract between planners and renderers, and the pieces every modality's plan shares.

Each modality's plan class lives in its package (`modalities/<name>/plan.py`); `modalities.registry` joins them in
a discriminated union on `modality`, whose JSON schema is what `atelier schema` prints and what an LLM planner is
constrained to. Here: the shared records (`common.py`) and what works on any plan (its text, its JSON).
"""

from __future__ import annotations

import json
from typing import Any, Protocol

from pydantic import ValidationError

from .common import SCHEMA_VERSION, ChartData, ChartKind, Event, ImageRequest, PlanModel, TableData


class Plan(Protocol):
    """Any modality's plan: a `PlanModel` that names its modality and has a title. The discriminated union of the
    registered plans is built by `modalities.registry`, which also parses plans (`parse_plan`) and prints their
    schema (`plan_schema`); code that takes a plan of any modality reads it through this."""

    @property
    def modality(self) -> str: ...

    @property
    def title(self) -> str: ...

    def model_dump(self, *, mode: str = "python", exclude_none: bool = False) -> dict[str, Any]: ...


_NON_TEXT_KEYS = {"modality", "schema_version", "layout", "kind", "shape", "id", "source", "target", "targets", "group",
                  "name", "formula", "language", "orientation", "direction", "style", "prompt", "role", "action",
                  "start", "easing", "size", "to", "color", "background", "theme", "icon", "unit"}


def plan_text(plan: Plan) -> str:
    """The human-readable text of a plan (titles, bullets, labels), for language detection."""
    out: list[str] = []

    def walk(value, key: str | None = None) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and key not in _NON_TEXT_KEYS:
            out.append(value)

    walk(plan.model_dump(mode="json"))
    return " ".join(out)


_FIRST_KEYS = ("modality", "schema_version", "layout", "kind", "id", "title")


def _tidy(value):
    """Discriminators first and empty speaker notes left out, so plan.json reads well when a person edits it."""
    if isinstance(value, dict):
        ordered = {k: value[k] for k in _FIRST_KEYS if k in value}
        ordered.update({k: v for k, v in value.items() if k not in ordered})
        return {k: _tidy(v) for k, v in ordered.items() if not (k == "notes" and v == "")}
    if isinstance(value, list):
        return [_tidy(v) for v in value]
    return value


def plan_to_json(plan: Plan) -> str:
    return json.dumps(_tidy(plan.model_dump(mode="json", exclude_none=True)), ensure_ascii=False, indent=2)


__all__ = [
    "SCHEMA_VERSION",
    "Plan",
    "PlanModel",
    "ChartData",
    "ChartKind",
    "Event",
    "ImageRequest",
    "TableData",
    "ValidationError",
    "plan_to_json",
    "plan_text",
]

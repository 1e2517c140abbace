"""The plan: the typed contract between planners and renderers.

One pydantic model per modality, joined in a discriminated union on `modality`. Its JSON schema is what
`atelier schema` prints and what an LLM planner is constrained to.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from pydantic import Field, TypeAdapter, ValidationError

from .common import SCHEMA_VERSION, ChartData, ChartKind, Event, ImageRequest, Modality, TableData
from .image import ImagePlan
from .infographic import InfographicPlan
from .slides import SlidesPlan
from .whiteboard import WhiteboardPlan
from .widget import WidgetPlan

PLAN_MODELS: dict[Modality, type] = {
    Modality.SLIDES: SlidesPlan,
    Modality.INFOGRAPHIC: InfographicPlan,
    Modality.WHITEBOARD: WhiteboardPlan,
    Modality.WIDGET: WidgetPlan,
    Modality.IMAGE: ImagePlan,
}

Plan = Annotated[
    SlidesPlan | InfographicPlan | WhiteboardPlan | WidgetPlan | ImagePlan,
    Field(discriminator="modality"),
]

_PLAN_ADAPTER: TypeAdapter[Plan] = TypeAdapter(Plan)


def parse_plan(data: Any) -> Plan:
    """Validates a plan given as a dict; raises pydantic's ValidationError with every problem listed."""
    return _PLAN_ADAPTER.validate_python(data)


def plan_schema(modality: Modality | None = None) -> dict[str, Any]:
    """The JSON schema of one modality's plan, or of the whole union when no modality is given."""
    if modality is None:
        schema = _PLAN_ADAPTER.json_schema()
        schema["title"] = "AtelierPlan"
    else:
        schema = PLAN_MODELS[modality].model_json_schema()
    schema["$comment"] = f"Atelier plan schema version {SCHEMA_VERSION}"
    return schema


_NON_TEXT_KEYS = {"modality", "schema_version", "layout", "kind", "shape", "id", "source", "target", "group",
                  "name", "formula", "language", "orientation", "direction", "target", "style", "prompt"}


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
    "Modality",
    "Plan",
    "PLAN_MODELS",
    "ChartData",
    "ChartKind",
    "Event",
    "ImageRequest",
    "TableData",
    "SlidesPlan",
    "InfographicPlan",
    "WhiteboardPlan",
    "WidgetPlan",
    "ImagePlan",
    "ValidationError",
    "parse_plan",
    "plan_schema",
    "plan_to_json",
    "plan_text",
]

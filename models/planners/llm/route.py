"""The routing call: the model chooses the modality, says why, and names the runner-ups."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from models import prompts
from renderers.plan import Modality

from .ask import Question
from .schema import model_schema

# Words models use for a modality instead of its name.
_SYNONYMS = {
    "slide": Modality.SLIDES, "deck": Modality.SLIDES, "presentation": Modality.SLIDES,
    "poster": Modality.INFOGRAPHIC, "one-pager": Modality.INFOGRAPHIC,
    "diagram": Modality.WHITEBOARD, "flowchart": Modality.WHITEBOARD, "mindmap": Modality.WHITEBOARD,
    "interactive": Modality.WIDGET, "calculator": Modality.WIDGET, "quiz": Modality.WIDGET,
    "picture": Modality.IMAGE, "illustration": Modality.IMAGE, "photo": Modality.IMAGE,
}


def _modality(value):
    if isinstance(value, str):
        key = value.strip().lower()
        return _SYNONYMS.get(key, key)
    return value


class RouteDecision(BaseModel):
    """What the routing call answers."""

    model_config = ConfigDict(extra="ignore")

    modality: Modality = Field(description="The form that serves the request best.")
    rationale: str = Field(min_length=1, max_length=300, description="One short sentence: why this form.")
    alternatives: list[Modality] = Field(default_factory=list, max_length=4,
                                         description="The next best one or two forms, best first.")

    @field_validator("modality", mode="before")
    @classmethod
    def _known(cls, value):
        return _modality(value)

    @field_validator("alternatives", mode="before")
    @classmethod
    def _known_list(cls, value):
        return [_modality(v) for v in value] if isinstance(value, list) else value

    @field_validator("rationale", mode="before")
    @classmethod
    def _strip(cls, value):
        return value.strip() if isinstance(value, str) else value


def route_question(system: str, prompt: str, excerpt: str, size: str, data_summary: str) -> Question[RouteDecision]:
    return Question(
        what="routing decision",
        system=system,
        user=prompts.render("route.j2", prompt=prompt or "(no prompt: see the material)", excerpt=excerpt,
                            size=size, data_summary=data_summary),
        schema=model_schema(RouteDecision),
        schema_name="atelier_route",
        check=RouteDecision.model_validate,
    )


def ranked_alternatives(decision: RouteDecision, fallback_order: list[Modality]) -> list[Modality]:
    """The model's runner-ups without the choice or repeats, padded from the offline router's ranking to two."""
    out: list[Modality] = []
    for m in [*decision.alternatives, *fallback_order]:
        if m != decision.modality and m not in out:
            out.append(m)
    return out[:2]

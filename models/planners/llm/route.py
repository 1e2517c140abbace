"""The routing call: the model chooses the modality, says why, and names the runner-ups."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, field_validator

from models import prompts

from .ask import Invalid, Question
from .schema import model_schema

if TYPE_CHECKING:
    from modalities.spec import ModalitySpec


class RouteDecision(BaseModel):
    """What the routing call answers (modality names as the model wrote them; `known` maps them to ours)."""

    model_config = ConfigDict(extra="ignore")

    modality: str = Field(description="The form that serves the request best.")
    rationale: str = Field(min_length=1, max_length=300, description="One short sentence: why this form.")
    alternatives: list[str] = Field(default_factory=list, max_length=4,
                                    description="The next best one or two forms, best first.")

    @field_validator("rationale", mode="before")
    @classmethod
    def _strip(cls, value):
        return value.strip() if isinstance(value, str) else value


def _namer(catalog: Mapping[str, ModalitySpec]):
    """Our name for a form as a model names it: the name itself, or a word models use instead (its synonyms)."""
    words = {name: name for name in catalog}
    for name, spec in catalog.items():
        for word in spec.routing.synonyms:
            words.setdefault(word, name)

    def known(value: str) -> str | None:
        return words.get(value.strip().lower()) if isinstance(value, str) else None

    return known


def route_question(system: str, prompt: str, excerpt: str, size: str, data_summary: str,
                   catalog: Mapping[str, ModalitySpec]) -> Question[RouteDecision]:
    known = _namer(catalog)
    schema = model_schema(RouteDecision)
    schema["properties"]["modality"]["enum"] = list(catalog)

    def check(obj: dict) -> RouteDecision:
        decision = RouteDecision.model_validate(obj)
        chosen = known(decision.modality)
        if chosen is None:
            raise Invalid([f"modality: '{decision.modality}' is not one of the forms ({', '.join(catalog)})"])
        others = [m for m in (known(a) for a in decision.alternatives) if m is not None]
        return decision.model_copy(update={"modality": chosen, "alternatives": others})

    return Question(
        what="routing decision",
        system=system,
        user=prompts.render("route.j2", prompt=prompt or "(no prompt: see the material)", excerpt=excerpt,
                            size=size, data_summary=data_summary,
                            forms=[{"name": name, "purpose": spec.routing.purpose} for name, spec in catalog.items()]),
        schema=schema,
        schema_name="atelier_route",
        check=check,
    )


def ranked_alternatives(decision: RouteDecision, fallback_order: list[str]) -> list[str]:
    """The model's runner-ups without the choice or repeats, padded from the offline router's ranking to two."""
    out: list[str] = []
    for m in [*decision.alternatives, *fallback_order]:
        if m != decision.modality and m not in out:
            out.append(m)
    return out[:2]

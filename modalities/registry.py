"""The registry: every modality's spec, and what is derived from them (names, the plan union, formats).

Built-in modalities are the packages named in `BUILTIN`; others are installed packages that declare an
`atelier.modalities` entry point naming a `ModalitySpec` (or a module with a `SPEC`), the way `llm` plugins do:

    [project.entry-points."atelier.modalities"]
    poem = "atelier_poem:SPEC"

Specs are collected on first use and kept. A plugin that fails to load, or that reuses a name, is logged and left
out, so one broken package never takes the server down.
"""

from __future__ import annotations

import importlib
import logging
import threading
from functools import lru_cache
from importlib.metadata import entry_points
from types import ModuleType
from typing import Annotated, Any, Union

from pydantic import Field, TypeAdapter

from renderers.base import RenderContext, RenderResult
from renderers.plan import SCHEMA_VERSION, Plan

from .spec import ModalitySpec

log = logging.getLogger("atelier.modalities")

BUILTIN = ("slides", "infographic", "whiteboard", "widget", "image", "animation")
ENTRY_POINT_GROUP = "atelier.modalities"

_lock = threading.Lock()
_specs: dict[str, ModalitySpec] | None = None


class UnknownModality(ValueError):
    """A modality name that no spec answers to; the message lists the known ones."""


def _as_spec(value: Any, origin: str) -> ModalitySpec:
    if isinstance(value, ModuleType):
        value = getattr(value, "SPEC", None)
    if not isinstance(value, ModalitySpec):
        raise TypeError(f"{origin} is not a ModalitySpec (nor a module with a SPEC)")
    field = value.plan.model_fields.get("modality")
    if field is None or field.default != value.name:
        raise TypeError(f"{origin}: the plan class {value.plan.__name__} must have modality = '{value.name}'")
    if "title" not in value.plan.model_fields:
        raise TypeError(f"{origin}: the plan class {value.plan.__name__} must have a title")
    return value


def _collect() -> dict[str, ModalitySpec]:
    found: dict[str, ModalitySpec] = {}
    for name in BUILTIN:
        found[name] = _as_spec(importlib.import_module(f"modalities.{name}"), f"modalities.{name}")
    for point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            spec = _as_spec(point.load(), f"entry point '{point.name}' ({point.value})")
        except Exception:  # noqa: BLE001 - a broken plugin is left out, loudly
            log.exception("modality plugin '%s' could not be loaded; it is left out", point.name)
            continue
        if spec.name in found:
            log.error("modality plugin '%s' reuses the name '%s'; it is left out", point.value, spec.name)
            continue
        found[spec.name] = spec
    return dict(sorted(found.items(), key=lambda item: (item[1].routing.rank, item[0])))


def specs() -> dict[str, ModalitySpec]:
    """Every modality's spec, by name, in routing order (the order menus and fallbacks use)."""
    global _specs
    if _specs is None:
        with _lock:
            if _specs is None:
                _specs = _collect()
    return _specs


def reload() -> dict[str, ModalitySpec]:
    """Collects the specs again (after installing a plugin in a running process, e.g. in a test)."""
    global _specs
    with _lock:
        _specs = None
    _adapter.cache_clear()
    return specs()


def names() -> list[str]:
    return list(specs())


def parse_modality(value: str) -> str:
    """The modality named by `value` (case and spaces forgiven); raises UnknownModality listing the known ones."""
    name = value.strip().lower()
    if name not in specs():
        raise UnknownModality(f"unknown modality '{value}'; known modalities: {', '.join(names())}")
    return name


def spec(name: str) -> ModalitySpec:
    """The spec of the modality called `name`; raises UnknownModality listing the known ones."""
    return specs()[parse_modality(name)]


def spec_of(plan: Plan) -> ModalitySpec:
    return spec(plan.modality)


def plan_union() -> Any:
    """Every registered plan class in one type, discriminated on `modality` (for pydantic and JSON schemas)."""
    plans = tuple(s.plan for s in specs().values())
    return plans[0] if len(plans) == 1 else Annotated[Union[plans], Field(discriminator="modality")]  # noqa: UP007


@lru_cache(maxsize=1)
def _adapter() -> TypeAdapter:
    return TypeAdapter(plan_union())


def parse_plan(data: Any) -> Plan:
    """Validates a plan given as a dict; raises pydantic's ValidationError with every problem listed."""
    return _adapter().validate_python(data)


def plan_schema(name: str | None = None) -> dict[str, Any]:
    """The JSON schema of one modality's plan, or of the union of all of them when no name is given."""
    if name is None:
        schema = _adapter().json_schema()
        schema["title"] = "AtelierPlan"
    else:
        schema = spec(name).plan.model_json_schema()
    schema["$comment"] = f"Atelier plan schema version {SCHEMA_VERSION}"
    return schema


def render(plan: Plan, ctx: RenderContext) -> RenderResult:
    """Renders a validated plan with its modality's renderer."""
    ctx.out_dir.mkdir(parents=True, exist_ok=True)
    return spec_of(plan).render(plan, ctx)


def formats() -> list[str]:
    """Every `?format=` value some modality answers."""
    out: list[str] = []
    for s in specs().values():
        out.extend(f for f in s.formats if f not in out)
    return out


def preload_modules() -> list[str]:
    """Modules a render worker's parent imports once, ahead of its workers."""
    out: list[str] = []
    for s in specs().values():
        out.extend(m for m in s.preload if m not in out)
    return out

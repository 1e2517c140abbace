"""The one place that maps a modality to its renderer.

Renderer modules are imported on first use, so starting the server or the CLI does not load python-pptx,
plotly or lxml for modalities nobody asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from .base import RenderContext, RenderResult
from .plan import Modality

Renderer = Callable[[Any, RenderContext], RenderResult]

_MODULES: dict[Modality, str] = {
    Modality.SLIDES: "renderers.slides",
    Modality.INFOGRAPHIC: "renderers.infographic",
    Modality.WHITEBOARD: "renderers.whiteboard",
    Modality.WIDGET: "renderers.widget",
    Modality.IMAGE: "renderers.image",
}


def modalities() -> list[Modality]:
    return list(_MODULES)


def renderer_modules() -> list[str]:
    """Every renderer's module, for a process that forks render workers to import once, ahead of them."""
    return list(_MODULES.values())


def parse_modality(value: str) -> Modality:
    """The modality named by `value`; raises ValueError listing the known ones."""
    try:
        return Modality(value.strip().lower())
    except ValueError:
        known = ", ".join(m.value for m in Modality)
        raise ValueError(f"unknown modality '{value}'; known modalities: {known}") from None


def renderer_for(modality: Modality) -> Renderer:
    module = importlib.import_module(_MODULES[modality])
    return module.render


def render(plan: Any, ctx: RenderContext) -> RenderResult:
    """Renders a validated plan with its modality's renderer."""
    ctx.out_dir.mkdir(parents=True, exist_ok=True)
    return renderer_for(Modality(plan.modality))(plan, ctx)

"""Rendering animation plans into temporary folders, once per module where several tests read one render."""

from __future__ import annotations

from pathlib import Path

from modalities.animation import SPEC
from models.images.fallback import FallbackImageBackend
from renderers.base import RenderContext
from renderers.theme import get_theme


def render_animation(plan: dict, out_dir: Path, **options):
    """Validates and renders a plan the way the pipeline will (through the modality's SPEC); returns the result and
    the progress events it sent."""
    events: list[tuple[str, dict]] = []
    ctx = RenderContext(out_dir=out_dir, theme=get_theme("light"), images=FallbackImageBackend(),
                        progress=lambda event, data: events.append((event, data)), options=options)
    result = SPEC.render(SPEC.plan.model_validate(plan), ctx)
    return result, events

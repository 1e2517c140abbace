"""What an image plan can get wrong that its schema cannot say: a prompt too short to draw from."""

from __future__ import annotations

from renderers.layout.script import cjk_ratio

from .plan import ImagePlan


def check(plan: ImagePlan) -> list[str]:
    if len(plan.prompt.split()) < 3 and cjk_ratio(plan.prompt) < 0.3:
        return ["prompt: describe the picture in at least a sentence (subject, setting, style)"]
    return []

"""Plans that validate but would play badly, as problems for the LLM planner's repair round."""

from __future__ import annotations

from renderers.layout.script import cjk_ratio

from . import plan as P
from .parts import count_spec
from .timing import schedule

MAX_ROW_ITEMS = 6
MAX_BULLET_WORDS = 20
MAX_BULLET_CHARS = 40  # Chinese
MAX_NARRATION_WORDS = 40
MAX_SECONDS = 120.0


def _too_long(text: str, words: int, chars: int) -> bool:
    if cjk_ratio(text) > 0.3:
        return len(text) > chars
    return len(text.split()) > words


def check(plan: P.AnimationPlan) -> list[str]:
    problems: list[str] = []
    total = 0.0
    for scene in plan.scenes:
        where = f"scene '{scene.id}'"
        total += schedule(scene.steps, scene.hold).length
        visuals = [e for e in scene.elements if isinstance(e, (P.ShapeElement, P.IconElement, P.NumberElement,
                                                              P.ImageElement, P.ChartElement))]
        if scene.layout in (P.SceneLayout.ROW, P.SceneLayout.STATS) and len(visuals) > MAX_ROW_ITEMS:
            problems.append(f"{where} puts {len(visuals)} items side by side; keep at most {MAX_ROW_ITEMS} or "
                            "split the scene")
        for e in scene.elements:
            if isinstance(e, P.TextElement) and e.role is P.TextRole.BULLET and _too_long(
                    e.text, MAX_BULLET_WORDS, MAX_BULLET_CHARS):
                problems.append(f"{where}: bullet '{e.id}' is long; keep bullets under {MAX_BULLET_WORDS} words "
                                f"({MAX_BULLET_CHARS} Chinese characters) and say the rest in the narration")
        numbers = {e.id: e for e in scene.elements if isinstance(e, P.NumberElement)}
        for n, step in enumerate(scene.steps, start=1):
            if step.action is P.Action.COUNT:
                for t in step.targets:
                    if t in numbers and count_spec(numbers[t].value) is None:
                        problems.append(f"{where} step {n}: '{numbers[t].value}' has no number to count up to; "
                                        "use fade for it")
            if step.duration is not None and step.duration < 0.2 and step.action is not P.Action.WAIT:
                problems.append(f"{where} step {n}: {step.duration:g} s is too quick to see; use 0.4 s or more")
            if step.narration and _too_long(step.narration, MAX_NARRATION_WORDS, 80):
                problems.append(f"{where} step {n}: the narration is long; one sentence of at most "
                                f"{MAX_NARRATION_WORDS} words per step")
        if scene.steps and all(s.action is P.Action.WAIT for s in scene.steps):
            problems.append(f"{where} only waits; animate its elements or drop the steps")
    if total > MAX_SECONDS:
        problems.append(f"the animation lasts {total:.0f} s; keep it under {MAX_SECONDS:.0f} s")
    return problems

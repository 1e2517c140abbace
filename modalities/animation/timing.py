"""When each step of a scene runs: PowerPoint's start rules turned into seconds.

A scene's steps form click groups (a step that starts `on_click` opens one) made of sub-groups (a step that starts
`after_previous` opens one); `with_previous` joins the sub-group of the step before. A sub-group starts when the one
before it has ended (its longest step), and every step starts its own `delay` after its sub-group. A video has no
clicks, so a click group simply follows the one before; the PPTX writer keeps the clicks. This is the structure
PowerPoint writes into `p:timing`, so the video and the deck agree on every start.

Narration stretches a scene: a narrated step waits until the sentence before it has been spoken, and the scene
lasts until its last sentence ends. Pure arithmetic on the plan; the plan's validation uses it too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Seconds an action takes when the step does not say.
DEFAULT_DURATION = {
    "fade": 0.6, "draw": 1.0, "write": 0.9, "grow": 0.8, "fly": 0.7, "exit": 0.5, "pulse": 0.6, "highlight": 0.7,
    "recolour": 0.6, "move": 0.9, "transform": 0.9, "count": 1.5, "focus": 1.0, "zoom": 1.0, "wait": 1.0,
}
ENTER_ACTIONS = frozenset({"fade", "draw", "write", "grow", "fly"})
SPEECH_GAP = 0.25  # silence between two sentences
SCENE_FADE = 0.4  # a scene's elements fade out over its last 0.4 s before the next scene


def channel_of(action: str) -> str:
    """The property an action changes: two steps changing the same property of one element must not overlap."""
    if action in ENTER_ACTIONS or action in ("exit", "transform"):
        return "visibility"
    return {"move": "position", "pulse": "scale", "highlight": "highlight", "recolour": "colour", "count": "count",
            "focus": "camera", "zoom": "camera", "wait": "none"}[action]


@dataclass
class Timed:
    """One step placed in time, seconds from the scene's start; `starts` per target (a stagger spreads them)."""

    index: int  # position in the scene's steps
    start: float
    end: float
    starts: list[float]
    duration: float
    click: int  # the click group it belongs to (0: runs when the scene opens)
    group: int  # the sub-group within the click group
    speech: tuple[float, float] | None = None  # when its narration is spoken


@dataclass
class SceneTiming:
    steps: list[Timed] = field(default_factory=list)
    built: float = 0.0  # when the last step ends (the scene is complete)
    length: float = 0.0  # the scene's length, its hold included


def duration_of(step) -> float:
    return DEFAULT_DURATION[step.action] if step.duration is None else float(step.duration)


def schedule(steps, hold: float, speech: dict[int, float] | None = None) -> SceneTiming:
    """Times for the steps (objects with action, start, delay, duration, stagger, targets, narration).

    `speech` gives the spoken length of each narrated step's sentence (by step index); a narrated step is pushed
    back until the sentence before it has ended.
    """
    speech = speech or {}
    out = SceneTiming()
    group_start = 0.0  # when the current sub-group started
    group_end = 0.0  # when the current sub-group ends (its longest step)
    prev_base = 0.0
    click = 0
    group = 0
    voice_free = 0.0
    for i, step in enumerate(steps):
        dur = duration_of(step)
        if i == 0:
            base = 0.0
            click = 1 if step.start == "on_click" else 0
        elif step.start == "with_previous":
            base = prev_base
        else:
            base = group_end
            group += 1
            if step.start == "on_click":
                click += 1
                group = 0
        if step.start != "with_previous" or i == 0:
            group_start = base
        start = base + step.delay
        if i in speech and start < voice_free:
            shift = voice_free - start
            start += shift
            base += shift
            if step.start != "with_previous" or i == 0:
                group_start = base
        targets = max(len(step.targets), 1)
        starts = [start + k * step.stagger for k in range(targets)]
        end = starts[-1] + dur
        spoken = None
        if i in speech:
            spoken = (start, start + speech[i])
            voice_free = spoken[1] + SPEECH_GAP
        out.steps.append(Timed(i, start, end, starts, dur, click, group, spoken))
        group_end = max(group_end if step.start == "with_previous" and i else group_start, end)
        prev_base = base
    out.built = max([t.end for t in out.steps] + [0.0])
    tail = max([t.speech[1] for t in out.steps if t.speech] + [0.0])
    out.length = max(out.built, tail) + hold
    return out

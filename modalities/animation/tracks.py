"""The plan compiled into tracks: for every element, one track per property (opacity, reveal, offset, scale,
pulse, highlight, colour, count) and one camera, each a list of timed segments. Any frame is a pure function of
time, so frames can be drawn in any order, in chunks, or seeked to, and the same plan always gives the same
frames.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from renderers.layout.geometry import Rect
from renderers.lints import hex_rgb

from . import plan as P
from .easing import ease
from .layout import LaidScene, Placed, resolve_color
from .timing import ENTER_ACTIONS, SCENE_FADE, SceneTiming, Timed, schedule


@dataclass(frozen=True)
class Seg:
    t0: float
    t1: float
    v0: object
    v1: object
    easing: str


def _lerp(a, b, p: float):
    if isinstance(a, tuple):
        return tuple(x + (y - x) * p for x, y in zip(a, b))
    return a + (b - a) * p


class Track:
    """A value over time: `initial` until the first segment, then each segment's ease from v0 to v1."""

    def __init__(self, initial) -> None:  # a number, or a colour as an RGB tuple
        self.initial = initial
        self.segs: list[Seg] = []

    def add(self, t0: float, t1: float, v1, easing: str = "ease_in_out", v0=None) -> None:
        if v0 is None:
            v0 = self.at(t0)
        self.segs.append(Seg(t0, max(t1, t0), v0, v1, easing))
        self.segs.sort(key=lambda s: s.t0)

    def at(self, t: float):
        v = self.initial
        for s in self.segs:
            if t < s.t0:
                break
            if t >= s.t1:
                v = s.v1
            else:
                return _lerp(s.v0, s.v1, ease(s.easing, (t - s.t0) / (s.t1 - s.t0)))
        return v

    @property
    def animated(self) -> bool:
        return bool(self.segs)


@dataclass
class Actor:
    """One element across its scene: its layout and its tracks."""

    placed: Placed
    scene: int
    start: float  # the scene's window on the whole timeline
    end: float
    fades_out: bool  # fades with the scene's end (every scene but the last)
    opacity: Track
    reveal: Track
    mode: str | None  # how its entrance reveals it: draw, write, grow, or None
    dx: Track = field(default_factory=lambda: Track(0.0))
    dy: Track = field(default_factory=lambda: Track(0.0))
    scale: Track = field(default_factory=lambda: Track(1.0))
    pulse: Track = field(default_factory=lambda: Track(0.0))
    highlight: Track = field(default_factory=lambda: Track(0.0))
    highlight_color: str = "#FFD54F"
    color: Track | None = None  # a recolour's fill, as (r, g, b)
    count: Track = field(default_factory=lambda: Track(1.0))


@dataclass
class State:
    """An actor's properties at one moment."""

    actor: Actor
    opacity: float
    reveal: float
    dx: float
    dy: float
    scale: float
    highlight: float
    color: tuple[float, float, float] | None
    count: float

    @property
    def box(self) -> Rect:
        b = self.actor.placed.box
        w, h = b.w * self.scale, b.h * self.scale
        return Rect(b.cx - w / 2 + self.dx, b.cy - h / 2 + self.dy, w, h)


@dataclass
class Cue:
    start: float
    end: float
    text: str
    scene: int


@dataclass
class SceneSpan:
    index: int
    start: float
    end: float
    built: float  # when every step has finished
    laid: LaidScene
    timing: SceneTiming


@dataclass
class Timeline:
    width: int
    height: int
    fps: int
    background: str
    duration: float
    frames: int
    scenes: list[SceneSpan]
    actors: list[Actor]
    cam_x: Track
    cam_y: Track
    cam_zoom: Track
    cues: list[Cue]

    def time_of(self, frame: int) -> float:
        return frame / self.fps

    def camera(self, t: float) -> tuple[float, float, float]:
        return self.cam_x.at(t), self.cam_y.at(t), self.cam_zoom.at(t)

    def states(self, t: float) -> list[State]:
        """What is on screen at `t`, in drawing order."""
        out = []
        for a in self.actors:
            if not (a.start <= t < a.end or (t >= a.end and not a.fades_out and a.end >= self.duration - 1e-9)):
                continue
            opacity = a.opacity.at(t)
            if a.fades_out and t > a.end - SCENE_FADE:
                opacity *= max(0.0, (a.end - t) / SCENE_FADE)
            if opacity <= 0.002:
                continue
            pulse = a.pulse.at(t)
            scale = a.scale.at(t) * (1 + 0.12 * _bump(pulse))
            color = a.color.at(t) if a.color is not None else None
            out.append(State(a, min(opacity, 1.0), a.reveal.at(t), a.dx.at(t), a.dy.at(t), scale,
                             a.highlight.at(t), color, a.count.at(t)))
        return out

    def signature(self, states: list[State], t: float) -> tuple:
        """Everything a frame at `t` depends on: two moments with equal signatures have identical pixels."""
        cam = tuple(round(v, 4) for v in self.camera(t))
        return cam + tuple((s.actor.placed.id, round(s.opacity, 4), round(s.reveal, 4), round(s.dx, 3), round(s.dy, 3),
                            round(s.scale, 4), round(s.highlight, 4), s.color, round(s.count, 4)) for s in states)

    def keyframes(self) -> list[tuple[float, str]]:
        """Moments worth a still, with what just happened: every step's end, and each scene once it is built
        (before it fades). Waits and exits are left out: they end on what the step before showed, or on less."""
        out = []
        for span in self.scenes:
            scene = span.laid.scene
            for step, timed in zip(scene.steps, span.timing.steps):
                if step.action in (P.Action.WAIT, P.Action.EXIT):
                    continue
                placed = [span.laid.elements[t] for t in step.targets if t in span.laid.elements]
                words = [p.text or _arrow(p, span.laid) for p in placed]
                what = next((w for w in words if w), ", ".join(step.targets))
                label = f"{step.action.value} {what}".strip()
                out.append((min(span.start + timed.end, self.duration - 1 / self.fps), label))
            if not scene.steps:
                out.append((max(span.start, min(span.start + span.built + 0.05, span.end - SCENE_FADE - 0.01)),
                            f"scene {span.index + 1}"))
        return sorted(out)

    def visible_weight(self, t: float) -> float:
        return sum(s.opacity * s.reveal for s in self.states(t))


def _arrow(placed: Placed, laid: LaidScene) -> str:
    """A connector named by what it joins: 'Browser → Server'."""
    if not placed.ends:
        return ""
    a, b = (laid.elements.get(end) for end in placed.ends)
    return f"{a.text or a.id} → {b.text or b.id}" if a and b else ""


def _bump(p: float) -> float:
    import math

    return math.sin(math.pi * min(max(p, 0.0), 1.0))


def _places(placed: Placed, to: str, width: int, height: int, margin: float) -> tuple[float, float]:
    b = placed.box
    x, y = b.cx, b.cy
    if to == "left":
        x = margin + b.w / 2
    elif to == "right":
        x = width - margin - b.w / 2
    elif to == "top":
        y = margin + b.h / 2
    elif to == "bottom":
        y = height - margin - b.h / 2
    elif to == "center":
        x, y = width / 2, height / 2
    return x - b.cx, y - b.cy


def _offscreen(box: Rect, direction: str, width: int, height: int) -> tuple[float, float]:
    if direction == "left":
        return -(box.right + 40), 0.0
    if direction == "right":
        return width - box.x + 40, 0.0
    if direction == "up":
        return 0.0, -(box.bottom + 40)
    return 0.0, height - box.y + 40


def compile_timeline(plan: P.AnimationPlan, laid: list[LaidScene], theme, speech: dict[tuple[int, int], float],
                     margin: float) -> Timeline:
    """The tracks of every element and the camera; `speech` is the spoken length of each narrated step, keyed by
    (scene index, step index)."""
    W, H = plan.canvas.width, plan.canvas.height
    fps = plan.canvas.fps
    actors: list[Actor] = []
    cues: list[Cue] = []
    spans: list[SceneSpan] = []
    cam_x, cam_y, cam_z = Track(W / 2), Track(H / 2), Track(1.0)
    t0 = 0.0
    last = len(plan.scenes) - 1
    for si, (scene, ls) in enumerate(zip(plan.scenes, laid)):
        timing = schedule(scene.steps, scene.hold, {k: v for (s, k), v in speech.items() if s == si})
        end = t0 + timing.length
        if si == last:
            # The video ends on a whole frame.
            end = round(end * fps) / fps
        spans.append(SceneSpan(si, t0, end, timing.built, ls, timing))
        scene_actors = _scene_actors(scene, ls, timing, si, t0, end, si != last, W, H, margin, theme,
                                     (cam_x, cam_y, cam_z))
        actors.extend(scene_actors)
        for step, timed in zip(scene.steps, timing.steps):
            if step.narration and timed.speech:
                cues.append(Cue(t0 + timed.speech[0], t0 + timed.speech[1], step.narration, si))
        t0 = end
    frames = max(1, round(t0 * fps))
    background = resolve_color(plan.canvas.background, theme, theme.palette.background)
    return Timeline(W, H, fps, background, frames / fps, frames, spans, actors, cam_x, cam_y, cam_z, cues)


def _scene_actors(scene: P.Scene, ls: LaidScene, timing: SceneTiming, si: int, t0: float, end: float,
                  fades: bool, W: int, H: int, margin: float, theme, camera) -> list[Actor]:
    cam_x, cam_y, cam_z = camera
    # Each scene opens on the whole canvas.
    if si > 0:
        for track, v in ((cam_x, W / 2), (cam_y, H / 2), (cam_z, 1.0)):
            track.add(t0, t0, v, "linear")
    first: dict[str, P.Step] = {}
    for step in scene.steps:
        for target in [*step.targets, *([step.to] if step.action is P.Action.TRANSFORM and step.to else [])]:
            first.setdefault(target, step)
    actors: dict[str, Actor] = {}
    out: list[Actor] = []
    for placed in ls.backdrop:
        a = Actor(placed, si, t0, end, fades, Track(0.0), Track(0.0), "draw" if placed.hand else None)
        a.opacity.add(t0, t0 + 0.35, 1.0, "ease_out")
        a.reveal.add(t0, t0 + 0.8, 1.0, "ease_in_out")
        out.append(a)
    for el_id, placed in ls.elements.items():
        entry = first.get(el_id)  # the first step that acts on it
        enters = entry is not None and (entry.action.value in ENTER_ACTIONS
                                        or (entry.action is P.Action.TRANSFORM and entry.to == el_id))
        mode = (entry.action.value if entry is not None and enters and entry.action.value in ("draw", "write", "grow")
                else None)
        a = Actor(placed, si, t0, end, fades, Track(0.0 if enters else 1.0), Track(0.0 if mode else 1.0), mode)
        if any(s.action is P.Action.COUNT and el_id in s.targets for s in scene.steps):
            a.count = Track(0.0)
        actors[el_id] = a
        out.append(a)
    for step, timed in zip(scene.steps, timing.steps):
        _apply(step, timed, t0, actors, ls, W, H, margin, theme, camera)
    return out


def _apply(step: P.Step, timed: Timed, t0: float, actors: dict[str, Actor], ls: LaidScene, W: int, H: int,
           margin: float, theme, camera) -> None:
    action = step.action.value
    easing = step.easing.value
    dur = timed.duration
    if action in ("focus", "zoom"):
        _camera(step, t0 + timed.start, dur, actors, W, H, camera)
        return
    for k, target in enumerate(step.targets):
        a = actors[target]
        s = t0 + timed.starts[k]
        e = s + dur
        box = a.placed.box
        if action == "fade":
            a.opacity.add(s, e, 1.0, easing)
        elif action in ("draw", "write"):
            a.opacity.add(s, s, 1.0, "linear")
            a.reveal.add(s, e, 1.0, "linear" if action == "write" else easing)
        elif action == "grow":
            a.opacity.add(s, s + dur * 0.25, 1.0, "ease_out")
            if a.placed.kind == "chart":
                a.reveal.add(s, e, 1.0, easing)
            else:
                a.reveal.add(s, s, 1.0, "linear")
                a.scale.add(s, e, 1.0, easing if easing != "ease_in_out" else "back", v0=0.05)
        elif action == "fly":
            dx, dy = _offscreen(box, (step.direction or P.Direction.LEFT).value, W, H)
            a.opacity.add(s, s + dur * 0.3, 1.0, "ease_out")
            x0, y0 = a.dx.at(s), a.dy.at(s)
            a.dx.add(s, e, x0, easing if easing != "ease_in_out" else "ease_out", v0=x0 + dx)
            a.dy.add(s, e, y0, easing if easing != "ease_in_out" else "ease_out", v0=y0 + dy)
        elif action == "exit":
            a.opacity.add(s, e, 0.0, easing)
            if step.direction is not None:
                dx, dy = _offscreen(box, step.direction.value, W, H)
                a.dx.add(s, e, a.dx.at(s) + dx, "ease_in")
                a.dy.add(s, e, a.dy.at(s) + dy, "ease_in")
        elif action == "pulse":
            a.pulse.add(s, e, 1.0, "linear", v0=0.0)
            a.pulse.add(e, e, 0.0, "linear")
        elif action == "highlight":
            a.highlight_color = resolve_color(step.color, theme, "#FFD54F")
            a.highlight.add(s, e, 1.0, easing)
        elif action == "recolour":
            to = hex_rgb(resolve_color(step.color, theme, theme.palette.accent)[:7])
            if a.color is None:
                start = a.placed.fill or theme.palette.text
                a.color = Track(tuple(float(c) for c in hex_rgb(start[:7])))
            a.color.add(s, e, tuple(float(c) for c in to), easing)
        elif action == "move" and step.to is not None:  # validated plans always say where to
            if step.to in actors:
                other = actors[step.to]
                tb = other.placed.box
                dx = tb.cx + other.dx.at(s) - box.cx
                dy = tb.cy + other.dy.at(s) - box.cy
            else:
                dx, dy = _places(a.placed, step.to, W, H, margin)
            a.dx.add(s, e, dx, easing)
            a.dy.add(s, e, dy, easing)
        elif action == "transform" and step.to is not None:  # validated plans always say into what
            b = actors[step.to]
            bb = b.placed.box
            ratio = max(min(bb.w / max(box.w, 1), 4.0), 0.25)
            dx, dy = bb.cx - box.cx, bb.cy - box.cy
            a.dx.add(s, e, a.dx.at(s) + dx, easing)
            a.dy.add(s, e, a.dy.at(s) + dy, easing)
            a.scale.add(s, e, ratio, easing)
            a.opacity.add(s, e, 0.0, easing)
            b.opacity.add(s, e, 1.0, easing)
            b.dx.add(s, e, 0.0, easing, v0=-dx)
            b.dy.add(s, e, 0.0, easing, v0=-dy)
            b.scale.add(s, e, 1.0, easing, v0=1 / ratio)
        elif action == "count":
            a.count.add(s, e, 1.0, "ease_out" if easing == "ease_in_out" else easing, v0=0.0)


def _camera(step: P.Step, s: float, dur: float, actors: dict[str, Actor], W: int, H: int, camera) -> None:
    cam_x, cam_y, cam_z = camera
    boxes = []
    for target in step.targets:
        a = actors[target]
        b = a.placed.box
        boxes.append(Rect(b.x + a.dx.at(s), b.y + a.dy.at(s), b.w, b.h))
    if boxes:
        x0 = min(b.x for b in boxes)
        y0 = min(b.y for b in boxes)
        x1 = max(b.right for b in boxes)
        y1 = max(b.bottom for b in boxes)
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    else:
        cx, cy = cam_x.at(s), cam_y.at(s)
    if step.action is P.Action.FOCUS:
        zoom = min(W * 0.7 / max(x1 - x0, 1), H * 0.7 / max(y1 - y0, 1), 3.0)
        zoom = max(zoom, 1.0)
    else:
        zoom = float(step.scale or 1.0)
        if zoom <= 1.0:
            cx, cy = W / 2, H / 2
    # Keep the view inside the canvas.
    half_w, half_h = W / 2 / zoom, H / 2 / zoom
    if zoom >= 1.0:
        cx = min(max(cx, half_w), W - half_w)
        cy = min(max(cy, half_h), H - half_h)
    easing = step.easing.value
    cam_x.add(s, s + dur, cx, easing)
    cam_y.add(s, s + dur, cy, easing)
    cam_z.add(s, s + dur, zoom, easing)

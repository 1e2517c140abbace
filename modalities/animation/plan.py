"""The animation plan: scenes of elements (laid out by Atelier, never positioned by the plan) and the steps that
animate them, with PowerPoint's start rules, an easing and an optional narration sentence per step.

A model writes what appears, in what order and how; the renderer lays the elements out with the real fonts,
compiles the steps into per-property tracks and draws every frame from them.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, model_validator

from renderers.plan.common import SCHEMA_VERSION, ChartData, ImageRequest, PlanModel, Text, Title

from .timing import ENTER_ACTIONS, channel_of, schedule

Words = Annotated[str, Text(300)]
MAX_SECONDS = 300.0  # a whole animation; longer ones belong in a deck

ElementId = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9_\-]{1,40}$"),
    Field(description="Identifier the steps use: letters, digits, '_' or '-', at most 40 characters, unique in the "
                      "plan."),
]

COLOR_NAMES = ("accent", "text", "muted", "positive", "negative", "warning", "series1", "series2", "series3",
               "series4", "series5", "series6", "series7", "series8")
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


def _color(value: str) -> str:
    value = value.strip()
    if value.lower() in COLOR_NAMES:
        return value.lower()
    if _HEX.match(value):
        return value.upper()
    raise ValueError(f"'{value}' is not a colour: use a theme colour ({', '.join(COLOR_NAMES)}) or '#RRGGBB'")


Color = Annotated[
    str,
    AfterValidator(_color),
    Field(max_length=16, description="A theme colour (accent, text, muted, positive, negative, warning, series1 … "
                                     "series8) or '#RRGGBB'. Theme colours follow the chosen theme; prefer them."),
]


def _seconds(limit: float, what: str):
    def check(value):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if value < 0:
                raise ValueError(f"{what} cannot be negative (got {value:g} s); use 0 for none")
            if value > limit:
                raise ValueError(f"{what} is at most {limit:g} s (got {value:g} s)")
        return value

    return BeforeValidator(check)


# ---- elements --------------------------------------------------------------------------------------------

class TextRole(StrEnum):
    TITLE = "title"
    SUBTITLE = "subtitle"
    HEADING = "heading"
    BODY = "body"
    BULLET = "bullet"
    QUOTE = "quote"
    CAPTION = "caption"


class TextElement(PlanModel):
    kind: Literal["text"] = "text"
    id: ElementId
    text: Words = Field(description="The words shown. One idea; bullets under 15 words (30 Chinese characters).")
    role: TextRole = Field(
        default=TextRole.BODY,
        description="title (a scene's big headline), subtitle (a line under it), heading (a scene's heading at the "
        "top), body (a sentence), bullet (one point of a list; bullets stack in order), quote, caption (small).",
    )
    level: int = Field(default=0, ge=0, le=1, description="Bullets only: 1 for a sub-point under the bullet before.")


class ShapeKind(StrEnum):
    BOX = "box"
    ROUND = "round"
    ELLIPSE = "ellipse"
    CIRCLE = "circle"
    DIAMOND = "diamond"


class ShapeElement(PlanModel):
    kind: Literal["shape"] = "shape"
    id: ElementId
    shape: ShapeKind = Field(default=ShapeKind.ROUND, description="box, round (rounded box), ellipse, circle, diamond.")
    label: Annotated[str, Text(120)] | None = Field(default=None, description="Text inside the shape, a few words.")
    color: Color | None = Field(default=None, description="Fill colour; the theme picks one per shape when omitted.")


class NodeShape(StrEnum):
    BOX = "box"
    ROUND = "round"
    DECISION = "decision"
    TERMINAL = "terminal"
    NOTE = "note"
    ACTOR = "actor"
    DATABASE = "database"


class NodeElement(PlanModel):
    """A hand-drawn whiteboard node; its outline is drawn stroke by stroke when it enters by `draw`."""

    kind: Literal["node"] = "node"
    id: ElementId
    label: Annotated[str, Text(160)] = Field(description="Text inside the node, a few words.")
    shape: NodeShape = Field(default=NodeShape.BOX, description="box (a step), round, decision (a question), "
                             "terminal (start/end), note, actor (a participant), database.")
    time: Annotated[str, Text(40)] | None = Field(
        default=None,
        description="Timeline scenes only: when it happened ('2024', 'Q3 2025', '1949年'), shown on the time axis.")


class Heads(StrEnum):
    END = "end"
    BOTH = "both"
    NONE = "none"


class ConnectorElement(PlanModel):
    kind: Literal["connector"] = "connector"
    id: ElementId
    source: ElementId = Field(description="Id of the element the arrow starts at (a shape, node, icon or number).")
    target: ElementId = Field(description="Id of the element the arrow points to.")
    label: Annotated[str, Text(80)] | None = Field(
        default=None, description="Optional words on the arrow, e.g. 'yes' or 'HTTP'."
    )
    dashed: bool = Field(default=False, description="Dashed for optional or asynchronous flows.")
    heads: Heads = Field(default=Heads.END, description="end, both or none.")


class IconElement(PlanModel):
    kind: Literal["icon"] = "icon"
    id: ElementId
    icon: Annotated[str, Text(40)] = Field(
        description="An English keyword for the icon, e.g. 'users', 'database', 'clock'."
    )
    label: Annotated[str, Text(80)] | None = Field(default=None, description="Optional words under the icon.")
    color: Color | None = None


class NumberElement(PlanModel):
    kind: Literal["number"] = "number"
    id: ElementId
    value: Annotated[str, Text(24)] = Field(
        description="The number as the source writes it, with its unit: '42%', '$3.2B', '1,200 萬'. A `count` step "
        "counts up to exactly this.")
    label: Annotated[str, Text(120)] = Field(description="What the number measures, in a few words.")


class ChartElement(PlanModel):
    kind: Literal["chart"] = "chart"
    id: ElementId
    chart: ChartData


class ImageElement(PlanModel):
    kind: Literal["image"] = "image"
    id: ElementId
    image: ImageRequest


Element = Annotated[
    TextElement | ShapeElement | NodeElement | ConnectorElement | IconElement | NumberElement | ChartElement
    | ImageElement,
    Field(discriminator="kind"),
]
BOXED = (ShapeElement, NodeElement, IconElement, NumberElement)  # what a connector may join


# ---- steps -----------------------------------------------------------------------------------------------

class Action(StrEnum):
    FADE = "fade"
    DRAW = "draw"
    WRITE = "write"
    GROW = "grow"
    FLY = "fly"
    EXIT = "exit"
    PULSE = "pulse"
    HIGHLIGHT = "highlight"
    RECOLOUR = "recolour"
    MOVE = "move"
    TRANSFORM = "transform"
    COUNT = "count"
    FOCUS = "focus"
    ZOOM = "zoom"
    WAIT = "wait"


class Start(StrEnum):
    ON_CLICK = "on_click"
    WITH_PREVIOUS = "with_previous"
    AFTER_PREVIOUS = "after_previous"


class Easing(StrEnum):
    LINEAR = "linear"
    EASE_IN = "ease_in"
    EASE_OUT = "ease_out"
    EASE_IN_OUT = "ease_in_out"
    BACK = "back"


class Direction(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    UP = "up"
    DOWN = "down"


PLACES = ("left", "right", "top", "bottom", "center")


class Step(PlanModel):
    targets: list[ElementId] = Field(
        default_factory=list, max_length=20,
        description="Ids of the elements this step animates (none for wait, and for zoom back to the whole scene).",
    )
    action: Action = Field(
        description="Enter: fade, draw (outline stroke by stroke, then fill), write (text appears left to right), "
        "grow (from nothing; charts grow their bars), fly (in from `direction`). exit (fade out, or fly out "
        "towards `direction`). Emphasis: pulse, highlight, recolour (to `color`). move (to `to`: another "
        "element's place or left/right/top/bottom/center), transform (the target becomes element `to`), count "
        "(a number counts up to its value), focus (camera frames the targets), zoom (camera by `scale`; "
        "scale 1 shows the whole scene), wait.",
    )
    start: Start = Field(
        default=Start.AFTER_PREVIOUS,
        description="on_click (a new build; in the video it follows the previous one), with_previous (together "
        "with the step before), after_previous (when the step before has finished).",
    )
    delay: Annotated[float, Field(default=0.0, ge=0, le=30, description="Seconds to wait after the start."),
                     _seconds(30, "a delay")] = 0.0
    duration: Annotated[float | None, Field(default=None, ge=0, le=30,
                                            description="Seconds the action takes; a sensible default per action."),
                        _seconds(30, "a duration")] = None
    easing: Easing = Field(default=Easing.EASE_IN_OUT, description="linear, ease_in, ease_out, ease_in_out, back "
                           "(a small overshoot).")
    stagger: Annotated[float, Field(default=0.0, ge=0, le=5, description="Seconds between targets, so several "
                                    "targets start one after another."), _seconds(5, "a stagger")] = 0.0
    direction: Direction | None = Field(default=None, description="fly and exit: the side it comes from or goes to.")
    to: Annotated[str, Text(40)] | None = Field(
        default=None, description="move: an element id or left/right/top/bottom/center; transform: the id of the "
        "element the target becomes.")
    color: Color | None = Field(default=None, description="recolour and highlight: the colour.")
    scale: float | None = Field(default=None, gt=0.2, le=5, description="zoom: the magnification (1 is the whole "
                                "scene, 2 twice as close).")
    narration: Annotated[str, Text(400)] | None = Field(
        default=None, description="One sentence spoken (and captioned) as the step starts; the scene waits for it to "
        "finish.")


class SceneLayout(StrEnum):
    AUTO = "auto"
    TITLE = "title"
    LIST = "list"
    ROW = "row"
    DIAGRAM = "diagram"
    TIMELINE = "timeline"
    CHART = "chart"
    STATS = "stats"


class FlowDirection(StrEnum):
    AUTO = "auto"
    RIGHT = "right"
    DOWN = "down"


class Scene(PlanModel):
    id: ElementId = Field(description="The scene's id, e.g. 'intro' or 's1'.")
    layout: SceneLayout = Field(
        default=SceneLayout.AUTO,
        description="How the elements are arranged: title (a title card), list (heading and bullets, a picture or "
        "chart beside them), row (shapes, icons or numbers side by side, connectors between them), diagram "
        "(nodes and shapes joined by connectors, laid out as a flowchart), timeline (nodes with a time along an "
        "axis), chart (a chart under its heading), stats (numbers side by side); auto picks from the elements.",
    )
    direction: FlowDirection = Field(default=FlowDirection.AUTO, description="diagram: the main flow direction.")
    elements: list[Element] = Field(min_length=1, max_length=40, description="What the scene shows.")
    steps: list[Step] = Field(default_factory=list, max_length=80,
                              description="The animation, in order. Elements no step brings in are there from the "
                              "start of the scene.")
    hold: Annotated[float, Field(default=1.5, ge=0, le=20, description="Seconds the finished scene stays on screen."),
                    _seconds(20, "a hold")] = 1.5


class VideoSize(StrEnum):
    HD = "1280x720"
    FULL_HD = "1920x1080"
    SD = "854x480"
    SQUARE = "1080x1080"
    PORTRAIT = "720x1280"
    PORTRAIT_FULL = "1080x1920"


class Canvas(PlanModel):
    size: VideoSize = Field(default=VideoSize.HD, description="Width x height in pixels.")
    fps: Literal[24, 25, 30, 50, 60] = Field(default=30, description="Frames per second.")
    background: Color | None = Field(default=None, description="Background colour; the theme's when omitted.")
    theme: Literal["light", "dark", "bold"] | None = Field(
        default=None, description="Theme; the request's when omitted."
    )

    @property
    def width(self) -> int:
        return int(self.size.value.split("x")[0])

    @property
    def height(self) -> int:
        return int(self.size.value.split("x")[1])


class AnimationPlan(PlanModel):
    """An animation or short video: scenes whose elements Atelier lays out and animates step by step, rendered
    to MP4, WebM, GIF, an animated SVG, captions and, for decks, a PPTX with native build animations."""

    modality: Literal["animation"] = "animation"
    schema_version: Literal["1.0"] = SCHEMA_VERSION
    title: Title
    language: Annotated[str, Text(16)] | None = Field(
        default=None, description="BCP 47 tag, e.g. 'en' or 'zh-TW'; detected when omitted."
    )
    canvas: Canvas = Field(default_factory=Canvas)
    speak: bool = Field(default=True, description="Speak the narration (a local voice) into the video's sound "
                        "track; captions are written either way.")
    scenes: list[Scene] = Field(min_length=1, max_length=30, description="The scenes, played one after another.")

    @model_validator(mode="after")
    def _consistent(self) -> AnimationPlan:
        seen: dict[str, str] = {}
        for scene in self.scenes:
            if scene.id in seen:
                raise ValueError(f"scene id '{scene.id}' is used twice; scene ids must be unique")
            seen[scene.id] = "scene"
        for scene in self.scenes:
            for el in scene.elements:
                if el.id in seen:
                    raise ValueError(f"id '{el.id}' is used twice (scene '{scene.id}'); every id must be unique")
                seen[el.id] = scene.id
        total = 0.0
        for scene in self.scenes:
            _check_scene(scene)
            total += schedule(scene.steps, scene.hold).length
        if total > MAX_SECONDS:
            raise ValueError(f"the animation lasts {total:.0f} s; at most {MAX_SECONDS:.0f} s can be rendered, so "
                             "shorten steps or split it")
        return self


def _check_scene(scene: Scene) -> None:
    ids = {el.id: el for el in scene.elements}
    where = f"scene '{scene.id}'"
    for el in scene.elements:
        if isinstance(el, ConnectorElement):
            for end in (el.source, el.target):
                if end not in ids:
                    raise ValueError(f"{where}: connector '{el.id}' joins '{end}', which is not an element of this "
                                     f"scene")
                if not isinstance(ids[end], BOXED):
                    raise ValueError(f"{where}: connector '{el.id}' joins '{end}', a {ids[end].kind}; connectors "
                                     "join shapes, nodes, icons and numbers")
    known = ", ".join(ids)
    for n, step in enumerate(scene.steps, start=1):
        label = f"{where} step {n} ({step.action.value})"
        for target in step.targets:
            if target not in ids:
                raise ValueError(f"{label} targets '{target}', which is not an element of this scene; its "
                                 f"elements are: {known}")
        if len(set(step.targets)) != len(step.targets):
            raise ValueError(f"{label} names the same target twice")
        _check_action(label, step, ids)
    _check_order(scene, ids)


def _check_action(label: str, step: Step, ids: dict) -> None:
    action = step.action
    if action is Action.WAIT:
        if step.targets:
            raise ValueError(f"{label}: wait takes no targets")
        return
    if action is Action.ZOOM:
        if step.scale is None:
            raise ValueError(f"{label}: zoom needs a scale (1 shows the whole scene)")
        return
    if not step.targets:
        raise ValueError(f"{label} has no targets; name the elements it animates")
    if action is Action.COUNT:
        for t in step.targets:
            if not isinstance(ids[t], NumberElement):
                raise ValueError(f"{label}: only numbers count up, and '{t}' is a {ids[t].kind}")
    if action is Action.MOVE:
        if not step.to:
            raise ValueError(f"{label}: move needs `to`: an element id or one of {', '.join(PLACES)}")
        if step.to not in PLACES and step.to not in ids:
            raise ValueError(f"{label}: move to '{step.to}', which is neither an element of this scene nor one "
                             f"of {', '.join(PLACES)}")
    if action is Action.TRANSFORM:
        if not step.to or step.to not in ids:
            raise ValueError(f"{label}: transform needs `to`, the id of an element of this scene the target becomes")
        if len(step.targets) != 1:
            raise ValueError(f"{label}: transform turns exactly one element into another")
        if step.to in step.targets:
            raise ValueError(f"{label}: an element cannot transform into itself")
    if action is Action.RECOLOUR and step.color is None:
        raise ValueError(f"{label}: recolour needs a color")


def _check_order(scene: Scene, ids: dict) -> None:
    """Each element enters at most once and before anything else happens to it, nothing acts on an element after
    it has gone, and no two steps change the same property of one element at the same time."""
    timing = schedule(scene.steps, scene.hold)
    entered: dict[str, int] = {}
    gone: dict[str, int] = {}
    busy: dict[tuple[str, str], tuple[float, float, int]] = {}
    for n, (step, timed) in enumerate(zip(scene.steps, timing.steps), start=1):
        action = step.action.value
        label = f"scene '{scene.id}' step {n} ({action})"
        affected = list(step.targets)
        if step.action is Action.TRANSFORM and step.to is not None:
            affected.append(step.to)
        for k, target in enumerate(affected):
            if target in gone:
                raise ValueError(f"{label} acts on '{target}', which left the scene at step {gone[target]}")
            if action in ENTER_ACTIONS or (step.action is Action.TRANSFORM and target == step.to):
                if target in entered:
                    raise ValueError(f"{label}: '{target}' already entered at step {entered[target]}")
                if any(key[0] == target for key in busy):
                    first = min(v[2] for key, v in busy.items() if key[0] == target)
                    raise ValueError(f"{label}: '{target}' enters after step {first} already animated it; put its "
                                     "entrance first")
                entered[target] = n
            channel = channel_of(action)
            start = timed.starts[min(k, len(timed.starts) - 1)]
            end = start + timed.duration
            if channel != "none":
                key = (target if channel != "camera" else "camera", channel)
                if key in busy:
                    a, b, other = busy[key]
                    if start < b - 1e-6 and a < end - 1e-6:
                        what = "the camera" if channel == "camera" else f"'{target}'"
                        raise ValueError(
                            f"{label} overlaps step {other} between {max(a, start):.2f} s and {min(b, end):.2f} s: "
                            f"both change the {channel} of {what}; start it after_previous or give it a delay")
                busy[key] = (start, end, n)
            if step.action is Action.EXIT or (step.action is Action.TRANSFORM and target != step.to):
                gone[target] = n

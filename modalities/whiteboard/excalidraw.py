"""Writes a laid-out board as an Excalidraw scene (`.excalidraw` JSON, schema version 2).

What makes the scene editable rather than a picture:
- labels are text elements bound inside their shapes (`containerId` and the shape's `boundElements`), so they move,
  wrap and resize with the shape;
- arrows are bound at both ends (`startBinding`/`endBinding` and both shapes' `boundElements`), so dragging a node
  drags its arrows; an arrow's label is bound to the arrow;
- groups are frames: their members carry the frame's `frameId` and come before the frame in the element order
  (Excalidraw keeps a frame above its children);
- things that belong together without a binding share `groupIds` (a sequence participant and its lifeline, a
  message and its label, a database's body and lid);
- every element has a fractional `index` in drawing order, and ids and seeds derive from the plan's ids, so the
  same plan always gives the same scene.

Colours are written as the board shows them: the scene's background is the theme's, so a dark board stays dark
(Excalidraw's own dark mode would invert colours instead).
"""

from __future__ import annotations

import zlib
from typing import Any

from renderers.layout.geometry import Rect
from renderers.theme import Theme

from .diagram import Diagram, EdgePath, NodeBox, Point
from .plan import NodeShape
from .sizing import EDGE_FONT, INK, LINE_SPACING, TITLE_FONT

FONT_FAMILY = 5  # Excalifont, Excalidraw's hand-drawn face (Excalidraw falls back to a CJK face for Chinese)
DB_LID = 18.0  # height of a database cylinder's lid
_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def fractional_index(n: int) -> str:
    """The n-th key of an increasing run of fractional indices ("a0", "a1", … "az", "b00", …), the format
    Excalidraw orders elements by: a head letter giving the integer part's length, then base-62 digits."""
    size = 1
    first = 0
    head = ord("a")
    while n >= first + 62**size:
        first += 62**size
        size += 1
        head += 1
    value = n - first
    digits = ""
    for _ in range(size):
        value, d = divmod(value, 62)
        digits = _DIGITS[d] + digits
    return chr(head) + digits


def seed_of(key: str) -> int:
    return zlib.crc32(key.encode("utf-8")) & 0x7FFFFFFF or 1


def _base(el_id: str, el_type: str, r: Rect, stroke: str, **extra: Any) -> dict:
    el = {
        "id": el_id,
        "type": el_type,
        "x": round(r.x, 2),
        "y": round(r.y, 2),
        "width": round(r.w, 2),
        "height": round(r.h, 2),
        "angle": 0,
        "strokeColor": stroke,
        "backgroundColor": "transparent",
        "fillStyle": "solid",
        "strokeWidth": 2,
        "strokeStyle": "solid",
        "roughness": 1,
        "opacity": 100,
        "groupIds": [],
        "frameId": None,
        "index": None,
        "roundness": None,
        "seed": seed_of(el_id),
        "version": 1,
        "versionNonce": seed_of(el_id + "#nonce"),
        "isDeleted": False,
        "boundElements": [],
        "updated": 1,
        "link": None,
        "locked": False,
    }
    el.update(extra)
    return el


def _text(el_id: str, lines: list[str], original: str, r: Rect, color: str, size: float, container: str | None,
          align: str = "center") -> dict:
    return _base(
        el_id, "text", r, color,
        text="\n".join(lines),
        originalText=original,
        fontSize=size,
        fontFamily=FONT_FAMILY,
        textAlign=align,
        verticalAlign="middle" if container else "top",
        containerId=container,
        autoResize=True,
        lineHeight=LINE_SPACING,
        strokeWidth=1,
    )


def node_element_id(node_id: str) -> str:
    return f"node-{node_id}"


def _extent(points: list[Point]) -> tuple[float, float, list[list[float]]]:
    x0, y0 = points[0]
    rel = [[round(x - x0, 2), round(y - y0, 2)] for x, y in points]
    xs = [p[0] for p in rel]
    ys = [p[1] for p in rel]
    return max(xs) - min(xs), max(ys) - min(ys), rel


def _linear(el_id: str, el_type: str, points: list[Point], stroke: str, **extra: Any) -> dict:
    w, h, rel = _extent(points)
    x0, y0 = points[0]
    return _base(el_id, el_type, Rect(x0, y0, w, h), stroke, points=rel, lastCommittedPoint=None,
                 startBinding=None, endBinding=None, **extra)


class _Scene:
    def __init__(self, diagram: Diagram, theme: Theme):
        self.d = diagram
        self.theme = theme
        self.ink = theme.palette.text
        self.by_id: dict[str, dict] = {}
        self.layers: list[list[dict]] = [[], [], [], []]  # guides and marks, nodes, edges, free texts

    def add(self, layer: int, *els: dict) -> None:
        for el in els:
            self.layers[layer].append(el)
            self.by_id[el["id"]] = el

    def node(self, n: NodeBox) -> None:
        sid = node_element_id(n.id)
        r = n.rect
        groups = [n.bundle] if n.bundle else []
        extra: dict[str, Any] = {"backgroundColor": n.fill, "groupIds": list(groups)}
        shape_type, roundness = {
            NodeShape.DECISION.value: ("diamond", {"type": 2}),
            NodeShape.TERMINAL.value: ("ellipse", None),
            NodeShape.ACTOR.value: ("ellipse", None) if self.d.kind != "sequence" else ("rectangle", {"type": 3}),
            NodeShape.BOX.value: ("rectangle", None),
            NodeShape.NOTE.value: ("rectangle", None),
        }.get(n.shape, ("rectangle", {"type": 3}))
        body = r
        lid = None
        if n.shape == NodeShape.DATABASE.value:
            body = Rect(r.x, r.y + DB_LID / 2, r.w, r.h - DB_LID / 2)
            extra["groupIds"] = [*groups, f"database-{n.id}"]
            lid = _base(f"node-{n.id}-lid", "ellipse", Rect(r.x, r.y, r.w, DB_LID), n.stroke,
                        backgroundColor=n.fill, groupIds=list(extra["groupIds"]))
        shape = _base(sid, shape_type, body, n.stroke, roundness=roundness, **extra)
        lines = n.text.paras[0].lines
        th = len(lines) * n.font_size * LINE_SPACING
        tw = min(max(n.text.width, 10), body.w - 10)
        text = _text(f"label-{n.id}", lines, n.label, Rect(body.cx - tw / 2, body.cy - th / 2, tw, th), INK,
                     n.font_size, sid)
        text["groupIds"] = list(shape["groupIds"])
        shape["boundElements"].append({"type": "text", "id": text["id"]})
        self.add(1, shape, text)
        if lid:
            self.add(1, lid)

    def edge(self, e: EdgePath) -> None:
        aid = f"edge-{e.index}"
        start = self.by_id.get(node_element_id(e.source)) if e.bound else None
        end = self.by_id.get(node_element_id(e.target)) if e.bound else None
        arrow = _linear(
            aid, "arrow", e.points, e.color or self.ink,
            startArrowhead="arrow" if e.start_head else None,
            endArrowhead="arrow" if e.end_head else None,
            elbowed=False,
            strokeStyle="dashed" if e.dashed else "solid",
            strokeWidth=e.width,
            roundness={"type": 2} if len(e.points) > 2 else None,
            groupIds=[e.bundle] if e.bundle else [],
        )
        if start is not None:
            arrow["startBinding"] = {"elementId": start["id"], "focus": 0, "gap": 4}
            start["boundElements"].append({"type": "arrow", "id": aid})
        if end is not None:
            arrow["endBinding"] = {"elementId": end["id"], "focus": 0, "gap": 4}
            if {"type": "arrow", "id": aid} not in end["boundElements"]:
                end["boundElements"].append({"type": "arrow", "id": aid})
        self.add(2, arrow)
        if e.label and e.label_rect and e.label_text and e.label_on_line:
            text = _text(f"{aid}-label", e.label_text.paras[0].lines, e.label, e.label_rect, self.ink, EDGE_FONT,
                         aid)
            arrow["boundElements"].append({"type": "text", "id": text["id"]})
            self.add(2, text)

    def build(self) -> list[dict]:
        d, pal = self.d, self.theme.palette
        for guide in d.guides:
            self.add(0, _linear(f"guide-{guide.id}", "line", guide.points, guide.color or pal.muted,
                                strokeStyle="dashed" if guide.dashed else "solid", strokeWidth=guide.width,
                                startArrowhead=None, endArrowhead=None,
                                groupIds=[guide.bundle] if guide.bundle else []))
        for m in d.marks:
            self.add(0, _base(m.id, "ellipse", Rect(m.cx - m.r, m.cy - m.r, 2 * m.r, 2 * m.r), m.color,
                              backgroundColor=m.color))
        for n in d.nodes:
            self.node(n)
        for e in d.edges:
            self.edge(e)
        for t in d.texts:
            self.add(3, _text(f"text-{t.id}", t.text.paras[0].lines, t.text.paras[0].para.text, t.rect, t.color,
                              t.text.paras[0].size, None, t.align) | {"groupIds": [t.bundle] if t.bundle else []})

        title = None
        if d.title_rect and d.title_text:
            title = _text("title", d.title_text.paras[0].lines, d.title, d.title_rect, pal.text, TITLE_FONT, None,
                          "left")

        # Frames: members by group; other elements when they lie wholly inside one frame and touch only its members.
        frames = []
        frame_of: dict[str, str] = {}
        for g in d.groups:
            fid = f"frame-{g.id}"
            frames.append((g, _base(fid, "frame", g.rect, "#BBBBBB", name=g.label, roughness=0)))
            for member in g.members:
                for key in (node_element_id(member), f"label-{member}", f"node-{member}-lid"):
                    if key in self.by_id:
                        frame_of[key] = fid
        for layer in self.layers:
            for el in layer:
                if el["id"] in frame_of:
                    continue
                box = Rect(el["x"], el["y"], el["width"], el["height"])
                for g, frame in frames:
                    if g.rect.contains(box, tolerance=1):
                        container = el.get("containerId")
                        ends = [b["elementId"] for b in (el.get("startBinding"), el.get("endBinding")) if b]
                        if container and frame_of.get(container) != frame["id"]:
                            break
                        if any(frame_of.get(x) != frame["id"] for x in ends):
                            break
                        frame_of[el["id"]] = frame["id"]
                        break
        # Bound texts follow their containers into (or out of) frames.
        for layer in self.layers:
            for el in layer:
                if el.get("containerId"):
                    if el["containerId"] in frame_of:
                        frame_of[el["id"]] = frame_of[el["containerId"]]
                    else:
                        frame_of.pop(el["id"], None)

        ordered: list[dict] = [title] if title else []
        ordered += [el for el in self.layers[0] if el["id"] not in frame_of]
        for _, frame in frames:
            children = [el for layer in self.layers for el in layer if frame_of.get(el["id"]) == frame["id"]]
            for el in children:
                el["frameId"] = frame["id"]
            ordered += children + [frame]
        ordered += [el for layer in self.layers[1:] for el in layer if el["id"] not in frame_of]
        for i, el in enumerate(ordered):
            el["index"] = fractional_index(i)
        return ordered


def scene(diagram: Diagram, theme: Theme) -> dict:
    """The whole scene as a JSON-ready dict."""
    return {
        "type": "excalidraw",
        "version": 2,
        "source": "atelier",
        "elements": _Scene(diagram, theme).build(),
        "appState": {"viewBackgroundColor": theme.palette.background, "gridSize": 20, "gridModeEnabled": False},
        "files": {},
    }

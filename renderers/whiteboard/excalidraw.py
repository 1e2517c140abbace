"""Writes a laid-out diagram as an Excalidraw scene (`.excalidraw` JSON, schema version 2).

Labels are text elements bound inside their shapes (`containerId` ↔ the shape's `boundElements`), arrows are
bound at both ends (`startBinding`/`endBinding` ↔ the shapes' `boundElements`), so dragging a node in Excalidraw
drags its label and its arrows. Groups become frames. Ids and seeds derive from the plan's ids, so the same plan
always gives the same scene.
"""

from __future__ import annotations

import zlib
from typing import Any

from ..plan.whiteboard import NodeShape
from ..theme import Theme
from .diagram import Diagram, EdgePath, NodeBox

FONT_FAMILY = 5  # Excalifont, Excalidraw's hand-drawn face (it falls back to a CJK face for Chinese)
LINE_HEIGHT = 1.25
TITLE_FONT = 28.0

_SHAPE_TYPES = {
    NodeShape.BOX.value: ("rectangle", {"type": 3}),
    NodeShape.ROUND.value: ("rectangle", {"type": 3}),
    NodeShape.ACTOR.value: ("rectangle", {"type": 3}),
    NodeShape.DATABASE.value: ("rectangle", {"type": 3}),
    NodeShape.NOTE.value: ("rectangle", None),
    NodeShape.DECISION.value: ("diamond", {"type": 2}),
    NodeShape.TERMINAL.value: ("ellipse", {"type": 2}),
}


def _seed(key: str) -> int:
    return zlib.crc32(key.encode("utf-8")) & 0x7FFFFFFF or 1


def _base(el_id: str, el_type: str, x: float, y: float, w: float, h: float, stroke: str, **extra: Any) -> dict:
    el = {
        "id": el_id,
        "type": el_type,
        "x": round(x, 2),
        "y": round(y, 2),
        "width": round(w, 2),
        "height": round(h, 2),
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
        "seed": _seed(el_id),
        "version": 1,
        "versionNonce": _seed(el_id + "#nonce"),
        "isDeleted": False,
        "boundElements": [],
        "updated": 1,
        "link": None,
        "locked": False,
    }
    el.update(extra)
    return el


def _text(el_id: str, text: str, x: float, y: float, w: float, h: float, color: str, size: float,
          container: str | None, align: str = "center") -> dict:
    return _base(
        el_id, "text", x, y, w, h, color,
        text=text,
        originalText=text.replace("\n", " ") if container else text,
        fontSize=size,
        fontFamily=FONT_FAMILY,
        textAlign=align,
        verticalAlign="middle" if container else "top",
        containerId=container,
        autoResize=True,
        lineHeight=LINE_HEIGHT,
        strokeWidth=1,
    )


def _label_text(lines: list[str]) -> str:
    return "\n".join(lines)


def node_element_id(node_id: str) -> str:
    return f"node-{node_id}"


def scene(diagram: Diagram, theme: Theme) -> dict:
    """The whole scene as a JSON-ready dict."""
    pal = theme.palette
    elements: list[dict] = []
    by_id: dict[str, dict] = {}
    offset = TITLE_FONT * LINE_HEIGHT + 24  # room for the title above the diagram
    elements.append(_text("title", diagram.title, 40, 16, max(len(diagram.title) * TITLE_FONT * 0.6, 100),
                          TITLE_FONT * LINE_HEIGHT, pal.text, TITLE_FONT, None, align="left"))

    frame_ids = {}
    for g in diagram.groups:
        fid = f"frame-{g.id}"
        frame_ids[g.id] = fid
        el = _base(fid, "frame", g.rect.x, g.rect.y + offset, g.rect.w, g.rect.h, "#bbb", name=g.label,
                   strokeWidth=2, roughness=0)
        elements.append(el)

    for guide in diagram.guides:
        (x0, y0) = guide.points[0]
        el = _base(f"guide-{guide.id}", "line", x0, y0 + offset, 0, 0, pal.muted,
                   points=[[round(x - x0, 2), round(y - y0, 2)] for x, y in guide.points],
                   lastCommittedPoint=None, startBinding=None, endBinding=None,
                   startArrowhead=None, endArrowhead=None, strokeStyle="dashed" if guide.dashed else "solid",
                   strokeWidth=1 if guide.dashed else 2, roundness=None)
        _set_extent(el)
        elements.append(el)

    for n in diagram.nodes:
        el_type, roundness = _SHAPE_TYPES[n.shape]
        sid = node_element_id(n.id)
        r = n.rect
        shape = _base(sid, el_type, r.x, r.y + offset, r.w, r.h, n.stroke, backgroundColor=n.fill,
                      roundness=roundness, frameId=frame_ids.get(n.group) if n.group else None)
        tid = f"label-{n.id}"
        lines = n.text.paras[0].lines
        th = len(lines) * 20.0 * LINE_HEIGHT
        tw = min(r.w - 10, max(r.w * 0.7, 10))
        text = _text(tid, _label_text(lines), r.cx - tw / 2, r.cy + offset - th / 2, tw, th, pal.text if not theme.dark
                     else "#1E1E1E", 20.0, sid)
        text["frameId"] = shape["frameId"]
        shape["boundElements"].append({"type": "text", "id": tid})
        elements += [shape, text]
        by_id[sid] = shape

    for e in diagram.edges:
        elements.extend(_arrow(e, by_id, offset, pal.text if not theme.dark else pal.muted, pal.text))

    return {
        "type": "excalidraw",
        "version": 2,
        "source": "https://github.com/atelier (Atelier whiteboard renderer)",
        "elements": elements,
        "appState": {"viewBackgroundColor": pal.background, "gridSize": 20, "theme": "dark" if theme.dark else "light"},
        "files": {},
    }


def _set_extent(el: dict) -> None:
    xs = [p[0] for p in el["points"]]
    ys = [p[1] for p in el["points"]]
    el["width"] = round(max(xs) - min(xs), 2)
    el["height"] = round(max(ys) - min(ys), 2)


def _arrow(e: EdgePath, shapes: dict[str, dict], offset: float, stroke: str, text_color: str) -> list[dict]:
    aid = f"edge-{e.index}-{e.source}-{e.target}"
    x0, y0 = e.points[0]
    points = [[round(x - x0, 2), round(y - y0, 2)] for x, y in e.points]
    start = shapes.get(node_element_id(e.source)) if e.bound else None
    end = shapes.get(node_element_id(e.target)) if e.bound else None
    arrow = _base(
        aid, "arrow", x0, y0 + offset, 0, 0, stroke,
        points=points,
        lastCommittedPoint=None,
        startBinding={"elementId": start["id"], "focus": 0, "gap": 4} if start else None,
        endBinding={"elementId": end["id"], "focus": 0, "gap": 4} if end else None,
        startArrowhead=None,
        endArrowhead="arrow",
        elbowed=False,
        strokeStyle="dashed" if e.dashed else "solid",
        roundness={"type": 2} if len(points) > 2 else None,
    )
    _set_extent(arrow)
    for shape in (start, end):
        if shape is not None and {"type": "arrow", "id": aid} not in shape["boundElements"]:
            shape["boundElements"].append({"type": "arrow", "id": aid})
    out = [arrow]
    if e.label and e.label_rect and e.label_text:
        tid = f"{aid}-label"
        r = e.label_rect
        out.append(_text(tid, _label_text(e.label_text.paras[0].lines), r.x, r.y + offset, r.w, r.h, text_color,
                         16.0, aid))
        arrow["boundElements"].append({"type": "text", "id": tid})
    return out

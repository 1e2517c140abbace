"""Whiteboards: an editable Excalidraw scene laid out automatically, a hand-drawn SVG and PNG of it, and the board
as Mermaid text. Flowcharts, mind maps, sequence diagrams, timelines, architectures and brainstorms."""

from __future__ import annotations

from pathlib import Path

from modalities.spec import Embed, FileKind, Labels, ModalitySpec, Routing, lazy

from .plan import WhiteboardPlan
from .quality import check


def _shape(shape):
    if shape.asks == "explain":  # how something works: its parts and steps, drawn
        return 0.8, "the request asks how something works"
    score, note = 0.0, None
    if shape.mermaid or shape.arrows >= 2:
        score = 3.0
        note = "the content is a Mermaid diagram" if shape.mermaid else "the content describes connections with arrows"
    if shape.sequence_verbs >= 2:
        score += 1.0
    if shape.nested_items >= 3 and not shape.sections:
        score += 1.5
        note = note or "the content is an indented outline"
    if shape.typed == "dates":
        score += 1.5
        note = note or "the prompt lists dated events"
    if shape.typed in ("chain", "conditions"):
        score += 2.0
        note = note or ("the prompt spells out a process with conditions" if shape.typed == "conditions"
                        else "the prompt spells out a chain of steps")
    return score, note


SPEC = ModalitySpec(
    name="whiteboard",
    plan=WhiteboardPlan,
    render=lazy("modalities.whiteboard.render:render"),
    build=lazy("modalities.whiteboard.offline:build_whiteboard"),
    guide=Path(__file__).with_name("guide.md"),
    check=check,
    routing=Routing(
        purpose=(
            "a diagram of how things connect: a process or flowchart, an architecture, a mind map, a sequence of "
            "messages, an org chart, a brainstorm."
        ),
        words=(
            ("diagram", 3), ("flowchart", 3.5), ("flow chart", 3.5), ("whiteboard", 3.5), ("mind map", 3.5),
            ("mindmap", 3.5), ("architecture", 2.5), ("sequence diagram", 3.5), ("process flow", 3), ("workflow", 2),
            ("how it works", 2.5), ("how this works", 2.5), ("how does", 1.5), ("draw how", 3), ("map out", 2),
            ("brainstorm", 3), ("org chart", 3), ("swimlane", 3), ("mermaid", 3), ("flow", 1),
            ("流程圖", 3.5), ("白板", 3.5), ("心智圖", 3.5), ("思維導圖", 3.5), ("架構圖", 3.5), ("示意圖", 3),
            ("時序圖", 3.5), ("關係圖", 3), ("腦力激盪", 3), ("流程", 2), ("架構", 2), ("運作", 1.5), ("組織圖", 3),
            ("then", 0.8), ("hand-off", 1.5), ("handoff", 1.5), ("route", 1), ("transfer", 1),
            ("轉乘", 2), ("路線", 1.5), ("怎麼走", 2), ("然後", 1), ("接著", 1), ("步驟", 1.2),
            # How things connect: trees, states, relations, boards.
            ("decision tree", 3.5), ("state machine", 3.5), ("state diagram", 3.5), ("concept map", 3.5),
            ("topology", 2.5), ("reports to", 2.5), ("on a board", 3), ("sticky notes", 3), ("sticky note", 3),
            ("connected", 1.5), ("arrows", 2.5), ("relationships", 2), ("relationship", 2), ("relate", 1.5),
            ("dependencies", 2), ("depends on", 1.5), ("pipeline", 1.5), ("lifecycle", 1.5), ("life cycle", 1.5),
            ("data model", 2.5), ("hierarchy", 2), ("tree", 1.5), ("loop", 1), ("stages", 1), ("path", 1),
            ("branches", 1.5), ("cluster", 1.5), ("block diagram", 3.5),
            ("關係", 2), ("概念圖", 3.5), ("狀態圖", 3.5), ("決策樹", 3.5), ("樹狀圖", 3.5), ("隸屬", 2.5),
            ("便利貼", 3), ("分群", 1.5), ("依賴", 2), ("管線", 1.5), ("拓撲", 3), ("轉換", 1), ("畫出", 1.5),
            ("層級", 2), ("結構", 1.5), ("決策", 1.5), ("分支", 1.5), ("連結", 1), ("串起來", 2),
            # Who hands what to whom, and in what order ("誰負責", "先後").
            ("誰負責", 1.5), ("交接", 1.5), ("先後", 1.5), ("順序", 1.5), ("歸納", 1.5), ("相依", 2),
            ("經過哪些", 2), ("who does what", 2), ("handoffs", 1.5), ("in what order", 1.5), ("階層", 2),
            ("箭頭", 2.5), ("發想", 2),
        ),
        synonyms=("diagram", "flowchart", "mindmap"),
        shape=_shape,
        rank=30,
        general=True,
    ),
    files=(
        FileKind("board.excalidraw", "primary", "excalidraw"),
        FileKind("board.svg", "export", "svg"),
        FileKind("board.mmd", "source", "mmd"),
        FileKind("board.png", "preview", "png", pending=True),
    ),
    embed=Embed(viewer="board"),
    card="scene",
    steps=("layout", "board.excalidraw", "board.svg", "board.mmd", "board.png"),
    labels={"en": Labels("Whiteboard", "a whiteboard diagram", "whiteboard"),
            "zh": Labels("白板", "一張白板圖", "白板")},
    preload=("modalities.whiteboard.render",),
    details=("diagram_kind", "node_count", "edge_count"),
)

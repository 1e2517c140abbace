"""The whiteboard plan: a diagram as nodes, labelled edges and groups; the renderer lays it out."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from renderers.plan.common import SCHEMA_VERSION, PlanModel, Text, Title

NodeId = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9_\-]{1,40}$"),
    Field(description="Identifier used by edges: letters, digits, '_' or '-', at most 40 characters."),
]


class DiagramKind(StrEnum):
    FLOWCHART = "flowchart"
    MINDMAP = "mindmap"
    SEQUENCE = "sequence"
    TIMELINE = "timeline"
    ARCHITECTURE = "architecture"
    BRAINSTORM = "brainstorm"


class NodeShape(StrEnum):
    BOX = "box"
    ROUND = "round"
    DECISION = "decision"
    TERMINAL = "terminal"
    NOTE = "note"
    ACTOR = "actor"
    DATABASE = "database"


class Direction(StrEnum):
    AUTO = "auto"
    DOWN = "down"
    RIGHT = "right"


class ArrowHeads(StrEnum):
    END = "end"
    BOTH = "both"
    NONE = "none"


class Node(PlanModel):
    id: NodeId
    label: Annotated[str, Text(160)] = Field(description="Text shown inside the node.")
    shape: NodeShape = Field(
        default=NodeShape.BOX,
        description="box (a step), round, decision (a question with several exits), terminal (start/end), note "
        "(sticky note), actor (a participant), database.",
    )
    group: NodeId | None = Field(default=None, description="Id of the group this node belongs to, if any.")
    time: Annotated[str, Text(40)] | None = Field(
        default=None,
        description="Timelines only: when the event happened, as the reader should see it ('2024', 'Q3 2025', "
        "'1949年'); shown on the time axis. Consecutive events with the same time share one mark.",
    )


class Edge(PlanModel):
    source: NodeId = Field(description="Id of the node the arrow starts at.")
    target: NodeId = Field(description="Id of the node the arrow points to.")
    label: Annotated[str, Text(80)] | None = Field(
        default=None, description="Optional text on the arrow, e.g. 'yes' or 'HTTP'."
    )
    dashed: bool = Field(default=False, description="Dashed for optional, asynchronous or reply flows.")
    heads: ArrowHeads = Field(
        default=ArrowHeads.END,
        description="Arrowheads: end (source to target), both (two-way), none (a plain connecting line).",
    )


class Group(PlanModel):
    id: NodeId
    label: Annotated[str, Text(80)] = Field(description="Name shown on the group's frame, e.g. 'Backend'.")


class WhiteboardPlan(PlanModel):
    """A diagram rendered as an editable Excalidraw scene plus SVG, PNG and Mermaid exports."""

    modality: Literal["whiteboard"] = "whiteboard"
    schema_version: Literal["1.0"] = SCHEMA_VERSION
    title: Title
    kind: DiagramKind = Field(
        description="flowchart (a process), mindmap (an idea and its branches; the first node is the centre), "
        "sequence (messages between participants, in order), timeline, architecture (components in groups), "
        "brainstorm (sticky notes clustered by theme)."
    )
    direction: Direction = Field(
        default=Direction.AUTO, description="Main flow direction; 'auto' picks for the content."
    )
    nodes: list[Node] = Field(min_length=1, max_length=150)
    edges: list[Edge] = Field(default_factory=list, max_length=300, description="Arrows between nodes, in order.")
    groups: list[Group] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _references(self) -> WhiteboardPlan:
        ids = [n.id for n in self.nodes]
        seen: set[str] = set()
        for node_id in ids:
            if node_id in seen:
                raise ValueError(f"node id '{node_id}' is used twice; node ids must be unique")
            seen.add(node_id)
        group_ids = {g.id for g in self.groups}
        if len(group_ids) != len(self.groups):
            raise ValueError("group ids must be unique")
        for node in self.nodes:
            if node.group is not None and node.group not in group_ids:
                raise ValueError(f"node '{node.id}' names group '{node.group}', which is not in groups")
        for i, edge in enumerate(self.edges, start=1):
            for end in (edge.source, edge.target):
                if end not in seen:
                    raise ValueError(f"edge {i} refers to node '{end}', which is not in nodes")
        return self

"""How Mermaid writes each node shape: one table per diagram kind, which the reader and the writer both use.

Each row is (opening, closing, shape, written): longer openings first, as the reader must try them. Several
bracket pairs read as one shape (Mermaid has more shapes than a whiteboard plan); the row marked `written` is how
the writer spells that shape.
"""

from __future__ import annotations

from .plan import NodeShape

Row = tuple[str, str, NodeShape, bool]

FLOWCHART: list[Row] = [
    ("(((", ")))", NodeShape.TERMINAL, False),
    ("((", "))", NodeShape.ACTOR, True),
    ("([", "])", NodeShape.TERMINAL, True),
    ("[(", ")]", NodeShape.DATABASE, True),
    ("[[", "]]", NodeShape.BOX, False),
    ("[/", "/]", NodeShape.BOX, False),
    ("[\\", "\\]", NodeShape.BOX, False),
    ("[/", "\\]", NodeShape.BOX, False),
    ("[\\", "/]", NodeShape.BOX, False),
    ("{{", "}}", NodeShape.BOX, False),
    ("[", "]", NodeShape.BOX, True),
    ("(", ")", NodeShape.ROUND, True),
    ("{", "}", NodeShape.DECISION, True),
    (">", "]", NodeShape.NOTE, True),
]
MINDMAP: list[Row] = [  # a mind map has no database shape: written as a box
    ("((", "))", NodeShape.ACTOR, True),
    ("))", "((", NodeShape.TERMINAL, True),
    ("{{", "}}", NodeShape.DECISION, True),
    ("[", "]", NodeShape.BOX, True),
    ("(", ")", NodeShape.ROUND, True),
    (")", "(", NodeShape.NOTE, True),
]


def read(table: list[Row]) -> list[tuple[str, str, NodeShape]]:
    """The rows as the reader tries them."""
    return [(opening, closing, shape) for opening, closing, shape, _ in table]


def spelling(table: list[Row]) -> dict[NodeShape, tuple[str, str]]:
    """How the writer spells each shape; one the kind lacks is spelt as a box."""
    out = {shape: (opening, closing) for opening, closing, shape, written in table if written}
    return {shape: out.get(shape, out[NodeShape.BOX]) for shape in NodeShape}

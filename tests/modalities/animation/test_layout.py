"""Scenes whose elements do not fit one row: bullets with several pictures beside them, and many shapes, are laid
out in stacks and rows that stay on the canvas and never overlap."""

from __future__ import annotations

from modalities.animation import SPEC
from modalities.animation.layout import Frame, Placed, layout_scenes
from renderers.base import Lints
from renderers.theme import get_theme


def _layout(elements: list[dict], layout: str = "auto") -> tuple[dict[str, Placed], Frame]:
    plan = SPEC.plan.model_validate({"modality": "animation", "title": "Layout", "speak": False, "scenes": [
        {"id": "s", "layout": layout, "elements": elements}]})
    frame = Frame(plan.canvas.width, plan.canvas.height, get_theme("light"))
    return layout_scenes(plan, frame, Lints(), lambda el, w, h: b"")[0].elements, frame


def _apart(placed: list[Placed]) -> None:
    for i, a in enumerate(placed):
        for b in placed[i + 1:]:
            assert not a.box.intersects(b.box), (a.id, b.id)


def test_bullets_with_two_numbers_beside_them_stack_the_numbers():
    placed, frame = _layout([
        {"kind": "text", "id": "h", "text": "The quarter", "role": "heading"},
        {"kind": "text", "id": "b1", "text": "Revenue grew", "role": "bullet"},
        {"kind": "text", "id": "b2", "text": "Costs held", "role": "bullet"},
        {"kind": "number", "id": "n1", "value": "42%", "label": "growth"},
        {"kind": "number", "id": "n2", "value": "$3.2B", "label": "revenue"},
    ])
    n1, n2 = placed["n1"].box, placed["n2"].box
    assert n2.y >= n1.bottom, "the numbers stand one above the other"
    assert min(n1.x, n2.x) > placed["b1"].box.x, "beside the bullets"
    assert all(frame.rect.contains(p.box) for p in placed.values())
    _apart(list(placed.values()))


def test_six_shapes_make_two_rows():
    placed, frame = _layout([{"kind": "shape", "id": f"s{k}", "label": f"Step {k}"} for k in range(6)], "row")
    rows = {round(p.box.y) for p in placed.values()}
    assert len(rows) == 2
    assert all(frame.rect.contains(p.box) for p in placed.values())
    _apart(list(placed.values()))

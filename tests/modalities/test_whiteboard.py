"""Whiteboards as a user meets them: a valid, editable Excalidraw scene, no overlapping boxes at 5, 20 or 60
nodes, groups around their members, a hand-drawn SVG holding every label as text, a PNG that is not blank."""

from __future__ import annotations

import json
import math

import pytest
from lxml import etree
from PIL import Image

from modalities.registry import parse_plan
from modalities.whiteboard.diagram import Diagram, NodeBox
from modalities.whiteboard.excalidraw import fractional_index
from modalities.whiteboard.layout import layout_diagram
from modalities.whiteboard.lints import check_layout
from renderers.base import RenderResult
from renderers.layout.geometry import Rect
from renderers.theme import get_theme
from tests.conftest import excalidraw_problems, render_plan
from tests.modalities.whiteboard_plans import KINDS, plan_of

SVG = "{http://www.w3.org/2000/svg}"
SHAPES = ("rectangle", "ellipse", "diamond")


def _scene(path):
    return json.loads((path / "board.excalidraw").read_text(encoding="utf-8"))


def _node_elements(scene):
    return {e["id"]: e for e in scene["elements"] if e["id"].startswith("node-") and not e["id"].endswith("-lid")}


@pytest.mark.parametrize("size", [5, 20, 60])
@pytest.mark.parametrize("kind", KINDS)
def test_layout_has_no_overlapping_nodes_and_groups_hold_their_members(kind, size):
    plan = parse_plan(plan_of(kind, size, zh=size == 20))
    diagram = layout_diagram(plan, get_theme("light"))
    assert {n.id for n in diagram.nodes} == {n.id for n in plan.nodes}
    boxes = [(n.id, n.rect) for n in diagram.nodes]
    for i, (a, ra) in enumerate(boxes):
        for b, rb in boxes[i + 1 :]:
            assert not ra.intersects(rb), f"{kind}/{size}: node {a} overlaps node {b}"
    canvas = Rect(0, 0, diagram.width, diagram.height)
    for name, rect in boxes:
        assert canvas.contains(rect), f"{kind}/{size}: node {name} leaves the board"
    for e in diagram.edges:
        if e.label_rect is None:
            continue
        assert canvas.contains(e.label_rect)
        for name, rect in boxes:
            assert not e.label_rect.intersects(rect, tolerance=2), (
                f"{kind}/{size}: label of edge {e.index} covers {name}")
    rects = {n.id: n.rect for n in diagram.nodes}
    for g in diagram.groups:
        assert g.members, f"group {g.id} is empty"
        for member in g.members:
            assert g.rect.contains(rects[member]), f"{kind}/{size}: group {g.id} does not enclose {member}"
    for i, g in enumerate(diagram.groups):
        for h in diagram.groups[i + 1 :]:
            assert not g.rect.intersects(h.rect), f"{kind}/{size}: frames {g.id} and {h.id} overlap"


@pytest.mark.parametrize("kind", KINDS)
def test_scene_is_valid_and_editable(kind, tmp_path):
    plan = plan_of(kind, 20)
    result = render_plan(plan, tmp_path)
    assert [w for w in result.warnings if w.code in ("overlap", "off_canvas", "missing_glyph")] == []
    scene = _scene(tmp_path)
    assert excalidraw_problems(scene) == []
    by_id = {e["id"]: e for e in scene["elements"]}
    nodes = _node_elements(scene)
    assert len(nodes) == len(plan["nodes"])
    for node in plan["nodes"]:
        shape = nodes[f"node-{node['id']}"]
        assert shape["type"] in SHAPES
        texts = [by_id[b["id"]] for b in shape["boundElements"] if b["type"] == "text"]
        assert len(texts) == 1 and texts[0]["originalText"] == node["label"]
        label = texts[0]
        # the label sits inside its shape, so Excalidraw shows it where the export does
        assert shape["x"] <= label["x"] and label["x"] + label["width"] <= shape["x"] + shape["width"] + 0.5
        assert shape["y"] <= label["y"] and label["y"] + label["height"] <= shape["y"] + shape["height"] + 0.5
    frames = {e["id"]: e for e in scene["elements"] if e["type"] == "frame"}
    for group in plan.get("groups", []):
        members = [n for n in plan["nodes"] if n.get("group") == group["id"]]
        if not members:
            continue
        frame = frames[f"frame-{group['id']}"]
        assert frame["name"] == group["label"]
        for m in members:
            assert nodes[f"node-{m['id']}"]["frameId"] == frame["id"]
    if kind in ("flowchart", "architecture", "mindmap", "brainstorm"):
        arrows = [e for e in scene["elements"] if e["type"] == "arrow"]
        assert arrows
        for a in arrows:
            assert a["startBinding"] and a["endBinding"], f"{a['id']} is not attached at both ends"


def test_arrows_start_and_end_on_the_shapes_they_are_bound_to(tmp_path):
    render_plan(plan_of("flowchart", 20), tmp_path)
    scene = _scene(tmp_path)
    by_id = {e["id"]: e for e in scene["elements"]}
    for a in (e for e in scene["elements"] if e["type"] == "arrow"):
        for end, point in (("startBinding", a["points"][0]), ("endBinding", a["points"][-1])):
            shape = by_id[a[end]["elementId"]]
            x, y = a["x"] + point[0], a["y"] + point[1]
            box = Rect(shape["x"], shape["y"], shape["width"], shape["height"]).inset(-8)
            assert box.contains(Rect(x, y, 0, 0)), f"{a['id']} {end} lies away from {shape['id']}"


def test_same_plan_gives_the_same_files(tmp_path):
    plan = plan_of("architecture", 20, zh=True)
    render_plan(plan, tmp_path / "a")
    render_plan(plan, tmp_path / "b")
    for name in ("board.excalidraw", "board.svg", "board.mmd"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_indices_are_fractional_keys_in_order():
    keys = [fractional_index(i) for i in range(5000)]
    assert keys[:3] == ["a0", "a1", "a2"] and keys[61] == "az" and keys[62] == "b00"
    assert keys == sorted(keys) and len(set(keys)) == len(keys)


@pytest.mark.parametrize("zh", [False, True])
@pytest.mark.parametrize("kind", KINDS)
def test_svg_holds_every_label_and_the_png_is_drawn(kind, zh, tmp_path):
    plan = plan_of(kind, 20, zh=zh)
    result = render_plan(plan, tmp_path)
    assert not [w for w in result.warnings if w.code == "missing_glyph"]
    root = etree.parse(str(tmp_path / "board.svg")).getroot()
    assert not root.findall(f".//{SVG}script")
    per_node = {g.get("data-node"): "".join(t.text or "" for t in g.iter(f"{SVG}text"))
                for g in root.iter(f"{SVG}g") if g.get("data-node")}
    for node in plan["nodes"]:
        assert per_node[node["id"]].replace(" ", "") == node["label"].replace(" ", ""), node["id"]
    everything = "".join(t.text or "" for t in root.iter(f"{SVG}text")).replace(" ", "")
    assert plan["title"].replace(" ", "") in everything
    for edge in plan.get("edges", []):
        if edge.get("label"):
            assert edge["label"].replace(" ", "") in everything
    with Image.open(tmp_path / "board.png") as im:
        assert im.size == (int(root.get("width")), int(root.get("height")))
        colors = im.convert("RGB").getcolors(maxcolors=1 << 20)
        assert colors is None or len(colors) > 50, "the PNG is blank"
        # ink on the page: the strokes and letters are there, not just a background
        dark = sum(count for count, rgb in colors or [] if sum(rgb) < 200)
        assert colors is None or dark > 500


def test_sketch_strokes_are_rough_not_straight(tmp_path):
    render_plan(plan_of("flowchart", 5), tmp_path)
    root = etree.parse(str(tmp_path / "board.svg")).getroot()
    outlines = [p.get("d") for p in root.iter(f"{SVG}path") if p.get("fill") == "none"]
    # Rough.js draws each side as curves with jitter: Bézier commands, not straight L segments.
    assert outlines and all(" C" in d or d.startswith("C") or "C" in d for d in outlines)
    texts = [t for t in root.iter(f"{SVG}text") if t.text and "Receive" in t.text]
    assert texts and "Comic Neue" in texts[0].get("font-family")


def test_mind_map_is_balanced_around_the_centre():
    plan = parse_plan(plan_of("mindmap", 20))
    d = layout_diagram(plan, get_theme("light"))
    centre = d.node("root").rect
    branches = [e.target for e in plan.edges if e.source == "root"]
    sides = {math.copysign(1, d.node(b).rect.cx - centre.cx) for b in branches}
    assert sides == {1.0, -1.0}, "branches should grow on both sides of the centre"
    parent = {e.target: e.source for e in plan.edges}
    for child, par in parent.items():
        c, p = d.node(child).rect, d.node(par).rect
        # children grow outward, away from the centre
        assert abs(c.cx - centre.cx) > abs(p.cx - centre.cx)
    for e in d.edges:
        assert not e.end_head and not e.start_head  # branches, not arrows


def test_sequence_messages_run_in_order_between_lifelines(tmp_path):
    plan = plan_of("sequence", 8)
    render_plan(plan, tmp_path)
    d = layout_diagram(parse_plan(plan), get_theme("light"))
    ys = [e.points[0][1] for e in d.edges]
    assert ys == sorted(ys) and len(set(ys)) == len(ys)
    for e in d.edges:
        src, dst = d.node(e.source).rect, d.node(e.target).rect
        if e.source != e.target:
            assert abs(e.points[0][0] - src.cx) <= 4 and abs(e.points[-1][0] - dst.cx) <= 4
    scene = _scene(tmp_path)
    lifelines = {e["id"]: e for e in scene["elements"] if e["id"].startswith("guide-lifeline-")}
    nodes = _node_elements(scene)
    for node in plan["nodes"]:
        assert nodes[f"node-{node['id']}"]["groupIds"] == lifelines[f"guide-lifeline-{node['id']}"]["groupIds"] != []


@pytest.mark.parametrize("size", [6, 20])
def test_timeline_marks_follow_time_order(size):
    plan = parse_plan(plan_of("timeline", size))
    d = layout_diagram(plan, get_theme("light"))
    horizontal = size <= 7
    along = [m.cx if horizontal else m.cy for m in d.marks]
    assert along == sorted(along) and len(set(along)) == len(along)
    dates = [t.text.paras[0].para.text for t in d.texts if t.id.startswith("date-")]
    # one mark per moment: events that share a time (within a section) share it
    moments = [n.time for i, n in enumerate(plan.nodes)
               if i == 0 or (n.time, n.group) != (plan.nodes[i - 1].time, plan.nodes[i - 1].group)]
    assert dates == moments


def test_dark_theme_board_keeps_its_colours(tmp_path):
    render_plan(plan_of("flowchart", 5), tmp_path, theme="dark")
    scene = _scene(tmp_path)
    assert scene["appState"]["viewBackgroundColor"] == get_theme("dark").palette.background
    root = etree.parse(str(tmp_path / "board.svg")).getroot()
    assert root.find(f"{SVG}rect").get("fill") == get_theme("dark").palette.background


def test_lints_report_overlaps_off_canvas_and_missing_glyphs(tmp_path):
    lay = layout_diagram(parse_plan(plan_of("flowchart", 5)), get_theme("light")).nodes[0].text
    d = Diagram("t", "flowchart", 300, 200, nodes=[
        NodeBox("a", "A", "box", Rect(10, 10, 100, 50), lay, "#fff", "#000"),
        NodeBox("b", "B", "box", Rect(60, 30, 100, 50), lay, "#fff", "#000"),
        NodeBox("c", "C", "box", Rect(250, 180, 100, 50), lay, "#fff", "#000"),
    ])
    result = RenderResult(title="t")
    check_layout(result, d)
    codes = {(w.code, w.where) for w in result.warnings}
    assert ("overlap", "node a") in codes and ("off_canvas", "node c") in codes
    plan = plan_of("flowchart", 5)
    plan["nodes"][1]["label"] = "Hieroglyph \U00013000 here"
    result = render_plan(plan, tmp_path)
    missing = [w for w in result.warnings if w.code == "missing_glyph"]
    assert missing and missing[0].where == "node n1" and "U+13000" in missing[0].detail



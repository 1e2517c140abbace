"""Boards that keep what the source says: an article's mind map has a branch per section with leaves from its key
points, processes with conditions are flowcharts with decisions and loops, and front matter and comments never
reach the board."""

from __future__ import annotations

from modalities.registry import specs
from models.planners.base import PlanRequest
from models.planners.offline import OfflinePlanner

PLANNER = OfflinePlanner(specs())

ARTICLE = """---
title: Five ways to cool a city
tags: [climate]
published: true
---
<!-- paginate: true -->

# Five ways to cool a city

Asphalt can be 20 degrees hotter than grass on a summer afternoon.

## Plant trees where people walk

Street trees cool the pavement under them
by 10 to 15 degrees. Plant them at bus stops first, then around schools.

## Paint roofs a light colour

Light roofs cut the temperature of the top floor by 2 to 3 degrees (measured in 2025). They cost little.

## Let the wind in

- Keep gaps between new buildings
- Open streets towards the prevailing wind

## Keep water in the city

Porous paving keeps the ground moist. Rain gardens hold storm water and cool the air as it evaporates.
"""


def board(prompt: str, content: str):
    return PLANNER.plan(PlanRequest(prompt=prompt, content=content, modality="whiteboard")).plan


def children(p) -> dict[str, list[str]]:
    label = {n.id: n.label for n in p.nodes}
    out: dict[str, list[str]] = {}
    for e in p.edges:
        out.setdefault(label[e.source], []).append(label[e.target])
    return out


def test_an_articles_mind_map_has_a_branch_per_section_and_leaves_from_its_key_points():
    p = board("Mind map of this article", ARTICLE)
    assert p.kind.value == "mindmap"
    tree = children(p)
    branches = tree[p.nodes[0].label]
    assert branches == ["Plant trees where people walk", "Paint roofs a light colour", "Let the wind in",
                        "Keep water in the city"]
    assert all(tree.get(b) for b in branches)  # no empty branch
    assert tree["Let the wind in"] == ["Keep gaps between new buildings", "Open streets towards the prevailing wind"]
    assert "Street trees cool the pavement under them by 10 to 15 degrees" in tree["Plant trees where people walk"]
    text = p.model_dump_json()
    assert "published" not in text and "paginate" not in text and "…" not in text


def test_lines_of_one_paragraph_join_and_label_lines_stay_apart():
    p = board("整理成心智圖", "# 運動會\n\n## 活動資訊\n\n日期：10 月 18 日上午\n地點：河濱公園\n\n## 雨天備案\n\n"
                           "如果下大雨，活動改到社區\n活動中心舉行。")
    tree = children(p)
    assert tree["活動資訊"] == ["日期：10 月 18 日上午", "地點：河濱公園"]
    assert tree["雨天備案"] == ["如果下大雨，活動改到社區活動中心舉行"]


def test_an_html_comments_closing_arrow_is_no_mermaid_and_no_connection():
    p = board("", "<!-- note -->\n# Plan\n\n## Goals\n\nShip the beta.\n\n## Risks\n\nThe vendor is late.")
    assert p.kind.value == "mindmap" and [n.label for n in p.nodes[:1]] == ["Plan"]
    result = PLANNER.plan(PlanRequest(prompt="", content="<!-- a -->\n<!-- b -->\n# Plan\n\nText."))
    assert "arrows" not in result.rationale


def test_a_mermaid_file_is_named_by_its_front_matter_or_its_root_not_by_the_request():
    titled = board("Draw this", "---\ntitle: Order fulfilment\n---\nflowchart TD\n  A[Receive order] --> B{In stock?}\n"
                                "  B -->|yes| C[Ship]\n  B -->|no| D[Back-order]\n")
    assert titled.title == "Order fulfilment"
    mind = board("Mind map of our garden plans", "mindmap\n  root((Community garden))\n    Beds\n      Raised beds\n"
                                                 "    Water\n      Rain barrels\n")
    assert mind.title == "Community garden"


def test_a_prose_process_with_conditions_is_a_flowchart_with_labelled_decisions_and_a_loop():
    p = board("Flowchart of our release process", """# How a change ships

When a change is ready, the team follows these steps.

CI runs the tests. If CI fails, the developer pushes a fix and CI runs again.

A reviewer reads the change. Unless the reviewer approves, the developer answers the comments.

The release goes to production.
""")
    assert p.kind.value == "flowchart"
    decisions = [n.label for n in p.nodes if n.shape.value == "decision"]
    assert decisions == ["CI fails?", "The reviewer approves?"]
    label = {n.id: n.label for n in p.nodes}
    edges = {(label[e.source], label[e.target], e.label) for e in p.edges}
    assert ("CI fails?", "The developer pushes a fix", "yes") in edges
    assert ("The developer pushes a fix", "CI runs the tests", "CI runs again") in edges
    assert ("The reviewer approves?", "The release goes to production", "yes") in edges
    assert not any("follows these steps" in n.label for n in p.nodes)  # the announcing sentence is no step


def test_a_typed_condition_in_chinese_becomes_a_decision_with_labelled_branches():
    p = PLANNER.plan(PlanRequest(prompt="退貨流程：顧客申請退貨，若商品未拆封則直接退款，否則由客服判斷是否受理",
                                 modality="whiteboard")).plan
    assert p.title == "退貨流程"
    label = {n.id: n.label for n in p.nodes}
    edges = {(label[e.source], label[e.target], e.label) for e in p.edges}
    assert ("商品未拆封？", "直接退款", "是") in edges and ("商品未拆封？", "由客服判斷是否受理", "否") in edges


def test_typed_dates_are_a_timeline_in_order():
    p = PLANNER.plan(PlanRequest(prompt="Release timeline: 10 March beta, 2 April public launch, 15 May version 2.0",
                                 modality="whiteboard")).plan
    assert p.kind.value == "timeline"
    assert [(n.time, n.label) for n in p.nodes] == [("10 March", "beta"), ("2 April", "public launch"),
                                                     ("15 May", "version 2.0")]
    assert [(e.source, e.target) for e in p.edges] == [("e1", "e2"), ("e2", "e3")]

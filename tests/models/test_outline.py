"""Bare prompts get an outline shaped by the kind of request, in the request's language, plainly marked as an outline
to fill, and laid out by each modality in its own way: how X works → what it is, parts, steps; compare A and B → A
and B as columns; a trip → its days; a decision → the options and the criteria."""

from __future__ import annotations

import re

import pytest

from modalities.registry import specs
from models.planners.base import PlanRequest
from models.planners.offline import OfflinePlanner
from models.planners.offline.outline import count_of, kind_of, options_of, outline_for

PLANNER = OfflinePlanner(specs())


def plan(prompt: str, modality: str):
    result = PLANNER.plan(PlanRequest(prompt=prompt, modality=modality))
    assert [w.code for w in result.warnings] == ["scaffold"]  # marked as an outline to fill in the manifest
    return result.plan


def headings(p) -> list[str]:
    if p.modality == "slides":
        return [s.title for s in p.slides if s.layout not in ("title", "closing")]
    if p.modality == "infographic":
        return [b.heading for b in p.blocks if getattr(b, "heading", None)]
    return [n.label for n in p.nodes[1:] if any(e.source == p.nodes[0].id and e.target == n.id for e in p.edges)]


def shown(p) -> str:
    return p.model_dump_json()


@pytest.mark.parametrize(("prompt", "kind"), [
    ("How does a heat pump work?", "explain"), ("熱泵是怎麼運作的？", "explain"), ("解釋光合作用如何進行", "explain"),
    ("How to brew pour-over coffee", "howto"), ("Compare PostgreSQL and MongoDB for a startup", "compare"),
    ("比較 PostgreSQL 和 MongoDB 哪個適合新創公司", "compare"),
    ("Should we build or buy our analytics platform?", "decision"), ("要租房還是買房？幫我做決定", "decision"),
    ("Plan a 3-day trip to Kyoto", "trip"), ("規劃台南三天兩夜的旅行", "trip"),
    ("A 6-week plan to launch our newsletter", "plan"), ("用一張圖總結今年的五大成就與關鍵數字", "summary"),
    ("Remote team rituals", "topic"),
])
def test_the_kind_of_request_is_read_in_both_languages(prompt: str, kind: str):
    assert kind_of(prompt) == kind


def test_options_and_counts_are_the_requests_own():
    phones = "Compare the iPhone, Pixel and Galaxy side by side in one visual"
    assert options_of(phones) == ["iPhone", "Pixel", "Galaxy"]
    assert options_of("Should we build or buy our analytics platform?") == ["Build", "Buy"]
    assert options_of("要租房還是買房？幫我做決定") == ["租房", "買房"]
    assert options_of("比較 PostgreSQL 和 MongoDB 哪個適合新創公司") == ["PostgreSQL", "MongoDB"]
    assert count_of("Plan a 3-day trip to Kyoto", ("day",)) == 3
    assert count_of("規劃台南三天兩夜的旅行", ("day",)) == 3
    assert count_of("A week in Lisbon", ("day",)) == 7
    assert count_of("用一張圖總結今年的五大成就", ("item",)) == 5


@pytest.mark.parametrize("modality", ["slides", "infographic", "whiteboard"])
def test_how_it_works_is_what_it_is_its_parts_and_its_steps(modality: str):
    en = " | ".join(headings(plan("How does a heat pump work?", modality)))
    assert re.search(r"What it is.*parts.*How it works, step by step", en), en
    zh = " | ".join(headings(plan("熱泵是怎麼運作的？", modality)))
    assert re.search(r"熱泵是什麼.*主要組成.*運作步驟", zh), zh


def test_an_explanation_has_no_next_steps_and_no_broken_english():
    for modality in ("slides", "infographic", "whiteboard", "widget"):
        text = shown(plan("How does a heat pump work?", modality))
        assert "Next steps" not in text and "matters now" not in text and "Why How" not in text


def test_a_comparison_has_its_options_as_columns_in_every_form():
    deck = plan("Compare PostgreSQL and MongoDB for a startup", "slides")
    columns = next(s for s in deck.slides if s.layout == "two_column").columns
    assert [c.heading for c in columns] == ["PostgreSQL", "MongoDB"]
    page = plan("Compare the iPhone, Pixel and Galaxy side by side in one visual", "infographic")
    comparison = next(b for b in page.blocks if b.kind == "comparison")
    assert [c.title for c in comparison.columns] == ["iPhone", "Pixel", "Galaxy"]
    three = plan("Compare the iPhone, Pixel and Galaxy side by side in one visual", "slides")
    table = next(s for s in three.slides if s.layout == "table").table
    assert table.columns[1:] == ["iPhone", "Pixel", "Galaxy"]
    tool = plan("比較 PostgreSQL 和 MongoDB 哪個適合新創公司", "widget")
    assert tool.widget.kind == "table" and tool.widget.table.columns[1:] == ["PostgreSQL", "MongoDB"]


def test_a_trip_is_its_days_in_both_languages():
    deck = plan("Plan a 3-day trip to Kyoto", "slides")
    assert [t for t in headings(deck) if t.startswith("Day")] == ["Day 1", "Day 2", "Day 3"]
    page = plan("規劃台南三天兩夜的旅行", "infographic")
    days = next(b for b in page.blocks if b.kind == "steps")
    assert [s.title for s in days.steps] == ["第一天", "第二天", "第三天"]


def test_a_decision_is_the_options_and_the_criteria():
    deck = plan("Should we build or buy our analytics platform?", "slides")
    assert [c.heading for c in next(s for s in deck.slides if s.layout == "two_column").columns] == ["Build", "Buy"]
    assert any("Criteria" in t for t in headings(deck))
    page = plan("要租房還是買房？幫我做決定", "infographic")
    assert [c.title for c in next(b for b in page.blocks if b.kind == "comparison").columns] == ["租房", "買房"]
    assert "考量標準" in headings(page)


def test_every_placeholder_is_marked_to_fill_in_and_no_usage_hint_is_content():
    for prompt in ("Plan a 3-day trip to Kyoto", "規劃台南三天兩夜的旅行", "Remote team rituals"):
        o = outline_for(prompt)
        assert all(p.endswith(("(to fill in)", "（待補）")) for part in o.parts for p in part.points)
        for modality in ("slides", "infographic", "whiteboard", "widget"):
            text = shown(plan(prompt, modality))
            assert not re.search(r"ATELIER_|language model|paste|貼上|語言模型", text, re.I), (prompt, modality)


def test_a_mind_map_outline_keeps_each_branch_its_own_leaves():
    board = plan("Plan a 3-day trip to Kyoto", "whiteboard")
    children: dict[str, list[str]] = {}
    for e in board.edges:
        children.setdefault(e.source, []).append(e.target)
    label = {n.id: n.label for n in board.nodes}
    days = [n.id for n in board.nodes if label[n.id].startswith("Day")]
    assert len(days) == 3 and all(len(children[d]) == 3 for d in days)
    assert len({t for d in days for t in children[d]}) == 9  # no leaf shared between two days

"""The offline deck builder (modalities/slides/offline.py) on documents written for the faithfulness rules: no
leaked syntax, no invented stats, no cut inside a number or bracket, no request-echo title, every section and
table cell somewhere, numbered items numbered, header lines apart, notes one item a line, recaps from the sections'
titles, and a `content_dropped` warning when a deck cannot hold everything."""

from __future__ import annotations

import pytest

from models.data import parse_data
from models.planners.base import PlanRequest
from tests.modalities.faithful_cases import PLANNER, TRUTH, failures, measured, plan_document


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_a_deck_of_each_document_has_none_of_the_failures(name):
    assert failures(measured(name, "slides")) == {}


def test_header_lines_are_separate_on_the_cover():
    plan = plan_document("zh_weekly.md", "slides").plan
    assert plan.slides[0].subtitle == "主席：林雅琪 · 記錄：陳志明 · 出席：林雅琪、陳志明、黃淑芬、吳建宏"


def test_numbered_recommendations_keep_their_numbers():
    plan = plan_document("en_retro.md", "slides").plan
    recs = next(s for s in plan.slides if getattr(s, "title", "") == "Recommendations")
    assert [b.text[:3] for b in recs.bullets] == ["1. ", "2. ", "3. "]


def test_sub_points_stay_under_their_point_and_notes_keep_items_apart():
    plan = plan_document("en_retro.md", "slides").plan
    well = next(s for s in plan.slides if getattr(s, "title", "") == "What went well")
    assert [b.level for b in well.bullets] == [0, 0, 1, 1, 0]
    assert "\n  " in well.notes or "\n    " in well.notes
    assert len(well.notes.splitlines()) == 5


def test_a_table_with_text_columns_stays_a_table_and_a_numeric_one_becomes_a_chart():
    plan = plan_document("en_retro.md", "slides").plan
    table = next(s for s in plan.slides if getattr(s, "title", "") == "Numbers by platform")
    assert table.layout == "table" and table.table.columns == ["Platform", "Orders", "Conversion", "Owner"]
    numeric = PLANNER.plan(PlanRequest(prompt="", modality="slides", content=(
        "# Visits\n\n## By year\n\n| Year | Visits | Members |\n| --- | --- | --- |\n| 2023 | 120 | 80 |\n"
        "| 2024 | 150 | 95 |\n| 2025 | 170 | 99 |\n"))).plan
    chart = next(s for s in numeric.slides if s.layout == "chart").chart
    assert [s.name for s in chart.series] == ["Visits", "Members"] and chart.categories == ["2023", "2024", "2025"]


def test_long_form_data_is_turned_wide_so_every_series_is_charted():
    data = parse_data("month,source,gwh\n2026-01,Wind,412\n2026-01,Solar,88\n2026-02,Wind,388\n2026-02,Solar,97\n")
    plan = PLANNER.plan(PlanRequest(prompt="Renewable generation by source", data=data, modality="slides")).plan
    chart = next(s for s in plan.slides if s.layout == "chart").chart
    assert chart.categories == ["2026-01", "2026-02"]
    assert {s.name: s.values for s in chart.series} == {"Wind": [412.0, 388.0], "Solar": [88.0, 97.0]}


def test_the_recap_is_built_from_the_sections_titles():
    plan = plan_document("en_retro.md", "slides").plan
    recap = plan.slides[-1]
    assert recap.layout == "takeaways"
    heads = [p.split(":")[0] for p in recap.points]
    assert heads == ["What went well", "What went badly", "Recommendations"]
    assert len(set(recap.points)) == len(recap.points)


def test_a_mermaid_document_is_shown_as_its_steps_not_its_source():
    plan = plan_document("en_deploy.mmd", "slides").plan
    assert plan.title == "Deploying the mobile app"
    texts = [b.text for s in plan.slides for b in getattr(s, "bullets", [])]
    assert "Tests green?" in texts and "yes: Upload to the stores" in texts
    assert not any("-->" in t or "[" in t for t in texts)


def test_what_a_deck_cannot_hold_is_named_in_a_content_dropped_warning():
    # Two paragraphs each, so no two rules share a slide (short one-paragraph sections would share icon grids).
    rules = "".join(f"## Rule {k}\n\nRule {k} says what to do in case {k}.\n\nTeam {k} follows it too.\n\n"
                    for k in range(1, 81))
    content = "# Handbook\n\n" + rules
    result = PLANNER.plan(PlanRequest(prompt="", content=content, modality="slides"))
    assert len(result.plan.slides) <= 60
    (warning,) = [w for w in result.warnings if w.code == "content_dropped"]
    assert "'Rule 80'" in warning.detail and "'Rule 1'" not in warning.detail


def test_a_deck_that_holds_everything_has_no_content_dropped_warning():
    result = plan_document("en_retro.md", "slides")
    assert not [w for w in result.warnings if w.code == "content_dropped"]

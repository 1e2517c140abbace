"""The offline infographic builder (modalities/infographic/offline.py) on documents written for the faithfulness
rules: the failures of issue 16 are gone, tables are kept (a chart when it shows every cell, else their rows),
sub-points stay with their point, steps keep their numbers and details, a stat row appears only when the text
states quantities, and what does not fit the page is named."""

from __future__ import annotations

import pytest

from models.planners.base import PlanRequest
from models.planners.offline.document import parse_document
from tests.modalities.faithful_cases import FAITHFUL, PLANNER, TRUTH, failures, measured, plan_document


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_an_infographic_of_each_document_has_none_of_the_failures(name):
    assert failures(measured(name, "infographic")) == {}


def test_an_action_item_table_is_kept_as_its_rows_under_its_column_names():
    plan = plan_document("zh_weekly.md", "infographic").plan
    todo = next(b for b in plan.blocks if b.kind == "list" and (b.heading or "").startswith("待辦"))
    assert todo.heading == "待辦：負責人 · 事項 · 期限"
    assert [i.text for i in todo.items] == ["黃淑芬 · 完成母親節活動頁（含表單） · 4 月 20 日",
                                           "吳建宏 · 聯繫三家網紅經紀公司 · 4 月 14 日"]


def test_stats_are_quantities_with_their_units():
    plan = plan_document("en_retro.md", "infographic").plan
    stats = next(b for b in plan.blocks if b.kind == "stat")
    assert [i.value for i in stats.items] == ["2.6%", "18%", "9 hours"]


def test_no_stat_row_when_nothing_is_a_quantity():
    content = ("# Team offsite\n\n## When\n\nWe meet on 18 March in room 4, building 2.\n\n## Dial-in\n\n"
               "Call +49 30 5557 1234, meeting id 884 2210 7731, or see https://x.example/o?id=77000.\n")
    plan = PLANNER.plan(PlanRequest(prompt="", content=content, modality="infographic")).plan
    assert not [b for b in plan.blocks if b.kind == "stat"]


def test_sub_points_stay_with_their_point():
    plan = plan_document("en_retro.md", "infographic").plan
    well = next(b for b in plan.blocks if b.kind == "list" and b.heading == "What went well")
    assert well.items[1].text == ("The new PaymentIntent flow cut failed card payments by 18%: Most of the drop came "
                                  "from 3-D Secure retries; Apple Pay failures fell to almost none")


def test_numbered_steps_keep_their_order_and_their_details():
    text = (FAITHFUL / "en_steps.md").read_text(encoding="utf-8")
    plan = PLANNER.plan(PlanRequest(prompt="", content=text, modality="infographic")).plan
    (steps,) = [b for b in plan.blocks if b.kind == "steps"]
    assert [s.title for s in steps.steps] == ["Enrol the laptop in device management",
                                              "Install the base image, version 7.3.1",
                                              "Hand the laptop over and ask the new starter to sign the form"]
    assert steps.steps[0].detail == ("The serial number must match the purchase order (PO-5512); Check the asset "
                                     "tag; Photograph the box")
    assert plan.subtitle == "IT prepares every laptop the same way"


def test_what_the_page_cannot_hold_is_named_in_a_content_dropped_warning():
    content = "# Handbook\n\n" + "".join(f"## Rule {k}\n\n- Do {k}\n- Then {k}\n\n" for k in range(1, 20))
    result = PLANNER.plan(PlanRequest(prompt="", content=content, modality="infographic"))
    assert len(result.plan.blocks) == 12
    (warning,) = [w for w in result.warnings if w.code == "content_dropped"]
    assert "'Rule 19'" in warning.detail and "'Rule 12'" not in warning.detail


def test_a_document_read_whole_fits_without_a_warning():
    doc = parse_document((FAITHFUL / "zh_weekly.md").read_text(encoding="utf-8"))
    assert len(doc.sections) == 4
    assert not [w for w in plan_document("zh_weekly.md", "infographic").warnings if w.code == "content_dropped"]

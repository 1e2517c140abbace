"""The offline deck builder chooses each slide's layout by the content's shape (modalities/slides/shapes.py and
frame.py): dated points in order are a timeline, steps a process, points that each state a number a stat slide,
short parallel points an icon grid, two short lists two columns; a long deck opens with an agenda, a part gets a
divider, the deck closes with takeaways. Every layout shows the document's own words and numbers, and no deck whose
sections have shapes is mostly plain bullets."""

from __future__ import annotations

import re

from modalities.animation.offline import _shape_points
from models.planners.base import PlanRequest
from models.planners.offline.sequence import in_order
from tests.modalities.faithful_cases import PLANNER

LAUNCH = """# Orbit 2.0 launch plan

## Goals

- Move 120 pilot clinics to 2.0 before general availability
- Keep booking errors low
- Train every clinic's front desk

## Timeline

- 2 September: private beta for the 120 pilot clinics
- 16 September: pricing page and help centre articles published
- 30 September: public beta, self-serve sign-up opens
- 14 October: general availability (release v2.0.3)

## Targets

- Reach 35% of active clinics on a paid plan
- Keep booking errors under 0.5% of appointments
- Answer support calls within 4 hours

## How to onboard a clinic

1. Import the clinic's calendar from the old system.
2. Invite every practitioner by email.
3. Turn on SMS reminders and send a test message.
4. Book a first appointment together with the front desk.

## Owners

Product: Hana Kim. Marketing: Jon Ellis. Support: Ruth Abara.
"""

LAUNCH_ZH = """# 好好記帳付費方案上線計畫

## 時程

- 10 月 15 日：內部測試版交付
- 11 月 3 日：公告新方案與常見問題
- 11 月 20 日：App Store 與 Google Play 送審
- 12 月 1 日：付費方案正式生效

## 目標

- 上線三個月內付費轉換率達到 3%
- 退款申請低於付費用戶的 1.5%
- 客服回覆時間維持在 4 小時內

## 原則

- 資料只存在使用者的裝置
- 免費版功能不減少
- 價格公開透明

## 負責人

產品：黃子軒；行銷：吳佩珊；客服：鄭宇翔。
"""


def deck(content: str, prompt: str = "Make slides"):
    return PLANNER.plan(PlanRequest(prompt=prompt, content=content, modality="slides"))


def layouts(plan) -> list[str]:
    return [s.layout for s in plan.slides]


def content_slides(plan) -> list:
    return [s for s in plan.slides if s.layout not in ("title", "section", "closing")]


def test_four_dated_milestones_are_a_timeline_of_the_documents_dates():
    plan = deck(LAUNCH).plan
    timeline = next(s for s in plan.slides if s.layout == "timeline")
    assert timeline.title == "Timeline"
    assert [e.date for e in timeline.events] == ["2 September", "16 September", "30 September", "14 October"]
    assert timeline.events[0].title == "Private beta for the 120 pilot clinics"
    assert timeline.events[3].title == "General availability (release v2.0.3)"


def test_chinese_dates_are_a_timeline_too():
    plan = deck(LAUNCH_ZH, "做成簡報").plan
    timeline = next(s for s in plan.slides if s.layout == "timeline")
    assert [e.date for e in timeline.events] == ["10 月 15 日", "11 月 3 日", "11 月 20 日", "12 月 1 日"]
    assert [e.title for e in timeline.events][:2] == ["內部測試版交付", "公告新方案與常見問題"]


def test_dates_out_of_order_are_no_timeline():
    content = ("# Notes\n\n## Dates\n\n- 14 October: general availability\n- 2 September: private beta\n"
               "- 30 September: public beta\n\n## More\n\nSomething else.\n")
    assert "timeline" not in layouts(deck(content).plan)
    assert not in_order(["14 October", "2 September"]) and in_order(["2023", "2023", "2025"])


def test_points_that_each_state_a_number_are_a_stat_slide_of_the_sources_numbers():
    for content, prompt in ((LAUNCH, "Make slides"), (LAUNCH_ZH, "做成簡報")):
        stat = next(s for s in deck(content, prompt).plan.slides if s.layout == "stat")
        assert 2 <= len(stat.stats) <= 4
        for s in stat.stats:
            assert s.value in content  # the number as the source wrote it
            assert s.label and re.sub(r"\s", "", s.label)[:6] in re.sub(r"\s", "", content)  # its own clause


def test_numbered_steps_under_a_how_to_heading_are_a_process():
    plan = deck(LAUNCH).plan
    process = next(s for s in plan.slides if s.layout == "process")
    assert process.title == "How to onboard a clinic"
    assert [st.title for st in process.steps] == [
        "Import the clinic's calendar from the old system", "Invite every practitioner by email",
        "Turn on SMS reminders and send a test message", "Book a first appointment together with the front desk"]


def test_a_numbered_list_of_decisions_is_no_process():
    content = ("# Sync\n\n## Decisions\n\n1. We keep the old API until March.\n2. Mobile ships weekly.\n"
               "3. Design owns the icon set.\n\n## Context\n\nThe platform team met on Monday.\n")
    plan = deck(content).plan
    assert "process" not in layouts(plan)
    decisions = next(s for s in plan.slides if getattr(s, "title", "") == "Decisions")
    assert [b.text[:3] for b in decisions.bullets] == ["1. ", "2. ", "3. "]


def test_paragraphs_told_first_then_finally_are_a_process():
    content = ("When a customer brings something back, the person at the till follows these steps.\n\n"
               "First, ask for the receipt or the order number.\n\nCheck the date on the receipt.\n\n"
               "Inspect the item for damage.\n\nFinally, put the item in the returns crate.\n")
    plan = deck(content, "Slides of our returns process").plan
    process = next(s for s in plan.slides if s.layout == "process")
    assert [st.title for st in process.steps] == ["Ask for the receipt or the order number", "Check the date on the "
                                                  "receipt", "Inspect the item for damage",
                                                  "Put the item in the returns crate"]


def test_short_parallel_points_are_an_icon_grid_and_long_ones_stay_bullets():
    plan = deck(LAUNCH_ZH, "做成簡報").plan
    icons = next(s for s in plan.slides if getattr(s, "title", "") == "原則")
    assert icons.layout == "icons"
    assert [i.title for i in icons.items] == ["資料只存在使用者的裝置", "免費版功能不減少", "價格公開透明"]
    long = ("# Notes\n\n## Risks\n\n- SMS delivery in rural areas is patchy, so we fall back to email whenever a "
            "message bounces twice in a row.\n- Support load may double in the first week, so we staff the "
            "hotline from eight in the morning.\n\n## More\n\nSomething else.\n")
    risks = next(s for s in deck(long).plan.slides if getattr(s, "title", "") == "Risks")
    assert risks.layout == "bullets"


def test_a_paragraph_of_labels_and_values_is_an_icon_grid_of_them():
    en = [("Product", "Hana Kim"), ("Marketing", "Jon Ellis"), ("Support", "Ruth Abara")]
    zh = [("產品", "黃子軒"), ("行銷", "吳佩珊"), ("客服", "鄭宇翔")]
    for content, prompt, want in ((LAUNCH, "Make slides", en), (LAUNCH_ZH, "做成簡報", zh)):
        owners = next(s for s in deck(content, prompt).plan.slides if s.layout == "icons" and s.title in
                      ("Owners", "負責人"))
        assert [(i.title, i.detail) for i in owners.items] == want


def test_two_neighbouring_short_lists_sit_side_by_side_under_their_headings():
    content = ("# Garden\n\n## Beds\n\n- Raised beds for wheelchair users\n- Herb spiral by the gate\n\n"
               "## Water\n\n- Rain barrels on the shed\n- Drip lines on a timer\n")
    plan = deck(content).plan
    pair = next(s for s in plan.slides if s.layout == "two_column")
    assert [c.heading for c in pair.columns] == ["Beds", "Water"]
    assert [b.text for b in pair.columns[1].bullets] == ["Rain barrels on the shed", "Drip lines on a timer"]


def test_a_long_deck_opens_with_an_agenda_of_its_sections_and_closes_with_takeaways():
    plan = deck(LAUNCH).plan
    assert plan.slides[1].layout == "agenda"
    assert plan.slides[1].items == ["Goals", "Timeline", "Targets", "How to onboard a clinic", "Owners"]
    assert plan.slides[-1].layout == "takeaways"
    short = "# Notes\n\n## One\n\nFirst point here.\n\n## Two\n\nSecond point here.\n"
    assert "agenda" not in layouts(deck(short).plan)


def test_a_part_with_sections_under_it_gets_a_divider_and_the_agenda_lists_the_parts():
    content = ("# Handbook\n\n## Before you start\n\nWhat to sort out in your first week.\n\n### Laptop\n\n"
               "Collect it from IT on Monday.\n\n### Accounts\n\nSet up email and chat.\n\n## Your first month\n\n"
               "### Meet the team\n\nBook a coffee with each teammate.\n\n### First project\n\nPick a small bug.\n\n"
               "## Later\n\n### Reviews\n\nA check-in after ninety days.\n\n## Help\n\n### Contacts\n\n"
               "Ask in the help channel.\n")
    plan = deck(content).plan
    dividers = [s for s in plan.slides if s.layout == "section"]
    assert [d.title for d in dividers] == ["Before you start", "Your first month", "Later", "Help"]
    assert dividers[0].subtitle == "What to sort out in your first week"
    assert plan.slides[1].layout == "agenda" and plan.slides[1].items == [d.title for d in dividers]


def test_no_deck_is_mostly_bullets_when_its_sections_have_shapes():
    for content, prompt in ((LAUNCH, "Make slides"), (LAUNCH_ZH, "做成簡報")):
        result = deck(content, prompt)
        body = content_slides(result.plan)
        assert sum(s.layout == "bullets" for s in body) <= len(body) / 2
        assert len({s.layout for s in body}) >= 4
        assert not [w for w in result.warnings if w.code == "content_dropped"]


def test_shaped_slides_cut_nothing_in_mid_phrase():
    for content, prompt in ((LAUNCH, "Make slides"), (LAUNCH_ZH, "做成簡報")):
        for slide in deck(content, prompt).plan.slides:
            for text in _shape_points(slide) or []:
                assert not text.endswith("…"), text


def test_an_animation_of_a_shaped_deck_keeps_every_step_and_event():
    plan = deck(LAUNCH).plan
    process = next(s for s in plan.slides if s.layout == "process")
    timeline = next(s for s in plan.slides if s.layout == "timeline")
    assert _shape_points(process)[0] == "Import the clinic's calendar from the old system"
    assert _shape_points(timeline)[0] == "2 September: Private beta for the 120 pilot clinics"


def test_an_infographic_draws_paragraphs_told_first_then_finally_as_steps():
    content = ("When a customer brings something back, the person at the till follows these steps.\n\n"
               "First, ask for the receipt or the order number.\n\nCheck the date on the receipt.\n\n"
               "Finally, put the item in the returns crate.\n")
    page = PLANNER.plan(PlanRequest(prompt="Infographic of our returns process", content=content,
                                    modality="infographic")).plan
    steps = next(b for b in page.blocks if b.kind == "steps")
    assert [s.title for s in steps.steps] == ["Ask for the receipt or the order number", "Check the date on the "
                                              "receipt", "Put the item in the returns crate"]


def test_an_infographic_draws_no_timeline_of_dates_out_of_order():
    content = "# Notes\n\n## Dates\n\n- 2025: opened\n- 2019: founded\n- 2023: moved\n"
    page = PLANNER.plan(PlanRequest(prompt="Infographic", content=content, modality="infographic")).plan
    assert not [b for b in page.blocks if b.kind == "timeline"]
    ordered = content.replace("2025", "2018").replace("2019: founded", "2019: grew")
    page = PLANNER.plan(PlanRequest(prompt="Infographic", content=ordered, modality="infographic")).plan
    assert [e.date for e in next(b for b in page.blocks if b.kind == "timeline").events] == ["2018", "2019", "2023"]


def test_sections_headed_day_1_day_2_are_one_flow_with_each_days_text_whole():
    content = ("# Lisbon offsite\n\n## Day 1: arrive\n\nFlights land between 10:00 and 14:00. Welcome dinner at 19:30."
               "\n\n## Day 2: strategy day\n\nMorning: the 2027 roadmap. Afternoon: a walking tour.\n\n"
               "## Day 3: fly home\n\nDecisions and owners until 12:00, then lunch.\n\n## Budget\n\n"
               "The offsite costs €38,500 in total, most of it for rooms.\n")
    plan = deck(content).plan
    flow = next(s for s in plan.slides if s.layout == "process")
    assert flow.title == "Day 1 – Day 3"
    assert [st.title for st in flow.steps] == ["Day 1: arrive", "Day 2: strategy day", "Day 3: fly home"]
    assert flow.steps[0].detail == "Flights land between 10:00 and 14:00. Welcome dinner at 19:30"
    assert any(getattr(s, "title", "") == "Budget" for s in plan.slides)


def test_a_digest_of_short_sections_is_an_icon_grid_and_a_conclusion_stays_apart():
    content = ("# 城市降溫\n\n## 一、種樹要種對地方\n\n行道樹的樹蔭能讓人行道表面降溫。\n\n## 二、屋頂換上淺色塗料\n\n"
               "淺色反射塗料能讓頂樓室內溫度降低。\n\n## 三、讓風走得進來\n\n棟距與開口方向決定街道通不通風。\n\n"
               "## 結語\n\n降溫沒有單一解方。\n")
    plan = deck(content, "做成簡報").plan
    grid = next(s for s in plan.slides if s.layout == "icons")
    assert [i.title for i in grid.items] == ["一、種樹要種對地方", "二、屋頂換上淺色塗料", "三、讓風走得進來"]
    assert grid.items[0].detail == "行道樹的樹蔭能讓人行道表面降溫"
    assert any(getattr(s, "title", "") == "結語" for s in plan.slides)


def test_a_section_of_big_numbers_keeps_its_stat_slide_among_short_sections():
    content = ("# 運動會\n\n## 地點\n\n河濱公園大草坪。\n\n## 預算\n\n"
               "總預算 6 萬 5 千元，場地與保險 2 萬元，獎品 1 萬 8 千元。"
               "\n\n## 雨天備案\n\n改到社區活動中心舉行。\n\n## 報名方式\n\n9 月 30 日前填寫線上表單。\n")
    plan = deck(content, "做成簡報").plan
    stat = next(s for s in plan.slides if s.layout == "stat")
    assert stat.title == "預算" and [s.value for s in stat.stats][0] == "6 萬 5 千元"
    assert not any(s.layout == "icons" and "預算" in [i.title for i in s.items] for s in plan.slides)

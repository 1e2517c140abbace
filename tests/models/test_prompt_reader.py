"""Structure typed into the prompt is content: arrows, numbered steps, dates, conditions and lists become a document
the builders read, split from the words that ask for it; a bare request carries none."""

from __future__ import annotations

import pytest

from modalities.registry import specs
from models.planners.base import PlanRequest
from models.planners.offline import OfflinePlanner
from models.planners.offline.prompt_reader import read_prompt

PLANNER = OfflinePlanner(specs())


def items(content: str) -> list[str]:
    return [line.split(" ", 1)[1] for line in content.splitlines() if line[:1].isdigit() or line.startswith("- ")]


def test_an_arrow_chain_after_a_colon_is_numbered_steps_and_the_words_before_it_the_request():
    r = read_prompt("Draw how a pull request gets merged: open PR -> CI runs -> review -> merge -> deploy to staging "
                    "-> smoke test -> production")
    assert r is not None and r.kind == "chain"
    assert r.request == "Draw how a pull request gets merged"
    assert items(r.content) == ["open PR", "CI runs", "review", "merge", "deploy to staging", "smoke test",
                                "production"]


def test_a_chinese_arrow_chain_and_one_typed_without_a_colon():
    zh = read_prompt("畫出請假流程：填寫申請 -> 主管審核 -> 人資登錄 -> 通知代理人")
    assert zh.request == "畫出請假流程" and items(zh.content) == ["填寫申請", "主管審核", "人資登錄", "通知代理人"]
    bare = read_prompt("Draw open PR -> CI runs -> merge")
    assert items(bare.content) == ["open PR", "CI runs", "merge"]
    assert bare.content.startswith("# From open PR to merge")  # the request named no subject: the chain does


@pytest.mark.parametrize(("prompt", "steps"), [
    ("Onboarding steps for a new engineer: 1. get a laptop 2. set up accounts 3. pair with a buddy 4. ship a small fix",
     ["get a laptop", "set up accounts", "pair with a buddy", "ship a small fix"]),
    ("新人報到步驟：1. 領取識別證 2. 設定帳號 3. 參加說明會 4. 認識導師",
     ["領取識別證", "設定帳號", "參加說明會", "認識導師"]),
])
def test_inline_numbered_steps_become_a_numbered_list(prompt: str, steps: list[str]):
    r = read_prompt(prompt)
    assert r.kind == "steps" and items(r.content) == steps


def test_dates_typed_into_the_prompt_become_dated_lines_in_both_languages():
    en = read_prompt("Release timeline: 10 March beta, 2 April public launch, 15 May version 2.0")
    assert en.kind == "dates" and en.request == "Release timeline"
    assert items(en.content) == ["10 March: beta", "2 April: public launch", "15 May: version 2.0"]
    zh = read_prompt("產品時程：3 月 10 日測試版、4 月 2 日正式上線、5 月 15 日推出 2.0 版")
    assert items(zh.content) == ["3 月 10 日：測試版", "4 月 2 日：正式上線", "5 月 15 日：推出 2.0 版"]


def test_a_process_with_conditions_is_split_into_its_clauses():
    en = read_prompt("Flowchart: a customer submits a refund request; if the amount is over $100 a manager approves "
                     "it, otherwise it is refunded automatically")
    assert en.kind == "conditions" and en.asked == "Flowchart"
    assert items(en.content) == ["A customer submits a refund request.", "If the amount is over $100 a manager "
                                 "approves it.", "Otherwise it is refunded automatically."]
    zh = read_prompt("退貨流程：顧客申請退貨，若商品未拆封則直接退款，否則由客服判斷是否受理")
    assert zh.request == "退貨流程"
    assert items(zh.content) == ["顧客申請退貨。", "若商品未拆封則直接退款。", "否則由客服判斷是否受理。"]


def test_a_list_after_a_colon_is_a_list_and_a_request_written_after_it_stays_the_request():
    r = read_prompt("Packing checklist: tent, stove and a lamp")
    assert r.kind == "list" and r.request == "Packing checklist" and items(r.content) == ["tent.", "stove.", "a lamp."]
    zh = read_prompt("年度閱讀報告：讀了幾本書、最愛類型、平均評分，做成一張圖")
    assert items(zh.content) == ["讀了幾本書。", "最愛類型。", "平均評分。"] and zh.request.endswith("做成一張圖")
    ordered = read_prompt("畫出訂單狀態的轉換：成立、付款、出貨、完成")  # a sequence word: the list is in order
    assert ordered.content.startswith("1. 成立")


@pytest.mark.parametrize("prompt", [
    "How does a heat pump work?", "Compare PostgreSQL and MongoDB for a startup", "規劃台南三天兩夜的旅行",
    "Pomodoro timer", "Infographic: why sleep matters for teenagers and adults",
    "Loan calculator: $300,000 at 4.5% for 30 years", "If I save $500 a month, how much will I have in 10 years",
    "What happens if I miss a payment?", "產品照：竹編收納籃",
])
def test_a_bare_request_or_a_question_carries_no_structure(prompt: str):
    assert read_prompt(prompt) is None


def test_the_planner_renders_a_typed_chain_as_its_structure_in_every_form():
    prompt = "Draw how a pull request gets merged: open PR -> CI runs -> review -> merge"
    board = PLANNER.plan(PlanRequest(prompt=prompt, modality="whiteboard"))
    assert board.plan.kind.value == "flowchart" and not board.warnings  # content, not an outline to fill
    labels = [n.label for n in board.plan.nodes]
    assert labels == ["Start", "Open PR", "CI runs", "Review", "Merge", "Done"]
    assert board.plan.title == "How a pull request gets merged"
    page = PLANNER.plan(PlanRequest(prompt=prompt, modality="infographic")).plan
    steps = next(b for b in page.blocks if b.kind == "steps")
    assert [s.title.lower() for s in steps.steps] == ["open pr", "ci runs", "review", "merge"]
    deck = PLANNER.plan(PlanRequest(prompt=prompt, modality="slides")).plan
    process = next(s for s in deck.slides if s.layout == "process")  # a chain of steps is drawn as one
    assert [st.title.lower() for st in process.steps] == ["open pr", "ci runs", "review", "merge"]


def test_routing_reads_the_words_that_ask_not_the_steps():
    # "說明會" (a briefing) in a step does not ask for a deck; numbered steps typed in suit one page.
    result = PLANNER.plan(PlanRequest(prompt="新人報到步驟：1. 領取識別證 2. 設定帳號 3. 參加說明會 4. 認識導師"))
    assert result.plan.modality == "infographic", result.rationale
    assert "the prompt lists numbered steps" in result.rationale

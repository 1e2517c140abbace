"""Conditions in a process (if / otherwise / unless, 如果 / 若 / 否則 / 除非) become decisions with labelled branches,
and "… again" / 「回到 …」 loops back to the step it names."""

from __future__ import annotations

from models.planners.offline.flow import Flow, numbered_steps, read_flow


def edges(flow: Flow) -> list[tuple[str, str, str | None]]:
    label = {n.id: n.label for n in flow.nodes}
    return [(label[e.source], label[e.target], e.label) for e in flow.edges]


def kinds(flow: Flow) -> dict[str, str]:
    return {n.label: n.kind for n in flow.nodes}


def test_if_otherwise_is_a_decision_with_yes_and_no_branches_that_meet_again():
    flow = read_flow(["The customer submits a refund request.",
                      "If the amount is over $100, a manager approves it; otherwise it is refunded automatically.",
                      "The customer gets an email."], zh=False)
    assert kinds(flow)["The amount is over $100?"] == "decision"
    assert ("The amount is over $100?", "A manager approves it", "yes") in edges(flow)
    assert ("The amount is over $100?", "It is refunded automatically", "no") in edges(flow)
    # both branches go on to the next step
    assert ("A manager approves it", "The customer gets an email", None) in edges(flow)
    assert ("It is refunded automatically", "The customer gets an email", None) in edges(flow)


def test_a_condition_without_a_comma_and_an_otherwise_in_its_own_clause():
    flow = read_flow(["A customer submits a refund request.", "If the amount is over $100 a manager approves it.",
                      "Otherwise it is refunded automatically."], zh=False)
    assert ("The amount is over $100?", "A manager approves it", "yes") in edges(flow)
    assert ("The amount is over $100?", "It is refunded automatically", "no") in edges(flow)


def test_again_loops_back_to_the_step_it_names():
    flow = read_flow(["CI runs the tests.", "If CI fails, the developer pushes a fix and CI runs again.",
                      "The developer merges."], zh=False)
    assert ("CI fails?", "The developer pushes a fix", "yes") in edges(flow)
    assert ("The developer pushes a fix", "CI runs the tests", "CI runs again") in edges(flow)  # the loop
    assert ("CI fails?", "The developer merges", "no") in edges(flow)


def test_unless_swaps_the_branches_and_another_review_goes_back_to_the_review():
    flow = read_flow(["A second engineer reviews the change. Unless the reviewer approves, the developer addresses "
                      "the comments and asks for another review.", "The developer merges."], zh=False)
    assert ("The reviewer approves?", "The developer merges", "yes") in edges(flow)
    assert ("The reviewer approves?", "The developer addresses the comments", "no") in edges(flow)
    assert ("The developer addresses the comments", "A second engineer reviews the change",
            "asks for another review") in edges(flow)


def test_otherwise_after_a_check_makes_the_check_the_decision():
    flow = read_flow(["Check the date. Items bought within 30 days get a full refund; otherwise offer store credit.",
                      "Inspect the item."], zh=False)
    assert kinds(flow)["Check the date"] == "decision"
    assert ("Check the date", "Offer store credit", "otherwise") in edges(flow)


def test_chinese_conditions_loops_and_numbers_with_commas():
    flow = read_flow(["系統自動檢查金額。如果單筆超過 5,000 元，需要附上事前核准的簽呈；否則直接進入主管審核。",
                      "主管審核。若主管退回，申請人修改後重新送出，回到主管審核。",
                      "除非醫師另有交代，三天後請回診。"], zh=True)
    assert ("單筆超過 5,000 元？", "需要附上事前核准的簽呈", "是") in edges(flow)
    assert ("單筆超過 5,000 元？", "主管審核", "否") in edges(flow)  # "直接進入主管審核" moves on: no step of its own
    assert ("申請人修改後重新送出", "主管審核", "回到主管審核") in edges(flow)
    assert ("醫師另有交代？", "三天後請回診", "否") in edges(flow)
    assert flow.decisions == 3


def test_a_step_written_as_a_question_is_a_decision_and_plain_steps_run_from_start_to_done():
    flow = read_flow(["Open a pull request", "Tests pass?", "Merge"], zh=False)
    assert [(n.label, n.kind) for n in flow.nodes] == [("Start", "terminal"), ("Open a pull request", "step"),
                                                        ("Tests pass?", "decision"), ("Merge", "step"),
                                                        ("Done", "terminal")]


def test_numbered_steps_keep_their_continuation_lines():
    text = "Intro.\n\n1. First step\n2. Second step that goes on\n   to the next line.\n3. Third\n\nAfter."
    assert numbered_steps(text) == ["First step", "Second step that goes on to the next line.", "Third"]

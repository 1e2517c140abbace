"""The offline planner's boards: what a user pastes (arrows, "X calls Y" lines, dates, steps, outlines, Mermaid),
in English and Traditional Chinese, becomes the board they meant."""

from __future__ import annotations

from modalities.registry import specs
from models.planners.base import PlanRequest
from models.planners.offline import OfflinePlanner
from tests.conftest import render_plan

PLANNER = OfflinePlanner(specs())


def plan(prompt: str, content: str):
    return PLANNER.plan(PlanRequest(prompt=prompt, content=content, modality="whiteboard")).plan


def labelled_edges(p):
    label = {n.id: n.label for n in p.nodes}
    return [(label[e.source], label[e.target], e.label) for e in p.edges]


def test_arrows_under_headings_make_an_architecture_with_groups():
    p = plan("Draw our architecture", "## Frontend\n- Web app\n- Mobile app\n## Backend\n- API\n- Worker\n"
             "## Data\n- Postgres\n\nWeb app -> API\nMobile app -> API\nAPI -> Postgres\nAPI -> |jobs| Worker\n"
             "Worker -> Postgres")
    assert p.kind.value == "architecture"
    groups = {g.id: g.label for g in p.groups}
    assert {n.label: groups[n.group] for n in p.nodes} == {"Web app": "Frontend", "Mobile app": "Frontend",
                                                            "API": "Backend", "Worker": "Backend", "Postgres": "Data"}
    assert ("API", "Worker", "jobs") in labelled_edges(p)


def test_calls_and_sends_lines_make_a_sequence_in_both_languages():
    en = plan("", "Browser sends credentials to API\nAPI queries Database\nDatabase returns user row to API\n"
                  "API returns token to Browser")
    assert en.kind.value == "sequence"
    assert [n.label for n in en.nodes] == ["Browser", "API", "Database"]
    assert [(s, t) for s, t, _ in labelled_edges(en)] == [("Browser", "API"), ("API", "Database"),
                                                           ("Database", "API"), ("API", "Browser")]
    assert [e.dashed for e in en.edges] == [False, False, True, True]
    zh = plan("登入時序圖", "瀏覽器 傳送 帳號密碼 給 伺服器\n伺服器 向 資料庫 查詢 使用者\n"
                       "資料庫 回傳 使用者資料 給 伺服器\n伺服器 回傳 權杖 給 瀏覽器")
    assert zh.kind.value == "sequence"
    assert labelled_edges(zh) == [("瀏覽器", "伺服器", "帳號密碼"), ("伺服器", "資料庫", "查詢使用者"),
                                  ("資料庫", "伺服器", "回傳使用者資料"), ("伺服器", "瀏覽器", "回傳權杖")]


def test_dated_lines_make_a_timeline_with_times_on_the_axis():
    en = plan("Company history",
              "- 2015: Founded in Taipei\n- 2017: First product\n- 2019: Series A\n- 2021: 100 staff")
    assert en.kind.value == "timeline"
    assert [(n.time, n.label) for n in en.nodes] == [("2015", "Founded in Taipei"), ("2017", "First product"),
                                                     ("2019", "Series A"), ("2021", "100 staff")]
    zh = plan("公司大事記", "2015年 在台北成立\n2017年 推出第一個產品\n2019年 完成A輪募資")
    assert [(n.time, n.label) for n in zh.nodes] == [("2015年", "在台北成立"), ("2017年", "推出第一個產品"),
                                                     ("2019年", "完成A輪募資")]


def test_numbered_steps_make_a_flowchart_from_start_to_done_with_decisions():
    p = plan("How a PR gets merged", "1. Open a pull request\n2. CI runs tests\n3. Tests pass?\n4. Merge")
    assert p.kind.value == "flowchart"
    assert [(n.label, n.shape.value) for n in p.nodes] == [
        ("Start", "terminal"), ("Open a pull request", "box"), ("CI runs tests", "box"), ("Tests pass?", "decision"),
        ("Merge", "box"), ("Done", "terminal")]
    assert len(p.edges) == 5


def test_indented_outline_of_any_depth_is_a_mind_map():
    p = plan("mind map of risks", "# Project risks\n- Schedule\n  - Scope creep\n  - Key people leave\n"
             "    - Bus factor\n- Budget\n  - FX rates")
    assert p.kind.value == "mindmap" and p.nodes[0].label == "Project risks"
    assert labelled_edges(p) == [("Project risks", "Schedule", None), ("Schedule", "Scope creep", None),
                                 ("Schedule", "Key people leave", None), ("Key people leave", "Bus factor", None),
                                 ("Project risks", "Budget", None), ("Budget", "FX rates", None)]
    zh = plan("畫一張心智圖", "# 專案風險\n- 時程\n  - 需求變更\n- 預算\n  - 匯率")
    assert zh.kind.value == "mindmap"
    assert ("時程", "需求變更", None) in labelled_edges(zh)


def test_brainstorm_clusters_notes_by_section():
    p = plan("brainstorm growth ideas", "## Ideas\n- Free trial\n- Referral bonus\n## Risks\n- Churn\n- Cost")
    assert p.kind.value == "brainstorm"
    groups = {g.id: g.label for g in p.groups}
    assert [(n.label, groups[n.group], n.shape.value) for n in p.nodes] == [
        ("Free trial", "Ideas", "note"), ("Referral bonus", "Ideas", "note"), ("Churn", "Risks", "note"),
        ("Cost", "Risks", "note")]


def test_mermaid_content_is_parsed_not_guessed(tmp_path):
    result = PLANNER.plan(PlanRequest(prompt="", content="```mermaid\nflowchart LR\nA[Start (now)] --> B{OK?}\n"
                                                          "B -->|yes| C[Ship]\n```"))
    assert result.plan.modality == "whiteboard"
    p = result.plan
    assert [(n.id, n.label, n.shape.value) for n in p.nodes] == [("A", "Start (now)", "box"), ("B", "OK?", "decision"),
                                                               ("C", "Ship", "box")]
    assert labelled_edges(p) == [("Start (now)", "OK?", None), ("OK?", "Ship", "yes")]
    files = render_plan(p.model_dump(mode="json"), tmp_path).files
    assert {f.name for f in files} >= {"board.excalidraw", "board.svg", "board.png", "board.mmd"}


def test_chinese_arrows_with_labels():
    p = plan("請假流程圖", "申請人 → 主管審核 → |核准| 人資登錄\n主管審核 → |退回| 申請人")
    assert p.kind.value == "flowchart"
    assert labelled_edges(p) == [("申請人", "主管審核", None), ("主管審核", "人資登錄", "核准"),
                                 ("主管審核", "申請人", "退回")]

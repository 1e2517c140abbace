"""The offline planner: modality choice in English and Traditional Chinese, and structure from content."""

from __future__ import annotations

import pytest

from modalities.registry import specs
from models.data import parse_data
from models.planners.base import PlanRequest
from models.planners.offline import OfflinePlanner
from tests.conftest import FIXTURES

PLANNER = OfflinePlanner(specs())


@pytest.mark.parametrize(
    ("prompt", "modality"),
    [
        ("Make a slide deck about our Q3 results", "slides"),
        ("I need a presentation for Monday's team meeting", "slides"),
        ("幫我做一份關於台灣半導體產業的簡報", "slides"),
        ("把這篇文章做成投影片", "slides"),
        ("Create an infographic about coffee habits", "infographic"),
        ("做一張遠距工作的資訊圖表", "infographic"),
        ("整理成懶人包", "infographic"),
        ("Draw a flowchart of how a pull request gets merged", "whiteboard"),
        ("Make a mind map of project risks", "whiteboard"),
        ("請畫出請假申請的流程圖", "whiteboard"),
        ("用白板說明系統架構", "whiteboard"),
        ("Build an interactive mortgage calculator", "widget"),
        ("A quiz about the solar system", "widget"),
        ("做一個互動的匯率換算工具", "widget"),
        ("房貸試算", "widget"),
        ("A watercolor picture of a lighthouse at dawn", "image"),
        ("畫一隻在窗邊睡覺的貓", "image"),
        ("一張夕陽下的海邊照片", "image"),
    ],
)
def test_modality_from_the_request_words(prompt, modality):
    result = PLANNER.plan(PlanRequest(prompt=prompt))
    assert result.plan.modality == modality
    assert result.rationale
    assert modality not in result.alternatives and len(result.alternatives) == 2


def test_planning_a_project_is_not_a_picture():
    # 計畫 contains 畫 ("draw") but means "plan".
    result = PLANNER.plan(PlanRequest(prompt="我們明年的行銷計畫", content="## 目標\n提升品牌知名度\n## 預算\n一百萬"))
    assert result.plan.modality != "image"


def test_content_shape_decides_when_words_do_not():
    arrows = PLANNER.plan(PlanRequest(prompt="", content="Browser -> API -> Database\nAPI -> Cache"))
    assert arrows.plan.modality == "whiteboard"
    data = PLANNER.plan(PlanRequest(prompt="", data=parse_data((FIXTURES / "sales.csv").read_text())))
    assert data.plan.modality == "widget"
    assert data.plan.widget.kind == "chart"
    article = PLANNER.plan(PlanRequest(prompt="", content=(FIXTURES / "en_article.md").read_text()))
    assert article.plan.modality == "slides"


def test_traditional_chinese_article_with_emoji_sections_becomes_one_slide_per_section():
    content = (FIXTURES / "zh_article.txt").read_text(encoding="utf-8")
    result = PLANNER.plan(PlanRequest(prompt="做成簡報", content=content))
    plan = result.plan
    assert plan.modality == "slides" and plan.language == "zh-TW"
    assert plan.title == "台灣的數位轉型：中小企業的下一步"
    titles = [getattr(s, "title", None) for s in plan.slides]
    sections = ["為什麼現在就要開始", "從小地方開始", "人才是關鍵", "衡量成效"]
    for heading in sections:
        assert titles.count(heading) == 1, f"{heading} should have exactly one slide"
    body = [s for s in plan.slides if getattr(s, "title", None) in sections]
    assert len(body) == 4
    assert plan.slides[0].layout == "title" and plan.slides[-1].layout == "takeaways"
    # the long text moves to the speaker notes; the bullets are short
    for slide in body:
        assert slide.notes and len(slide.notes) > 40
        for b in getattr(slide, "bullets", []):
            assert len(b.text) <= 41
    assert not result.warnings


def test_markdown_article_keeps_lists_tables_and_steps():
    content = (FIXTURES / "en_article.md").read_text(encoding="utf-8")
    plan = PLANNER.plan(PlanRequest(prompt="slides", content=content)).plan
    layouts = {getattr(s, "title", ""): s.layout for s in plan.slides}
    assert plan.title == "Remote work, three years on"
    assert layouts["Office attendance"] == "chart"
    chart = next(s for s in plan.slides if s.layout == "chart").chart
    assert chart.kind.value == "line" and chart.categories == ["2021", "2022", "2023", "2024"]
    changed = next(s for s in plan.slides if getattr(s, "title", "") == "What changed")
    assert [b.level for b in changed.bullets] == [0, 0, 0, 1, 1]


def test_infographic_finds_stats_and_steps():
    content = (FIXTURES / "en_article.md").read_text(encoding="utf-8")
    plan = PLANNER.plan(PlanRequest(prompt="infographic", content=content)).plan
    kinds = [b.kind for b in plan.blocks]
    assert kinds[0] == "stat" and "steps" in kinds and "chart" in kinds
    values = [i.value for i in plan.blocks[0].items]
    assert "62%" in values


def test_whiteboard_from_arrows_has_labelled_edges_and_decisions():
    content = "Start -> Valid input? -> |yes| Save -> Done\nValid input? -> |no| Show error"
    plan = PLANNER.plan(PlanRequest(prompt="flowchart", content=content)).plan
    labels = {n.label: n for n in plan.nodes}
    assert labels["Valid input?"].shape.value == "decision"
    edge_labels = sorted(e.label for e in plan.edges if e.label)
    assert edge_labels == ["no", "yes"]


def test_short_prompt_without_content_is_an_honest_scaffold():
    result = PLANNER.plan(PlanRequest(prompt="Make a deck about solar energy"))
    assert [w.code for w in result.warnings] == ["scaffold"]
    assert result.plan.title == "Solar energy"
    bullets = [b.text for s in result.plan.slides for b in getattr(s, "bullets", [])]
    assert bullets and all(b.endswith("(to fill in)") for b in bullets)  # placeholders, plainly marked


def test_fixed_modality_is_respected():
    result = PLANNER.plan(PlanRequest(prompt="Make a deck about tea", modality="infographic"))
    assert result.plan.modality == "infographic"
    assert result.rationale == "the request chose an infographic"

"""Hand-written truth for the documents in tests/fixtures/faithful, and a helper that plans a document with the
offline planner and measures the plan with the content-quality measures (bench/quality/measures.py)."""

from __future__ import annotations

from typing import Any

from bench.quality.corpus import Case, NotQuantity, Quantity, Truth
from bench.quality.measures import Render, measure
from modalities.registry import specs
from models.planners.base import PlannerResult, PlanRequest
from models.planners.offline import OfflinePlanner
from tests.conftest import FIXTURES

FAITHFUL = FIXTURES / "faithful"
PLANNER = OfflinePlanner(specs())

TRUTH: dict[str, tuple[str, str, Truth]] = {
    "en_retro.md": ("en", "Make an overview of this retro", Truth(
        title=["Checkout rewrite: the retrospective"],
        sections=[["What went well"], ["What went badly"], ["Numbers by platform"], ["Recommendations"]],
        table_cells=["Platform", "Orders", "Conversion", "Owner", "iOS", "41,200", "2.9%", "Lin Qiu", "Android",
                     "35,800", "2.4%", "Omar Haddad", "Web", "58,100", "2.6%", "Dana Whitfield"],
        quantities=[
            Quantity("2.1%", 2.1, "%", "Conversion on mobile rose from 2.1% to 2.6% in the first month"),
            Quantity("2.6%", 2.6, "%", "Conversion on mobile rose from 2.1% to 2.6% in the first month"),
            Quantity("18%", 18, "%", "The new PaymentIntent flow cut failed card payments by 18%"),
            Quantity("140", 140, "tickets", "Support tickets about checkout fell to 140 a week"),
            Quantity("9 hours", 9, "hours", "The migration script ran for 9 hours instead of the planned 2"),
            Quantity("48 million", 48, "million rows", "the orders table (about 48 million rows)"),
        ],
        not_quantities=[NotQuantity("3 February", 3, "date"), NotQuantity("4.2.1", 4.2, "version"),
                        NotQuantity("+44 20 7946 0321", 44, "phone"), NotQuantity("PAY-77", 77, "id"),
                        NotQuantity("CHK-220", 220, "id"), NotQuantity("1.", 1, "ordinal")],
        leak_markers=["---", "<!--", "headingDivider", "**", "`", "](", "fbclid", "utm_source", "marp: true",
                      "TODO"],
        exact_terms=["PaymentIntent", "iOS"],
        forbidden=["Omar Haddad Present"],
        numbered=["Add an index check to the migration runbook", "Keep the old flow behind a flag",
                  "Budget one week for load tests"],
    )),
    "zh_weekly.md": ("zh", "幫我把會議紀錄整理成一張資訊圖表", Truth(
        title=["行銷部週會紀錄"],
        sections=[["上週成果"], ["決議"], ["待辦"], ["其他"]],
        table_cells=["負責人", "事項", "期限", "黃淑芬", "完成母親節活動頁（含表單）", "4 月 20 日", "吳建宏",
                     "聯繫三家網紅經紀公司", "4 月 14 日"],
        quantities=[
            Quantity("1,240 人", 1240, "人", "春季檔期活動的報名人數達到 1,240 人"),
            Quantity("15%", 15, "%", "比去年同期增加 15%"),
            Quantity("3 萬 2 千人次", 32000, "人次", "社群貼文的平均觸及約 3 萬 2 千人次"),
            Quantity("45 萬元", 450000, "萬元", "母親節檔期預算提高到 45 萬元"),
        ],
        not_quantities=[NotQuantity("2026 年", 2026, "date"), NotQuantity("4 月 7 日", 7, "date"),
                        NotQuantity("5 月 1 日", 5, "date"), NotQuantity("6 月 15 日", 15, "date"),
                        NotQuantity("(02) 2345-6789", 2345, "phone"), NotQuantity("9 點", 9, "date")],
        leak_markers=["| --- |", "https", "fbclid"],
        forbidden=["陳志明出席", "林雅琪記錄"],
        numbered=["母親節檔期預算提高到 45 萬元", "官網改版延到 6 月 15 日上線", "每月第一個週五舉行成效檢討會"],
    )),
    "en_deploy.mmd": ("en", "", Truth(
        title=["Deploying the mobile app"],
        sections=[["Tag the release"], ["Tests green?"], ["Upload to the stores"], ["Fix and re-tag"],
                  ["Announce in #releases"]],
        leak_markers=["-->", "flowchart", "%%", "A[", "title:", "Maintained by"],
    )),
    "zh_trip.mmd": ("zh", "整理成心智圖", Truth(
        title=["花蓮三日遊"],
        sections=[["交通"], ["住宿"], ["景點"], ["台北搭火車"], ["當地租機車"], ["民宿兩晚"], ["太魯閣"], ["七星潭"]],
        leak_markers=["mindmap", "root((", "((", "%%", "草稿"],
    )),
}


def plan_document(name: str, modality: str, prompt: str | None = None) -> PlannerResult:
    lang, default_prompt, _ = TRUTH[name]
    text = (FAITHFUL / name).read_text(encoding="utf-8")
    return PLANNER.plan(PlanRequest(prompt=default_prompt if prompt is None else prompt, content=text,
                                    modality=modality))


def measured(name: str, modality: str) -> dict[str, Any]:
    """The content-quality measures of the offline planner's plan of one fixture document."""
    lang, prompt, truth = TRUTH[name]
    result = plan_document(name, modality)
    case = Case(id=name, lang=lang, kind="test", prompt=prompt, modalities=[modality], truth=truth,
                source=FAITHFUL / name, given_as="content")
    manifest = {"warnings": [w.model_dump() for w in result.warnings]}
    return measure(Render(case, modality, result.plan.model_dump(mode="json"), manifest))


def failures(m: dict[str, Any]) -> dict[str, Any]:
    """Everything a faithful answer must not have, from one render's measures (empty when all is well)."""
    out = {key: m[key] for key in ("leaks", "stats", "cuts", "mid_phrase", "fidelity") if m[key]}
    if m["echo"]:
        out["echo"] = m["echo"]
    if m["sections"]["missing"]:
        out["sections"] = m["sections"]["missing"]
    if m["cells"]["missing"]:
        out["cells"] = m["cells"]["missing"]
    return out

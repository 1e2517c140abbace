"""Widgets: one self-contained, network-free HTML page per plan (a chart, table, calculator, quiz, flashcards,
checklist, countdown, timeline, converter, or a model's own guarded page), and a preview picture of it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from modalities.spec import Embed, FileKind, Labels, ModalitySpec, Routing, lazy

from .plan import WidgetPlan
from .quality import check

# Heights of widgets drawn without a preview (no browser yet), roughly what each kind needs at 800 px.
KIND_HEIGHT = {"chart": 620, "explorer": 680, "table": 480, "calculator": 420, "quiz": 640, "flashcards": 420,
               "checklist": 420, "countdown": 260, "timeline": 480, "converter": 300, "html": 480}


def _shape(shape):
    score = 2.0 if shape.has_data else 0.0
    if shape.tables:
        score += 0.8
    return score, "the request comes with a data table" if shape.has_data else None


def _height(details: Mapping[str, Any]) -> int:
    return KIND_HEIGHT.get(str(details.get("widget_kind", "")), 480)


SPEC = ModalitySpec(
    name="widget",
    plan=WidgetPlan,
    render=lazy("modalities.widget.render:render"),
    build=lazy("modalities.widget.offline:build_widget"),
    guide=Path(__file__).with_name("guide.md"),
    check=check,
    routing=Routing(
        purpose=(
            "something the reader uses: a calculator, unit or currency converter, quiz, flashcards, checklist, "
            "countdown, sortable table or interactive chart."
        ),
        words=(
            ("interactive", 3.5), ("calculator", 3.5), ("converter", 3.5), ("convert", 1.5), ("quiz", 3.5),
            ("flashcards", 3.5), ("flashcard", 3.5), ("checklist", 3), ("countdown", 3.5), ("timer", 2.5),
            ("widget", 3.5), ("sortable", 3), ("filterable", 3), ("dashboard", 2.5), ("tool", 1.5),
            ("estimator", 3), ("simulator", 3), ("chart", 1.5), ("table", 1), ("compute", 1.5), ("calculate", 2.5),
            ("test yourself", 3), ("how much", 2), ("each month", 1.5), ("per month", 1.5),
            ("monthly payment", 2.5), ("memorise", 3), ("memorize", 3), ("practice", 1.5), ("track my", 2),
            ("互動", 3.5), ("計算機", 3.5), ("試算", 3.5), ("計算", 2.5), ("換算", 3.5), ("測驗", 3.5), ("小測驗", 3.5),
            ("考題", 3), ("閃卡", 3.5), ("單字卡", 3.5), ("清單", 2), ("檢查表", 3), ("倒數", 3.5), ("計時", 2.5),
            ("工具", 1.5), ("圖表", 1.5), ("表格", 1), ("多少錢", 2.5), ("會有多少", 2.5), ("要付多少", 2.5),
            ("每月存", 2), ("背誦", 3), ("記住", 2), ("練習", 1.5),
            # Something the reader operates: enters, filters, checks, times, tracks.
            ("clock", 2), ("stopwatch", 3), ("filter", 2), ("search", 1), ("tracker", 3), ("track", 1.5),
            ("simulate", 2.5), ("what if", 2), ("how many", 2), ("drill", 2), ("game", 2), ("generator", 2),
            ("picker", 2.5), ("random", 1.5), ("slider", 2.5), ("sliders", 2.5), ("toggle", 2), ("quiz me", 3.5),
            ("let me", 1.5), ("enter", 1.5), ("scroll", 1),
            ("考考我", 3.5), ("模擬", 2.5), ("捲動", 1.5), ("可篩選", 3), ("可排序", 3), ("篩選", 2), ("排序", 1.5),
            ("查詢", 1.5), ("追蹤", 2), ("記錄", 1.5), ("多少", 1.5), ("抽籤", 2.5), ("隨機", 2), ("遊戲", 2),
            ("碼表", 3), ("時鐘", 2), ("輸入", 1.5),
            # Something to work out or tick off, asked without naming a tool ("how long until", "幫我算").
            ("how long until", 2), ("tick off", 2.5), ("check off", 2.5), ("guess", 1.5), ("幾天", 1.5),
            ("多久", 1.5), ("划算", 2), ("算一下", 2.5), ("幫我算", 2.5), ("打勾", 2.5), ("猜", 1.5),
            ("ticks off", 2.5), ("splitter", 2.5), ("annual return", 2), ("分帳", 2.5), ("分攤", 2), ("年化", 2),
            ("有獎問答", 3),
        ),
        synonyms=("interactive", "calculator", "quiz"),
        shape=_shape,
        rank=40,
    ),
    files=(
        FileKind("widget.html", "primary", "html"),
        FileKind("preview.png", "preview", "png", pending=True),
    ),
    embed=Embed(viewer="page", height=_height),
    card="widget",
    steps=("widget.html", "preview.png"),
    labels={"en": Labels("Widget", "an interactive widget", "widget"),
            "zh": Labels("互動工具", "一個互動工具", "互動工具")},
    preload=("modalities.widget.render",),
    write=lazy("modalities.widget.writing:write_widget"),
    details=("widget_kind", "page_size", "preview_note"),
)

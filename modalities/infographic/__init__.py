"""Infographics: a one-page visual summary as SVG (text stays text), a PNG drawn from that SVG, and a one-slide
PPTX of native shapes and text, all written from one laid-out page."""

from __future__ import annotations

from pathlib import Path

from modalities.spec import Embed, FileKind, Labels, ModalitySpec, Routing, lazy

from .plan import InfographicPlan
from .quality import check

# Bare requests of these kinds fit one page: steps to follow, highlights, things side by side.
_ASKS = {"howto": 1.0, "summary": 1.0, "compare": 0.8}
_ASKS_NOTE = {"howto": "the request asks how to do something", "summary": "the request asks for a summary",
              "compare": "the request asks for a comparison"}


def _shape(shape):
    if shape.asks in _ASKS:
        return _ASKS[shape.asks], _ASKS_NOTE[shape.asks]
    score = 1.0 if shape.has_data else 0.0
    if shape.has_content and shape.sections < 3 and (shape.sections or shape.length > 600):
        score += 0.8
    if shape.tables:
        score += 0.8
    if shape.typed in ("steps", "dates"):
        score += 1.5
        return score, "the prompt lists numbered steps" if shape.typed == "steps" else "the prompt lists dated events"
    return score, "the request comes with a data table" if shape.has_data else None


SPEC = ModalitySpec(
    name="infographic",
    plan=InfographicPlan,
    render=lazy("modalities.infographic.render:render"),
    build=lazy("modalities.infographic.offline:build_infographic"),
    guide=Path(__file__).with_name("guide.md"),
    check=check,
    routing=Routing(
        purpose=(
            "one page that is read at a glance: key numbers, a few points with icons, steps, a timeline, a "
            "comparison, a cheat sheet or fact sheet."
        ),
        words=(
            ("infographic", 3.5), ("one-pager", 3), ("one pager", 3), ("one page", 2.5), ("poster", 2.5),
            ("visual summary", 3), ("at a glance", 2.5), ("cheat sheet", 2.5), ("fact sheet", 2.5),
            ("summary card", 2), ("key stats", 1.5), ("summarize", 1), ("summarise", 1), ("summary", 0.8),
            ("steps to", 1.5), ("how to", 1.2), ("tips", 1.5), ("guide", 1), ("checklist for", 1),
            ("資訊圖表", 3.5), ("資訊圖", 3.5), ("信息图", 3.5), ("圖解", 2.5), ("懶人包", 3), ("海報", 2.5),
            ("一頁", 2),
            ("重點整理", 2), ("摘要", 1), ("總結", 1), ("步驟", 1.5), ("教學", 1.2), ("訣竅", 1.5), ("方法", 0.8),
            # Read at a glance, often printed or pinned up: one page, facts, numbers side by side.
            ("handout", 2.5), ("flyer", 2.5), ("leaflet", 2.5), ("reference card", 2.5), ("reference sheet", 2.5),
            ("quick reference", 2.5), ("in numbers", 2.5), ("by the numbers", 2.5), ("side by side", 2),
            ("next to each other", 2), ("one visual", 3), ("single visual", 3), ("one graphic", 3), ("graphic", 1.5),
            ("key facts", 2), ("printable", 2), ("print", 1), ("pin", 1), ("wall", 1), ("with icons", 2),
            ("一張圖", 3), ("一覽", 2.5), ("印出來", 2), ("列印", 1.5), ("貼在", 1.5), ("傳單", 2.5), ("文宣", 2),
            ("圖卡", 2.5), ("小卡", 1.5), ("看板", 1.5), ("比較", 1), ("差異", 1), ("重點", 1), ("說清楚", 1.5),
            ("看完", 1.5), ("數字", 1),
            # Facts laid out to be read at once, asked without naming a form ("ranked", "一次看懂").
            ("compared", 1.5), ("ranked", 1.5), ("breakdown", 1.5), ("broken down", 1.5), ("stats", 1.5),
            ("對照", 2), ("一次看懂", 2.5), ("看懂", 1.5), ("排行", 2), ("排名", 1.5), ("比一比", 2),
            ("速查", 2.5), ("注意事項", 1.5), ("指南", 1.5), ("圖鑑", 2.5),
            ("facts", 1.5), ("小撇步", 1.5),
        ),
        synonyms=("poster", "one-pager"),
        shape=_shape,
        rank=20,
        general=True,
    ),
    files=(
        FileKind("infographic.svg", "primary", "svg"),
        FileKind("infographic.png", "export", "png"),
        FileKind("infographic.pptx", "export", "pptx"),
    ),
    embed=Embed(viewer="picture"),
    card="picture",
    steps=("images", "layout", "infographic.svg", "infographic.png", "infographic.pptx"),
    labels={"en": Labels("Infographic", "an infographic", "infographic"),
            "zh": Labels("資訊圖表", "一張資訊圖表", "資訊圖表")},
    preload=("modalities.infographic.render",),
    details=("size",),
)

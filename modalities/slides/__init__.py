"""Slides: a deck as an editable 16:9 PPTX with native text, charts, tables and speaker notes, a PNG preview of
every slide drawn from the same layout, and a PDF through LibreOffice."""

from __future__ import annotations

import re
from pathlib import Path

from modalities.spec import Embed, FileKind, Labels, ModalitySpec, Routing, lazy

from .plan import SlidesPlan
from .quality import check

# Bare requests for content of these kinds are answered best by a deck (an outline to fill, part by part).
_ASKS = {"explain": 1.0, "compare": 1.0, "decision": 1.5, "trip": 1.5, "plan": 1.5}
_ASKS_NOTE = {"explain": "the request asks for an explanation", "compare": "the request asks for a comparison",
              "decision": "the request weighs a decision", "trip": "the request plans a trip",
              "plan": "the request asks for a plan"}


def _shape(shape):
    if shape.asks in _ASKS:
        return _ASKS[shape.asks], _ASKS_NOTE[shape.asks]
    score = 0.5 if shape.has_data else 0.0
    if shape.sections >= 3:
        return score + 2.0, f"the content has {shape.sections} sections"
    if shape.has_content and (shape.sections or shape.length > 600):
        score += 1.0
    return score, None


SPEC = ModalitySpec(
    name="slides",
    plan=SlidesPlan,
    render=lazy("modalities.slides.render:render"),
    build=lazy("modalities.slides.offline:build_slides"),
    guide=Path(__file__).with_name("guide.md"),
    check=check,
    routing=Routing(
        purpose=(
            "a slide deck to present or share: talks, lessons, pitches, reports with several parts, a document "
            "turned into a presentation."
        ),
        words=(
            ("slides", 3), ("slide deck", 3), ("slide", 2.5), ("deck", 3), ("presentation", 3), ("powerpoint", 3),
            ("pptx", 3), ("keynote", 2.5), ("pitch", 2), ("talk", 1), ("lecture", 1.5), ("present", 1.5),
            ("簡報", 3), ("投影片", 3), ("簡報檔", 3), ("提案", 1.5), ("報告", 1.5), ("演講", 2), ("課程", 1),
            # Where and how a deck is used: in front of people, on a screen, page by page.
            ("webinar", 2.5), ("on screen", 2), ("click through", 2.5), ("speaking at", 2), ("speak at", 2),
            ("to present", 2), ("presenting", 2), ("lesson", 1.5), ("workshop", 1.5), ("training", 1),
            ("meeting", 1.5), ("all-hands", 2), ("town hall", 2), ("briefing", 2), ("walk through", 1.5),
            ("retrospective", 1.5), ("update for", 1.5), ("demo day", 2), ("kickoff", 1.5), ("kick-off", 1.5),
            ("class", 1), ("seminar", 2), ("conference", 1), ("audience", 1.5),
            ("分享", 1.5), (re.compile(r"[\d一二三四五六七八九十]+\s*頁"), 2.5), ("記者會", 2), ("教育訓練", 2),
            ("會議", 1.5), ("講座", 2), ("上課", 1.5), ("授課", 2), ("口試", 2), ("說明會", 2), ("發表會", 1.5),
            ("週會", 2), ("月會", 2), ("研討會", 1.5), ("台上", 1.5), ("聽眾", 1.5), ("播放", 1),
        ),
        synonyms=("slide", "deck", "presentation"),
        shape=_shape,
        rank=10,
        general=True,
    ),
    files=(
        FileKind("deck.pptx", "primary", "pptx"),
        FileKind("slide-*.png", "preview", "png"),
        FileKind("deck.pdf", "export", "pdf", pending=True),
    ),
    embed=Embed(viewer="slides"),
    card="deck",
    steps=("images", "layout", "deck.pptx", "slide previews", "deck.pdf"),
    labels={"en": Labels("Slides", "a slide deck", "deck"), "zh": Labels("簡報", "一份簡報", "簡報")},
    preload=("modalities.slides.render",),
    write=lazy("modalities.slides.outline:write_outlined"),
    details=("slide_count",),
)

"""Slides: a deck as an editable 16:9 PPTX with native text, charts, tables and speaker notes, a PNG preview of
every slide drawn from the same layout, and a PDF through LibreOffice."""

from __future__ import annotations

from pathlib import Path

from modalities.spec import Embed, FileKind, Labels, ModalitySpec, Routing, lazy

from .plan import SlidesPlan
from .quality import check


def _shape(shape):
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
            ("簡報", 3), ("投影片", 3), ("簡報檔", 3), ("提案", 1.5), ("報告", 1), ("演講", 2), ("課程", 1),
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

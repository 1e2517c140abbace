"""Every layout in every theme: the hand-written decks and infographics (bench/design/plans.py) render without a
lint warning, every text fits its box in the PPTX as measured with the faces it names, every plan layout appears,
few points use the slide's space, and the infographic picks its variants by content."""

from __future__ import annotations

import re

import pytest
from lxml import etree
from pptx import Presentation

from bench.design.plans import INFOGRAPHIC_EN, INFOGRAPHIC_ZH, SLIDES_EN, SLIDES_ZH
from modalities.infographic.layout import layout_page
from modalities.registry import parse_plan, render, spec
from modalities.slides.layout import DeckLayout
from modalities.slides.plan import SlideLayout, SlidesPlan
from modalities.slides.pptx_writer import write_deck
from modalities.slides.scene import ShapeItem, TextItem
from models.images.fallback import FallbackImageBackend
from renderers.base import Lints, RenderContext
from renderers.theme import THEMES, get_theme
from tests.modalities.test_slides import text_fits_its_box

LINT_CODES = {"text_overflow", "overlap", "off_canvas", "missing_glyph", "low_contrast"}
SVG = "{http://www.w3.org/2000/svg}"


def _render(plan: dict, theme: str, out):
    ctx = RenderContext(out_dir=out, theme=get_theme(theme), images=FallbackImageBackend(), options={"pdf": False})
    return render(parse_plan(plan), ctx)


def test_the_hand_written_decks_use_every_layout():
    used = {s["layout"] for s in SLIDES_EN["slides"]} | {s["layout"] for s in SLIDES_ZH["slides"]}
    assert used == {layout.value for layout in SlideLayout}


@pytest.mark.parametrize("theme", list(THEMES))
@pytest.mark.parametrize("plan", [SLIDES_EN, SLIDES_ZH], ids=["en", "zh"])
def test_every_slide_layout_renders_cleanly_in_every_theme(plan, theme, tmp_path):
    """The deck's layout and its PPTX (the previews are drawn from the same scenes; test_slides checks them)."""
    lints = Lints()
    deck = DeckLayout(SlidesPlan.model_validate(plan), get_theme(theme), {}, lints)
    assert [f"{w.where}: {w.detail}" for w in lints if w.code in LINT_CODES] == []
    write_deck(deck.scenes, get_theme(theme), tmp_path / "deck.pptx", "T", "en")
    prs = Presentation(str(tmp_path / "deck.pptx"))
    checked = 0
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                ok, why = text_fits_its_box(shape)
                assert ok, why
                checked += 1
    assert checked > 60


def _deck(slides: list[dict], theme: str = "light") -> DeckLayout:
    plan = SlidesPlan.model_validate({"modality": "slides", "title": "T", "slides": slides})
    return DeckLayout(plan, get_theme(theme), {}, Lints())


def _ink_bottom(scene) -> float:
    """How far down the slide its content reaches (text as laid out, cards and shapes), title and footer aside."""
    bottom = 0.0
    for item in scene.items:
        if item.name in ("title", "slide number", "title rule"):
            continue
        if isinstance(item, TextItem):
            bottom = max(bottom, item.rect.y + min(item.layout.height, item.rect.h) if item.anchor == "top"
                         else item.rect.bottom)
        elif isinstance(item, ShapeItem):
            bottom = max(bottom, item.rect.bottom)
    return bottom


@pytest.mark.parametrize("texts", [
    ["Hire two engineers", "Ship the beta in May", "Cut hosting costs"],
    ["招募兩位工程師", "五月推出測試版", "降低主機成本"],
    ["Agree on core hours for each team, so that meetings fall inside them",
     "Write every decision down in the shared document, with who decided and why",
     "Give each new hire an onboarding buddy for the first month"],
])
def test_three_short_bullets_do_not_leave_the_lower_half_empty(texts):
    deck = _deck([{"layout": "bullets", "title": "Next steps", "bullets": [{"text": t} for t in texts]}])
    scene = deck.scenes[0]
    body = deck.grid.body
    assert _ink_bottom(scene) > body.y + body.h * 0.6, "the points use the body's height"
    sizes = [i.layout.size for i in scene.items if isinstance(i, TextItem) and i.name.startswith(("card", "row"))
             and not i.name.endswith("number")]
    assert sizes and min(sizes) > get_theme("light").sizes.body, "few points are set larger than body text"


def test_many_points_or_sub_points_stay_a_list():
    deck = _deck([{"layout": "bullets", "title": "T", "bullets": [{"text": f"Point {i}"} for i in range(7)]},
                  {"layout": "bullets", "title": "T", "bullets": [{"text": "Main"}, {"text": "Sub", "level": 1}]}])
    assert [[i.name for i in s.items if isinstance(i, TextItem) and i.bullets] for s in deck.scenes] == [["body"],
                                                                                                          ["body"]]


def test_sections_are_numbered_in_order_and_the_agenda_lists_the_parts():
    deck = _deck([{"layout": "agenda", "title": "Agenda", "items": ["One", "Two"]},
                  {"layout": "section", "title": "One"},
                  {"layout": "bullets", "title": "A", "bullets": [{"text": "x"}]},
                  {"layout": "section", "title": "Two"},
                  {"layout": "bullets", "title": "B", "bullets": [{"text": "y"}]}])
    numbers = [i.layout.paras[0].para.text for s in deck.scenes for i in s.items if i.name == "section number"]
    assert numbers == ["01", "02"]
    agenda = [i.layout.paras[0].para.text for i in deck.scenes[0].items if re.fullmatch(r"item \d", i.name)]
    assert agenda == ["One", "Two"]


def test_process_and_timeline_are_drawn_with_shapes():
    deck = _deck([{"layout": "process", "title": "P", "steps": [{"title": "A"}, {"title": "B"}, {"title": "C"}]},
                  {"layout": "timeline", "title": "T", "events": [{"date": "2020", "title": "a"},
                                                                  {"date": "2021", "title": "b"}]}])
    arrows = [i.kind for i in deck.scenes[0].items if isinstance(i, ShapeItem) and i.name.endswith("arrow")]
    assert arrows == ["pentagon", "chevron", "chevron"]
    dots = [i for i in deck.scenes[1].items if isinstance(i, ShapeItem) and i.name.endswith("dot")]
    assert len(dots) == 2 and dots[0].rect.cy == dots[1].rect.cy and dots[0].rect.x < dots[1].rect.x


def test_the_slides_guide_names_every_layout():
    guide = spec("slides").guide_text()
    for layout in SlideLayout:
        assert f'"{layout.value}"' in guide, layout.value


@pytest.mark.parametrize("theme", list(THEMES))
@pytest.mark.parametrize("plan", [INFOGRAPHIC_EN, INFOGRAPHIC_ZH], ids=["en", "zh"])
@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_every_infographic_layout_is_clean_in_every_theme(plan, theme, orientation):
    page, lints = layout_page(parse_plan({**plan, "orientation": orientation}), get_theme(theme), None)
    assert [f"{w.where}: {w.detail}" for w in lints if w.code in LINT_CODES] == []
    assert [b.index for b in page.blocks] == list(range(1, len(plan["blocks"]) + 1)), "blocks in reading order"


def test_infographic_variants_follow_the_content(tmp_path):
    _render(INFOGRAPHIC_EN, "light", tmp_path)
    root = etree.parse(str(tmp_path / "infographic.svg")).getroot()
    groups = {g.get("data-kind"): g for g in root.iter(f"{SVG}g") if g.get("data-kind")}

    def first_rect(kind):
        return groups[kind].find(f"{SVG}rect")

    assert float(first_rect("stat").get("width")) == 1080, "headline numbers are a band across the page"
    # a short list is a row of icons: its icons share one line
    icon_rows = {round(float(c.get("cy"))) for c in groups["list"].findall(f"{SVG}circle")}
    assert len(icon_rows) == 1
    # a few dated events are a band: their dots share one line
    dots = {round(float(c.get("cy"))) for c in groups["timeline"].findall(f"{SVG}circle")}
    assert len(dots) == 1
    # parallel comparison points are a table: one text per cell, row by row
    cells = [t.text for t in groups["comparison"].iter(f"{SVG}text")]
    assert cells.index("Easy to ask questions") < cells.index("Fewer interruptions") < cells.index("No commute")
    # two short neighbours share a row, left before right
    quote, text = (float(first_rect(k).get(a)) for k, a in (("quote", "y"), ("text", "y")))
    assert quote == text and float(first_rect("quote").get("x")) < float(first_rect("text").get("x"))

"""Infographics: the SVG parsed back (blocks, text inside its card, nothing active), the PNG, and the one-slide
PPTX, for English and Traditional Chinese content."""

from __future__ import annotations

import re

import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation

from modalities.registry import specs
from models.planners.base import PlanRequest
from models.planners.offline import OfflinePlanner
from renderers.icons import EN_SYNONYMS, ZH_KEYWORDS, _index, match
from renderers.layout.fonts import find_face, font_stack
from renderers.layout.text import measure
from tests.conftest import FIXTURES, render_plan
from tests.modalities.test_contract import check_png, check_svg

SVG = "{http://www.w3.org/2000/svg}"

FULL_PLAN = {
    "modality": "infographic", "title": "Remote work at a glance", "subtitle": "What 1,200 office workers told us",
    "hero_image": {"prompt": "a laptop on a kitchen table", "alt": "A laptop at home"},
    "blocks": [
        {"kind": "stat", "heading": "Key numbers", "items": [
            {"value": "62%", "label": "work remotely at least one day a week"},
            {"value": "3.5 h", "label": "saved on commuting every week"},
            {"value": "1,200", "label": "people answered the survey"}]},
        {"kind": "list", "heading": "Tips", "items": [{"text": "Set a fixed start and end time"},
                                                      {"text": "Use a separate corner for work"},
                                                      {"text": "Turn off notifications while focusing"},
                                                      {"text": "Take a short walk after lunch"}]},
        {"kind": "steps", "heading": "How to start", "steps": [
            {"title": "Agree on core hours", "detail": "Four hours when everyone is reachable."},
            {"title": "Pick the tools"}, {"title": "Review after a month"}]},
        {"kind": "timeline", "heading": "How we got here", "events": [
            {"date": "2019", "title": "A few pilots"},
            {"date": "2020", "title": "Everyone went remote"},
            {"date": "2023", "title": "Hybrid became normal"}]},
        {"kind": "comparison", "heading": "Office vs home", "columns": [
            {"title": "Office", "points": ["Easy to ask questions", "Commute takes time"]},
            {"title": "Home", "points": ["Fewer interruptions", "Harder to switch off"]}]},
        {"kind": "chart", "heading": "Remote days per week", "chart": {
            "kind": "column", "categories": ["0", "1", "2", "3", "4", "5"],
            "series": [{"name": "Share", "values": [38, 22, 18, 12, 6, 4]}], "unit": "%"}},
        {"kind": "quote", "text": "Remote work is a way of working, not a place.", "attribution": "A respondent"},
        {"kind": "text", "heading": "Method", "text": "Online survey, March 2025, weighted by age and region."},
    ],
    "source": "Atelier demo survey",
}


def _faces():
    faces = (find_face(n, b) for n in ("Noto Sans", "Noto Sans CJK TC") for b in (False, True))
    return {(f.family, f.bold): f for f in faces}


def text_extents(root):
    """Every <text> with the box its glyphs take, measured with the face it names."""
    stacks = {b: font_stack("Noto Sans", "Noto Sans CJK TC", b) for b in (False, True)}
    for t in root.iter(f"{SVG}text"):
        size = float(t.get("font-size"))
        bold = t.get("font-weight") == "700"
        width = measure(t.text or "", stacks[bold], size)
        x = float(t.get("x"))
        anchor = t.get("text-anchor", "start")
        if anchor == "middle":
            x -= width / 2
        elif anchor == "end":
            x -= width
        y = float(t.get("y"))
        turned = re.match(r"translate\(([-\d.]+),([-\d.]+)\) rotate\(-90\)", t.getparent().get("transform") or "")
        if turned:  # an axis title read bottom to top: its line runs up from the turning point
            tx, ty = float(turned.group(1)), float(turned.group(2))
            yield t, (tx - y - size * 0.25, ty - x - width, tx - y + size * 0.88, ty - x)
            continue
        yield t, (x, y - size * 0.88, x + width, y + size * 0.25)


def card_of(group):
    rect = group.find(f"{SVG}rect")
    return tuple(float(rect.get(k)) for k in ("x", "y", "width", "height"))


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    out = tmp_path_factory.mktemp("info")
    return render_plan(FULL_PLAN, out), out


def test_every_block_kind_renders_as_its_own_group(full):
    result, out = full
    root = check_svg(out / "infographic.svg")
    kinds = [g.get("data-kind") for g in root.iter(f"{SVG}g") if g.get("data-kind")]
    assert kinds == [b["kind"] for b in FULL_PLAN["blocks"]]
    assert root.findtext(f"{SVG}title") == FULL_PLAN["title"]
    assert not [w for w in result.warnings if w.code != "image_fallback"]


def test_every_text_sits_inside_its_block(full):
    _, out = full
    root = etree.parse(str(out / "infographic.svg")).getroot()
    checked = 0
    for group in root.iter(f"{SVG}g"):
        if not group.get("data-kind"):
            continue
        x, y, w, h = card_of(group)
        for t, (x0, y0, x1, y1) in text_extents(group):
            assert x - 0.5 <= x0 and x1 <= x + w + 0.5, f"'{t.text}' leaves its card sideways"
            assert y - 0.5 <= y0 and y1 <= y + h + 0.5, f"'{t.text}' leaves its card vertically"
            checked += 1
    assert checked > 30
    width = float(root.get("width"))
    for t, (x0, _, x1, _) in text_extents(root):
        assert 0 <= x0 and x1 <= width, f"'{t.text}' leaves the page"


def test_png_is_the_svg_drawn(full):
    _, out = full
    root = etree.parse(str(out / "infographic.svg")).getroot()
    size = check_png(out / "infographic.png", min_colors=20)
    assert size == (int(root.get("width")), int(root.get("height")))


def _plan_texts(plan: dict) -> list[str]:
    texts = []

    def walk(v, key=None):
        if isinstance(v, dict):
            for k, x in v.items():
                walk(x, k)
        elif isinstance(v, list):
            for x in v:
                walk(x, key)
        elif isinstance(v, str) and key in ("title", "subtitle", "value", "label", "text", "heading", "detail", "date",
                                            "points", "attribution"):
            texts.append(v)

    walk({k: v for k, v in plan.items() if k != "hero_image"})
    return texts


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_pptx_has_the_same_texts_as_native_text(full):
    _, out = full
    prs = Presentation(str(out / "infographic.pptx"))
    assert len(prs.slides) == 1
    shapes = list(prs.slides[0].shapes)
    pptx_text = _squash(" ".join(s.text_frame.text for s in shapes if s.has_text_frame))
    svg_root = etree.parse(str(out / "infographic.svg")).getroot()
    svg_text = _squash("".join(t.text or "" for t in svg_root.iter(f"{SVG}text")))
    for text in _plan_texts(FULL_PLAN):
        assert _squash(text) in pptx_text, text
        assert _squash(text) in svg_text, text
    assert sum(1 for s in shapes if s.has_chart) == 1
    pictures = [s for s in shapes if s.shape_type == 13]
    assert all(p._element.nvPicPr.cNvPr.get("descr") for p in pictures)


def test_traditional_chinese_infographic_has_every_glyph(tmp_path):
    content = (FIXTURES / "zh_article.txt").read_text(encoding="utf-8")
    plan = OfflinePlanner(specs()).plan(PlanRequest(prompt="資訊圖表", content=content)).plan
    result = render_plan(plan.model_dump(mode="json"), tmp_path)
    assert [w for w in result.warnings if w.code in ("missing_glyph", "text_overflow", "overlap", "off_canvas")] == []
    root = check_svg(tmp_path / "infographic.svg")
    assert "台灣的數位轉型" in "".join(t.text or "" for t in root.iter(f"{SVG}text"))
    cjk_runs = [t for t in root.iter(f"{SVG}text") if re.search(r"[\u4e00-\u9fff]", t.text or "")]
    assert cjk_runs and all(t.get("font-family") == "'Noto Sans CJK TC'" for t in cjk_runs)


def test_hostile_title_is_literal_text(tmp_path):
    hostile = '<script>alert(1)</script> & "><img src=x onerror=alert(2)>'
    plan = {**FULL_PLAN, "title": hostile, "hero_image": None, "blocks": FULL_PLAN["blocks"][:2]}
    render_plan({k: v for k, v in plan.items() if v is not None}, tmp_path)
    root = check_svg(tmp_path / "infographic.svg")
    assert root.findtext(f"{SVG}title") == hostile
    assert not list(root.iter(f"{SVG}img")) and not list(root.iter("img"))
    joined = "".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "<script>alert(1)</script>" in joined
    prs = Presentation(str(tmp_path / "infographic.pptx"))
    assert any(hostile in s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame)


def test_landscape_is_one_1920_by_1080_screen(tmp_path):
    plan = {**FULL_PLAN, "orientation": "landscape", "hero_image": None}
    result = render_plan({k: v for k, v in plan.items() if v is not None}, tmp_path)
    root = check_svg(tmp_path / "infographic.svg")
    assert (root.get("width"), root.get("height")) == ("1920", "1080")
    assert not [w for w in result.warnings if w.code in ("text_overflow", "overlap", "off_canvas")]
    with Image.open(tmp_path / "infographic.png") as im:
        assert im.size == (1920, 1080)


def test_icons_follow_the_words_in_both_languages():
    assert match("Revenue grew 40%") == "dollar-sign"
    assert match("中小企業表示面臨缺工問題") == "building"
    assert match("Turn off notifications") == "bell"
    assert match("安全與隱私") == "shield"
    # every word the bilingual tables name is a real Lucide icon or tag
    index = _index()
    for target in [*ZH_KEYWORDS.values(), *EN_SYNONYMS.values()]:
        assert target in index.names or target in index.words, target

"""Decks, reopened with python-pptx and read back the way PowerPoint would: every text inside its box, native
charts holding the plan's data, CJK runs with East Asian fonts and zh-TW tags, notes, previews and the PDF."""

from __future__ import annotations

import subprocess

import pytest
from PIL import Image
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu

from modalities.registry import parse_plan, render, specs
from models.images.fallback import FallbackImageBackend
from models.planners.base import PlanRequest
from models.planners.offline import OfflinePlanner
from renderers.base import RenderContext
from renderers.layout.fonts import font_stack
from renderers.layout.script import is_cjk
from renderers.layout.text import wrap
from renderers.theme import get_theme
from tests.conftest import FIXTURES
from tests.parts import need

LINT_CODES = {"text_overflow", "overlap", "off_canvas", "missing_glyph", "low_contrast"}


def render_deck(plan, out, theme="light", pdf=False):
    ctx = RenderContext(out_dir=out, theme=get_theme(theme), images=FallbackImageBackend(), options={"pdf": pdf})
    return render(plan, ctx)


def plan_article(name: str, prompt: str):
    content = (FIXTURES / name).read_text(encoding="utf-8")
    return OfflinePlanner(specs()).plan(PlanRequest(prompt=prompt, content=content)).plan


def text_fits_its_box(shape) -> tuple[bool, str]:
    """Re-measures a text box from the PPTX alone: its paragraphs' runs, the faces they name, sizes and exact line
    spacing, wrapped at the box width, must fit the box height."""
    width = Emu(shape.width).pt
    height = Emu(shape.height).pt
    used = 0.0
    for n, p in enumerate(shape.text_frame.paragraphs):
        runs = p.runs
        if not runs:
            continue
        size = runs[0].font.size.pt
        rpr = runs[0]._r.find(qn("a:rPr"))
        stack = font_stack(rpr.find(qn("a:latin")).get("typeface"), rpr.find(qn("a:ea")).get("typeface"),
                           bool(runs[0].font.bold))
        ppr = p._p.pPr
        margin = Emu(int(ppr.get("marL", 0))).pt if ppr is not None else 0
        spacing = p.line_spacing.pt if p.line_spacing is not None and hasattr(p.line_spacing, "pt") else size * 1.2
        if n and p.space_before is not None:
            used += p.space_before.pt
        text = "".join(r.text for r in runs)
        lines = wrap(text, stack, size, width - margin)
        used += len(lines) * spacing
    return used <= height + 0.5, f"'{shape.text_frame.text[:40]}' needs {used:.1f} pt, box is {height:.1f} pt"


@pytest.fixture(scope="module")
def zh_deck(tmp_path_factory):
    out = tmp_path_factory.mktemp("zh")
    plan = plan_article("zh_article.txt", "做成簡報")
    result = render_deck(plan, out)
    return plan, result, out


@pytest.fixture(scope="module")
def en_deck(tmp_path_factory):
    out = tmp_path_factory.mktemp("en")
    plan = plan_article("en_article.md", "slides")
    result = render_deck(plan, out, theme="dark")
    return plan, result, out


@pytest.mark.parametrize(("article", "theme"), [("zh_long.txt", "light"), ("en_long.txt", "bold"),
                                              ("zh_long.txt", "dark"), ("en_article.md", "bold")])
def test_longer_articles_make_clean_decks(article, theme, tmp_path):
    plan = plan_article(article, "slides")
    assert len(plan.slides) >= 6
    result = render_deck(plan, tmp_path, theme=theme)
    assert [w for w in result.warnings if w.code in LINT_CODES] == []
    prs = Presentation(str(tmp_path / "deck.pptx"))
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                assert text_fits_its_box(shape)[0]


@pytest.mark.parametrize("deck", ["zh_deck", "en_deck"])
def test_articles_render_without_lint_warnings(deck, request):
    plan, result, out = request.getfixturevalue(deck)
    lints = [w for w in result.warnings if w.code in LINT_CODES]
    assert lints == []
    prs = Presentation(str(out / "deck.pptx"))
    assert len(prs.slides) == result.details["slide_count"] >= len(plan.slides)


@pytest.mark.parametrize("deck", ["zh_deck", "en_deck"])
def test_every_text_box_holds_its_text(deck, request):
    _, _, out = request.getfixturevalue(deck)
    prs = Presentation(str(out / "deck.pptx"))
    checked = 0
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                ok, why = text_fits_its_box(shape)
                assert ok, why
                assert shape.text_frame.word_wrap is True
                checked += 1
    assert checked > 10


def test_cjk_runs_name_east_asian_fonts_and_zh_tw(zh_deck):
    _, _, out = zh_deck
    prs = Presentation(str(out / "deck.pptx"))
    cjk_runs = 0
    for slide in prs.slides:
        for run in slide.shapes._spTree.iter(qn("a:r")):
            text = run.findtext(qn("a:t")) or ""
            rpr = run.find(qn("a:rPr"))
            assert rpr.find(qn("a:latin")).get("typeface") == "Noto Sans"
            if any(is_cjk(c) for c in text):
                cjk_runs += 1
                assert rpr.find(qn("a:ea")).get("typeface") == "Noto Sans CJK TC"
                assert rpr.get("lang") == "zh-TW"
    assert cjk_runs > 10


def test_speaker_notes_carry_the_full_text(zh_deck):
    plan, _, out = zh_deck
    prs = Presentation(str(out / "deck.pptx"))
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide]
    for slide in plan.slides:
        if slide.notes:
            assert slide.notes in notes
    assert any("62%" in n or "六成" in n for n in notes)


def test_native_chart_holds_the_plans_data(en_deck):
    plan, _, out = en_deck
    wanted = next(s.chart for s in plan.slides if s.layout == "chart")
    prs = Presentation(str(out / "deck.pptx"))
    charts = [sh.chart for s in prs.slides for sh in s.shapes if sh.has_chart]
    assert len(charts) == 1
    chart = charts[0]
    assert list(chart.plots[0].categories) == wanted.categories
    assert [list(s.values) for s in chart.plots[0].series] == [s.values for s in wanted.series]
    # the numbers live in the embedded workbook, so "Edit Data" opens them in PowerPoint
    assert chart.part.chart_workbook.xlsx_part is not None


def test_tables_and_two_level_bullets(tmp_path):
    plan = parse_plan({"modality": "slides", "title": "T", "slides": [
        {"layout": "bullets", "title": "Levels", "bullets": [{"text": "Main"}, {"text": "Sub", "level": 1}]},
        {"layout": "table", "title": "Scores", "table": {"columns": ["Name", "Score"],
                                                          "rows": [[f"Person {i}", i * 10] for i in range(1, 41)]}},
    ]})
    result = render_deck(plan, tmp_path)
    prs = Presentation(str(tmp_path / "deck.pptx"))
    levels = [p._p.pPr.get("marL") for sh in prs.slides[0].shapes if sh.has_text_frame and "Main" in sh.text_frame.text
              for p in sh.text_frame.paragraphs]
    assert len(levels) == 2 and int(levels[1]) > int(levels[0])
    tables = [sh.table for s in prs.slides for sh in s.shapes if sh.has_table]
    assert len(tables) >= 2, "40 rows continue on a second slide"
    rows = [t.cell(r, 0).text for t in tables for r in range(1, len(t.rows))]
    assert rows == [f"Person {i}" for i in range(1, 41)]
    assert all(t.cell(0, 1).text == "Score" for t in tables)
    assert not [w for w in result.warnings if w.code in LINT_CODES]


def test_overflowing_bullets_are_repaired_by_columns_or_continued_slides(tmp_path):
    short = [{"text": f"Point {i}"} for i in range(12)]
    sentence = "a longer sentence that takes most of a line on the slide "
    long = [{"text": f"Point {i}: " + sentence * 4} for i in range(12)]
    plan = parse_plan({"modality": "slides", "title": "T", "slides": [
        {"layout": "bullets", "title": "Short", "bullets": short},
        {"layout": "bullets", "title": "Long", "bullets": long},
    ]})
    result = render_deck(plan, tmp_path)
    assert not [w for w in result.warnings if w.code in LINT_CODES]
    prs = Presentation(str(tmp_path / "deck.pptx"))
    first = [sh for sh in prs.slides[0].shapes if sh.has_text_frame and "Point" in sh.text_frame.text]
    assert len(first) == 2, "short bullets go into two columns"
    titles = [sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.name == "title"]
    assert titles[1] == "Long" and titles[2] == "Long (cont.)"
    body = [p.text for s in list(prs.slides)[1:] for sh in s.shapes if sh.name == "body"
            for p in sh.text_frame.paragraphs]
    assert len(body) == 12
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text:
                assert text_fits_its_box(shape)[0]


def test_what_cannot_be_repaired_is_reported(tmp_path):
    plan = parse_plan({"modality": "slides", "title": "T", "slides": [
        {"layout": "stat", "title": "Numbers", "stats": [{"value": "1,234,567,890,123,456,78", "label": "x"}] * 4},
    ]})
    result = render_deck(plan, tmp_path)
    assert {w.code for w in result.warnings} == {"text_overflow"}
    assert all("stat" in w.where for w in result.warnings)


def test_previews_one_png_per_slide_at_16_9(en_deck):
    _, result, out = en_deck
    previews = sorted(f.name for f in result.files if f.role == "preview")
    assert previews == [f"slide-{i:02d}.png" for i in range(1, result.details["slide_count"] + 1)]
    for name in previews:
        with Image.open(out / name) as im:
            assert abs(im.width / im.height - 16 / 9) < 0.01
            assert len(im.convert("RGB").getcolors(1 << 20) or [0] * 99) > 2


def test_preview_matches_the_deck_text_positions(zh_deck):
    """The preview is drawn from the same layout: the title's ink sits where the PPTX puts the title box."""
    _, _, out = zh_deck
    prs = Presentation(str(out / "deck.pptx"))
    slide = prs.slides[1]
    title = next(sh for sh in slide.shapes if sh.name == "title")
    scale = 1280 / Emu(prs.slide_width).pt
    with Image.open(out / "slide-02.png") as im:
        gray = im.convert("L")
        box = (round(Emu(title.left).pt * scale), round(Emu(title.top).pt * scale),
               round(Emu(title.left + title.width).pt * scale), round(Emu(title.top + title.height).pt * scale))
        ink = gray.crop(box).point(lambda v: 255 if v < 128 else 0).getbbox()
        assert ink is not None, "the title is drawn inside its box"
        outside = gray.crop((0, 0, 1280, box[1])).point(lambda v: 255 if v < 128 else 0).getbbox()
        assert outside is None, "nothing dark above the title box"


@pytest.mark.slow
def test_pdf_has_one_page_per_slide(tmp_path):
    need("libreoffice")
    plan = plan_article("zh_article.txt", "簡報")
    result = render_deck(plan, tmp_path, pdf=True)
    # The PDF is made after the answer, by whoever runs the render (the server's background queue, the CLI at once).
    assert [p.name for p in result.pending] == ["deck.pdf"] and not (tmp_path / "deck.pdf").exists()
    result.pending[0].make(tmp_path, None)
    info = subprocess.run(["pdfinfo", str(tmp_path / "deck.pdf")], capture_output=True, text=True, check=True).stdout
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    assert pages == result.details["slide_count"]
    fonts = subprocess.run(["pdffonts", str(tmp_path / "deck.pdf")], capture_output=True, text=True).stdout
    assert "NotoSansCJKtc" in fonts.replace(" ", "") or "NotoSansCJK" in fonts


def test_missing_libreoffice_skips_the_pdf_with_a_warning(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    plan = parse_plan({"modality": "slides", "title": "T", "slides": [{"layout": "title", "title": "Hi"}]})
    result = render_deck(plan, tmp_path, pdf=True)
    assert [w.code for w in result.warnings] == ["pdf_skipped"] and "LibreOffice" in result.warnings[0].detail
    assert (tmp_path / "deck.pptx").is_file() and result.pending == []


def test_themes_change_the_look(tmp_path):
    plan = parse_plan({"modality": "slides", "title": "T",
                       "slides": [{"layout": "bullets", "title": "A", "bullets": [{"text": "b"}]}]})
    backgrounds = set()
    for theme in ("light", "dark", "bold"):
        render_deck(plan, tmp_path / theme, theme=theme)
        prs = Presentation(str(tmp_path / theme / "deck.pptx"))
        backgrounds.add(str(prs.slides[0].background.fill.fore_color.rgb))
    assert len(backgrounds) == 3


def test_mixed_script_runs_carry_lang_and_alt_lang(tmp_path):
    plan = parse_plan({"modality": "slides", "title": "T", "slides": [
        {"layout": "bullets", "title": "我們如何看待生成式 AI",
         "bullets": [{"text": "Using 台北 data"}, {"text": "Plain"}]}]})
    render_deck(plan, tmp_path)
    prs = Presentation(str(tmp_path / "deck.pptx"))
    langs = {}
    for shape in prs.slides[0].shapes:
        for run in shape._element.iter(qn("a:r")):
            rpr = run.find(qn("a:rPr"))
            langs[run.findtext(qn("a:t"))] = (rpr.get("lang"), rpr.get("altLang"))
    assert langs["我們如何看待生成式 AI"] == ("zh-TW", "en-US")
    assert langs["Using 台北 data"] == ("en-US", "zh-TW")
    assert langs["Plain"] == ("en-US", None)


def test_a_chart_in_three_units_becomes_three_charts_on_one_slide(tmp_path):
    plan = parse_plan({"modality": "slides", "title": "Units", "slides": [
        {"layout": "chart", "title": "The quarter", "chart": {"kind": "column", "categories": ["Q1", "Q2"], "series": [
            {"name": "Revenue", "unit": "USD", "values": [120, 140]},
            {"name": "Margin", "unit": "%", "values": [10, 12]},
            {"name": "Staff", "unit": "people", "values": [5, 6]}]}}]})
    render_deck(plan, tmp_path)
    slide = Presentation(str(tmp_path / "deck.pptx")).slides[0]
    frames = [sh for sh in slide.shapes if sh.has_chart]
    assert sorted(s.name for f in frames for s in f.chart.plots[0].series) == ["Margin", "Revenue", "Staff"]
    boxes = [(f.left, f.top, f.left + f.width, f.top + f.height) for f in frames]
    assert len({top for _, top, _, _ in boxes}) == 2, "two rows of charts"
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)

"""Formula injection (issue 15, hole 3): chart categories and series names that start with =, +, - or @ (or look like
a URL) are literal text in the workbook embedded in deck.pptx and infographic.pptx, whether they came in a plan or
in plain CSV data. The workbook is read back from the PPTX's own bytes, as Excel or LibreOffice would open it."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from server.pipeline import RenderRequest
from server.settings import Settings
from tests.conftest import render_plan, render_request

ATTACKS = ['=HYPERLINK("http://127.0.0.1:9/x","click")', "=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@SUM(A1)",
           "http://127.0.0.1:9/link", '{=A1}']
CHART = {"kind": "column", "categories": ATTACKS[:4],
         "series": [{"name": ATTACKS[4], "values": [1, 2, 3, 4]}, {"name": ATTACKS[5], "values": [4, 3, 2, 1]}]}


def workbooks(pptx: Path) -> list[dict[str, str]]:
    """Each embedded workbook's parts: its sheet XML, its shared strings and whether it has hyperlinks."""
    found = []
    with zipfile.ZipFile(pptx) as deck:
        for name in deck.namelist():
            if name.startswith("ppt/embeddings/") and name.endswith(".xlsx"):
                with zipfile.ZipFile(deck.open(name)) as book:
                    parts = set(book.namelist())
                    found.append({
                        "sheet": book.read("xl/worksheets/sheet1.xml").decode(),
                        "strings": (book.read("xl/sharedStrings.xml").decode()
                                    if "xl/sharedStrings.xml" in parts else ""),
                        "links": ",".join(p for p in parts if "rels" in p and b"hyperlink" in book.read(p)),
                    })
    return found


def _unescape(xml: str) -> str:
    return xml.replace("&quot;", '"').replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">").replace(
        "&amp;", "&")


def assert_literal(pptx: Path, texts: list[str]) -> None:
    books = workbooks(pptx)
    assert books, "the chart has no embedded workbook"
    for book in books:
        assert "<f>" not in book["sheet"] and "<f " not in book["sheet"], "a cell holds a formula"
        assert book["links"] == "" and "hyperlink" not in book["sheet"]
        strings = [_unescape(s) for s in re.findall(r"<t(?: [^>]*)?>([^<]*)</t>", book["strings"])]
        for text in texts:
            assert text in strings, (text, strings)


def test_slides_chart_workbook_holds_text_not_formulas(tmp_path):
    plan = {"modality": "slides", "title": "Injection", "slides": [
        {"layout": "chart", "title": "Cells", "chart": CHART}]}
    render_plan(plan, tmp_path)
    assert_literal(tmp_path / "deck.pptx", ATTACKS[:6])


def test_infographic_chart_workbook_holds_text_not_formulas(tmp_path):
    plan = {"modality": "infographic", "title": "Injection", "blocks": [
        {"kind": "chart", "heading": "Cells", "chart": CHART},
        {"kind": "list", "heading": "Notes", "items": [{"text": "one"}, {"text": "two"}]}]}
    render_plan(plan, tmp_path)
    assert_literal(tmp_path / "infographic.pptx", ATTACKS[:6])


@pytest.mark.parametrize("modality", ["slides", "infographic"])
def test_plain_csv_data_cannot_become_a_formula(tmp_path, modality):
    rows = "\n".join(f'"{a.replace(chr(34), chr(34) * 2)}",{i + 1}' for i, a in enumerate(ATTACKS))
    request = RenderRequest(prompt="chart of these values", data=f"name,value\n{rows}", modality=modality, pdf=False)
    manifest = render_request(request, tmp_path, Settings(data_dir=tmp_path / "data"))
    pptx = tmp_path / next(f.name for f in manifest.files if f.name.endswith(".pptx"))
    assert_literal(pptx, [a for a in ATTACKS if a in _all_strings(pptx)])
    assert any("=HYPERLINK" in s for s in _all_strings(pptx)), "the CSV's categories were not charted"


def _all_strings(pptx: Path) -> list[str]:
    return [_unescape(s) for book in workbooks(pptx) for s in re.findall(r"<t(?: [^>]*)?>([^<]*)</t>", book["strings"])]

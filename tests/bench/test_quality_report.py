"""The quality benchmark's table and contact sheets, from hand-made measure rows and pictures (no renders)."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from bench.quality.report import print_table, summarise
from bench.quality.sheets import Band, band_lines, contact_sheet, pictures_of


def row(modality: str, lang: str = "en", **over) -> dict:
    base = {"case": "c", "lang": lang, "modality": modality, "title": "T", "leaks": [], "stats": [], "cuts": [],
            "mid_phrase": [], "fidelity": [], "echo": None, "sections": {"found": 0, "total": 0, "missing": []},
            "cells": {"found": 0, "total": 0, "missing": []}, "layouts": None, "branches": None, "structure": None,
            "kind_shape": None, "seconds": 0.2, "timings_ms": {}, "warnings": []}
    base.update(over)
    return base


def test_the_table_counts_findings_and_pools_shares() -> None:
    rows = [
        row("slides", leaks=[{"code": "url", "where": "a", "text": "x"}] * 2,
            stats=[{"code": "invented:date", "where": "s", "text": "10 / March"}, {"code": "invented", "where": "s",
                                                                                 "text": "40 / x"}],
            sections={"found": 3, "total": 4, "missing": ["d"]}, layouts={"distinct": 2, "count": 5},
            echo={"code": "echo:names the form", "where": "title", "text": "Sales review slides"}),
        row("slides", lang="zh", sections={"found": 5, "total": 6, "missing": ["x"]},
            layouts={"distinct": 4, "count": 6}, structure={"ok": True, "problems": []}, seconds=0.4),
    ]
    s = summarise(rows)
    assert (s["leaks"], s["invented"], s["non_quantity"], s["echo"]) == ("2", "2", "1", "1")
    assert s["sections"] == "80% (8/10)" and s["layouts"] == "3.0" and s["structure"] == "1/1"
    out = io.StringIO()
    print_table(rows, out)
    lines = out.getvalue().splitlines()
    assert [ln.split(" | ")[0] for ln in lines[2:]] == ["| slides", "| lang en", "| lang zh", "| all"]


def _png(path: Path, size: tuple[int, int], colour: tuple[int, int, int]) -> Path:
    Image.new("RGB", size, colour).save(path)
    return path


def test_a_contact_sheet_holds_every_modalitys_pictures_with_the_findings(tmp_path: Path) -> None:
    deck = tmp_path / "slides"
    deck.mkdir()
    for i in (2, 1, 3):
        _png(deck / f"slide-{i:02d}.png", (1280, 720), (200, 40 * i, 40))
    page = tmp_path / "infographic"
    page.mkdir()
    _png(page / "infographic.png", (1080, 3000), (20, 90, 200))
    assert [p.name for _, p in pictures_of(deck, "slides")] == ["slide-01.png", "slide-02.png", "slide-03.png"]
    m = row("slides", leaks=[{"code": "front_matter", "where": "slides[1]", "text": "Tags: Checkbox 1: false"}],
            sections={"found": 6, "total": 7, "missing": ["Running costs"]})
    lines = band_lines(m)
    assert any("Tags: Checkbox 1: false" in text for text, _ in lines)
    assert any("missing: Running costs" in text for text, _ in lines)
    sheet = contact_sheet(["case (en): memo", "prompt: Create an overview"],
                          [Band("slides", pictures_of(deck, "slides"), lines),
                           Band("infographic", pictures_of(page, "infographic"), band_lines(row("infographic")))],
                          tmp_path / "sheets" / "case.png")
    with Image.open(sheet) as im:
        assert im.width == 2400 and im.height > 1100  # the tall page is shown, scaled into its box
        blue = sum(1 for x in range(0, im.width, 8) for y in range(0, im.height, 8)
                   if im.getpixel((x, y)) == (20, 90, 200))
    assert blue > 1000


def test_a_failed_render_gets_a_band_that_says_so() -> None:
    assert band_lines(None, "the plan is not valid")[0][0] == "render failed: the plan is not valid"

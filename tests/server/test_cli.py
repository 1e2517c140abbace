"""The `atelier` command, run as a subprocess like a user would."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from pptx import Presentation

from tests.conftest import FIXTURES, ROOT

pytestmark = pytest.mark.slow  # each test runs the atelier command in a process of its own


def atelier(*args, input: str | None = None, cwd=None):
    return subprocess.run([sys.executable, "-m", "server.cli", *args], input=input, capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=120)


def test_render_article_as_slides(tmp_path):
    out = tmp_path / "deck"
    r = atelier("render", "Make slides", "-i", str(FIXTURES / "zh_article.txt"), "-m", "slides", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert f"slides: {out / 'deck.pptx'}" in r.stdout
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["modality"] == "slides"
    prs = Presentation(str(out / "deck.pptx"))
    assert len(prs.slides) == manifest["details"]["slide_count"] >= 6
    assert json.loads((out / "plan.json").read_text(encoding="utf-8"))["language"] == "zh-TW"


def test_each_modality_from_the_command_line(tmp_path):
    expected = {"infographic": "infographic.svg", "whiteboard": "board.excalidraw", "widget": "widget.html",
                "image": "image.png"}
    for modality, primary in expected.items():
        out = tmp_path / modality
        r = atelier("render", "Remote work", "-i", str(FIXTURES / "en_article.md"), "-m", modality,
                    "-o", str(out), "-q")
        assert r.returncode == 0, r.stderr
        assert (out / primary).is_file()
        assert r.stderr == ""


def test_data_file_and_plan_file(tmp_path):
    r = atelier("render", "--data", str(FIXTURES / "sales.csv"), "-o", str(tmp_path / "a"))
    assert r.returncode == 0, r.stderr
    assert json.loads((tmp_path / "a" / "plan.json").read_text())["widget"]["kind"] == "chart"
    r = atelier("render", "--plan", str(FIXTURES / "plans" / "whiteboard.json"), "-o", str(tmp_path / "b"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "b" / "board.svg").is_file()


def test_schema_prints_json_schema():
    r = atelier("schema", "whiteboard")
    assert r.returncode == 0
    assert json.loads(r.stdout)["properties"]["kind"]


def test_bad_input_exits_2_with_one_line(tmp_path):
    bad_csv = tmp_path / "bad.csv"
    bad_csv.write_text("a,b\n1,2\n3,4,5\n")
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\xff\xfe\x00\x81binary")
    cases = [
        (["render", "-o", str(tmp_path / "x")], "prompt"),
        (["render", "hi", "-m", "video", "-o", str(tmp_path / "x")], "known modalities"),
        (["render", "hi", "--data", str(bad_csv), "-o", str(tmp_path / "x")], "CSV line 3"),
        (["render", "hi", "-i", str(tmp_path / "missing.md")], "does not exist"),
        (["render", "hi", "-i", str(binary)], "not UTF-8"),
        (["render", "--plan", str(bad_csv)], "not valid JSON"),
        (["render", "hi", "--theme", "neon", "-o", str(tmp_path / "x")], "known themes"),
        (["schema", "video"], "known modalities"),
        (["frobnicate"], "invalid choice"),
    ]
    for args, fragment in cases:
        r = atelier(*args)
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("atelier: error:"), (args, r.stderr)
        assert fragment in lines[0], (args, lines[0])

"""`atelier.render` and `render_plan`: the same pipeline as the CLI, files on disk, clear errors."""

from __future__ import annotations

import json
import os
import stat
import sys

import pytest

import atelier
from tests.api.conftest import NOTES, PROMPTS, SALES_CSV, SALES_RECORDS, cli_render, comparable

FAST = ["slides", "infographic", "whiteboard", "image"]  # no browser or LibreOffice needed (decks without PDF)


def _check_on_disk(artifact: atelier.Artifact) -> None:
    assert artifact.files, "no files"
    for name, path in artifact.files.items():
        assert path.is_file() and path.stat().st_size > 0, name
        assert path.parent == artifact.folder
    assert json.loads((artifact.folder / "plan.json").read_text(encoding="utf-8")) == artifact.plan
    assert json.loads((artifact.folder / "manifest.json").read_text(encoding="utf-8")) == artifact.manifest


@pytest.mark.parametrize("modality", FAST)
def test_a_document_renders_as_the_cli_renders_it(modality, tmp_path):
    art = atelier.render(PROMPTS[modality], content=NOTES, modality=modality, pdf=False)
    _check_on_disk(art)
    assert art.modality == modality
    doc = tmp_path / "notes.md"
    doc.write_text(NOTES, encoding="utf-8")
    cli = cli_render(tmp_path / "cli", PROMPTS[modality], "-i", str(doc), "-m", modality)
    assert comparable(art.manifest) == comparable(cli)
    assert art.plan == json.loads((tmp_path / "cli" / "plan.json").read_text(encoding="utf-8"))
    assert art.title == cli["title"]
    assert [w.code for w in art.warnings] == [w["code"] for w in cli["warnings"]]


def test_records_render_as_the_cli_renders_the_json_file(tmp_path):
    art = atelier.render("sales by month", data=SALES_RECORDS, modality="infographic")
    _check_on_disk(art)
    data = tmp_path / "sales.json"
    data.write_text(json.dumps(SALES_RECORDS), encoding="utf-8")
    assert comparable(art.manifest) == comparable(cli_render(tmp_path / "cli", "sales by month", "--data", str(data),
                                                             "-m", "infographic"))
    assert "160" in json.dumps(art.plan)  # the table's numbers are in the plan


def test_csv_text_and_a_content_path_are_read_like_files(tmp_path):
    doc = tmp_path / "notes.md"
    doc.write_text(NOTES, encoding="utf-8")
    from_path = atelier.render("An infographic of the teas", content=doc, modality="infographic")
    from_text = atelier.render("An infographic of the teas", content=NOTES, modality="infographic")
    assert from_path.plan == from_text.plan
    from_csv = atelier.render("sales by month", data=SALES_CSV, modality="infographic")
    from_records = atelier.render("sales by month", data=SALES_RECORDS, modality="infographic")
    assert from_csv.plan == from_records.plan


def test_a_pandas_dataframe_renders_as_its_csv_file(tmp_path):
    pd = pytest.importorskip("pandas", reason="pandas is not installed; DataFrames are optional")
    frame = pd.DataFrame({"month": ["Jan", "Feb", "Mar", "Apr"], "sales": [120, 135, 160, 150]})
    art = atelier.render("sales by month", data=frame, modality="infographic")
    csv = tmp_path / "sales.csv"
    csv.write_text(SALES_CSV, encoding="utf-8")  # written by hand: what a person would save
    cli = cli_render(tmp_path / "cli", "sales by month", "--data", str(csv), "-m", "infographic")
    assert comparable(art.manifest) == comparable(cli)


def test_a_dataframe_keeps_a_meaningful_index_as_a_column():
    pd = pytest.importorskip("pandas", reason="pandas is not installed; DataFrames are optional")
    frame = pd.DataFrame({"visitors": [310, 420, 380]},
                         index=pd.Index(["Mon", "Tue", "Wed"], name="day"))
    art = atelier.render("visitors by day", data=frame, modality="slides", pdf=False)
    text = json.dumps(art.plan)
    assert "Tue" in text and "420" in text


def test_a_polars_dataframe_renders_as_its_csv_file(tmp_path):
    pl = pytest.importorskip("polars", reason="polars is not installed; DataFrames are optional")
    frame = pl.DataFrame({"month": ["Jan", "Feb", "Mar", "Apr"], "sales": [120, 135, 160, 150]})
    art = atelier.render("sales by month", data=frame, modality="infographic")
    from_csv = atelier.render("sales by month", data=SALES_CSV, modality="infographic")
    assert art.plan == from_csv.plan


def test_a_plan_renders_as_it_is_and_an_edited_plan_renders_the_edit(tmp_path):
    first = atelier.render(PROMPTS["infographic"], content=NOTES, modality="infographic")
    plan = first.plan
    plan["title"] = "Three teas, briefly"
    again = atelier.render_plan(plan)
    assert again.title == "Three teas, briefly"
    assert again.manifest["planner"]["name"] == "given"
    (tmp_path / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    assert atelier.render_plan(tmp_path / "plan.json").plan == again.plan
    assert atelier.render_plan(json.dumps(plan)).plan == again.plan
    svg = again.files["infographic.svg"].read_text(encoding="utf-8")
    assert "Three teas, briefly" in svg


def test_save_copies_every_file_and_the_temporary_folder_goes_with_the_artifact(tmp_path):
    art = atelier.render(PROMPTS["whiteboard"], content=NOTES, modality="whiteboard")
    kept = art.save(tmp_path / "kept")
    for name, path in art.files.items():
        assert (kept / name).read_bytes() == path.read_bytes()
    assert json.loads((kept / "manifest.json").read_text(encoding="utf-8")) == art.manifest
    folder = art.folder
    assert art.temporary and folder.is_dir()
    del art
    import gc

    gc.collect()
    assert not folder.exists()
    assert (kept / "board.excalidraw").is_file()


def test_a_given_folder_is_kept(tmp_path):
    art = atelier.render(PROMPTS["image"], modality="image", folder=tmp_path / "out")
    assert art.folder == tmp_path / "out" and not art.temporary
    del art
    assert (tmp_path / "out" / "image.png").is_file()


@pytest.mark.skipif(sys.platform != "linux", reason="opens files with xdg-open")
def test_open_hands_the_main_file_to_the_desktop_opener(tmp_path, monkeypatch):
    # No desktop here: an `xdg-open` on PATH that records what it was asked to open stands in for one.
    record = tmp_path / "opened.txt"
    opener = tmp_path / "bin" / "xdg-open"
    opener.parent.mkdir()
    opener.write_text(f'#!/bin/sh\nprintf "%s" "$1" > "{record}"\n', encoding="utf-8")
    opener.chmod(opener.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{opener.parent}{os.pathsep}{os.environ['PATH']}")
    art = atelier.render(PROMPTS["infographic"], content=NOTES, modality="infographic")
    assert art.open() == art.files["infographic.svg"]
    for _ in range(100):
        if record.exists() and record.read_text():
            break
        import time

        time.sleep(0.05)
    assert record.read_text() == str(art.files["infographic.svg"])


@pytest.mark.parametrize("call, message", [
    (lambda: atelier.render("x", modality="poster"), "unknown modality 'poster'; known modalities: slides"),
    (lambda: atelier.render("x", theme="neon"), "neon"),
    (lambda: atelier.render(), "give a prompt, some content, data or a plan"),
    (lambda: atelier.render("x", data="a,b\n1,2,3\n"), "data: "),
    (lambda: atelier.render_plan({"modality": "slides", "title": 5}), "the plan is not valid"),
    (lambda: atelier.render_plan("{not json"), "the plan is not valid JSON"),
    (lambda: atelier.render_plan("/nonexistent/plan.json"), "does not exist"),
])
def test_bad_input_raises_one_clear_error(call, message):
    with pytest.raises(atelier.InputError) as caught:
        call()
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_data_of_an_unknown_kind_is_a_type_error_that_names_it():
    with pytest.raises(TypeError, match="got builtins.set"):
        atelier.render("x", data={1, 2})


def test_help_teaches_the_api():
    doc = atelier.render.__doc__ or ""
    for word in ("prompt", "content", "data", "DataFrame", "modality", "theme", "planner", "folder", "InputError"):
        assert word in doc
    assert set(atelier.modalities()) >= {"slides", "infographic", "whiteboard", "widget", "image"}
    assert atelier.plan_schema("slides")["title"]


@pytest.mark.slow
@pytest.mark.parametrize("modality", ["slides", "infographic", "whiteboard", "widget", "image"])
def test_every_modality_from_a_string_records_and_a_dataframe_as_the_cli(modality, tmp_path):
    """The whole matrix: each modality from a document, from records and from a DataFrame, each compared with
    `atelier render` given the same input as a file."""
    doc = tmp_path / "notes.md"
    doc.write_text(NOTES, encoding="utf-8")
    art = atelier.render(PROMPTS[modality], content=NOTES, modality=modality, pdf=False)
    _check_on_disk(art)
    assert comparable(art.manifest) == comparable(cli_render(tmp_path / "doc", PROMPTS[modality], "-i", str(doc),
                                                             "-m", modality))
    records = tmp_path / "sales.json"
    records.write_text(json.dumps(SALES_RECORDS), encoding="utf-8")
    art = atelier.render("sales by month", data=SALES_RECORDS, modality=modality, pdf=False)
    _check_on_disk(art)
    assert comparable(art.manifest) == comparable(cli_render(tmp_path / "records", "sales by month", "--data",
                                                             str(records), "-m", modality))
    try:
        import pandas as pd
    except ImportError:
        pytest.skip("pandas is not installed; DataFrames are optional")
    csv = tmp_path / "sales.csv"
    csv.write_text(SALES_CSV, encoding="utf-8")
    frame = pd.DataFrame({"month": ["Jan", "Feb", "Mar", "Apr"], "sales": [120, 135, 160, 150]})
    art = atelier.render("sales by month", data=frame, modality=modality, pdf=False)
    _check_on_disk(art)
    assert comparable(art.manifest) == comparable(cli_render(tmp_path / "frame", "sales by month", "--data", str(csv),
                                                             "-m", modality))

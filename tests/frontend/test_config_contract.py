"""What the canvas reads from GET /config (frontend/src/api/types.ts, ModalityInfo), checked against the server in
process: every modality has a name, labels in English (and any other language) with a name, a noun and a word for
one answer, a card kind, and the progress steps its renders send."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from server.app import create_app
from tests.frontend.conftest import FRONTEND


def cards_drawn() -> set[str]:
    """The card kinds the canvas draws: the `CardKind` union in frontend/src/api/types.ts."""
    source = (FRONTEND / "src" / "api" / "types.ts").read_text(encoding="utf-8")
    union = re.search(r"^export type CardKind = ([^;]+);", source, re.MULTILINE)
    assert union, "CardKind is no longer a union of strings in frontend/src/api/types.ts"
    return set(re.findall(r'"([a-z]+)"', union.group(1)))


@pytest.fixture(scope="module")
def modalities():
    # No lifespan: /config needs no store, workers or browser.
    return TestClient(create_app()).get("/config").json()["modalities"]


def test_every_modality_has_what_the_canvas_reads(modalities):
    assert modalities, "the server lists no modality"
    names = [m["name"] for m in modalities]
    assert len(set(names)) == len(names), names
    for m in modalities:
        assert "en" in m["labels"], m["name"]  # the canvas falls back to English, then to the name itself
        for labels in m["labels"].values():
            assert all(isinstance(labels[k], str) and labels[k].strip() for k in ("name", "noun", "what")), (m["name"], labels)
        assert isinstance(m["card"], str) and m["card"], m["name"]
        assert m["steps"] and all(isinstance(s, str) and s for s in m["steps"]), m["name"]
        assert len(set(m["steps"])) == len(m["steps"]), (m["name"], m["steps"])  # the bar moves to a step by its name


def test_the_built_in_modalities_use_cards_the_canvas_draws(modalities):
    """An unknown card kind still lands (as a picture or its embed page), but a built-in one should not need to."""
    drawn = cards_drawn()
    assert drawn >= {"scene", "picture", "deck", "widget", "video"}, drawn
    assert {m["name"]: m["card"] for m in modalities if m["card"] not in drawn} == {}


def test_the_fixture_the_unit_tests_use_agrees_with_the_server(modalities):
    """test/config.fixture.json stands for /config in the Vitest tests: where it describes a modality this server
    has, it must say what the server says, or the unit tests test a shape nobody sends."""
    fixture = {m["name"]: m for m in json.loads((FRONTEND / "test" / "config.fixture.json").read_text())["modalities"]}
    for m in modalities:
        if m["name"] in fixture:
            expected = fixture[m["name"]]
            assert {k: m.get(k) for k in expected} == expected, m["name"]

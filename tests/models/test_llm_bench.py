"""The routing benchmark's labelled set and harness: well-formed labels, and scores that follow the answers."""

from __future__ import annotations

import json

from bench.routing.evaluate import HERE, evaluate, load, report
from modalities.registry import names
from server.settings import Settings
from tests.fakes.openai_compatible import FakeOpenAI, Reply


def test_the_labelled_set_covers_both_languages_every_modality_and_ambiguity():
    entries = load(HERE / "requests.jsonl")
    assert len(entries) >= 60 and len({e["id"] for e in entries}) == len(entries)
    assert {e["lang"] for e in entries} == {"en", "zh"}
    assert all(e["expected"] and set(e["expected"]) <= set(names()) for e in entries)
    for lang in ("en", "zh"):
        assert {e["expected"][0] for e in entries if e["lang"] == lang} == set(names())
    assert sum(len(e["expected"]) > 1 for e in entries) >= 8
    assert all(e["prompt"] or e.get("content") or e.get("data") for e in entries)


def test_the_harness_scores_an_llm_planner_by_its_answers(tmp_path, capsys):
    entries = [e for e in load(HERE / "requests.jsonl") if e["id"] in ("01", "55", "56")]  # slides, image, image
    image_plan = json.dumps({"modality": "image", "title": "A picture", "prompt": "a lighthouse on a cliff at dawn",
                             "alt": "a lighthouse"})

    def script(body: dict) -> Reply:
        if body["response_format"]["json_schema"]["name"] == "atelier_route":
            return Reply(json.dumps({"modality": "image", "rationale": "r", "alternatives": []}))
        return Reply(image_plan if "image" in body["response_format"]["json_schema"]["name"] else "{}")

    with FakeOpenAI(script) as llm:
        settings = Settings(data_dir=tmp_path, llm_base_url=llm.base_url, llm_max_retries=0)
        rows = evaluate(entries, "llm", settings)
    assert [(r["id"], r["got"], r["correct"], r["valid"]) for r in rows] == [
        ("01", "image", False, True), ("55", "image", True, True), ("56", "image", True, True)]
    report(rows, "llm")
    out = capsys.readouterr().out
    assert "| all | 3 |  66.7% | 100.0% |" in out and "01 [en]" in out

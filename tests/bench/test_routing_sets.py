"""The routing sets (bench/routing/) are what issue 16 asks for: a training set of at least 400 and a separate
evaluation set of at least 150 labelled requests, both languages roughly balanced, every modality in each, and an
evaluation set that does not repeat the other sets' requests (else its accuracy would not be a held-out figure)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from bench.routing.evaluate import load_set, names_form

LABELS = {"slides", "infographic", "whiteboard", "widget", "image", "animation"}
SETS = {name: load_set(name) for name in ("requests", "train", "eval", "eval2", "eval3")}


@pytest.mark.parametrize("name, least", [("train", 400), ("eval", 150), ("eval2", 150), ("eval3", 150)])
def test_sets_are_large_balanced_and_cover_every_modality_in_both_languages(name: str, least: int) -> None:
    rows = SETS[name]
    assert len(rows) >= least
    langs = Counter(r["lang"] for r in rows)
    assert set(langs) == {"en", "zh"} and abs(langs["en"] - langs["zh"]) <= 0.1 * len(rows)
    per = Counter((r["lang"], r["expected"][0]) for r in rows)
    for lang in ("en", "zh"):
        for label in LABELS:
            assert per[(lang, label)] >= 10, (lang, label)
    unnamed = [r for r in rows if not names_form(r["prompt"])]
    assert len(unnamed) >= 0.3 * len(rows), "many requests must never name the form"


@pytest.mark.parametrize("name", ["requests", "train", "eval", "eval2", "eval3"])
def test_every_request_is_well_formed(name: str) -> None:
    rows = SETS[name]
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert r["lang"] in ("en", "zh")
        assert r["expected"] and set(r["expected"]) <= LABELS, r
        assert r.get("prompt") or r.get("content") or r.get("data"), r
        if r["lang"] == "zh" and r.get("prompt"):
            assert re.search(r"[\u4e00-\u9fff]", r["prompt"]), r


def _trigrams(text: str) -> set[str]:
    text = re.sub(r"\s+", " ", text.lower())
    return {text[i:i + 3] for i in range(len(text) - 2)}


def test_the_evaluation_set_repeats_no_request_of_the_others() -> None:
    others = [(r["prompt"], _trigrams(r["prompt"])) for name in ("requests", "train") for r in SETS[name]
              if r.get("prompt")]
    for r in SETS["eval"]:
        mine = _trigrams(r["prompt"])
        for prompt, theirs in others:
            overlap = len(mine & theirs) / len(mine | theirs)
            assert overlap < 0.35, f"{r['prompt']!r} is too close to {prompt!r}"


def test_form_words_are_recognised_in_both_languages() -> None:
    assert names_form("Make a slide deck about our Q2 results") and names_form("畫一張請款流程的流程圖")
    assert not names_form("A product shot of a ceramic dripper") and not names_form("番茄鐘要怎麼用")


def test_an_unknown_set_is_a_clear_error() -> None:
    with pytest.raises(FileNotFoundError, match="named sets: requests, train, eval"):
        load_set("evaluation")

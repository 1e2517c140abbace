"""Routing that generalises: the specs' explicit words plus a character n-gram classifier trained on
bench/routing/train.jsonl. The model builds reproducibly from that file, leaves out labels of modalities that are not
registered, routes a small fixed set of requests written for this test (not the held-out evaluation set) in both
languages, and every choice is explained in one grammatical sentence."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from bench.routing.build_classifier import TRAIN, build
from modalities.registry import spec, specs
from modalities.spec import Routing
from models.planners.base import PlanRequest
from models.planners.offline import OfflinePlanner
from models.planners.offline.classifier import MODEL_FILE, NgramModel, features, load, train
from models.planners.offline.document import Document
from models.planners.offline.router import route
from tests.conftest import FIXTURES

SUBSET = [json.loads(line) for line in (FIXTURES / "routing" / "subset.jsonl").read_text(encoding="utf-8").splitlines()]
WITH_ANIMATION = dict(specs())  # every registered modality, animation included
# Before the animation modality was registered; and with it known by name only, so that only the classifier can
# send a request to it.
WITHOUT_ANIMATION = {name: s for name, s in WITH_ANIMATION.items() if name != "animation"}
NAMED_ONLY = {**WITHOUT_ANIMATION, "animation": dataclasses.replace(spec("animation"), routing=Routing(rank=60))}


COMMITTED = load()


def choose(prompt: str, catalog=WITHOUT_ANIMATION, model=COMMITTED) -> str:
    return route(PlanRequest(prompt=prompt), Document(), catalog, model=model).modality


def test_the_committed_model_is_what_the_training_set_builds_and_building_is_reproducible():
    first, second = build().to_json(), build().to_json()
    assert first == second
    assert MODEL_FILE.read_text(encoding="utf-8") == first, "run: python -m bench.routing.build_classifier"
    assert load().source.startswith(f"{TRAIN.name} sha256:")


def test_the_model_is_plain_counts_of_ngrams():
    pairs = [("make slides", "slides"), ("slides please", "slides"), ("a photo", "image"), ("photo of a cat", "image")]
    model = train(pairs, labels=["slides", "image"])
    assert model.counts["w:slides"] == (2, 0) and model.counts["phot"] == (0, 2) and model.counts["w:cat"] == (0, 1)
    assert "w:cat" not in train(pairs, labels=["slides", "image"], min_df=2).counts  # a floor can leave rare ones out
    assert NgramModel.from_json(model.to_json()) == model
    assert features("Draw 流程圖") >= {" dra", "draw", "w:draw", "流程圖", "流程"}


def test_labels_of_modalities_that_are_not_registered_are_left_out():
    probabilities = load().probabilities("An animated explainer of how vaccines work", allowed=list(WITHOUT_ANIMATION))
    assert set(probabilities) == set(WITHOUT_ANIMATION) - {"animation"}
    assert sum(probabilities.values()) == pytest.approx(1)
    animated = [r["prompt"] for r in SUBSET if r["expected"] == ["animation"]]
    assert all(choose(p) != "animation" for p in animated)  # before the animation modality lands
    assert all(choose(p, WITH_ANIMATION) == "animation" for p in animated)  # and after
    # Requests with none of its words: once it is registered, the classifier's animation label sends them there.
    for prompt in ("A moving title sequence for our documentary", "讓公司標誌旋轉出現的片頭"):
        assert choose(prompt) != "animation" and choose(prompt, NAMED_ONLY) == "animation"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_routing_accuracy_on_a_small_fixed_subset_in_each_language(lang: str):
    rows = [r for r in SUBSET if r["lang"] == lang]
    offered = [r for r in rows if r["expected"][0] in WITHOUT_ANIMATION]
    right = [r["id"] for r in offered if choose(r["prompt"]) in r["expected"]]
    assert len(right) >= 0.9 * len(offered), sorted({r["id"] for r in offered} - set(right))
    everything = [r["id"] for r in rows if choose(r["prompt"], WITH_ANIMATION) in r["expected"]]
    assert len(everything) >= 0.9 * len(rows)


def test_the_classifier_sends_requests_that_name_no_form_where_the_rules_alone_could_not():
    prompts = {"A fox curled up in fresh snow": "image", "把三家電信資費放在一起比": "infographic",
               "Who approves what in our purchasing process": "whiteboard"}
    assert {p: choose(p) for p in prompts} == prompts
    assert all(choose(p, model=None) != m for p, m in prompts.items())  # the words alone miss every one


def test_a_form_named_outright_wins_over_the_classifier():
    assert choose("Make slides about our product photo shoot") == "slides"
    assert choose("畫一張請款流程的流程圖") == "whiteboard"


RATIONALE = re.compile(
    r"^(?:the request asks for (?:a|an) [a-z ]+ \('[^']+'(?:, '[^']+')*\)"
    r"|the request's wording \('[^']+'(?:, '[^']+')*\) points to (?:a|an) [a-z ]+"
    r"|requests worded like this one(?: \('[^']+'(?:, '[^']+')*\))? are usually answered with (?:a|an) [a-z ]+"
    r"|the [a-z ,'0-9]+, which (?:a|an) [a-z ]+ shows best"
    r"|nothing in the request points to a particular form, so (?:a|an) [a-z ]+ structures it)"
    r"(?:; the [a-z0-9 ]+)?$")


@pytest.mark.parametrize("prompt, content", [
    ("Make an infographic about coffee habits", ""), ("Product shot of a leather notebook on a marble desk", ""),
    ("考考我日本的都道府縣", ""), ("一張夜市珍珠奶茶的商品照", ""), ("", "A -> B\nB -> C\nC -> D"),
    ("Plan a 3-day trip to Kyoto", ""), ("Flowchart: a customer asks; if it is late, refund it, otherwise ship it", ""),
    ("", "# Report\n\n## One\n\nText.\n\n## Two\n\nText.\n\n## Three\n\nText."),
])
def test_every_rationale_is_one_grammatical_sentence(prompt: str, content: str):
    rationale = OfflinePlanner(WITHOUT_ANIMATION).plan(PlanRequest(prompt=prompt, content=content)).rationale
    assert RATIONALE.match(rationale), rationale
    assert "(?" not in rationale and "  " not in rationale and " suits " not in rationale

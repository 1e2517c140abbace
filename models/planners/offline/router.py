"""Choosing the modality from the request's words (English and Chinese), how requests like it are worded, and the
shape of the content. Every choice comes with a rationale and ranked runner-ups.

Three kinds of evidence are added up:
- the explicit rules of each modality's spec (`ModalitySpec.routing`): the words that ask for it, with weights;
- the routing classifier (`classifier.py`), trained on labelled requests, for requests that never name a form;
  only the labels of registered modalities count, so it works before and after a modality lands;
- the content's shape (sections, arrows, a data table), scored by each spec.
This module adds the scores up and explains the winner in one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..base import PlanRequest
from .classifier import NgramModel, load
from .document import Document
from .shape import ContentShape, content_shape

if TYPE_CHECKING:
    from modalities.spec import ModalitySpec

WORD_WEIGHT = 2.0  # a request's words count twice as much as the content's shape
STRONG = 2.5  # another modality's words at least this strong silence a modality's weak words
# A sure classifier counts as much as one form word of weight 5. It decides when the words do not; an explicit form
# name ("slides", "流程圖": 6 to 7 points) loses to it only when it is surer of another form by 0.6 or more. Weight and
# temperature were chosen by grouped five-fold cross-validation over the training set and the team's first set
# (bench/routing/cv.py); the held-out evaluation sets were not used.
CLASSIFIER_WEIGHT = 10.0
# A runner-up needs at least this much support: the classifier spreads a little probability over every modality,
# and a form offered on that alone ("try as an animation" for meeting notes) is noise; the general forms pad. It is
# a fifth of a sure classifier's vote, so it follows the classifier's weight.
RUNNER_UP = CLASSIFIER_WEIGHT / 5
CLASSIFIER_TEMPERATURE = 20.0  # naive Bayes sums correlated n-grams, so its log-scores are far too sure of themselves
NAMES_FORM = 3.0  # a word of at least this weight names the form itself ("asks for"); lighter ones only point to it

_COMMITTED = object()  # route()'s default: the committed routing model


@dataclass
class Route:
    modality: str
    rationale: str
    alternatives: list[str]
    scores: dict[str, float]


def _match(text: str, phrase: str | re.Pattern) -> str | None:
    """The words of `text` that `phrase` matches (as written there), or None."""
    if isinstance(phrase, re.Pattern):
        m = phrase.search(text)
    elif re.search(r"[\u3000-\u9fff]", phrase):
        return phrase if phrase in text else None
    else:
        m = re.search(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])", text)
    return m.group() if m else None


def _shown(phrase: str | re.Pattern) -> str:
    return phrase.pattern if isinstance(phrase, re.Pattern) else phrase


def word_scores(prompt: str, specs: Mapping[str, ModalitySpec]) -> tuple[dict[str, float], dict[str, list[str]]]:
    text = prompt.lower()
    scores = {name: 0.0 for name in specs}
    hits: dict[str, list[str]] = {name: [] for name in specs}  # the words as the request writes them
    phrases: dict[str, set[str]] = {name: set() for name in specs}  # the spec's phrases that matched
    for name, spec in specs.items():
        for phrase, weight in spec.routing.words:
            found = _match(text, phrase)
            if found:
                scores[name] += weight
                hits[name].append(found)
                phrases[name].add(_shown(phrase))
    # Weak words ("draw" for a picture) do not count when another modality's words clearly ask for it
    # ("draw a diagram" is a whiteboard).
    for name, spec in specs.items():
        weak = set(spec.routing.weak)
        if phrases[name] and phrases[name] <= weak and any(s >= STRONG for n, s in scores.items() if n != name):
            scores[name], hits[name] = 0.0, []
    return scores, hits


def shape_scores(shape: ContentShape, specs: Mapping[str, ModalitySpec]) -> tuple[dict[str, float], dict[str, str]]:
    """Signals from the content itself, used when the words do not decide; and what each modality noticed."""
    scores = {name: 0.0 for name in specs}
    notes: dict[str, str] = {}
    for name, spec in specs.items():
        if spec.routing.shape is None:
            continue
        score, note = spec.routing.shape(shape)
        scores[name] = score
        if note and score > 0:
            notes[name] = note
    return scores, notes


def model_scores(prompt: str, specs: Mapping[str, ModalitySpec], model: NgramModel | None) -> dict[str, float]:
    """The classifier's probability for each registered modality it knows (0 for the others, and for all of them
    when there is no model or no prompt): labels of modalities this install lacks are left out entirely."""
    scores = {name: 0.0 for name in specs}
    if model is None or not prompt.strip():
        return scores
    found = model.probabilities(prompt, allowed=[name for name in specs if name in model.labels],
                                temperature=CLASSIFIER_TEMPERATURE)
    scores.update(found)
    return scores


def route(request: PlanRequest, doc: Document, specs: Mapping[str, ModalitySpec],
          model: NgramModel | None | object = _COMMITTED, typed: str | None = None,
          wording: str | None = None) -> Route:
    """The modality for the request, with why and the runner-ups. `model` is the routing classifier (the committed
    one by default; None routes by the rules alone); `typed` is the kind of structure typed into the prompt.
    `wording` is the whole prompt as typed, when `request.prompt` is only its asking part: the classifier reads it
    all ("維生素D：來源、每日需求、缺乏的症狀" is worded like an infographic request, "維生素D" alone is not), while
    form words count only where they ask (a step named "說明會" asks for no deck)."""
    classifier = load() if model is _COMMITTED else model
    assert classifier is None or isinstance(classifier, NgramModel)
    words, hits = word_scores(request.prompt, specs)
    shape, notes = shape_scores(content_shape(request, doc, typed), specs)
    learned = model_scores(wording or request.prompt, specs, classifier)
    total = {name: words[name] * WORD_WEIGHT + shape[name] + learned[name] * CLASSIFIER_WEIGHT for name in specs}
    order = list(specs)  # routing order: ties and fallbacks go to the earlier modality
    ranked = sorted(order, key=lambda name: (-total[name], order.index(name)))
    best = ranked[0]
    if total[best] <= 0:
        ranked = order
        best = ranked[0]
    rationale = explain(best, specs, hits, notes, classifier, wording or request.prompt, words[best] * WORD_WEIGHT,
                        learned[best] * CLASSIFIER_WEIGHT)
    alternatives = [name for name in ranked[1:] if total[name] >= RUNNER_UP][:2]
    for fallback in order:  # padded to two with the general forms, in routing order
        if len(alternatives) >= 2:
            break
        if fallback != best and fallback not in alternatives and specs[fallback].routing.general:
            alternatives.append(fallback)
    return Route(best, rationale, alternatives, total)


def explain(best: str, specs: Mapping[str, ModalitySpec], hits: Mapping[str, list[str]], notes: Mapping[str, str],
            model: NgramModel | None, prompt: str, from_words: float, from_model: float) -> str:
    """One grammatical sentence saying why `best` was chosen: the words that name or point to it, how requests
    worded like this one are answered, or what the content's shape is, in that order of weight."""
    spec = specs[best]
    noun = spec.label().noun
    quoted = ", ".join(f"'{h}'" for h in hits[best][:3])
    note = notes.get(best)
    evidence = model.evidence(prompt, best) if model is not None and from_model > 0 else []
    if hits[best] and from_words >= from_model / 2:
        names = any(weight >= NAMES_FORM and _match(prompt.lower(), phrase) for phrase, weight in spec.routing.words)
        sentence = f"the request asks for {noun} ({quoted})" if names else \
            f"the request's wording ({quoted}) points to {noun}"
    elif from_model > 0 and (evidence or not note):
        shown = f" ({', '.join(repr(e) for e in evidence)})" if evidence else ""
        sentence = f"requests worded like this one{shown} are usually answered with {noun}"
    elif note:
        return f"{note}, which {noun} shows best"
    else:
        return f"nothing in the request points to a particular form, so {noun} structures it"
    return f"{sentence}; {note}" if note else sentence

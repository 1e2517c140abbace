"""Choosing the modality from the request's words (English and Chinese) and, when they do not say, from the shape
of the content. Every choice comes with a rationale and ranked runner-ups.

What each modality answers to (its words, and how it scores the content's shape) is in its spec
(`ModalitySpec.routing`); this module only adds the scores up and explains the winner.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..base import PlanRequest
from .document import Document
from .shape import ContentShape, content_shape

if TYPE_CHECKING:
    from modalities.spec import ModalitySpec

WORD_WEIGHT = 2.0  # a request's words count twice as much as the content's shape
STRONG = 2.5  # another modality's words at least this strong silence a modality's weak words


@dataclass
class Route:
    modality: str
    rationale: str
    alternatives: list[str]
    scores: dict[str, float]


def _match(text: str, phrase: str | re.Pattern) -> bool:
    if isinstance(phrase, re.Pattern):
        return phrase.search(text) is not None
    if re.search(r"[\u3000-\u9fff]", phrase):
        return phrase in text
    return re.search(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])", text) is not None


def _shown(phrase: str | re.Pattern) -> str:
    return phrase.pattern if isinstance(phrase, re.Pattern) else phrase


def word_scores(prompt: str, specs: Mapping[str, ModalitySpec]) -> tuple[dict[str, float], dict[str, list[str]]]:
    text = prompt.lower()
    scores = {name: 0.0 for name in specs}
    hits: dict[str, list[str]] = {name: [] for name in specs}
    for name, spec in specs.items():
        for phrase, weight in spec.routing.words:
            if _match(text, phrase):
                scores[name] += weight
                hits[name].append(_shown(phrase))
    # Weak words ("draw" for a picture) do not count when another modality's words clearly ask for it
    # ("draw a diagram" is a whiteboard).
    for name, spec in specs.items():
        weak = set(spec.routing.weak)
        if hits[name] and set(hits[name]) <= weak and any(s >= STRONG for n, s in scores.items() if n != name):
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


def route(request: PlanRequest, doc: Document, specs: Mapping[str, ModalitySpec]) -> Route:
    words, hits = word_scores(request.prompt, specs)
    shape, notes = shape_scores(content_shape(request, doc), specs)
    total = {name: words[name] * WORD_WEIGHT + shape[name] for name in specs}
    order = list(specs)  # routing order: ties and fallbacks go to the earlier modality
    ranked = sorted(order, key=lambda name: (-total[name], order.index(name)))
    best = ranked[0]
    if total[best] <= 0:
        ranked = order
        best = ranked[0]
        rationale = f"nothing in the request points to a particular form, so {specs[best].label().noun} structures it"
    elif hits[best]:
        quoted = ", ".join(f"'{h}'" for h in hits[best][:3])
        rationale = f"the request asks for {specs[best].label().noun} ({quoted})"
        if best in notes:
            rationale += f"; {notes[best]}"
    else:
        rationale = f"{notes.get(best, 'the content')}, which suits {specs[best].label().noun}"
    alternatives = [name for name in ranked[1:] if total[name] > 0][:2]
    for fallback in order:  # padded to two with the general forms, in routing order
        if len(alternatives) >= 2:
            break
        if fallback != best and fallback not in alternatives and specs[fallback].routing.general:
            alternatives.append(fallback)
    return Route(best, rationale, alternatives, total)

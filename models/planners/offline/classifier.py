"""A small classifier of requests over character n-grams: which modality a request's wording asks for.

Keyword lists know the words that name a form ("slides", "流程圖"); they miss the many requests that never name
one ("a product shot of …", "考考我二十四節氣的順序"). This model learns from labelled requests
(`bench/routing/train.jsonl`) how such requests are worded. Character n-grams (1 to 4 characters, inside word
boundaries) work alike for English and Chinese, need no tokeniser, and forgive inflections ("animate",
"animated").

The model is a multinomial naive Bayes over the set of n-grams of a request, kept as plain counts: how many
training requests of each label contain each n-gram. Counts are integers, so building
twice from the same file gives the same bytes, and the file (`routing_model.json`, beside this module) is small
and readable. It is built by `bench/routing/build_classifier.py` and committed: the installed package does not
carry the training set, and counting at first use would delay the first request for no gain.

The router (`router.py`) adds the model's probabilities to the explicit rules of each modality's spec; labels of
modalities that are not registered (animation, before its package lands) are left out of the probabilities, so the
model works with whatever modalities this install has.
"""

from __future__ import annotations

import json
import logging
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

log = logging.getLogger("atelier")

MODEL_FILE = Path(__file__).with_name("routing_model.json")

MAX_N = 4  # n-grams of 1 to 4 characters
# Every n-gram counts, even one seen in a single training request: a word that asked for a form once ("teaser",
# "速查") is evidence too, and keeping them raised cross-validated accuracy by about a point (bench/routing/cv.py).
MIN_DF = 1
ALPHA = 0.3  # additive smoothing of the per-label n-gram frequencies
TEMPERATURE = 20.0  # naive Bayes sums correlated n-grams, so its log-scores are far too sure of themselves

_WORDS = re.compile(r"[^\w\u3400-\u9fff]+")
_LATIN_WORD = re.compile(r"[a-z][a-z'-]+")


def normalise(text: str) -> str:
    """Compatibility forms folded (full-width to ASCII), lower case, punctuation to single spaces."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return " " + _WORDS.sub(" ", text).strip() + " "


def features(text: str, max_n: int = MAX_N) -> set[str]:
    """The request's character n-grams (spaces mark word edges) and its whole English words (`w:` prefix)."""
    s = normalise(text)
    out = {s[i:i + n] for n in range(1, max_n + 1) for i in range(len(s) - n + 1)}
    out = {g for g in out if g.strip()}
    out |= {"w:" + w for w in _LATIN_WORD.findall(s)}
    return out


@dataclass(frozen=True)
class NgramModel:
    """Counts of labelled training requests, and what the classifier derives from them."""

    labels: tuple[str, ...]
    requests: tuple[int, ...]  # training requests per label
    counts: Mapping[str, tuple[int, ...]]  # n-gram -> requests of each label containing it
    max_n: int = MAX_N
    alpha: float = ALPHA
    source: str = ""  # what it was built from (a file name and its SHA-256)

    def __post_init__(self) -> None:
        totals = [sum(c[k] for c in self.counts.values()) for k in range(len(self.labels))]
        size = len(self.counts)
        denominators = [t + self.alpha * size for t in totals]
        object.__setattr__(self, "_denominators", denominators)
        object.__setattr__(self, "_unseen", [math.log(self.alpha / d) for d in denominators])

    def log_scores(self, text: str, allowed: Iterable[str] | None = None) -> dict[str, float]:
        """Log prior plus log likelihood of the request's known n-grams, for each allowed label."""
        wanted = None if allowed is None else set(allowed)
        keep = [k for k, label in enumerate(self.labels) if wanted is None or label in wanted]
        total = sum(self.requests[k] for k in keep) or 1
        scores = {self.labels[k]: math.log((self.requests[k] + 1) / (total + len(keep))) for k in keep}
        denominators: list[float] = self._denominators  # type: ignore[attr-defined]
        for gram in features(text, self.max_n):
            row = self.counts.get(gram)
            if row is None:
                continue
            for k in keep:
                scores[self.labels[k]] += math.log((row[k] + self.alpha) / denominators[k])
        return scores

    def probabilities(self, text: str, allowed: Iterable[str] | None = None,
                      temperature: float = TEMPERATURE) -> dict[str, float]:
        """How likely each allowed label is, softened by `temperature` (see TEMPERATURE)."""
        scores = self.log_scores(text, allowed)
        if not scores:
            return {}
        top = max(scores.values())
        weights = {label: math.exp((s - top) / temperature) for label, s in scores.items()}
        total = sum(weights.values())
        return {label: w / total for label, w in weights.items()}

    def evidence(self, text: str, label: str, limit: int = 2) -> list[str]:
        """The request's own words that most favour `label` over the other labels, for a rationale: whole English
        words, or Chinese runs of two to four characters, as they are written in the request."""
        if label not in self.labels:
            return []
        k = self.labels.index(label)
        denominators: list[float] = self._denominators  # type: ignore[attr-defined]

        def lift(gram: str) -> float:
            row = self.counts.get(gram)
            if row is None:
                return 0.0
            mine = math.log((row[k] + self.alpha) / denominators[k])
            others = [math.log((row[j] + self.alpha) / denominators[j]) for j in range(len(self.labels)) if j != k]
            return mine - max(others)

        s = normalise(text)
        candidates = {"w:" + w for w in _LATIN_WORD.findall(s) if len(w) >= 3}
        for run in re.findall(r"[\u3400-\u9fff]+", s):
            candidates |= {run[i:i + n] for n in (2, 3, 4) for i in range(len(run) - n + 1)}
        ranked = sorted((g for g in candidates if lift(g) > 0.5), key=lambda g: (-lift(g), g))
        out: list[str] = []
        for gram in ranked:
            word = gram[2:] if gram.startswith("w:") else gram
            if any(word in kept or kept in word for kept in out):
                continue
            out.append(word)
            if len(out) == limit:
                break
        return out

    def to_json(self) -> str:
        """The model as JSON text, written the same way every time (sorted n-grams, one per line)."""
        head = {"about": "Routing classifier: character n-gram counts per label. Built by "
                         "bench/routing/build_classifier.py; do not edit by hand.",
                "source": self.source, "labels": list(self.labels), "requests": list(self.requests),
                "max_n": self.max_n, "alpha": self.alpha}
        lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "counts": {']
        rows = [f"{json.dumps(g, ensure_ascii=False)}: {json.dumps(list(c))}" for g, c in sorted(self.counts.items())]
        lines.append(",\n".join(rows))
        lines.append("}}")
        return "\n".join(lines) + "\n"

    @classmethod
    def from_json(cls, text: str) -> NgramModel:
        data = json.loads(text)
        return cls(labels=tuple(data["labels"]), requests=tuple(data["requests"]),
                   counts={g: tuple(c) for g, c in data["counts"].items()}, max_n=data["max_n"],
                   alpha=data["alpha"], source=data.get("source", ""))


def train(examples: Iterable[tuple[str, str]], labels: Iterable[str] | None = None, *, max_n: int = MAX_N,
          min_df: int = MIN_DF, alpha: float = ALPHA, source: str = "") -> NgramModel:
    """Counts (request, label) pairs into a model. Deterministic: the same pairs give the same model."""
    pairs = [(features(text, max_n), label) for text, label in examples]
    order = tuple(labels) if labels is not None else tuple(sorted({label for _, label in pairs}))
    index = {label: k for k, label in enumerate(order)}
    seen = Counter(g for grams, _ in pairs for g in grams)
    counts: dict[str, list[int]] = {}
    requests = [0] * len(order)
    for grams, label in pairs:
        k = index[label]
        requests[k] += 1
        for g in grams:
            if seen[g] >= min_df:
                counts.setdefault(g, [0] * len(order))[k] += 1
    return NgramModel(labels=order, requests=tuple(requests), counts={g: tuple(c) for g, c in counts.items()},
                      max_n=max_n, alpha=alpha, source=source)


@lru_cache(maxsize=1)
def load(path: Path = MODEL_FILE) -> NgramModel | None:
    """The committed model, read once; None (and the router uses its rules alone) when the file is missing."""
    try:
        return NgramModel.from_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        log.warning("routing model %s is missing; routing uses the modalities' words alone", path)
        return None


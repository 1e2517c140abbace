"""Cross-validated routing accuracy on the training data: how the offline router does on requests its classifier
never saw, without touching the held-out sets.

    .venv/bin/python -m bench.routing.cv              # five folds over train.jsonl + requests.jsonl
    .venv/bin/python -m bench.routing.cv --folds 10 --misses

Requests are grouped first, so near-duplicates (over a third of their character trigrams shared, the bar
`tests/bench/test_routing_sets.py` sets between the training and evaluation sets) always fall in the same fold;
groups are dealt to folds in a fixed order, so the figure is reproducible. Each fold's classifier is trained on the
other folds' `train.jsonl` requests only (as `build_classifier` trains on `train.jsonl` only), and each held-out
request is routed exactly as the offline planner routes it (structure typed into the prompt read out first), with
every registered modality offered. Only `train.jsonl` and `requests.jsonl` are read: the evaluation sets are
held out (README.md).
"""

from __future__ import annotations

import argparse
import hashlib
import re
from collections import defaultdict

from bench.routing.evaluate import ORDER, SETS, load
from modalities.registry import specs
from models.data import parse_data
from models.planners.base import PlanRequest
from models.planners.offline.classifier import NgramModel, train
from models.planners.offline.document import Document, parse_document
from models.planners.offline.prompt_reader import read_prompt
from models.planners.offline.router import route

NEAR = 0.35  # trigram overlap (Jaccard) that makes two requests near-duplicates


def _trigrams(text: str) -> set[str]:
    text = re.sub(r"\s+", " ", text.lower())
    return {text[i:i + 3] for i in range(len(text) - 2)}


def groups(rows: list[dict]) -> list[list[int]]:
    """Indices of `rows`, in groups of near-duplicate prompts (single links: A~B and B~C put A, B, C together)."""
    parent = list(range(len(rows)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    grams = [_trigrams(r.get("prompt", "")) for r in rows]
    for i in range(len(rows)):
        for j in range(i + 1, len(rows)):
            if grams[i] and grams[j] and len(grams[i] & grams[j]) / len(grams[i] | grams[j]) >= NEAR:
                parent[root(j)] = root(i)
    found: dict[int, list[int]] = defaultdict(list)
    for i in range(len(rows)):
        found[root(i)].append(i)
    return list(found.values())


def folds(rows: list[dict], k: int) -> list[int]:
    """The fold of each row: groups in a fixed pseudo-random order (a hash of their ids), dealt round-robin within
    each (language, label), so every fold has a share of each."""
    fold = [0] * len(rows)
    strata: dict[tuple[str, str], list[list[int]]] = defaultdict(list)
    for g in groups(rows):
        first = rows[g[0]]
        strata[(first["lang"], first["expected"][0])].append(g)
    for key in sorted(strata):
        ordered = sorted(strata[key], key=lambda g: hashlib.sha256(rows[g[0]]["id"].encode()).hexdigest())
        for n, g in enumerate(ordered):
            for i in g:
                fold[i] = n % k
    return fold


def choose(row: dict, model: NgramModel | None) -> str:
    """The modality the offline planner would route `row` to, with `model` as its classifier."""
    catalog = dict(specs())
    request = PlanRequest(prompt=row.get("prompt", ""), content=row.get("content", ""),
                          data=parse_data(row["data"]) if row.get("data") else None)
    reading = read_prompt(request.prompt) if not request.content.strip() and request.data is None else None
    if reading is not None:
        return route(PlanRequest(prompt=reading.asked), Document(), catalog, model=model, typed=reading.kind,
                     wording=request.prompt).modality
    return route(request, parse_document(request.content), catalog, model=model).modality


def cross_validate(k: int = 5) -> list[dict]:
    """Every row of train.jsonl and requests.jsonl with the modality it was routed to (`got`) by a classifier
    trained without its fold."""
    rows = [{**r, "set": name} for name in ("train", "requests") for r in load(SETS[name])]
    fold = folds(rows, k)
    out = []
    for f in range(k):
        examples = [(r["prompt"], r["expected"][0]) for r, g in zip(rows, fold, strict=True)
                    if g != f and r["set"] == "train" and r.get("prompt")]
        model = train(examples, labels=[m for m in ORDER if any(label == m for _, label in examples)])
        out += [{**r, "got": choose(r, model)} for r, g in zip(rows, fold, strict=True) if g == f]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--misses", action="store_true", help="list every misrouted request")
    args = parser.parse_args(argv)
    rows = cross_validate(args.folds)
    for lang in ("en", "zh"):
        mine = [r for r in rows if r["lang"] == lang]
        right = sum(r["got"] in r["expected"] for r in mine)
        print(f"{lang}: {right}/{len(mine)} = {100 * right / len(mine):.1f}%")
    right = sum(r["got"] in r["expected"] for r in rows)
    print(f"all: {right}/{len(rows)} = {100 * right / len(rows):.1f}%")
    if args.misses:
        for r in rows:
            if r["got"] not in r["expected"]:
                print(f"  {r['id']} [{r['lang']}] {r.get('prompt', '')!r}: expected {'/'.join(r['expected'])}, "
                      f"got {r['got']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Builds the routing classifier (models/planners/offline/routing_model.json) from the training set.

    .venv/bin/python -m bench.routing.build_classifier           # writes the model
    .venv/bin/python -m bench.routing.build_classifier --check   # exit 1 if the committed model is not what the
                                                                 # training set builds

Only `train.jsonl` is read: the evaluation set is held out (README.md). Each request counts under the first of its
acceptable labels. The build is plain counting, so it is exact and takes well under a second; run it again after
changing `train.jsonl` or the model's settings, and commit the result.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from bench.routing.evaluate import ORDER, SETS, load
from models.planners.offline.classifier import MODEL_FILE, NgramModel, train

TRAIN = SETS["train"]


def build(path: Path = TRAIN) -> NgramModel:
    """The model the training file at `path` gives; labels in the benchmark's order."""
    rows = load(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    examples = [(r["prompt"], r["expected"][0]) for r in rows if r.get("prompt")]
    return train(examples, labels=[m for m in ORDER if any(label == m for _, label in examples)],
                 source=f"{path.name} sha256:{digest}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed model instead of writing")
    args = parser.parse_args(argv)
    text = build().to_json()
    if args.check:
        current = MODEL_FILE.read_text(encoding="utf-8") if MODEL_FILE.exists() else ""
        if current != text:
            print(f"{MODEL_FILE} is not what {TRAIN.name} builds: run python -m bench.routing.build_classifier",
                  file=sys.stderr)
            return 1
        print(f"{MODEL_FILE.name} is up to date")
        return 0
    MODEL_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {MODEL_FILE} ({len(text.encode()) // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

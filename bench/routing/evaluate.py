"""Routing accuracy and plan validity of a planner on the labelled requests in requests.jsonl.

    .venv/bin/python -m bench.routing.evaluate                    # the planner `auto` picks (offline unless a
                                                                  # model is configured by ATELIER_LLM_*)
    .venv/bin/python -m bench.routing.evaluate --planner offline  # force one
    ATELIER_LLM_BASE_URL=http://127.0.0.1:8000/v1 ATELIER_LLM_MODEL=qwen2.5-7b-instruct \\
        .venv/bin/python -m bench.routing.evaluate --planner llm

Routing is correct when the chosen modality is one of the request's acceptable ones (ambiguous requests list two
or three). A plan is valid when it passes the plan schema, has none of the problems that make a plan render badly
(models/planners/llm/quality.py), and came from the planner asked for (an LLM planner's offline fallback is not
valid). Prints a table; nothing here is asserted by the tests.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from models.data import parse_data
from models.planners.base import PlanRequest
from models.planners.llm.quality import plan_problems
from modalities.registry import names, parse_plan, spec
from server.pipeline import make_planner
from server.settings import Settings

HERE = Path(__file__).parent


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(entries: list[dict], planner_name: str, settings: Settings) -> list[dict]:
    rows = []
    for e in entries:
        planner = make_planner(planner_name, settings)
        request = PlanRequest(prompt=e["prompt"], content=e.get("content", ""),
                              data=parse_data(e["data"]) if e.get("data") else None)
        started = time.perf_counter()
        result = planner.plan(request)
        seconds = time.perf_counter() - started
        problems = plan_problems(result.plan, spec(result.plan.modality), f"{e['prompt']} {e.get('content', '')[:1500]}")
        try:
            parse_plan(result.plan.model_dump(mode="json"))
        except ValueError as exc:
            problems.append(f"schema: {exc}")
        fell_back = any(w.code == "planner_fallback" for w in result.warnings)
        rows.append({
            **e, "got": result.plan.modality, "planner": result.planner, "seconds": seconds,
            "correct": result.plan.modality in e["expected"], "valid": not problems and not fell_back,
            "problems": problems, "fell_back": fell_back,
            "scaffold": any(w.code == "scaffold" for w in result.warnings),
        })
    return rows


def _pct(rows: list[dict], key: str) -> str:
    return f"{100 * sum(r[key] for r in rows) / len(rows):5.1f}%" if rows else "    -"


def report(rows: list[dict], planner_name: str, out=None) -> None:
    out = out or sys.stdout
    used = sorted({r["planner"] for r in rows})
    print(f"planner asked for: {planner_name}; plans made by: {', '.join(used)}; requests: {len(rows)}", file=out)
    print("", file=out)
    print("| group | n | routing accuracy | plan validity | mean plan time |", file=out)
    print("| --- | ---: | ---: | ---: | ---: |", file=out)
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        groups["all"].append(r)
        groups[f"lang {r['lang']}"].append(r)
        groups[f"expected {r['expected'][0]}"].append(r)
        if len(r["expected"]) > 1:
            groups["ambiguous (2+ acceptable)"].append(r)
    order = ["all", "lang en", "lang zh", *(f"expected {m}" for m in names()), "ambiguous (2+ acceptable)"]
    for name in [g for g in order if g in groups]:
        members = groups[name]
        mean = sum(r["seconds"] for r in members) / len(members)
        print(f"| {name} | {len(members)} | {_pct(members, 'correct')} | {_pct(members, 'valid')} | "
              f"{mean * 1000:.1f} ms |", file=out)
    print("", file=out)
    scaffolds = sum(r["scaffold"] for r in rows)
    fallbacks = sum(r["fell_back"] for r in rows)
    print(f"scaffolds (no content to structure): {scaffolds}; fallbacks to the offline planner: {fallbacks}", file=out)
    misses = [r for r in rows if not r["correct"]]
    if misses:
        print("\nrouting misses:", file=out)
        for r in misses:
            shown = r["prompt"] or f"(no prompt; {'data' if r.get('data') else 'content'} only)"
            print(f"  {r['id']} [{r['lang']}] {shown!r}: expected {'/'.join(r['expected'])}, got {r['got']}", file=out)
    invalid = [r for r in rows if not r["valid"]]
    if invalid:
        print("\ninvalid plans:", file=out)
        for r in invalid:
            why = "fell back to the offline planner" if r["fell_back"] else "; ".join(r["problems"][:2])
            print(f"  {r['id']} {r['got']}: {why}", file=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--planner", choices=["auto", "offline", "llm"], default="auto")
    parser.add_argument("--set", type=Path, default=HERE / "requests.jsonl", help="labelled requests (JSONL)")
    parser.add_argument("--lang", choices=["en", "zh"], help="only requests in this language")
    args = parser.parse_args(argv)
    entries = [e for e in load(args.set) if not args.lang or e["lang"] == args.lang]
    rows = evaluate(entries, args.planner, Settings())
    report(rows, args.planner)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

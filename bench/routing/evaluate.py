"""Routing accuracy and plan validity of a planner on a set of labelled requests.

    .venv/bin/python -m bench.routing.evaluate                    # the planner `auto` picks (offline unless a
                                                                  # model is configured by ATELIER_LLM_*)
    .venv/bin/python -m bench.routing.evaluate --planner offline  # force one
    .venv/bin/python -m bench.routing.evaluate --set eval         # the held-out evaluation set (report only)
    .venv/bin/python -m bench.routing.evaluate --set train        # the training set

Sets (README.md): `requests` (the team's first 78, default), `train` (for fitting a learned router) and `eval`
(held out: report accuracy on it, never tune on it); or a path to any JSONL file of the same form.
    ATELIER_LLM_BASE_URL=http://127.0.0.1:8000/v1 ATELIER_LLM_MODEL=qwen2.5-7b-instruct \\
        .venv/bin/python -m bench.routing.evaluate --planner llm

Routing is correct when the chosen modality is one of the request's acceptable ones (ambiguous requests list two
or three). A request labelled with a modality the planner does not offer yet (animation) counts as a miss. A plan
is valid when it passes the plan schema, has none of the problems that make a plan render badly
(models/planners/llm/quality.py), and came from the planner asked for (an LLM planner's offline fallback is not
valid). Prints a table; nothing here is asserted by the tests.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

from modalities.registry import names, parse_plan, spec
from models.data import parse_data
from models.planners.base import PlanRequest
from models.planners.llm.quality import plan_problems
from server.pipeline import make_planner
from server.settings import Settings

HERE = Path(__file__).parent
SETS = {name: HERE / f"{name}.jsonl" for name in ("requests", "train", "eval", "eval2", "eval3")}
ORDER = ["slides", "infographic", "whiteboard", "widget", "image", "animation"]
OFFERED = set(names())  # labels outside it (a modality this install lacks) can only be misses

# Words that name an answer's form outright; a request with none of them must be routed by what it asks for.
FORM_WORDS = re.compile(
    r"\b(slides?|deck|presentation|powerpoint|keynote|infographics?|one-pager|poster|cheat sheet|fact sheet|"
    r"diagram|flowchart|flow chart|whiteboard|mind ?map|org chart|widget|calculator|converter|quiz|flashcards?|"
    r"checklist|countdown|timer|picture|photo|image|illustration|painting|drawing|logo|wallpaper|animation|"
    r"animated?|video|clip|gif|mp4|motion graphics?)\b|簡報|投影片|資訊圖|圖表|海報|懶人包|圖解|流程圖|心智圖|架構圖|"
    r"時序圖|組織圖|白板|計算機|試算|換算|測驗|單字卡|字卡|閃卡|檢查表|清單|倒數|計時|照片|插畫|插圖|桌布|動畫|影片|短片",
    re.IGNORECASE)


def load_set(name: str) -> list[dict]:
    """A named set (requests, train, eval) or a JSONL file; raises FileNotFoundError naming what was asked for."""
    path = SETS.get(name) or Path(name)
    if not path.is_file():
        raise FileNotFoundError(f"no set '{name}' (named sets: {', '.join(SETS)}; or give a JSONL file)")
    return load(path)


def names_form(prompt: str) -> bool:
    return bool(FORM_WORDS.search(prompt or ""))


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
        request_text = f"{e['prompt']} {e.get('content', '')[:1500]}"
        problems = plan_problems(result.plan, spec(result.plan.modality), request_text)
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
        if r["expected"][0] in OFFERED:
            groups["expected a modality the planner offers"].append(r)
        if r.get("prompt") and not names_form(r["prompt"]):
            groups[f"never names the form, lang {r['lang']}"].append(r)
    labels = sorted({r["expected"][0] for r in rows}, key=lambda m: ORDER.index(m) if m in ORDER else 99)
    order = ["all", "lang en", "lang zh", "expected a modality the planner offers",
             *(f"expected {m}" for m in labels), "ambiguous (2+ acceptable)",
             "never names the form, lang en", "never names the form, lang zh"]
    for name in [g for g in order if g in groups]:
        members = groups[name]
        mean = sum(r["seconds"] for r in members) / len(members)
        print(f"| {name} | {len(members)} | {_pct(members, 'correct')} | {_pct(members, 'valid')} | "
              f"{mean * 1000:.1f} ms |", file=out)
    print("", file=out)
    _by_language(rows, labels, out)
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


def _by_language(rows: list[dict], labels: list[str], out) -> None:
    """Routing accuracy per expected modality in each language, side by side."""
    print("| expected | en n | en accuracy | zh n | zh accuracy |", file=out)
    print("| --- | ---: | ---: | ---: | ---: |", file=out)
    for m in labels:
        cells = []
        for lang in ("en", "zh"):
            members = [r for r in rows if r["lang"] == lang and r["expected"][0] == m]
            cells += [str(len(members)), _pct(members, "correct")]
        print(f"| {m} | " + " | ".join(cells) + " |", file=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--planner", choices=["auto", "offline", "llm"], default="auto")
    parser.add_argument("--set", default="requests",
                        help="requests (default), train, eval, eval2, eval3, or a JSONL file of labelled requests")
    parser.add_argument("--lang", choices=["en", "zh"], help="only requests in this language")
    args = parser.parse_args(argv)
    try:
        entries = [e for e in load_set(args.set) if not args.lang or e["lang"] == args.lang]
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"set: {args.set}", file=sys.stdout)
    rows = evaluate(entries, args.planner, Settings())
    report(rows, args.planner)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

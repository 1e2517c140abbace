"""Worst cases for the offline planner's parsers: generated inputs up to the 400 KB content limit, timed per parser.

    .venv/bin/python bench/parsers.py                 # every parser on every worst case, 400 KB
    .venv/bin/python bench/parsers.py --size 100000   # smaller inputs
    .venv/bin/python bench/parsers.py --check         # no table: exit 1 if any run exceeds --limit seconds
    .venv/bin/python bench/parsers.py --done          # no table, no timing: one line per finished run (tests)

Pasted content is untrusted and may be 400 KB; a parser with a backtracking regular expression or a rescan per
line can take minutes on `*a *a *a …`, `[[[[…`, a line of 400,000 spaces or 100,000 headings. Each case below is
built to hit one such pattern; each parser is the public entry point of one reading step (the whole document
reader, the inline cleaner, the condenser, the number scanner, the stat labeller, the Mermaid reader, the title
reader, the coverage audit) and, for the whole path, the offline planner building a deck and an infographic. The
table gives the slowest parser per case and the slowest case per parser in CPU seconds; the target is under 1 s
per parser on the shared 2-core machine. tests/models/test_parsers_linear.py runs the same cases in a
subprocess with a generous timeout (no timed assertion).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CONTENT_LIMIT = 400_000


def _repeat(unit: str, size: int, head: str = "", tail: str = "") -> str:
    room = max(0, size - len(head) - len(tail))
    return head + (unit * (room // len(unit) + 1))[:room] + tail


# name → generator of an input of about `size` characters
CASES: dict[str, Callable[[int], str]] = {
    "emphasis openers `*a `": lambda n: _repeat("*a ", n),
    "underscores `_a `": lambda n: _repeat("_a ", n),
    "bold openers `**a `": lambda n: _repeat("**a ", n),
    "mixed `*_~`": lambda n: _repeat("*_~a ", n),
    "nested brackets `[[[…]]]`": lambda n: "[" * (n // 2) + "]" * (n // 2),
    "open brackets `[[[…`": lambda n: "[" * n,
    "link openers `[a](`": lambda n: _repeat("[a](", n),
    "image openers `![a](`": lambda n: _repeat("![a](", n),
    "nested parentheses `((…))`": lambda n: "(" * (n // 2) + ")" * (n // 2),
    "CJK brackets `「（【`": lambda n: _repeat("「（【", n),
    "backticks": lambda n: _repeat("` a ", n),
    "comment openers `<!--`": lambda n: _repeat("<!-- a ", n),
    "tag openers `<a `": lambda n: _repeat("<a ", n),
    "one long word": lambda n: "a" * n,
    "one long run of spaces": lambda n: "a" + " " * (n - 2) + "b",
    "heading of spaces": lambda n: "# a" + " " * (n - 4) + "b",
    "heading of hashes": lambda n: "#" * n,
    "digits": lambda n: "1" * n,
    "thousands `1,`": lambda n: _repeat("1,", n),
    "decimals `1.1.`": lambda n: _repeat("1.1.", n),
    "digit groups `1 2 3`": lambda n: _repeat("12 ", n),
    "percentages in one clause": lambda n: _repeat("up 12% ", n),
    "URL openers": lambda n: _repeat("see https://a.b/c?x=1 ", n),
    "one long URL": lambda n: "https://" + "a" * (n - 8),
    "full stops `. `": lambda n: _repeat("a. ", n),
    "CJK full stops": lambda n: _repeat("字。", n),
    "CJK commas": lambda n: _repeat("的，", n),
    "lines of bullets": lambda n: _repeat("- item\n", n),
    "lines of nested bullets": lambda n: _repeat("- a\n  - b\n", n),
    "lines of numbered items": lambda n: _repeat("1. item\n", n),
    "one list item wrapped over many lines": lambda n: "- item\n" + _repeat("more words\n", n - 7),
    "one paragraph over many lines": lambda n: _repeat("more words\n", n),
    "lines of headings": lambda n: _repeat("# h\n", n),
    "headings and markers": lambda n: _repeat("## h\n1. a\ntext\n", n),
    "short standalone lines": lambda n: _repeat("Title\n\nA longer paragraph line.\n\n", n),
    "header fields `a: b`": lambda n: _repeat("Owner: Tom\n", n),
    "table rows": lambda n: _repeat("| a | b |\n", n),
    "table separator cells": lambda n: "| a |\n|" + _repeat("--|", n - 8),
    "fence openers": lambda n: _repeat("```\n", n),
    "quotes": lambda n: _repeat("> q\n", n),
    "front matter keys": lambda n: "---\n" + _repeat("key: value\n", n - 8) + "---\n",
    "unclosed front matter": lambda n: "---\n" + _repeat("key: value\n", n - 4),
    "Mermaid chain": lambda n: "flowchart TD\n" + _repeat("A-->", n - 13),
    "Mermaid labels": lambda n: "flowchart TD\nA[" + _repeat("(a", n - 16) + "]",
    "Mermaid many edges": lambda n: "graph TD\n" + _repeat("A --> B\n", n - 9),
    "Mermaid deep mind map": lambda n: "mindmap\n" + "".join(" " * k + "n\n" for k in range(1, 2000))[: n - 8],
}


def _parsers() -> dict[str, Callable[[str], object]]:
    from modalities.infographic.plan import InfographicPlan
    from modalities.registry import specs
    from modalities.whiteboard.mermaid_in import MermaidError, parse_mermaid
    from models.planners.base import PlanRequest
    from models.planners.offline import OfflinePlanner
    from models.planners.offline.condense import fit, sentences, top_sentences
    from models.planners.offline.coverage import content_dropped
    from models.planners.offline.document import parse_document
    from models.planners.offline.headlines import stat_candidates
    from models.planners.offline.markup import clean_inline, remove_html_comments, split_front_matter
    from models.planners.offline.quantities import scan
    from models.planners.offline.titles import request_subject

    def mermaid(text: str) -> object:
        try:
            return parse_mermaid(text)
        except MermaidError:
            return None

    def coverage(text: str) -> object:
        doc = parse_document(text)
        plan = InfographicPlan(title="t", blocks=[{"kind": "text", "text": text[:600] or "x"}])
        return content_dropped(doc, plan)

    planner = OfflinePlanner(specs())

    def plan(modality: str) -> Callable[[str], object]:
        return lambda text: planner.plan(PlanRequest(prompt="", content=text, modality=modality))

    return {
        "document reader": parse_document,
        "inline cleaner": clean_inline,
        "front matter": split_front_matter,
        "HTML comments": remove_html_comments,
        "sentences": sentences,
        "fit at a clause": lambda t: fit(t, 140),
        "top sentences": lambda t: top_sentences(t, 6),
        "number scanner": scan,
        "stat labeller": stat_candidates,
        "Mermaid reader": mermaid,
        "title reader": lambda t: request_subject(t[:4000]),  # prompts are limited to 4,000 characters
        "coverage audit": coverage,
        "whole planner, deck": plan("slides"),
        "whole planner, infographic": plan("infographic"),
    }


def parser_names() -> list[str]:
    return list(_parsers())


def run(size: int, log=None, cases: list[str] | None = None,
        parsers: list[str] | None = None) -> list[tuple[str, str, float]]:
    """(case, parser, CPU seconds) for every parser on every case (or the named ones). CPU time, not wall time: on
    a shared machine the wall clock measures the other processes too."""
    known = _parsers()
    unknown = sorted(set(cases or []) - set(CASES)) + sorted(set(parsers or []) - set(known))
    if unknown:
        raise SystemExit(f"unknown case or parser: {', '.join(unknown)}")
    out = []
    for case, make in CASES.items():
        if cases and case not in cases:
            continue
        text = make(size)
        for name, parse in known.items():
            if parsers and name not in parsers:
                continue
            started = time.process_time()
            parse(text)
            seconds = time.process_time() - started
            out.append((case, name, seconds))
            if log is not None:
                print(f"  {case:32} {name:18} {seconds:7.3f} s", file=log, flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=CONTENT_LIMIT, help="characters per input (default: 400,000)")
    parser.add_argument("--check", action="store_true", help="print only failures; exit 1 if any run exceeds --limit")
    parser.add_argument("--limit", type=float, default=1.0, help="seconds allowed per run with --check (default 1)")
    parser.add_argument("--verbose", action="store_true", help="print every run as it finishes")
    parser.add_argument("--done", action="store_true", help="print 'done <case> / <parser>' per run, nothing else")
    parser.add_argument("--cases", help="names of cases to run, separated by '|' (default: all)")
    parser.add_argument("--parsers", help="names of parsers to run, separated by '|' (default: all)")
    args = parser.parse_args(argv)
    cases = args.cases.split("|") if args.cases else None
    parsers = args.parsers.split("|") if args.parsers else None
    if args.done:
        for case, name, _ in run(args.size, cases=cases, parsers=parsers):
            print(f"done {case} / {name}", flush=True)
        return 0
    rows = run(args.size, sys.stderr if args.verbose else None, cases, parsers)
    if args.check:
        slow = [r for r in rows if r[2] > args.limit]
        for case, name, seconds in slow:
            print(f"{name} on {case}: {seconds:.2f} s")
        return 1 if slow else 0
    by_case: dict[str, tuple[str, float]] = {}
    by_parser: dict[str, tuple[str, float]] = {}
    for case, name, seconds in rows:
        if seconds >= by_case.get(case, ("", -1.0))[1]:
            by_case[case] = (name, seconds)
        if seconds >= by_parser.get(name, ("", -1.0))[1]:
            by_parser[name] = (case, seconds)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{len(by_case)} worst cases × {len(by_parser)} parsers at {args.size:,} characters, CPU seconds "
          f"(load average {load:.1f} on {os.cpu_count()} cores)\n")
    print("| parser | slowest case | CPU s |")
    print("| --- | --- | ---: |")
    for name, (case, seconds) in by_parser.items():
        print(f"| {name} | {case} | {seconds:.3f} |")
    print("\n| worst case | slowest parser | CPU s |")
    print("| --- | --- | ---: |")
    for case, (name, seconds) in by_case.items():
        print(f"| {case} | {name} | {seconds:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The offline planner's parsers read generated worst cases at the 400 KB content limit (bench/parsers.py): `*a `
repeated, nested and unclosed brackets, link openers, long runs of spaces and markup, 100,000 headings, a list item
wrapped over thousands of lines, a Mermaid chain of 100,000 links. A backtracking regular expression or a rescan per
line turns any of these into minutes; read in linear time, each is under a second.

No timed assertion: the runs happen in a subprocess with a generous timeout, and the test asserts the work was done
(every run reported). The times themselves are in docs/benchmarks.md ("Parsers on worst cases")."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bench.parsers import CASES, CONTENT_LIMIT, parser_names
from tests.conftest import ROOT

# The patterns that broke a parser before they were made linear, through the whole planner.
HARDEST = ["emphasis openers `*a `", "nested brackets `[[[…]]]`", "link openers `[a](`", "one long run of spaces",
           "lines of headings", "one list item wrapped over many lines", "Mermaid chain"]
ENTRY_POINTS = ["whole planner, deck", "whole planner, infographic"]  # each reads, condenses, labels, audits


def run_parsers(cases: list[str] | None, parsers: list[str] | None, timeout: int) -> list[str]:
    command = [sys.executable, "bench/parsers.py", "--done", "--size", str(CONTENT_LIMIT)]
    if cases:
        command += ["--cases", "|".join(cases)]
    if parsers:
        command += ["--parsers", "|".join(parsers)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=True)
    return [line for line in done.stdout.splitlines() if line.startswith("done ")]


def test_the_planner_reads_the_hardest_inputs_at_the_content_limit():
    assert set(HARDEST) <= set(CASES)
    done = run_parsers(HARDEST, ENTRY_POINTS, timeout=600)
    assert sorted(done) == sorted(f"done {c} / {p}" for c in HARDEST for p in ENTRY_POINTS)


@pytest.mark.slow
def test_every_parser_reads_every_worst_case_at_the_content_limit():
    done = run_parsers(None, None, timeout=3000)
    assert sorted(done) == sorted(f"done {c} / {p}" for c in CASES for p in parser_names())

"""The quality corpus (bench/quality/corpus/) is what issue 16 asks for, and its hand-written truth agrees with its
sources: a section title, table cell, quantity or leak marker that is not in the source would make a measure
report a failure the planner did not make (or hide one it did)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from bench.quality.corpus import load_cases
from bench.quality.texts import content_tokens, norm, numbers_in

CASES = load_cases()
DOCS = [c for c in CASES if not c.is_bare_prompt]
PROMPTS = [c for c in CASES if c.is_bare_prompt]


def test_the_corpus_has_enough_documents_and_prompts_in_both_languages() -> None:
    assert len(DOCS) >= 30 and len(PROMPTS) >= 20
    for group in (DOCS, PROMPTS):
        langs = Counter(c.lang for c in group)
        assert 0.4 <= langs["zh"] / len(group) <= 0.6, langs
    assert len({c.id for c in CASES}) == len(CASES)


def _sources(pattern: str, flags: int = re.M) -> list[str]:
    return [c.id for c in DOCS if re.search(pattern, c.source_text(), flags)]


@pytest.mark.parametrize("what, pattern", [
    ("YAML front matter", r"\A---\n.*?\n---\n"),
    ("HTML comments", r"<!--.*?-->"),
    ("a Markdown table", r"^\|\s*-{3}"),
    ("a Mermaid flowchart", r"^\s*flowchart\s+(TD|LR)"),
    ("a Mermaid sequence diagram", r"^\s*sequenceDiagram"),
    ("a Mermaid mind map", r"^\s*mindmap"),
    ("a Mermaid timeline", r"^\s*timeline"),
    ("a Mermaid title", r"^\s*title[: ]"),
    ("a Mermaid %% comment", r"^\s*%%"),
    ("English conditions", r"\b(If|if)\b.*\b(otherwise|unless)\b|\bUnless\b"),
    ("Chinese conditions", r"如果.*否則|若"),
    ("a URL with a tracking query", r"https?://\S+\?\S*(fbclid|utm_)"),
    ("a date like '12 月 1 日生效'", r"\d+ 月 \d+ 日生效"),
    ("a date like '10 March'", r"\b\d{1,2} March\b"),
    ("a version", r"\bv?\d+\.\d+\.\d+\b"),
    ("a phone number", r"\(0\d\) \d{4}-\d{4}|\+\d{2} \d{2} \d{4}"),
    ("an id", r"\b[A-Z]{2,}-\d{3,}\b"),
    ("numbered recommendations", r"^## (Recommendations|建議)\n\n1\. "),
    ("the term eBPF", r"\beBPF\b"),
    ("header lines 記錄 next to 出席", r"^記錄：.*\n出席："),
])
def test_every_kind_the_issue_names_is_in_the_corpus(what: str, pattern: str) -> None:
    assert _sources(pattern, re.M | re.S), f"no document with {what}"


def test_data_comes_as_csv_and_json_in_long_and_wide_form() -> None:
    kinds = {(c.source.suffix, "long" if "long" in c.kind else "wide") for c in DOCS if c.given_as == "data"}
    assert kinds == {(".csv", "long"), (".csv", "wide"), (".json", "long"), (".json", "wide")}


@pytest.mark.parametrize("c", DOCS, ids=lambda c: c.id)
def test_a_documents_truth_is_found_in_its_source(c) -> None:
    text = c.source_text()
    source = norm(text)
    numbers = numbers_in(text)
    for names in c.truth.sections:
        assert norm(names[0]) in source, f"section {names[0]!r}"
    for cell in c.truth.table_cells:
        assert norm(cell) in source, f"cell {cell!r}"
    for q in c.truth.quantities:
        in_text = norm(q.value) in source
        as_number = any(abs(n - q.number) < 1e-9 or abs(n * 100 - q.number) < 1e-6 for n in numbers)
        assert in_text or as_number, f"quantity {q.value!r}"
    for nq in c.truth.not_quantities:
        assert norm(nq.text) in source, f"not a quantity: {nq.text!r}"
    for marker in c.truth.leak_markers:
        assert marker in text, f"leak marker {marker!r}"
    for term in c.truth.exact_terms + c.truth.numbered:
        assert term in text, f"term {term!r}"
    known = content_tokens(f"{text} {c.prompt}")
    for title in c.truth.title:  # from the material, or (data without a title) from the prompt's subject
        words = content_tokens(title)
        assert len(words & known) >= 0.75 * len(words), f"title {title!r}"


@pytest.mark.parametrize("c", PROMPTS, ids=lambda c: c.id)
def test_a_bare_prompt_says_its_kind_and_the_shape_it_expects(c) -> None:
    assert c.request_kind
    if c.modalities != ["image"]:
        assert c.truth.shape, "a bare prompt needs an expected shape"
    for step in c.truth.shape.get("chain", []) + c.truth.shape.get("dates", []):
        assert norm(step) in norm(c.prompt), f"chain step {step!r} is not in the prompt"
    for group in c.truth.shape.get("columns", []):
        assert any(norm(alt) in norm(c.prompt) for alt in group), f"column {group} is not in the prompt"

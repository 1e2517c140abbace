"""The quality corpus: documents and bare prompts, each with a hand-written sidecar of ground truth.

A case is `<id>.case.json` in `corpus/docs/` (with the document it names beside it) or in `corpus/prompts/` (a
bare prompt, no document). The sidecar says what to ask, which modalities fit, and what the measures need to
know about the source: its section titles, its table cells, the quantities it states (value, unit, the clause
they belong to), numbers that are not quantities (dates, ids, versions, phone numbers, ordinals), source syntax
that must never be shown, and for bare prompts the kind of request and the shape its answer should have. The
truth is written by hand from the source, never computed by the planner under test.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).parent / "corpus"
MODALITIES = ("slides", "infographic", "whiteboard", "widget", "image")


@dataclass(frozen=True)
class Quantity:
    """A number the source states: as written, its value, its unit, and the words of its own clause."""

    value: str
    number: float
    unit: str
    clause: str


@dataclass(frozen=True)
class NotQuantity:
    """A number in the source that is not a quantity (a date, an id, a version, a phone number, an ordinal)."""

    text: str
    number: float
    why: str


@dataclass
class Truth:
    title: list[str] = field(default_factory=list)  # acceptable titles; empty: not checked
    sections: list[list[str]] = field(default_factory=list)  # each section: its title and accepted short forms
    table_cells: list[str] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    not_quantities: list[NotQuantity] = field(default_factory=list)
    leak_markers: list[str] = field(default_factory=list)  # exact source text that must never be shown
    exact_terms: list[str] = field(default_factory=list)  # terms whose spelling and case must survive ("eBPF")
    forbidden: list[str] = field(default_factory=list)  # text that must never appear (merged header lines, ...)
    numbered: list[str] = field(default_factory=list)  # items the source numbers 1, 2, 3, ... in this order
    shape: dict[str, Any] = field(default_factory=dict)  # structure the answer must have (see measures.structure)


@dataclass
class Case:
    id: str
    lang: str
    kind: str
    prompt: str
    modalities: list[str]
    truth: Truth
    source: Path | None = None  # the document; None for a bare prompt
    given_as: str | None = None  # "content" (pasted text) or "data" (a CSV/JSON table)
    request_kind: str | None = None  # bare prompts: explain-how, compare, trip/plan, decision, timer, ...

    @property
    def is_bare_prompt(self) -> bool:
        return self.source is None

    def source_text(self) -> str:
        return self.source.read_text(encoding="utf-8") if self.source else ""


def _sections(raw: list) -> list[list[str]]:
    return [[s] if isinstance(s, str) else list(s) for s in raw]


def parse_case(data: dict[str, Any], folder: Path) -> Case:
    """One sidecar as a Case; raises ValueError naming what is wrong, so a typo in the corpus is found at once."""
    for key in ("id", "lang", "prompt", "modalities", "truth"):
        if key not in data:
            raise ValueError(f"case {data.get('id', '?')}: '{key}' is missing")
    unknown = [m for m in data["modalities"] if m not in MODALITIES]
    if unknown or not data["modalities"]:
        raise ValueError(f"case {data['id']}: modalities {data['modalities']} (known: {', '.join(MODALITIES)})")
    if data["lang"] not in ("en", "zh"):
        raise ValueError(f"case {data['id']}: lang must be 'en' or 'zh'")
    t = data["truth"]
    truth = Truth(
        title=list(t.get("title", [])),
        sections=_sections(t.get("sections", [])),
        table_cells=[str(c) for c in t.get("table_cells", [])],
        quantities=[Quantity(q["value"], float(q["number"]), q.get("unit", ""), q["clause"])
                    for q in t.get("quantities", [])],
        not_quantities=[NotQuantity(n["text"], float(n["number"]), n["why"]) for n in t.get("not_quantities", [])],
        leak_markers=list(t.get("leak_markers", [])),
        exact_terms=list(t.get("exact_terms", [])),
        forbidden=list(t.get("forbidden", [])),
        numbered=list(t.get("numbered", [])),
        shape=dict(t.get("shape", {})),
    )
    source = folder / data["source"] if data.get("source") else None
    if source is not None and not source.is_file():
        raise ValueError(f"case {data['id']}: source file {source.name} is not in {folder}")
    given_as = data.get("as") or ("content" if source else None)
    if given_as not in (None, "content", "data"):
        raise ValueError(f"case {data['id']}: 'as' must be 'content' or 'data'")
    return Case(id=data["id"], lang=data["lang"], kind=data.get("kind", ""), prompt=data["prompt"],
                modalities=list(data["modalities"]), truth=truth, source=source, given_as=given_as,
                request_kind=data.get("request_kind"))


def load_cases(root: Path = CORPUS) -> list[Case]:
    """Every case under `root` (docs first, then bare prompts), sorted by id within each."""
    cases = []
    for sub in ("docs", "prompts"):
        for path in sorted((root / sub).glob("*.case.json")):
            cases.append(parse_case(json.loads(path.read_text(encoding="utf-8")), path.parent))
    return cases

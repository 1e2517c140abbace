"""What of the document a plan leaves out, for a `content_dropped` warning that names it.

Builders put every section somewhere (a slide, a block, a point, the speaker notes) and condense what does not fit;
when they must leave something out, the manifest says so. Rather than trusting each builder to report its own
omissions, the planner reads the finished plan back and compares it with the document: a section whose heading and
points are nowhere in the plan's text (notes included), points of a section missing, table cells missing. The
check is one pass over the plan's text into a set of short normalised fragments, then one look-up per item.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from renderers.base import RenderWarning

from .condense import first_sentences, tidy
from .document import Document, Section
from .tables import cell_text

_KEY = 10  # characters of normalised text that identify an item
_MAX_ITEMS = 2000  # items checked at most (a larger document is checked in part)


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def _strings(node: Any, out: list[str]) -> None:
    if isinstance(node, str):
        out.append(node)
    elif isinstance(node, (int, float)) and not isinstance(node, bool):
        out.append(cell_text(float(node)))
    elif isinstance(node, dict):
        for value in node.values():
            _strings(value, out)
    elif isinstance(node, list):
        for value in node:
            _strings(value, out)


class _Shown:
    """Every `_KEY`-character fragment of the plan's normalised text, for constant-time "is this shown?" checks."""

    def __init__(self, plan: Any) -> None:
        texts: list[str] = []
        _strings(plan.model_dump(mode="json") if hasattr(plan, "model_dump") else plan, texts)
        self.fragments: set[str] = set()
        self.short: set[str] = set()
        for t in texts:
            n = _norm(t)
            self.short.add(n)
            for i in range(max(1, len(n) - _KEY + 1)):
                self.fragments.add(n[i:i + _KEY])

    def has(self, text: str) -> bool:
        n = _norm(tidy(text)) if text else ""
        if not n:
            return True
        if len(n) < _KEY:
            return n in self.short or any(n in s for s in self.short if len(s) < 200)
        return n[:_KEY] in self.fragments


def _section_missing(section: Section, shown: _Shown) -> list[str]:
    """What of one section is not shown: the whole section, or some of its points and table cells."""
    name = section.heading or ""
    points = [i.text for i in section.items]
    lines: list[Sequence[object]] = []
    for t in section.tables:
        lines += [t.columns, *t.rows]
    cells = [cell_text(c) for line in lines for c in line if cell_text(c)]
    heading_shown = not name or section.generated or shown.has(name)
    shown_points = [p for p in points if shown.has(p)]
    shown_cells = [c for c in cells if shown.has(c)]
    # Paragraphs are condensed, not listed: one of their sentences shown is the paragraph shown.
    prose_shown = any(shown.has(s) for p in section.paragraphs[:50] for s in first_sentences(p, 20))
    if not heading_shown and not shown_points and not shown_cells and not prose_shown:
        return [f"the section '{name}'" if name else "the opening text"]
    out = []
    label = f" of '{name}'" if name else ""
    if len(shown_points) < len(points):
        out.append(f"{len(points) - len(shown_points)} of {len(points)} points{label}")
    if len(shown_cells) < len(cells):
        out.append(f"{len(cells) - len(shown_cells)} of {len(cells)} table cells{label}")
    return out


def content_dropped(doc: Document, plan: Any) -> list[RenderWarning]:
    """One `content_dropped` warning naming what of `doc` the plan does not show, or none."""
    if doc.is_empty:
        return []
    shown = _Shown(plan)
    missing: list[str] = []
    budget = _MAX_ITEMS
    for section in doc.all_sections:
        if budget <= 0:
            missing.append("the rest of the document (not checked)")
            break
        budget -= 1 + len(section.items) + len(section.paragraphs)
        missing += _section_missing(section, shown)
    if not missing:
        return []
    return [RenderWarning(code="content_dropped", where="plan",
                          detail="not in the answer: " + "; ".join(missing)[:1500])]

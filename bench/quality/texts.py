"""The words a render shows, read from its `plan.json`: every text element with where it is and what part it plays.

The measures work on plans as plain dicts (what `plan.json` holds), so they keep working while the plan classes
move between packages. Roles say how a reader meets the text: `title` (the answer's title), `heading` (a slide,
block, column or group heading), `body` (points, steps, paragraphs), `label` (diagram nodes and edges, dates,
attributions), `stat_value` / `stat_label` (a headline number and what it measures), `cell` (table headers,
cells, chart categories and series), `alt` (alternative text) and `notes` (speaker notes: seen by the presenter,
not the audience). An image's generation prompt and a widget's raw HTML are not shown, so they are not read.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

VISIBLE = frozenset({"title", "heading", "body", "label", "stat_value", "stat_label", "cell", "alt"})

# Keys that hold identifiers, switches or machine-only text, never words for a reader.
_SKIP = frozenset({
    "modality", "schema_version", "layout", "kind", "shape", "id", "group", "language", "orientation", "direction",
    "heads", "dashed", "formula", "prompt", "negative_prompt", "style", "html", "level", "done", "answer", "default",
    "min", "max", "step", "decimals", "per_base", "width", "height", "seed", "target",
})
_ROLE = {
    "heading": "heading", "subtitle": "body", "text": "body", "detail": "body", "caption": "body", "quote": "body",
    "points": "body", "question": "body", "options": "body", "explanation": "body", "front": "body", "back": "body",
    "description": "body", "note": "body", "label": "label", "attribution": "label", "time": "label",
    "date": "label", "notes": "notes", "alt": "alt", "unit": "label", "x_label": "label", "y_label": "label",
    "categories": "cell", "columns": "cell", "rows": "cell", "source": "label",
}


@dataclass(frozen=True)
class Text:
    path: str  # where in the plan: "slides[3].bullets[1].text"
    text: str
    role: str

    @property
    def visible(self) -> bool:
        return self.role in VISIBLE


def _is_stat(node: dict) -> bool:
    return node.get("layout") == "stat" or node.get("kind") == "stat"


def plan_texts(plan: dict[str, Any]) -> list[Text]:
    """Every text element of a plan in reading order."""
    out: list[Text] = []

    def add(path: str, value: Any, role: str) -> None:
        if isinstance(value, str) and value.strip():
            out.append(Text(path, value, role))
        elif isinstance(value, (int, float)) and not isinstance(value, bool) and role == "cell":
            out.append(Text(path, _number_text(value), role))

    def walk(node: Any, path: str, role: str | None, parent: dict | None) -> None:
        if isinstance(node, dict):
            stat = _is_stat(node)
            for key, value in node.items():
                here = f"{path}.{key}" if path else key
                if key in _SKIP:
                    continue
                if key == "source" and "target" in node:  # an edge's end, an id
                    continue
                if stat and key in ("stats", "items"):
                    for i, item in enumerate(value):
                        add(f"{here}[{i}].value", item.get("value"), "stat_value")
                        add(f"{here}[{i}].label", item.get("label"), "stat_label")
                    continue
                if key == "items" and node.get("layout") == "agenda":  # an agenda lists the section headings
                    for i, item in enumerate(value):
                        add(f"{here}[{i}]", item, "heading")
                    continue
                if key == "title":
                    cover = not path or node.get("layout") == "title"  # a deck's cover repeats its title
                    add(here, value, "title" if cover else ("body" if _in_steps(path) else "heading"))
                    continue
                if key == "name":  # a series or unit name is shown; a calculator's names are identifiers
                    if not re.search(r"\.(inputs|outputs)\[", here):
                        add(here, value, "cell" if "series" in path or "units" in path else "label")
                    continue
                if key == "values":  # chart numbers
                    for i, v in enumerate(value):
                        add(f"{here}[{i}]", v, "cell")
                    continue
                walk(value, here, _ROLE.get(key, role), node)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{path}[{i}]", role, parent)
        else:
            add(path, node, role or "body")

    walk(plan, "", None, None)
    return out


def _in_steps(path: str) -> bool:
    return bool(re.search(r"\.(steps|events)\[\d+\]$", path))


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


# ---- normalising text for matching ------------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")


def norm(text: str) -> str:
    """Text for containment checks: compatibility forms folded (full-width to ASCII), case folded, and every space
    removed, so "3 月 13 日" matches "3月13日" and "Heat-loss  survey" matches "heat-loss survey"."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text).casefold())


_NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def numbers_in(text: str) -> list[float]:
    """The numbers written in `text` ("1,200" is 1200; "v2.0.3" gives nothing it should not)."""
    text = unicodedata.normalize("NFKC", text)
    return [float(m.group().replace(",", "")) for m in _NUMBER.finditer(text)]


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
STOPWORDS = frozenset("""a an the of to and or with for in on at by as that which from than this these those is are was
were be been it its our we you your their they them he she his her not no but so if into about over under per each
all any has have had will would can could should may might do does did""".split())


def content_tokens(text: str) -> set[str]:
    """Words that carry meaning: English words of three or more letters (stopwords out), and Chinese character
    pairs, so labels and clauses in either language can be compared."""
    text = unicodedata.normalize("NFKC", text)
    words = {w.lower() for w in _WORD.findall(text) if len(w) >= 3 and w.lower() not in STOPWORDS}
    han = "".join(_CJK.findall(text))
    pairs = {han[i:i + 2] for i in range(len(han) - 1)}
    return words | pairs


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))

"""Reads structure out of what the user pasted: Markdown (headings, lists, tables, quotes) and plain text with
numbered, emoji-marked or Chinese-ordinal sections.

The result is a small outline (`Document`) the modality builders work from; nothing here decides a modality.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from models.data import DataError, parse_number
from renderers.layout.script import cjk_ratio, is_emoji, language_of, strip_emoji
from renderers.plan.common import TableData


@dataclass
class Item:
    text: str
    level: int = 0


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    ordered: bool = False
    tables: list[TableData] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return join_text([*self.paragraphs, *(i.text for i in self.items)])


@dataclass
class Document:
    title: str | None = None
    lead: Section = field(default_factory=lambda: Section(""))  # what comes before the first heading
    sections: list[Section] = field(default_factory=list)
    language: str = "en"
    source: str | None = None

    @property
    def tables(self) -> list[TableData]:
        return [t for s in [self.lead, *self.sections] for t in s.tables]

    @property
    def all_sections(self) -> list[Section]:
        return ([self.lead] if (self.lead.paragraphs or self.lead.items or self.lead.tables) else []) + self.sections

    @property
    def text(self) -> str:
        return join_text([s.heading for s in self.sections] + [s.text for s in self.all_sections])

    @property
    def is_empty(self) -> bool:
        return not self.sections and not self.lead.paragraphs and not self.lead.items and not self.lead.tables


def join_text(parts: list[str]) -> str:
    """Joins text pieces with a space for Latin text and nothing between CJK pieces."""
    out = ""
    for p in parts:
        p = p.strip()
        if not p:
            continue
        if out and not (cjk_ratio(out[-1:]) and cjk_ratio(p[:1])):
            out += " "
        out += p
    return out


_HEADING_MD = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)(?:[-*+•·▪◦‣]|[\u2022\u25CF\u25CB\u25A0\u25AA])\s+(.+)$")
_ORDERED = re.compile(r"^(\s*)(\d{1,2})[.)、．]\s*(.+)$")
_KEYCAP = re.compile(r"^\s*((?:\d\uFE0F?\u20E3)|🔟)\s*(.+)$")
_ZH_ORDINAL = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十]{1,3}[)）、．.]|第[一二三四五六七八九十\d]{1,3}[章節部分點步階段])\s*(.*)$")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_QUOTE = re.compile(r"^\s*>\s?(.*)$")
_SOURCE = re.compile(r"^\s*(?:source|sources|資料來源|來源|出處)\s*[:：]\s*(.+)$", re.IGNORECASE)
_SENTENCE_END = tuple(".!?。！？")


def clean_inline(text: str) -> str:
    """Removes Markdown inline markup (emphasis, code, links, images) and tidies spaces."""
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])", r"\2", text)
    text = re.sub(r"`([^`]+)`", r"\1", text)
    return " ".join(text.split())


def _emoji_heading(line: str) -> str | None:
    """A line that starts with a pictograph marker ('📌 Title', '1️⃣ 標題') returns its text."""
    m = _KEYCAP.match(line)
    if m:
        return m.group(2).strip()
    stripped = line.strip()
    if stripped and is_emoji(stripped[0]):
        rest = stripped.lstrip("".join(c for c in stripped[:4] if is_emoji(c))).strip()
        return rest or None
    return None


def _short(text: str) -> bool:
    limit = 40 if cjk_ratio(text) > 0.3 else 90
    return 0 < len(text) <= limit


def _looks_like_heading(text: str) -> bool:
    return _short(text) and not text.rstrip().endswith(_SENTENCE_END[:3] + ("。", "！", "？", "；", ";", ","))


def _parse_table(lines: list[str]) -> TableData | None:
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines if not _TABLE_SEP.match(line)]
    if len(rows) < 2:
        return None
    width = len(rows[0])
    rows = [r + [""] * (width - len(r)) if len(r) < width else r[:width] for r in rows]
    from models.data import table_from_json

    try:
        return table_from_json([rows[0]] + rows[1:])
    except DataError:
        return None


@dataclass
class _Line:
    kind: str  # heading, item, oitem, marker, para, blank, table, quote
    text: str = ""
    level: int = 0
    raw: list[str] = field(default_factory=list)


def _classify(content: str) -> list[_Line]:
    lines = content.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[_Line] = []
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            out.append(_Line("blank"))
            i += 1
            continue
        if re.fullmatch(r"\s*(?:-{3,}|\*{3,}|_{3,})\s*", line):
            out.append(_Line("blank"))  # a thematic break (Marp's slide separator) separates, nothing more
            i += 1
            continue
        if _TABLE_ROW.match(line):
            block = []
            while i < len(lines) and _TABLE_ROW.match(lines[i]):
                block.append(lines[i])
                i += 1
            out.append(_Line("table", raw=block))
            continue
        i += 1
        m = _HEADING_MD.match(line)
        if m:
            out.append(_Line("heading", clean_inline(m.group(2)), len(m.group(1))))
            continue
        m = _QUOTE.match(line)
        if m:
            out.append(_Line("quote", clean_inline(m.group(1))))
            continue
        emoji_text = _emoji_heading(line)
        if emoji_text is not None:
            text = clean_inline(strip_emoji(emoji_text))
            out.append(_Line("marker", text) if text else _Line("blank"))  # a line of emoji alone says nothing
            continue
        m = _ZH_ORDINAL.match(line)
        if m and m.group(1).strip():
            out.append(_Line("marker", clean_inline(m.group(1))))
            continue
        m = _ORDERED.match(line)
        if m:
            out.append(_Line("oitem", clean_inline(m.group(3)), 1 if len(m.group(1)) >= 2 else 0))
        elif (m := _BULLET.match(line)):
            out.append(_Line("item", clean_inline(m.group(2)), 1 if len(m.group(1).expandtabs(4)) >= 2 else 0))
        else:
            out.append(_Line("para", clean_inline(line)))
        if not strip_emoji(out[-1].text):
            out[-1] = _Line("blank")  # nothing but pictographs or markup: no text to show
    return out


def _promote_markers(lines: list[_Line]) -> None:
    """Decides which marked lines (numbered, emoji, ordinals, short standalone lines) are section headings.

    A marked line is a heading when paragraph text follows it before the next marked line; a run of marked lines
    with nothing between them is a list.
    """
    marked = [k for k, l in enumerate(lines) if l.kind in ("marker", "oitem") and l.level == 0]
    headings = [k for k, l in enumerate(lines) if l.kind == "heading"]
    for n, k in enumerate(marked):
        end = marked[n + 1] if n + 1 < len(marked) else len(lines)
        end = min([end] + [h for h in headings if h > k])  # a marked line's body stops at the next heading
        body = [l for l in lines[k + 1 : end] if l.kind != "blank"]
        has_paragraph = any(l.kind in ("para", "item", "table", "quote") for l in body)
        if has_paragraph and _looks_like_heading(lines[k].text):
            lines[k].kind = "heading"
            lines[k].level = 2
        elif lines[k].kind == "marker":
            lines[k].kind = "oitem" if not has_paragraph else "para"
    # Plain text with no markers at all: short lines standing alone above longer paragraphs are headings,
    # when there are at least two of them (one such line is more likely the title).
    if not any(l.kind == "heading" for l in lines):
        candidates = []
        for k, l in enumerate(lines):
            if l.kind != "para" or not _looks_like_heading(l.text) or _ends_sentence(l.text):
                continue
            prev_blank = k == 0 or lines[k - 1].kind == "blank"
            nxt = next((x for x in lines[k + 1 :] if x.kind != "blank"), None)
            if prev_blank and nxt is not None and nxt.kind in ("para", "item", "oitem") and len(nxt.text) > len(l.text):
                candidates.append(l)
        if len(candidates) >= 2:
            # With three or more, a candidate on the very first line is the document's title.
            title_first = len(candidates) >= 3 and candidates[0] is lines[_first_text(lines)]
            for l in candidates[1:] if title_first else candidates:
                l.kind, l.level = "heading", 2


def _first_text(lines: list[_Line]) -> int:
    return next((k for k, l in enumerate(lines) if l.kind != "blank"), 0)


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_SENTENCE_END)


def parse_document(content: str, title_hint: str | None = None) -> Document:
    lines = _classify(content)
    _promote_markers(lines)
    doc = Document(language=language_of(content) if content.strip() else "en")
    headings = [l for l in lines if l.kind == "heading"]
    top = min((l.level for l in headings), default=2)
    current = doc.lead
    para_buf: list[str] = []

    def flush() -> None:
        if para_buf:
            current.paragraphs.append(join_text(para_buf))
            para_buf.clear()

    for l in lines:
        if l.kind == "blank":
            flush()
            continue
        if l.kind == "heading":
            flush()
            text = l.text.rstrip(":：").strip()
            if l.level == top and top == 1 and doc.title is None and sum(1 for h in headings if h.level == 1) == 1:
                doc.title = text
                continue
            current = Section(text)
            doc.sections.append(current)
            continue
        if l.kind == "para":
            m = _SOURCE.match(l.text)
            if m:
                flush()
                doc.source = m.group(1).strip()
                continue
            para_buf.append(l.text)
            continue
        flush()
        if l.kind in ("item", "oitem"):
            current.items.append(Item(l.text, l.level))
            current.ordered = current.ordered or l.kind == "oitem"
        elif l.kind == "quote":
            if l.text:
                current.quotes.append(l.text)
        elif l.kind == "table":
            table = _parse_table(l.raw)
            if table is not None:
                current.tables.append(table)
    flush()
    # A first short paragraph with no heading above it is the title of a plain-text article.
    if doc.title is None and doc.lead.paragraphs and _looks_like_heading(doc.lead.paragraphs[0]) and (
        doc.sections or len(doc.lead.paragraphs) > 1
    ):
        doc.title = doc.lead.paragraphs.pop(0)
    if doc.title is None and title_hint:
        doc.title = title_hint
    doc.sections = [s for s in doc.sections if s.heading or s.paragraphs or s.items or s.tables]
    return doc


def numbers_in(text: str) -> list[str]:
    """Numbers with their units as written: '62%', '$3.2B', '1,200 萬', '3.5 小時'."""
    pattern = re.compile(
        r"(?:NT\$|US\$|\$|€|£|¥)?\s?\d[\d,]*(?:\.\d+)?\s?(?:%|％|percent|[kKmMbB](?![a-z])|billion|million|thousand|"
        r"萬|億|兆|元|倍|人|次|年|小時|分鐘|天|公里|公斤|度)?"
    )
    out = []
    for m in pattern.finditer(text):
        token = m.group(0).strip()
        if parse_number(re.sub(r"[^\d.,]", "", token) or "x") is not None:
            out.append(token)
    return out

"""Reads structure out of what the user pasted: Markdown (headings, lists, tables, quotes, code), plain text with
numbered, emoji-marked or Chinese-ordinal sections, and Mermaid diagrams.

The result is a small outline (`Document`) the modality builders work from; nothing here decides a modality.
Source syntax is interpreted, never passed on: YAML front matter becomes metadata (its title is the document's when
there is no H1), HTML comments and tags are dropped, inline markup and link targets are removed (`markup`), a run
of header lines ("記錄：李建國" / "出席：張雅婷") stays one line each, numbered items keep their numbers, and a
Mermaid document is read as the outline of its diagram (`mermaid_doc`).

Every step is linear in the content's length: lines are classified one at a time and each pass over them moves
forward only (bench/parsers.py times generated worst cases up to the 400 KB content limit).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from models.data import parse_number
from renderers.layout.script import cjk_ratio, is_emoji, language_of, strip_emoji
from renderers.plan.common import TableData

from .markup import clean_inline, remove_html_comments, split_front_matter

__all__ = ["Document", "Item", "Section", "clean_inline", "join_text", "parse_document"]


@dataclass(slots=True)
class Item:
    text: str
    level: int = 0
    number: str | None = None  # the number the source gave it ("3" of "3. Budget time for the verifier")

    @property
    def marked(self) -> str:
        """The item as the source numbered it: "3. Budget time…"; unnumbered items as they are."""
        return f"{self.number}. {self.text}" if self.number else self.text


@dataclass(slots=True)
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    ordered: bool = False
    tables: list[TableData] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    code: list[str] = field(default_factory=list)  # code blocks, kept for the notes, never shown as points
    generated: bool = False  # the heading was made by the reader ("Steps" of a diagram), not written in the source
    opens_with_text: bool = False  # its first content is a paragraph (an introduction), not a list or a table
    level: int = 2  # its heading's level (1 for "#"), so a builder can tell a part from the sections inside it

    @property
    def text(self) -> str:
        return join_text([*self.paragraphs, *(i.text for i in self.items)])

    @property
    def notes(self) -> str:
        """Everything the section says, for speaker notes or details: paragraphs, then one line per item (with its
        number, sub-items indented), then quotes and code, so items never run together."""
        parts = list(self.paragraphs)
        parts += [("    " if i.level else "") + ("• " if not i.number else "") + i.marked for i in self.items]
        parts += [f"“{q}”" for q in self.quotes] + self.code
        return "\n".join(parts)

    @property
    def is_empty(self) -> bool:
        return not (self.paragraphs or self.items or self.tables or self.quotes or self.code)


@dataclass
class Document:
    title: str | None = None
    lead: Section = field(default_factory=lambda: Section(""))  # what comes before the first heading
    sections: list[Section] = field(default_factory=list)
    language: str = "en"
    source: str | None = None
    meta: dict[str, str] = field(default_factory=dict)  # front matter (keys lower-cased)
    fields: list[str] = field(default_factory=list)  # header lines before the first heading, one each
    fallback_title: str | None = None  # a title to use only when the request names no subject (a diagram's comment)
    origin: str = "text"  # "text" (Markdown or plain text) or "mermaid"

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
    out: list[str] = []
    last = ""
    for p in parts:
        p = p.strip()
        if not p:
            continue
        if last and not (cjk_ratio(last[-1:]) and cjk_ratio(p[:1])):
            out.append(" ")
        out.append(p)
        last = p
    return "".join(out)


_BULLET = re.compile(r"^(\s*)(?:[-*+•·▪◦‣]|[\u2022\u25CF\u25CB\u25A0\u25AA])\s+(.+)$")
_TASK = re.compile(r"^\[[ xX]\]\s+")
# "1. Item", "2) Item", "3、項目", "1.簡訊": a list number, then a space (or a CJK character); "3.4. The bill"
# is not one.
_ORDERED = re.compile(r"^(\s*)(\d{1,2})(?:[.)](?:\s+|(?=[\u3400-\u9fff]))|[、．]\s*)(.+)$")
_KEYCAP = re.compile(r"^\s*((?:\d\uFE0F?\u20E3)|🔟)\s*(.+)$")
_ZH_ORDINAL = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十]{1,3}[)）、．.]|"
                         r"第[一二三四五六七八九十\d]{1,3}[章節部分點步階段])\s*(.*)$")
_TABLE_SEP_CELL = re.compile(r"^:?-{2,}:?$")
_QUOTE = re.compile(r"^\s*>\s?(.*)$")
_SOURCE = re.compile(r"^\s*(?:source|sources|資料來源|來源|出處)\s*[:：]\s*(.+)$", re.IGNORECASE)
_FENCE = re.compile(r"^\s*(```+|~~~+)\s*([\w-]*)")
_THEMATIC_BREAK = re.compile(r"\s{0,3}(?:-[ \t]*){3,}|\s{0,3}(?:\*[ \t]*){3,}|\s{0,3}(?:_[ \t]*){3,}")
_REFERENCE = re.compile(r"^\s*\[[^\]]{1,100}\]:\s*\S")
_LINK_ONLY = re.compile(r"^\s*!?\[([^\]]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)\s*$")
# "Attendees: Tom, Aiko" / "記錄：李建國": a short label, a colon and a value.
_FIELD = re.compile(r"^\s*([^\s:：|#>*\-][^:：]{0,23}?)\s*[:：]\s*(\S.*)$")
_SENTENCE_END = tuple(".!?。！？")
# A quick test before the per-character `strip_emoji`: the ranges `is_emoji` covers.
_PICTOGRAPH = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0E\uFE0F\u20E3\u200D\u2B00-\u2BFF\u2190-\u21FF]")


def _short(text: str) -> bool:
    if not text or len(text) > 90:
        return False
    return len(text) <= (40 if cjk_ratio(text) > 0.3 else 90)


def _looks_like_heading(text: str) -> bool:
    return _short(text) and not text.rstrip().endswith(_SENTENCE_END[:3] + ("。", "！", "？", "；", ";", ","))


def _is_field_label(label: str) -> bool:
    label = label.strip()
    if not label or re.search(r"[.。!?！？,，;；()（）\d]", label):
        return False
    return len(label) <= 8 if cjk_ratio(label) > 0.3 else len(label.split()) <= 3


def _split_row(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells: list[str] = []
    buf: list[str] = []
    escaped = False
    for ch in body:
        if ch == "|" and not escaped:
            cells.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
        escaped = ch == "\\"
    cells.append("".join(buf))
    return [clean_inline(c.replace("\\|", "|")) for c in cells]


def _is_table_sep(line: str) -> bool:
    cells = line.strip().strip("|").split("|")
    return bool(cells) and all(_TABLE_SEP_CELL.match(c.strip()) for c in cells)


def _is_table_row(line: str) -> bool:
    s = line.strip()
    return len(s) >= 2 and s[0] == "|" and s[-1] == "|"


_PLAIN_NUMBER = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def _table_cell(text: str) -> str | float | None:
    """A Markdown table cell: a plain number ("41,200", "2.6") is a number; anything with a unit or sign ("2.9%",
    "$29", "3.8 h") stays as written, so no unit is lost on the way to a slide."""
    if not text:
        return None
    if _PLAIN_NUMBER.fullmatch(text):
        return parse_number(text)
    return text


def _parse_table(lines: list[str]) -> TableData | None:
    rows = [_split_row(line) for line in lines if not _is_table_sep(line)]
    if len(rows) < 2 or len(rows) > 2001:
        return None
    width = min(len(rows[0]), 20)
    rows = [r + [""] * (width - len(r)) if len(r) < width else r[:width] for r in rows]
    columns = []
    for k, name in enumerate(rows[0], start=1):
        name = (name or f"Column {k}")[:60]
        while name in columns:
            name = f"{name} ({k})"[:60]
        columns.append(name)
    try:
        return TableData(columns=columns, rows=[[_table_cell(c[:500]) for c in r] for r in rows[1:]])
    except ValueError:
        return None


def _heading(line: str) -> tuple[int, str] | None:
    """An ATX heading ("## Title ##") as (level, text); None for other lines. No regular expression: a line of
    "#" and spaces must not backtrack."""
    s = line.lstrip(" ")
    if len(line) - len(s) > 3 or not s.startswith("#"):
        return None
    level = len(s) - len(s.lstrip("#"))
    rest = s[level:]
    if level > 6 or not rest[:1].isspace():
        return None
    text = rest.strip()
    closing = text.rstrip("#")
    if closing != text and (not closing or closing[-1].isspace()):
        text = closing.strip()
    return (level, text) if text else None


@dataclass(slots=True)
class _Line:
    kind: str  # heading, item, oitem, marker, para, field, blank, table, quote, code, mermaid
    text: str = ""
    level: int = 0
    raw: list[str] = field(default_factory=list)
    number: str | None = None


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


def _classify(content: str) -> list[_Line]:
    lines = content.split("\n")
    out: list[_Line] = []
    unclosed: set[str] = set()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        first = line.lstrip()[:1]  # most tests below apply to lines opening with one mark: test that first
        if not first:
            out.append(_Line("blank"))
            i += 1
            continue
        fence = _FENCE.match(line) if first in "`~" else None
        if fence and fence.group(1)[:3] not in unclosed:
            mark, lang = fence.group(1)[:3], fence.group(2).lower()
            end = i + 1
            while end < len(lines) and not lines[end].strip().startswith(mark):
                end += 1
            if end < len(lines):
                block = lines[i + 1:end]
                i = end + 1
                out.append(_Line("mermaid" if lang == "mermaid" else "code", "\n".join(block), raw=block))
                continue
            unclosed.add(mark)  # a stray fence: the rest is text, and no later fence of its kind is searched for
        if fence:
            i += 1
            continue
        if first in "-*_" and _THEMATIC_BREAK.fullmatch(line):
            out.append(_Line("blank"))  # a thematic break (Marp's slide separator) separates, nothing more
            i += 1
            continue
        if first == "|" and _is_table_row(line):
            block = []
            while i < len(lines) and _is_table_row(lines[i]):
                block.append(lines[i])
                i += 1
            out.append(_Line("table", raw=block))
            continue
        i += 1
        if first == "[" and _REFERENCE.match(line):
            continue  # "[1]: https://...": a link target, nothing to read
        heading = _heading(line) if first == "#" else None
        if heading:
            text = clean_inline(heading[1])
            out.append(_Line("heading", text, heading[0]) if text else _Line("blank"))
            continue
        m = _QUOTE.match(line) if first == ">" else None
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
        if m and m.group(2) != "1" and out and out[-1].kind == "para":
            m = None  # a number opening a wrapped line of a paragraph ("…a seasonal efficiency of\n3.4. The…")
        if not m and not _BULLET.match(line) and out and out[-1].kind in ("item", "oitem"):
            out[-1].raw.append(clean_inline(line))  # a wrapped line of a list item, joined once at the end
            continue
        if m:
            out.append(_Line("oitem", clean_inline(m.group(3)), _indent_level(m.group(1)), number=m.group(2)))
        elif (m := _BULLET.match(line)):
            out.append(_Line("item", clean_inline(_TASK.sub("", m.group(2))), _indent_level(m.group(1))))
        else:
            link = _LINK_ONLY.match(line)
            text = clean_inline(line)
            if link and len(text) <= (8 if cjk_ratio(text) > 0.3 else 24):
                out.append(_Line("blank"))  # "[Read it](url)": a pointer whose target is gone says nothing
                continue
            kind = "field" if (f := _FIELD.match(text)) and _is_field_label(f.group(1)) else "para"
            out.append(_Line(kind, text))
        if not out[-1].text or (_PICTOGRAPH.search(out[-1].text) and not strip_emoji(out[-1].text)):
            out[-1] = _Line("blank")  # nothing but pictographs or markup: no text to show
    for entry in out:
        if entry.raw and entry.kind in ("item", "oitem"):
            entry.text = join_text([entry.text, *entry.raw])
    _fields_need_company(out)
    return out


def _indent_level(indent: str) -> int:
    return 1 if len(indent.expandtabs(4)) >= 2 else 0


def _fields_need_company(lines: list[_Line]) -> None:
    """A "label: value" line is a header field only in a run of two or more ("記錄：…" then "出席：…"); alone it is a
    sentence with a colon."""
    k = 0
    while k < len(lines):
        if lines[k].kind != "field":
            k += 1
            continue
        end = k
        while end < len(lines) and lines[end].kind == "field":
            end += 1
        if end - k < 2:
            lines[k].kind = "para"
        k = end


def _promote_markers(lines: list[_Line]) -> None:
    """Decides which marked lines (numbered, emoji, ordinals, short standalone lines) are section headings.

    A marked line is a heading when paragraph text follows it before the next marked line; a run of marked lines
    with nothing between them is a list. One backward pass finds, for every line, whether paragraph text follows
    before the next marked line or heading.
    """
    n = len(lines)
    marked = {k for k, ln in enumerate(lines) if ln.kind in ("marker", "oitem") and ln.level == 0}
    has_paragraph_after = [False] * (n + 1)  # paragraph text between k+1 and the next marked line or heading
    seen = False
    for k in range(n - 1, -1, -1):
        has_paragraph_after[k] = seen
        if k in marked or lines[k].kind == "heading":
            seen = False
        if lines[k].kind in ("para", "item", "table", "quote", "field"):
            seen = True
    for k in sorted(marked):
        line = lines[k]
        if has_paragraph_after[k] and _looks_like_heading(line.text):
            line.kind, line.level, line.number = "heading", 2, None
        elif line.kind == "marker":
            line.kind = "oitem" if not has_paragraph_after[k] else "para"
    # Plain text with no markers at all: short lines standing alone above longer paragraphs are headings,
    # when there are at least two of them (one such line is more likely the title).
    if any(ln.kind == "heading" for ln in lines):
        return
    next_text: list[int | None] = [None] * (n + 1)
    for k in range(n - 1, -1, -1):
        next_text[k] = k if lines[k].kind != "blank" else next_text[k + 1]
    candidates = []
    for k, ln in enumerate(lines):
        if ln.kind != "para" or not _looks_like_heading(ln.text) or ln.text.rstrip().endswith(_SENTENCE_END):
            continue
        prev_blank = k == 0 or lines[k - 1].kind == "blank"
        j = next_text[k + 1]
        nxt = lines[j] if j is not None else None
        if prev_blank and nxt is not None and nxt.kind in ("para", "item", "oitem") and len(nxt.text) > len(ln.text):
            candidates.append(k)
    if len(candidates) >= 2:
        # With three or more, a candidate on the very first line is the document's title.
        first = next_text[0]
        title_first = len(candidates) >= 3 and candidates[0] == first
        for k in candidates[1:] if title_first else candidates:
            lines[k].kind, lines[k].level = "heading", 2


def parse_document(content: str, title_hint: str | None = None) -> Document:
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    meta, body = split_front_matter(content)
    from .mermaid_doc import is_mermaid_document, mermaid_document

    if is_mermaid_document(body):
        doc = mermaid_document(content)
        if doc is not None:
            return doc
    body = remove_html_comments(body)
    lines = _classify(body)
    _promote_markers(lines)
    # The language from a sample: counting scripts over 400 KB says nothing more than over the first 20,000.
    doc = Document(language=language_of(body[:20_000]) if body.strip() else "en", meta=meta)
    headings = [ln for ln in lines if ln.kind == "heading"]
    top = min((h.level for h in headings), default=2)
    single_h1 = sum(1 for h in headings if h.level == 1) == 1
    current = doc.lead
    para_buf: list[str] = []

    def flush() -> None:
        if para_buf:
            if current.is_empty:
                current.opens_with_text = True
            current.paragraphs.append(join_text(para_buf))
            para_buf.clear()

    for ln in lines:
        if ln.kind == "blank":
            flush()
            continue
        if ln.kind == "heading":
            flush()
            text = ln.text.rstrip(":：").strip()
            if ln.level == top == 1 and doc.title is None and single_h1 and not doc.sections:
                doc.title = text
                continue
            current = Section(text, level=ln.level)
            doc.sections.append(current)
            continue
        if ln.kind == "para":
            m = _SOURCE.match(ln.text)
            if m:
                flush()
                doc.source = m.group(1).strip()
                continue
            para_buf.append(ln.text)
            continue
        flush()
        if ln.kind == "field":
            if current is doc.lead and not doc.sections:
                doc.fields.append(ln.text)
            else:
                current.items.append(Item(ln.text))
        elif ln.kind in ("item", "oitem"):
            current.items.append(Item(ln.text, ln.level, ln.number))
            current.ordered = current.ordered or (ln.kind == "oitem" and ln.level == 0)
        elif ln.kind == "quote":
            if ln.text:
                current.quotes.append(ln.text)
        elif ln.kind == "table":
            table = _parse_table(ln.raw)
            if table is not None:
                current.tables.append(table)
        elif ln.kind == "mermaid":
            _add_diagram(current, ln.text)
        elif ln.kind == "code" and ln.text.strip():
            current.code.append(ln.text)
    flush()
    # A first short paragraph with no heading above it is the title of a plain-text article.
    if doc.title is None and doc.lead.paragraphs and _looks_like_heading(doc.lead.paragraphs[0]) and (
        doc.sections or len(doc.lead.paragraphs) > 1
    ):
        doc.title = doc.lead.paragraphs.pop(0)
    if doc.title is None and meta.get("title"):
        doc.title = clean_inline(meta["title"]) or None
    if doc.title is None and title_hint:
        doc.title = title_hint
    doc.sections = [s for s in doc.sections if s.heading or not s.is_empty]
    return doc


def _add_diagram(section: Section, source: str) -> None:
    """A Mermaid block inside a document: its outline becomes items of the section it sits in."""
    from .mermaid_doc import mermaid_document

    diagram = mermaid_document(source)
    if diagram is None:
        section.code.append(source)
        return
    for part in diagram.all_sections:
        named = bool(part.heading) and not part.generated  # "Steps" of a diagram says less than the section's title
        if named:
            section.items.append(Item(part.heading))
        section.items += [Item(i.text, 1 if named else i.level, i.number) for i in part.items]

"""Fitting the user's material into a model's context: token estimates, splitting at natural seams, data tables.

Tokens are estimated without a tokenizer (each server has its own): about four Latin characters per token and one
token per CJK character, which errs on the generous side for both, so a budget holds on any common model.
"""

from __future__ import annotations

import re

from renderers.layout.script import is_cjk
from renderers.plan import TableData

from ..offline.condense import rank, sentences


def estimate_tokens(text: str) -> int:
    cjk = sum(1 for c in text if is_cjk(c))
    return cjk + (len(text) - cjk + 3) // 4


_HEADING = re.compile(r"^(?:#{1,6}\s|\S.{0,80}\n[=-]{3,}$)", re.M)


def _paragraphs(text: str) -> list[str]:
    """Blocks separated by blank lines, with each heading kept at the start of the block that follows it."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    merged: list[str] = []
    for block in blocks:
        if merged and _HEADING.match(merged[-1]) and "\n" not in merged[-1]:
            merged[-1] = f"{merged[-1]}\n\n{block}"
        else:
            merged.append(block)
    return merged


def _split_long(block: str, limit: int) -> list[str]:
    """A block over the limit, cut between sentences (or, for one endless sentence, between characters)."""
    pieces: list[str] = []
    current = ""
    for sentence in sentences(block) or [block]:
        while estimate_tokens(sentence) > limit:  # no sentence boundary to cut at
            cut = max(1, int(len(sentence) * limit / estimate_tokens(sentence)))
            pieces.append((current + " " + sentence[:cut]).strip())
            current, sentence = "", sentence[cut:]
        if current and estimate_tokens(current) + estimate_tokens(sentence) > limit:
            pieces.append(current)
            current = ""
        current = f"{current} {sentence}".strip() if current else sentence
    if current:
        pieces.append(current)
    return pieces


def split_chunks(text: str, limit: int) -> list[str]:
    """The text in order, in chunks of at most `limit` estimated tokens, cut at headings, paragraphs, sentences."""
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for block in _paragraphs(text):
        tokens = estimate_tokens(block)
        parts = [block] if tokens <= limit else _split_long(block, limit)
        for part in parts:
            t = estimate_tokens(part)
            starts_section = bool(_HEADING.match(part))
            if current and (size + t > limit or (starts_section and size > limit * 0.6)):
                chunks.append("\n\n".join(current))
                current, size = [], 0
            current.append(part)
            size += t
    if current:
        chunks.append("\n\n".join(current))
    return chunks


def trim_extractive(text: str, limit: int) -> str:
    """The most central sentences of `text`, in their order, within `limit` tokens (no model needed)."""
    if estimate_tokens(text) <= limit:
        return text
    sents = sentences(text)
    keep: set[int] = set()
    used = 0
    for i in rank(sents):
        t = estimate_tokens(sents[i]) + 1
        if used + t > limit:
            continue
        keep.add(i)
        used += t
    return " ".join(sents[i] for i in sorted(keep))


def excerpt(text: str, limit: int) -> str:
    """The beginning of the text within `limit` tokens, cut at a paragraph or sentence when possible."""
    if estimate_tokens(text) <= limit:
        return text
    chunk = split_chunks(text, limit)[0]
    return chunk if estimate_tokens(chunk) <= limit else chunk[: limit * 2]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if any(c in text for c in ',"\n'):
        text = '"' + text.replace('"', '""') + '"'
    return text


def table_csv(table: TableData, limit: int) -> tuple[str, int]:
    """The table as CSV within `limit` tokens, and how many rows that holds (the header always fits)."""
    lines = [",".join(_cell(c) for c in table.columns)]
    used = estimate_tokens(lines[0])
    shown = 0
    for row in table.rows:
        line = ",".join(_cell(c) for c in row)
        t = estimate_tokens(line) + 1
        if used + t > limit:
            break
        lines.append(line)
        used += t
        shown += 1
    return "\n".join(lines), shown


def table_summary(table: TableData) -> str:
    """One line about a table for the routing call: its size and columns."""
    cols = ", ".join(table.columns[:12]) + (" ..." if len(table.columns) > 12 else "")
    return f"{len(table.rows)} rows; columns: {cols}"

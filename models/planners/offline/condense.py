"""Extractive condensing: split text into sentences, rank them, and shorten the chosen ones into bullets.

Works for English and Chinese without models: sentences split on terminal punctuation, words are Latin words
minus stop words or, for Chinese, character bigrams; a sentence scores by how central its terms are.
"""

from __future__ import annotations

import re
from collections import Counter

from renderers.layout.script import cjk_ratio, is_cjk

_SPLIT_EN = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])")
_SPLIT_ZH = re.compile(r"(?<=[。！？；])")
_STOP = set(
    "a an the and or but if then so of to in on for with by from as at is are was were be been being it its this "
    "that these those we you they he she i our your their his her them us can could will would should may might "
    "must do does did have has had not no more most less very also just than such into about over after before "
    "which who whom what when where why how all any each other some many much there here".split()
)
_LEADING_EN = re.compile(
    r"^(?:however|moreover|furthermore|in addition|additionally|also|so|thus|therefore|finally|first|second|"
    r"third|firstly|secondly|lastly|for example|for instance|in fact|of course|overall|in short)[,:]?\s+",
    re.IGNORECASE,
)
_LEADING_ZH = re.compile(r"^(?:此外|另外|因此|所以|然而|不過|首先|其次|最後|總之|例如|事實上|同時|而且|並且)[，,、]?")


def is_zh(text: str) -> bool:
    return cjk_ratio(text) > 0.3


def sentences(text: str) -> list[str]:
    text = " ".join(text.split())
    if not text:
        return []
    parts = _SPLIT_ZH.split(text) if is_zh(text) else _SPLIT_EN.split(text)
    out = []
    for p in parts:
        p = p.strip()
        if not p:
            continue
        # Chinese sentences can also end in a Latin full stop followed by more Chinese.
        out.append(p)
    return out


def terms(sentence: str) -> list[str]:
    if is_zh(sentence):
        chars = [c for c in sentence if is_cjk(c) and c not in "，。、；：？！「」『』（）"]
        return ["".join(chars[i : i + 2]) for i in range(len(chars) - 1)]
    return [w for w in re.findall(r"[a-z][a-z'\-]+|\d+(?:\.\d+)?%?", sentence.lower()) if w not in _STOP]


def rank(sents: list[str]) -> list[int]:
    """Indices of sentences, most central first (term-frequency centrality, with a nudge to earlier ones)."""
    counts = Counter(t for s in sents for t in set(terms(s)))
    scored = []
    for i, s in enumerate(sents):
        ts = terms(s)
        if not ts:
            scored.append((0.0, i))
            continue
        score = sum(counts[t] for t in set(ts)) / (len(set(ts)) ** 0.5)
        score *= 1.0 + 0.3 / (1 + i)
        if re.search(r"\d", s):
            score *= 1.15  # sentences with numbers usually carry the facts
        scored.append((score, i))
    return [i for _, i in sorted(scored, key=lambda x: (-x[0], x[1]))]


def top_sentences(text: str, k: int) -> list[str]:
    sents = sentences(text)
    if len(sents) <= k:
        return sents
    keep = sorted(rank(sents)[:k])
    return [sents[i] for i in keep]


def shorten(sentence: str, max_chars: int | None = None) -> str:
    """A sentence as a bullet: no leading connective, no final full stop, cut at a clause if too long."""
    zh = is_zh(sentence)
    limit = max_chars or (40 if zh else 110)
    s = sentence.strip()
    s = (_LEADING_ZH if zh else _LEADING_EN).sub("", s).strip()
    if s and not zh:
        s = s[0].upper() + s[1:]
    s = s.rstrip("。.；;")
    if len(s) <= limit:
        return s
    separators = ["，", "；", "：", "、"] if zh else ["; ", ", which", ", and", ", but", " — ", ": ", ", "]
    for sep in separators:
        head = s.split(sep)[0]
        if len(head) >= limit * 0.4 and len(head) <= limit:
            return head.rstrip("，,;；")
    if zh:
        return s[: limit - 1] + "…"
    cut = s[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def headline(text: str, max_chars: int | None = None) -> str:
    """A short title for a passage: its first clause, shortened."""
    first = sentences(text)[:1]
    if not first:
        return ""
    zh = is_zh(first[0])
    limit = max_chars or (18 if zh else 60)
    return shorten(first[0], limit)


def bullets_from(text: str, k: int = 6) -> list[str]:
    return [shorten(s) for s in top_sentences(text, k)]

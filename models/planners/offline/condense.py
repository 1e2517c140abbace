"""Extractive condensing: split text into sentences and clauses, rank sentences, and fit them into the room a slide
or a block has, cutting only where a careful editor would.

A cut falls at a sentence end, else at a clause boundary (`;`, `:`, `,`, `，`, `；`, `：`, a dash), never inside a
bracket pair or quotation, never inside a number ("1,200", "4.5:1"), and never where the kept part would dangle:
ending on "the" / "and" / "的" / "與", or being only the subordinate clause of a sentence whose main clause was cut
("If CI fails", "正如我今年在演講中強調的"). What is cut goes back to the caller (`fit`) for the speaker notes or
details. Only when no such boundary leaves anything that fits is a word boundary used, marked with "…".

Works for English and Chinese without models: words are Latin words minus stop words or, for Chinese, character
bigrams; a sentence scores by how central its terms are. Every function is linear in its input.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from renderers.layout.script import is_cjk

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

_OPEN = "([{（【「『《〈"
_CLOSE = ")]}）】」』》〉"
_SENTENCE_END = ".!?。！？"
_ABBREVIATIONS = frozenset("e.g i.e etc vs mr mrs ms dr prof st no fig approx inc ltd co jr sr".split())
# A kept part may not end on these (it would read as cut off).
_DANGLING_EN = re.compile(
    r"\b(?:the|a|an|and|or|but|nor|because|than|whose|is|are|was|were|of|to|with|for|by|from|in|on|at|as|that|"
    r"which|who|if|when|while|its|their|our|your|his|her|into|onto|via|per)\s*$",
    re.IGNORECASE,
)
_DANGLING_ZH = re.compile(r"(?:[的與和及或在把被將從對向為跟]|強調|指出|提到|認為|表示|如果|若|因為|雖然|當|例如)\s*$")
# A clause that opens with these needs the clause after it: cutting after it leaves a fragment.
_SUBORDINATE_EN = re.compile(
    r"^(?:if|when|whenever|while|although|though|because|since|unless|as|after|before|once|whether|whereas|until|"
    r"even if|even though|so that|in order to|as soon as|to|for|from|with|without|by|in|on|at|during|despite)\b",
    re.IGNORECASE,
)
_SUBORDINATE_ZH = re.compile(r"^(?:如果|若|假如|雖然|雖|因為|由於|當|正如|儘管|除非|為了|只要|即使|就像|根據|隨著|"
                             r"對於|關於)")
_DIGIT = re.compile(r"\d")


_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_LETTER = re.compile(r"[^\W\d_]")


def is_zh(text: str) -> bool:
    """Whether `text` is mostly CJK, judged on its first 2,000 characters with two regular-expression counts (this
    runs for every sentence of a long document)."""
    sample = text[:2000]
    letters = len(_LETTER.findall(sample))
    return bool(letters) and len(_CJK_CHAR.findall(sample)) / letters > 0.3


# ---- boundaries ---------------------------------------------------------------------------------------------


def boundaries(text: str) -> list[tuple[int, int]]:
    """Where `text` may be cut: (position after the mark, level), level 0 for a sentence end and 1 for a clause
    boundary, outside every bracket pair and quotation and never between the digits of a number. One pass."""
    return list(iter_boundaries(text))


_MARK = re.compile(r"[()\[\]{}（）【】「」『』《》〈〉.!?。！？；;，：,:—–]")
_BRACKET = re.compile(r"[()\[\]{}（）【】「」『』《》〈〉]")


def iter_boundaries(text: str, horizon: int | None = None) -> Iterator[tuple[int, int]]:
    """`boundaries`, one at a time, so a caller that needs only the first few stops early. A bracket that is never
    closed (or a closer never opened) is a stray character: it does not stop the rest of the text being cut. Only
    the marks are visited (a regular expression finds them), so plain text costs next to nothing. With `horizon`,
    only text[:horizon] is read, and a bracket still open there is taken to close later (no cut inside it)."""
    end = len(text) if horizon is None or horizon >= len(text) else horizon
    paired = _paired_brackets(text, end)
    depth = 0
    n = len(text)
    for m in _MARK.finditer(text, 0, end):
        i = m.start()
        ch = text[i]
        if ch in _OPEN:
            depth += i in paired
            continue
        if ch in _CLOSE:
            if i not in paired:
                continue
            depth = max(0, depth - 1)
            # "(… done.) Next" ends a sentence; "(see fig. 2.) on site" does not.
            if depth == 0 and i > 0 and text[i - 1] in _SENTENCE_END and _starts_sentence(text, i + 1):
                yield (i + 1, 0)
            continue
        if depth:
            continue
        nxt = text[i + 1] if i + 1 < n else " "
        prev = text[i - 1] if i else " "
        if ch in "。！？":
            yield (i + 1, 0)
        elif ch in ".!?":
            if nxt.isspace() or is_cjk(nxt) or nxt in "\"'”’":
                if ch == "." and (prev.isdigit() and nxt.isdigit() or _abbreviation(text, i)):
                    continue
                yield (i + 1, 0)
        elif ch in "；;":
            yield (i + 1, 1)
        elif ch in "，：":
            yield (i + 1, 1)
        elif ch in ",:" and not (prev.isdigit() and nxt.isdigit()) and (nxt.isspace() or is_cjk(nxt)):
            yield (i + 1, 1)
        elif ch in "—–" and (prev.isspace() or is_cjk(prev)):
            yield (i, 1)


def _starts_sentence(text: str, at: int) -> bool:
    """Whether a sentence may start at or just after `at`: the end, a capital, a digit or a CJK character."""
    while at < len(text) and text[at] == " ":
        at += 1
    return at >= len(text) or text[at].isupper() or text[at].isdigit() or is_cjk(text[at])


def _paired_brackets(text: str, end: int) -> set[int]:
    """Positions of the brackets in text[:end] that have a partner (one stack over all kinds: linear); when `end`
    stops short of the text, openers still open there count as paired, since their partner may come later."""
    stack: list[int] = []
    paired: set[int] = set()
    for m in _BRACKET.finditer(text, 0, end):
        i = m.start()
        if text[i] in _OPEN:
            stack.append(i)
        elif stack:
            paired.add(stack.pop())
            paired.add(i)
    if end < len(text):
        paired.update(stack)
    return paired


def _abbreviation(text: str, at: int) -> bool:
    """Whether the full stop at `at` ends an abbreviation ("e.g.", "Dr.") or an initial ("J. Smith")."""
    start = at
    while start > 0 and at - start <= 6 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:at]
    return word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())


def sentences(text: str) -> list[str]:
    """The sentences of `text` (brackets and quotations are never split)."""
    text = " ".join(text.split())
    if not text:
        return []
    out = []
    start = 0
    for pos, level in boundaries(text):
        if level == 0:
            part = text[start:pos].strip()
            if part:
                out.append(part)
            start = pos
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out


def clauses(text: str) -> list[str]:
    """The clauses of `text`: its pieces between sentence ends and clause boundaries."""
    out = []
    start = 0
    for pos, _ in boundaries(text):
        part = text[start:pos].strip(" ，,；;：:—–")
        if part:
            out.append(part)
        start = pos
    rest = text[start:].strip(" ，,；;：:—–")
    if rest:
        out.append(rest)
    return out


_TRIM = " ，,；;：:—–"


def _complete(text: str, pos: int, level: int, sentence_start: int, clauses_before: int, zh: bool) -> bool:
    """Whether text[:pos] reads as complete: it does not end on a word that needs more, and a clause cut does not
    leave only a subordinate clause ("If CI fails"); `sentence_start` is where its last sentence begins and
    `clauses_before` how many clause boundaries that sentence has before `pos`. Looks only near the ends, so each
    check costs the same however long the text."""
    tail = text[max(0, pos - 30):pos].rstrip(_TRIM)
    if not tail:
        return False
    if (_DANGLING_ZH if zh else _DANGLING_EN).search(tail) or tail[-1] in _OPEN:
        return False
    if level == 1 and not clauses_before:
        last = text[sentence_start:sentence_start + 40].lstrip(" 「『\"'")
        if (_SUBORDINATE_ZH if zh else _SUBORDINATE_EN).match(last):
            return False
    return True


def fit(text: str, limit: int) -> tuple[str, str]:
    """(kept, rest): the longest start of `text` within `limit` characters that ends at a sentence end or, failing
    that, a clause boundary, reads as complete and cuts no number or bracket pair; `rest` is what follows, for the
    notes. When no boundary leaves a fitting start, the text is cut at the last word boundary outside brackets and
    numbers and "…" marks the cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text, ""
    zh = is_zh(text)
    floor = min(limit * 0.3, 12)
    ends: list[int] = []
    any_cut: list[int] = []
    sentence_start = 0
    clauses_before = 0
    for pos, level in iter_boundaries(text, horizon=limit * 4 + 200):
        if pos > limit:
            break
        head_length = pos
        while head_length and text[head_length - 1] in _TRIM:
            head_length -= 1
        if head_length >= floor and _complete(text, pos, level, sentence_start, clauses_before, zh):
            any_cut.append(pos)
            if level == 0:
                ends.append(pos)
        if level == 0:
            sentence_start, clauses_before = pos, 0
        else:
            clauses_before += 1
    if any_cut:
        # A whole sentence when one fills at least half the room; otherwise the longest complete clause run.
        best = ends[-1] if ends and ends[-1] >= limit * 0.5 else any_cut[-1]
        head = text[:best].rstrip(_TRIM)
        return head, text[best:].strip()
    cut = _word_cut(text, limit - 1)
    return text[:cut].rstrip(_TRIM) + "…", text[cut:].strip()


def cut_at_sentence(text: str, limit: int) -> str:
    """The longest start of `text` within `limit` characters that ends a sentence (for speaker notes, which only
    need to stay within their limit); the first `limit` characters when no sentence ends in them."""
    if len(text) <= limit:
        return text
    best = 0
    for pos, level in iter_boundaries(text, horizon=limit * 2):
        if pos > limit:
            break
        if level == 0:
            best = pos
    return text[:best] if best else text[:limit]


def first_sentences(text: str, k: int) -> list[str]:
    """The first `k` sentences of `text`, found without reading the rest."""
    out: list[str] = []
    start = 0
    for pos, level in iter_boundaries(text, horizon=max(4000, k * 400)):
        if level == 0:
            part = text[start:pos].strip()
            if part:
                out.append(part)
                if len(out) >= k:
                    return out
            start = pos
    rest = text[start:].strip()
    if rest and len(out) < k:
        out.append(rest)
    return out


def fit_point(text: str, limit: int, most: int) -> tuple[str, str]:
    """`fit`, except that a text with no clean boundary within `limit` is kept whole when it is at most `most`
    characters: a slightly long point reads better than one cut in mid-phrase."""
    kept, rest = fit(text, limit)
    if kept.endswith("…") and len(" ".join(text.split())) <= most:
        return " ".join(text.split()), ""
    return kept, rest


def _word_cut(text: str, limit: int) -> int:
    """The last position within `limit` where a word ends outside brackets and numbers and the kept part does not
    dangle (failing that, any such word end); at least one character."""
    paired = _paired_brackets(text, min(len(text), limit * 4 + 200))
    depth = 0
    good = loose = 0
    for i in range(1, min(limit, len(text) - 1) + 1):
        prev, ch = text[i - 1], text[i]
        if prev in _OPEN and i - 1 in paired:
            depth += 1
        elif prev in _CLOSE and i - 1 in paired:
            depth = max(0, depth - 1)
        if depth or prev.isdigit() or (ch.isdigit() and prev in ",."):
            continue
        word_end = ch == " " or (is_cjk(ch) and is_cjk(prev) and ch not in _CLOSE and prev not in _OPEN) or \
            (is_cjk(ch) != is_cjk(prev) and not ch.isspace() and not prev.isspace())
        if not word_end:
            continue
        loose = i
        tail = text[max(0, i - 12):i]
        if i >= limit * 0.4 and not (_DANGLING_ZH if is_cjk(prev) else _DANGLING_EN).search(tail):
            good = i
    return good or loose or max(1, limit)


# ---- ranking ------------------------------------------------------------------------------------------------


_WORDS = re.compile(r"[a-z][a-z'\-]+|\d+(?:\.\d+)?%?")


def terms(sentence: str) -> list[str]:
    if is_zh(sentence):
        chars = "".join(_CJK_CHAR.findall(sentence))
        return [chars[i : i + 2] for i in range(len(chars) - 1)]
    return [w for w in _WORDS.findall(sentence.lower()) if w not in _STOP]


def rank(sents: list[str]) -> list[int]:
    """Indices of sentences, most central first (term-frequency centrality, with a nudge to earlier ones)."""
    all_terms = [terms(s) for s in sents]
    counts = Counter(t for ts in all_terms for t in set(ts))
    scored = []
    for i, s in enumerate(sents):
        ts = all_terms[i]
        if not ts:
            scored.append((0.0, i))
            continue
        score = sum(counts[t] for t in set(ts)) / (len(set(ts)) ** 0.5)
        score *= 1.0 + 0.3 / (1 + i)
        if _DIGIT.search(s):
            score *= 1.15  # sentences with numbers usually carry the facts
        scored.append((score, i))
    return [i for _, i in sorted(scored, key=lambda x: (-x[0], x[1]))]


def top_sentences(text: str, k: int) -> list[str]:
    sents = sentences(text)
    if len(sents) <= k:
        return sents
    keep = sorted(rank(sents)[:k])
    return [sents[i] for i in keep]


# Salutations that open a letter's first sentence: "各位夥伴好：", "Dear partners,", "Hi all:".
_GREETING = re.compile(r"^(?:各位[^，,。：:]{0,8}好|大家好|您好|親愛的[^，,。：:]{1,10}|"
                       r"(?:dear|hi|hello)\b[^,:.!?]{0,30})"
                       r"[：:,，!！]\s*(?=\S)", re.IGNORECASE)


def without_greeting(sentence: str) -> str:
    """A sentence without the salutation or label that opens it: "各位夥伴好：今年…" is "今年…"."""
    return _GREETING.sub("", sentence, count=1)


def key_sentence(text: str) -> str:
    """The sentence that states what `text` is about: its first (the topic sentence of a paragraph, the lead of a
    memo's section), unless that is only a greeting or a fragment; then the most central one."""
    sents = sentences(text)
    if not sents:
        return ""
    first = without_greeting(sents[0])
    if len(first) >= 8 and not first.rstrip().endswith((":", "：")):
        return first
    return sents[rank(sents)[0]]


# ---- fitting points -----------------------------------------------------------------------------------------


def by_script(zh: bool, en: int, cjk: int) -> int:
    """A room in characters for the text's script: a Chinese character takes about two Latin ones' width."""
    return cjk if zh else en


def capital(text: str) -> str:
    """The text with its first letter capitalised when it starts a plain lower-case word ("private beta" after a
    date's colon), so a title reads as one; "eBPF" and "iPhone" stay as written."""
    if len(text) > 1 and text[0].islower() and text[0].isascii() and (text[1].islower() or not text[1].isalpha()):
        word = text.split()[0]
        if not any(ch.isupper() for ch in word):
            return text[0].upper() + text[1:]
    return text


def tidy(sentence: str) -> str:
    """A sentence as a point: no leading connective, no final full stop. The case of what is written stays ("eBPF",
    "iPhone"); only a lower-case word that a removed connective left in front is capitalised."""
    s = " ".join(sentence.split())
    zh = is_zh(s)
    stripped = (_LEADING_ZH if zh else _LEADING_EN).sub("", s).strip()
    if stripped != s and not zh and stripped:
        first = stripped.split(" ", 1)[0]
        if first.isalpha() and first.islower():
            stripped = stripped[0].upper() + stripped[1:]
    s = stripped or s
    if s.endswith(("。", ".", "；", ";")) and not s.endswith("..."):
        s = s[:-1]
    return s


def shorten(sentence: str, max_chars: int | None = None) -> str:
    """A sentence as a point within `max_chars` (40 for Chinese, 110 otherwise), cut at a clause boundary, its first
    word capitalised when it is all lower case."""
    s = tidy(sentence)
    first = s.split(" ", 1)[0]
    if first.isascii() and first.isalpha() and first.islower():  # "tent" → "Tent"; "eBPF" and "iPhone" stay
        s = s[0].upper() + s[1:]
    limit = max_chars or (40 if is_zh(s) else 110)
    return fit(s, limit)[0]


def headline(text: str, max_chars: int | None = None) -> str:
    """A short title for a passage: its first sentence, cut at a clause boundary."""
    first = sentences(text)[:1]
    if not first:
        return ""
    zh = is_zh(first[0])
    limit = max_chars or (18 if zh else 60)
    return shorten(first[0], limit)


def bullets_from(text: str, k: int = 6) -> list[str]:
    return [shorten(s) for s in top_sentences(text, k)]

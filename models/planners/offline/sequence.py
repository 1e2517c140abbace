"""Sequences in what the user gave: dates that run forward, and steps told in paragraphs ("First, … Then … Finally,
…"), for the builders that draw them as timelines and processes. Reading only: nothing here is added to the text.
"""

from __future__ import annotations

import re

from .condense import capital

# Words in a heading that say its list is a sequence of steps (a numbered list of decisions is not one).
STEP_WORDS = re.compile(r"\b(?:steps?|process|procedure|how to|workflow|flow|pipeline|stages?|phases?|checklist|"
                        r"onboarding|getting started|setup|set-up)\b|步驟|流程|程序|階段|作法|做法|順序|怎麼|如何|申請",
                        re.IGNORECASE)
# The opening and closing words of a sequence told in paragraphs ("First, ask …" … "Finally, put …").
# `(?![\w-])` ends a word where `\b` would let "First-time users" or "Next-gen" open a step.
_FIRST = re.compile(r"^(?:first(?:ly)?|to (?:start|begin)|start by|begin by)(?![\w-])[,:]?\s*|"
                    r"^(?:首先|第一步|一開始)[，,、：:]?", re.IGNORECASE)
_LAST = re.compile(r"^(?:finally|lastly|last|at the end)(?![\w-])[,:]?\s*|"
                   r"^(?:最後|最后|最終)[，,、：:]?", re.IGNORECASE)
_THEN = re.compile(r"^(?:then|next|after that|afterwards|second(?:ly)?|third(?:ly)?)(?![\w-])[,:]?\s*|"
                   r"^(?:接著|然後|接下來|其次|再來|之後)[，,、：:]?", re.IGNORECASE)

_MONTHS = {name: k for k, name in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                             "nov", "dec"), start=1)}


def date_key(date: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date as the source wrote it, 0 where it does not say; None when it cannot be read.
    Only for telling whether dates are in order."""
    text = date.lower()
    year = re.search(r"(?:19|20)\d{2}", text)
    y = int(year.group(0)) if year else 0
    rest = text.replace(year.group(0), " ", 1) if year else text
    month = day = 0
    if (q := re.search(r"q([1-4])", rest)):
        month = int(q.group(1)) * 3 - 2
    elif (name := re.search(r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", rest)):
        month = _MONTHS[name.group(1)]
        d = re.search(r"\d{1,2}", rest)
        day = int(d.group(0)) if d else 0
    elif (zh := re.search(r"(\d{1,2})\s?月(?:\s?(\d{1,2}))?", rest)):
        month, day = int(zh.group(1)), int(zh.group(2) or 0)
    else:
        nums = [int(n) for n in re.findall(r"\d{1,2}", rest)]
        if len(nums) > 2:
            return None
        month, day = (nums + [0, 0])[:2]
    if not (y or month) or month > 12 or day > 31:
        return None
    return y, month, day


def in_order(dates: list[str]) -> bool:
    """The dates run forward (equal ones allowed); dates that cannot be read are no timeline."""
    keys = [date_key(d) for d in dates]
    if any(k is None for k in keys):
        return False
    if len({bool(k[0]) for k in keys if k}) > 1:  # some with a year, some without: cannot be compared
        return False
    return all(a <= b for a, b in zip(keys, keys[1:]))  # type: ignore[operator]



def told_steps(paragraphs: list[str]) -> list[str] | None:
    """Paragraphs that tell a sequence ("First, …", "Then …", "Finally, …"): from the one that opens it to the one
    that closes it, each a step (the opening words dropped); None when the paragraphs tell no sequence."""
    start = next((k for k, p in enumerate(paragraphs) if _FIRST.match(p)), None)
    if start is None:
        return None
    end = next((k for k in range(len(paragraphs) - 1, start, -1) if _LAST.match(paragraphs[k])), None)
    if end is None or not 2 <= end - start + 1 <= 10 or end != len(paragraphs) - 1:
        return None
    out = []
    for p in paragraphs[start:end + 1]:
        body = _FIRST.sub("", p, count=1)
        body = _LAST.sub("", body, count=1)
        body = _THEN.sub("", body, count=1).strip()
        if not body:  # "Finally:" before a list: the paragraphs alone do not tell the sequence
            return None
        out.append(capital(body))
    return out

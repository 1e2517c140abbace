"""Headline numbers: quantities the text states, each labelled by the words of its own clause.

A stat is what a careful editor would put in big type: a number with its unit, currency or percent sign (or the
thing it counts), never a date, a time, a year, an id, a version, a phone number, an ordinal or a number out of a
web address (`quantities.scan` tells them apart). Its label comes from its own clause, split off at clause marks
and brackets, so it can never run into the next bullet or carry half a bracket:

- a number that ends its clause is labelled by the words before it ("再生能源約占全國發電量" / "11.9%");
- a number that opens its clause, by the words after it ("62%" / "employees would look for another job");
- a number inside its clause, by the whole clause, the number kept, so no label reads with a hole in it.

A clause too long to be a label gives no stat; when nothing qualifies there is no stat row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .condense import is_zh
from .markup import remove_urls
from .quantities import Number, scan

_MARKS = "，；：、,;:()（）「」『』【】—"
_WEIGHT = {"percent": 3.0, "money": 3.0, "scale": 2.5, "measure": 2.0}
_TRAIL_EN = re.compile(
    r"(?:\s+(?:of|to|by|at|is|was|are|were|about|around|roughly|nearly|almost|over|under|than|only|just|some|"
    r"totalling|totaling|reached|hit|a|an|the|with|for|from|at least|at most|more than|less than|up to))+$",
    re.IGNORECASE)
_LEAD_EN = re.compile(r"^(?:of|and|but|while|so|which|with|where|whereas|about|around|nearly|some)\s+", re.IGNORECASE)
_QUALIFIER_EN = re.compile(r"(?:a|an|the|about|around|roughly|nearly|almost|some|over|under|more than|less than|"
                           r"up to|at least|at most|only|just)", re.IGNORECASE)
_TRAIL_ZH = re.compile(r"(?:約|大約|到|為|達|是|占|佔|有|共|的|超過|將近|近|約為|達到|高達|僅|只有|平均)+$")
_LEAD_ZH = re.compile(r"^(?:而且|並且|其中|此外|另外|的|有|以上|以下|多|左右)+")
_QUALIFIER_ZH = re.compile(r"^(?:以上|以下|多|左右|上下)")
# A label may not be a condition or a concession ("unless it was paid in cash" is no measure of "£200"), nor open
# with a pronoun whose noun was in another clause ("it was 27% of tickets": what was?).
_SUBORDINATE = re.compile(r"^(?:if|unless|when|whenever|while|although|though|because|since|as|whereas|once|until|"
                          r"it|its|they|their|this|these|those|he|she|his|her)\b|"
                          r"^(?:如果|若|假如|雖然|因為|當|除非|只要|即使|它|他們|她們|這些|此)", re.IGNORECASE)
# Two-character words that say when or how, not what: no label for a number ("每則 0.9 元" needs more).
_VAGUE_ZH = frozenset("每則 每次 每人 每個 原本 原來 其中 另外 合計 總共 平均 大約 目前 現在 今年 去年 明年 至少 最多 "
                      "以上 以下".split())
_FUNCTION_WORDS = frozenset("""more less than in on at of to by for from with the a an and or but this that these those
its their our your it is are was were be been than then there here per each all any some most""".split())
_DANGLING = re.compile(r"\b(?:the|a|an|and|or|but|of|to|with|for|by|from|in|on|at|as|that|which)$|"
                       r"[的與和及或在把被將從對]$", re.IGNORECASE)


@dataclass
class StatCandidate:
    value: str  # the number with its unit, as written
    label: str  # what it measures, in the words of its own clause
    weight: float  # how headline-worthy: percentages and money first, small counts last


def _clause_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause: text between sentence ends, clause marks and brackets (so a parenthesis is a
    clause of its own), never splitting a number's "1,200" or "4.5:1". Linear."""
    spans = []
    start = 0
    n = len(text)
    for i, ch in enumerate(text):
        cut = False
        if ch in "。！？\n" or ch in _MARKS and ch not in ",:":
            cut = True
        elif ch in ",:.!?":
            prev = text[i - 1] if i else " "
            nxt = text[i + 1] if i + 1 < n else " "
            cut = not (prev.isdigit() and nxt.isdigit()) and (nxt.isspace() or nxt in _MARKS or not nxt.isascii())
        if cut:
            spans.append((start, i))
            start = i + 1
    spans.append((start, n))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _label_for(clause: str, at: int, end: int, n: Number) -> tuple[str, bool] | None:
    """(label, clean) for the number at clause[at:end]: `clean` when the label is the clause without the number."""
    zh = is_zh(clause)
    before = clause[:at].strip()
    after = clause[end:].strip()
    if zh:
        qualifier = _QUALIFIER_ZH.match(after)
        rest = after[qualifier.end():].strip() if qualifier else after
        if not rest.strip(" 。.，,"):
            label = _TRAIL_ZH.sub("", before).strip()
            return (label, True) if label else None
        if not _LEAD_ZH.sub("", before):  # "其中 6% 曾表示願意付費": only a connective before it
            label = _LEAD_ZH.sub("", rest).strip()
            return (label, True) if label else None
        return clause.strip(), False
    if not after.strip(" ."):
        label = _TRAIL_EN.sub("", before).strip()
        return (label, True) if label else None
    if re.match(r"of\s", after, re.IGNORECASE) and n.kind == "percent" and \
            re.search(r"(?:^|\b(?:that|show|shows|showed|found|say|says|said))$", before.strip(), re.IGNORECASE):
        return after[3:].strip(), True  # "surveys show that 62% of employees would…": the "of" part is the subject
    if not before or _QUALIFIER_EN.fullmatch(before):  # "about 48 million rows", "an 80% response rate"
        label = _LEAD_EN.sub("", after).strip()
        return (label, True) if label else None
    return clause.strip(), False


def _readable(label: str, zh: bool) -> bool:
    if not label or re.search(r"https?://|www\.|[?&]\w+=|#", label) or _SUBORDINATE.match(label):
        return False
    if zh:
        return 2 <= len(label) <= 32 and label not in _VAGUE_ZH and not _DANGLING.search(label)
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]*", label) if w.lower() not in _FUNCTION_WORDS]
    return len(words) >= 2 and len(label) <= 100 and not _DANGLING.search(label)


def _weight(n: Number) -> float:
    if n.kind == "count":
        if n.number < 10:
            return 0.5
        return 1.8 if not n.unit.isascii() else 1.5  # "37 件" carries its unit; "41" leaves "incidents" to the label
    return _WEIGHT.get(n.kind, 0.0)


def _arrived(text: str, n: Number) -> bool:
    """Whether the number is where something ended up ("fell from 6% to 1.5%", "降到 3 成"): of two equal
    numbers in a clause, that one is the headline; otherwise the first."""
    before = text[max(0, n.start - 8):n.start].lower()
    return bool(re.search(r"(?:\bto|到|至|為|成)\s?$", before))


def _departed(text: str, n: Number) -> bool:
    """Whether the number is where something started ("dropped from about 40 minutes to 5"): no headline, since
    the clause's news is where it went."""
    before = text[max(0, n.start - 16):n.start].lower()
    return bool(re.search(r"(?:\bfrom(?:\s(?:about|around|roughly|nearly|over))?|從|由)\s?$", before))


def _capitalised(label: str) -> str:
    first = label.split(" ", 1)[0]
    if first.isascii() and first.isalpha() and first.islower():
        return label[0].upper() + label[1:]
    return label


def stat_candidates(text: str) -> list[StatCandidate]:
    """Every headline number of `text` in reading order, one per clause at most (its weightiest quantity; of equals
    the one a change arrived at, "fell from 6% to 1.5%", else the first)."""
    text = remove_urls(text)
    numbers = [n for n in scan(text) if n.is_quantity]
    out: list[StatCandidate] = []
    k = 0
    for a, b in _clause_spans(text):
        inside: list[Number] = []
        while k < len(numbers) and numbers[k].start < b:
            if numbers[k].start >= a and numbers[k].end <= b:
                inside.append(numbers[k])
            k += 1
        if not inside:
            continue
        best = max(inside, key=lambda n: (_weight(n) - (1.5 if _departed(text, n) else 0), _arrived(text, n),
                                          -n.start))
        clause = text[a:b]
        got = _label_for(clause, best.start - a, best.end - a, best)
        if got is None:
            continue
        label, clean = got
        if clean and any(x.kind != "year" for x in scan(label)):  # another number in it: the whole clause says more
            label, clean = clause.strip(), False
        label = _LEAD_EN.sub("", label) if not clean else label
        zh = is_zh(clause)
        if not _readable(label, zh):
            continue
        weight = _weight(best) + (0.3 if clean else 0.0) - (1.5 if _departed(text, best) else 0.0)
        value = best.value
        if zh:
            qualifier = _QUALIFIER_ZH.match(text[best.end:b].strip())
            value += qualifier.group(0) if qualifier and clean else ""
        if len(value) > 24:
            continue
        out.append(StatCandidate(value, label if zh else _capitalised(label), weight))
    return out


def clause_count(text: str) -> int:
    """How many clauses `text` has, split as the labels are (at clause marks, 、 and brackets)."""
    return len(_clause_spans(remove_urls(text)))


def headline_stats(text: str, limit: int, floor: float = 1.5) -> list[StatCandidate]:
    """The `limit` weightiest headline numbers of `text` (at least `floor` each), distinct values, in reading
    order."""
    seen: set[str] = set()
    ranked = []
    for order, c in enumerate(stat_candidates(text)):
        if c.weight < floor or c.value in seen:
            continue
        seen.add(c.value)
        ranked.append((c.weight, -order, c))
    chosen = sorted(ranked, key=lambda x: (-x[0], -x[1]))[:limit]
    return [c for _, _, c in sorted(chosen, key=lambda x: -x[1])]

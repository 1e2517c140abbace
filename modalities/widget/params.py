"""Parameters for widgets found in the request's own words: quantities with their units, formulas written as
`name = expression` lines, exchange rates, list items after a colon, and dates.

Everything here reads text and returns plain values; build_widget.py decides what to make of them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from . import formula
from . import plan as G

# ---- quantities --------------------------------------------------------------------------------------------


@dataclass
class Quantity:
    value: float
    cue: str  # "percent", "years", "months", "cm", "kg", "people" or "amount" (money or a bare number)


_QUANTITY = re.compile(
    r"(?P<cur>NT\$|US\$|\$|€|£|¥)?\s?(?P<num>\d[\d,]*(?:\.\d+)?)\s?"
    r"(?P<mult>萬|億|thousand|million|billion|[kK](?![a-zA-Z])|[mM](?![a-zA-Z]))?\s?"
    r"(?P<unit>%|％|percent|per ?cent|years?|yrs?|年|months?|個月|cm|公分|kg|公斤|people|persons?|人)?",
    re.IGNORECASE,
)
_MULTIPLIER = {"萬": 1e4, "億": 1e8, "thousand": 1e3, "million": 1e6, "billion": 1e9, "k": 1e3, "m": 1e6}
_CUES = [("percent", ("%", "％", "percent", "per cent")), ("years", ("year", "yr", "年")),
         ("months", ("month", "個月")), ("cm", ("cm", "公分")), ("kg", ("kg", "公斤")),
         ("people", ("people", "person", "人"))]


def quantities(text: str) -> list[Quantity]:
    """Numbers in the text with what they measure: '3.2%' is a percent, '30 years' and '30年' are years,
    '800萬' is 8,000,000, '$85' is an amount."""
    out = []
    for m in _QUANTITY.finditer(text):
        try:
            value = float(m.group("num").replace(",", ""))
        except ValueError:
            continue
        mult = (m.group("mult") or "").lower()
        value *= _MULTIPLIER.get(mult, 1)
        unit = (m.group("unit") or "").lower()
        cue = next((name for name, words in _CUES if unit and unit.startswith(words)), "amount")
        if cue == "amount" and not m.group("cur") and not mult and 1900 <= value <= 2100 and value.is_integer():
            continue  # a year, not an amount
        out.append(Quantity(value, cue))
    return out


def assign_defaults(inputs: list[G.CalculatorInput], cues: list[str], found: list[Quantity]) -> list[G.CalculatorInput]:
    """Inputs with their defaults replaced by the quantities of the same kind, in order; a range is widened
    when a given value falls outside it."""
    pools: dict[str, list[float]] = {}
    for q in found:
        pools.setdefault(q.cue, []).append(q.value)
    out = []
    for inp, cue in zip(inputs, cues, strict=True):
        pool = pools.get(cue) or []
        if not pool:
            out.append(inp)
            continue
        value = pool.pop(0)
        lo = inp.min if inp.min is None or value >= inp.min else value
        hi = inp.max if inp.max is None or value <= inp.max else _round_up(value * 2)
        out.append(inp.model_copy(update={"default": value, "min": lo, "max": hi}))
    return out


def _round_up(v: float) -> float:
    """A tidy upper bound: 1, 2 or 5 times a power of ten, at least v."""
    scale = 10 ** (len(str(int(abs(v)))) - 1)
    for f in (1, 2, 5, 10):
        if f * scale >= v:
            return float(f * scale)
    return float(v)


# ---- formulas written out ----------------------------------------------------------------------------------

_ASSIGNMENT = re.compile(
    r"^\s*(?:[-*•]\s*)?(?P<name>[A-Za-z_][A-Za-z0-9_]{0,39})\s*(?:\((?P<unit>[^()]{1,20})\))?\s*[=:：]\s*(?P<rhs>.+?)\s*$"
)
_NUMBER_WITH_UNIT = re.compile(r"^(?P<num>-?\d[\d,]*(?:\.\d+)?)\s*(?P<unit>%|[A-Za-z$€£¥/²³\u4e00-\u9fff]{1,12})?$")


def _label(name: str) -> str:
    words = name.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def formula_calculator(lines: list[str]) -> G.CalculatorWidget | None:
    """A calculator from lines such as 'price = 120', 'tax_rate (%) = 5' and 'total = price * (1 + tax_rate/100)':
    numbers become inputs, expressions over earlier names become outputs."""
    inputs: list[G.CalculatorInput] = []
    outputs: list[G.CalculatorOutput] = []
    known: set[str] = set()
    for line in lines:
        m = _ASSIGNMENT.match(line)
        if not m or m.group("name") in known or m.group("name") in formula.FUNCTIONS:
            continue
        name, unit, rhs = m.group("name"), m.group("unit"), m.group("rhs")
        number = _NUMBER_WITH_UNIT.match(rhs)
        if number and not outputs:
            value = float(number.group("num").replace(",", ""))
            decimals = len(number.group("num").split(".")[1]) if "." in number.group("num") else 0
            inputs.append(G.CalculatorInput(name=name, label=_label(name)[:80], default=value,
                                            step=10 ** -decimals if decimals else None,
                                            unit=(unit or number.group("unit") or None)))
            known.add(name)
            continue
        try:
            tree = formula.parse(rhs)
        except formula.FormulaError:
            continue
        if not formula.names(tree) or not formula.names(tree) <= known or len(rhs) > 300:
            continue
        decimals = 0 if all(i.step is None or i.step >= 1 for i in inputs) and "/" not in rhs else 2
        outputs.append(G.CalculatorOutput(name=name, label=_label(name)[:80], formula=rhs, unit=unit,
                                          decimals=decimals))
        known.add(name)
    if not inputs or not outputs:
        return None
    return G.CalculatorWidget(inputs=inputs[:20], outputs=outputs[:20])


# ---- exchange rates, lists and dates -----------------------------------------------------------------------

_RATE_EQ = re.compile(r"\b1\s*([A-Z]{3})\s*(?:=|≈|is|equals|to|兌|換)\s*([\d,]*\.?\d+)\s*([A-Z]{3})\b")
_RATE_AT = re.compile(r"\b([A-Z]{3})\s*(?:to|→|->|/|兌|換)\s*([A-Z]{3})\s*(?:at|=|:|：|rate|匯率)?\s*([\d,]*\.?\d+)")


def exchange_rates(text: str) -> list[tuple[str, str, float]]:
    """(from, to, rate) for '1 USD = 32.1 TWD' and 'USD to TWD at 32.1'."""
    out = []
    for a, value, b in _RATE_EQ.findall(text):
        out.append((a, b, float(value.replace(",", ""))))
    for a, b, value in _RATE_AT.findall(text):
        if (a, b) not in {(x, y) for x, y, _ in out}:
            out.append((a, b, float(value.replace(",", ""))))
    return [(a, b, r) for a, b, r in out if a != b and r > 0]


_LIST_AFTER_COLON = re.compile(r"[:：]\s*(.+)$", re.S)
_LIST_SPLIT = re.compile(r"\s*(?:,|，|、|;|；|\band\b|\n)\s*")


def inline_list(text: str) -> list[str]:
    """'A packing checklist: tent, stove and a lamp' → ['tent', 'stove', 'a lamp']."""
    m = _LIST_AFTER_COLON.search(text)
    if not m:
        return []
    items = [i.strip(" .。") for i in _LIST_SPLIT.split(m.group(1)) if i.strip(" .。")]
    return items if len(items) >= 2 else []


_MONTHS = {name: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], start=1) for name in names}
_ISO = re.compile(r"\b((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})\b")
_ZH_DATE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日?")
_MONTH_FIRST = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b")
_DAY_FIRST = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+((?:19|20)\d{2})\b")
_TIME = re.compile(r"(?:\bat[ \t]+|[ \t]|[日T])(\d{1,2})[:：](\d{2})(?:[ \t]*(am|pm)\b)?", re.IGNORECASE)


def find_moment(text: str) -> tuple[str, tuple[int, int]] | None:
    """The first date in the text as ISO 8601 ('2027-01-01' or '2027-01-01T09:30'), and where it was found."""
    found = []
    for m in _ISO.finditer(text):
        found.append((m.span(), int(m.group(1)), int(m.group(2)), int(m.group(3))))
    for m in _ZH_DATE.finditer(text):
        found.append((m.span(), int(m.group(1)), int(m.group(2)), int(m.group(3))))
    for m in _MONTH_FIRST.finditer(text):
        if m.group(1).lower() in _MONTHS:
            found.append((m.span(), int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2))))
    for m in _DAY_FIRST.finditer(text):
        if m.group(2).lower() in _MONTHS:
            found.append((m.span(), int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1))))
    for span, y, mo, d in sorted(found):
        try:
            day = dt.date(y, mo, d)
        except ValueError:
            continue
        iso = day.isoformat()
        t = _TIME.search(text, span[1], span[1] + 16)
        if t:
            hour, minute = int(t.group(1)), int(t.group(2))
            if t.group(3):
                hour = hour % 12 + (12 if t.group(3).lower() == "pm" else 0)
            if hour < 24 and minute < 60:
                iso += f"T{hour:02d}:{minute:02d}"
                span = (span[0], t.end())
        return iso, span
    return None


# ---- timers ------------------------------------------------------------------------------------------------

_POMODORO = re.compile(r"pomodoro|番茄鐘|番茄工作法|番茄計時", re.IGNORECASE)
_DURATION = re.compile(
    r"(?P<num>\d+(?:\.\d+)?)\s*[- ]?\s*(?P<unit>hours?|hrs?|h\b|minutes?|mins?|m\b|seconds?|secs?|s\b|小時|分鐘|分|秒)"
    r"(?:\s*(?:of\s+)?(?P<what>(?![\d\s])[^\d,，、;；.。\n-]{1,24}?))?(?=$|[,，、;；.。\n]|\s+\d|\s+(?:and|then)\b|然後|再)",
    re.IGNORECASE | re.MULTILINE)
_MINUTES = {"h": 60, "hour": 60, "hours": 60, "hr": 60, "hrs": 60, "小時": 60, "m": 1, "min": 1, "mins": 1,
            "minute": 1, "minutes": 1, "分鐘": 1, "分": 1, "s": 1 / 60, "sec": 1 / 60, "secs": 1 / 60,
            "second": 1 / 60, "seconds": 1 / 60, "秒": 1 / 60}
_TIMER_WORD = re.compile(r"^(?:timer|countdown|倒數計時|計時器?|的)\s*(?:(?:for|of|to)\b)?\s*", re.IGNORECASE)
_FUNCTION_WORDS = frozenset("for of to a an the in on at by with every each 每 約 共".split())
_TIMER_NOISE = re.compile(r"^(?:timer|countdown|倒數|計時器?|的)+$|^(?:a|an|the)\b", re.IGNORECASE)


def timer_intervals(text: str, zh: bool) -> list[tuple[str, int]]:
    """A timer's intervals as (label, seconds): the durations the text gives ("40 seconds work, 20 seconds rest",
    「專注 50 分鐘、休息 10 分鐘」), or for a Pomodoro timer the technique's own 25 minutes of focus and 5 of
    break; [] when the text gives neither."""
    found = []
    for m in _DURATION.finditer(text):
        seconds = round(float(m.group("num")) * _MINUTES[m.group("unit").lower()] * 60)
        if not 0 < seconds <= 86400:
            continue
        # "10-minute timer for tea": the tea is what it times
        label = _TIMER_WORD.sub("", (m.group("what") or "").strip())
        if not label or _TIMER_NOISE.search(label):
            before = re.findall(r"([^\s\d,，、;；:：]{1,8})\s*$", text[: m.start()])
            label = before[0] if before and not _TIMER_NOISE.search(before[0]) and \
                before[0].lower() not in _FUNCTION_WORDS else ""
        found.append((label, seconds))
    if found:
        default = "計時" if zh else "Time"
        return [((label[:1].upper() + label[1:]) if label else default, seconds) for label, seconds in found[:12]]
    if _POMODORO.search(text):
        return [("專注", 1500), ("休息", 300)] if zh else [("Focus", 1500), ("Break", 300)]
    return []

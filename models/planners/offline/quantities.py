"""Numbers in text, each classified: a quantity the text states (with its unit, currency or percent sign, or the
thing it counts) or something that only looks like one (a date, a time, a year, an id, a version, a phone number,
an ordinal, a number with nothing to say what it measures).

Only quantities may become headline numbers (DESIGN.md, "Faithfulness"). The scan is one regular-expression pass
over the text plus a look at a few characters on either side of each number, so it is linear in the text's length.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A number as written: "1,234.5", "35", "0.4"; not the tail of a word or an id ("v2", "Q3", "A1", "x86").
_NUMBER = re.compile(r"(?<![A-Za-z0-9_.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])")
_CURRENCY = re.compile(r"(?:NT\$|US\$|HK\$|A\$|C\$|\$|€|£|¥|￥|USD ?|EUR ?|GBP ?|NTD ?|TWD ?)\s?$")
_MONTH_WORDS = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
                r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)")
_MONTHS = re.compile(rf"{_MONTH_WORDS}\.?", re.IGNORECASE)
_MONTH_BEFORE = re.compile(rf"\b{_MONTH_WORDS}\.?\s?$", re.IGNORECASE)
_MONTH_AFTER = re.compile(rf"\s?{_MONTH_WORDS}(?![a-z])", re.IGNORECASE)

# Units that belong to the number and are shown with it (longest first where one is a prefix of another).
_SCALE = ("million", "billion", "thousand", "trillion", "bn", "k", "K", "M", "B", "萬", "万", "億", "亿", "兆", "千")
_PERCENT = ("percentage points", "percent", "per cent", "pp", "%", "％", "‰")
_MEASURE_EN = ("kWh", "MWh", "GWh", "TWh", "kW", "MW", "GW", "°C", "°F", "℃", "mm", "cm", "km", "m²", "km²", "kg",
               "GB", "MB", "TB", "KB", "ms", "hours", "hour", "hrs", "hr", "h", "minutes", "minute", "mins", "min",
               "seconds", "second", "secs", "days", "day", "weeks", "week", "months", "month", "years", "year",
               "nights", "x", "×", "mph", "km/h", "L", "litres", "liters", "tonnes", "tons")
_MEASURE_ZH = ("小時", "分鐘", "分钟", "秒鐘", "秒", "個月", "个月", "天", "週", "周", "年", "公里", "公尺",
               "公分", "公釐", "公斤", "公克", "公升", "公頃", "坪", "度", "倍", "人次")
_MONEY_ZH = ("元", "塊")
# "6 萬 5 千元" is one amount.
_WAN_TAIL = re.compile(r"\s?\d{1,4}\s?[千百](?:元|人)?")
_COUNT_ZH = ("人", "名", "位", "件", "次", "個", "个", "家", "所", "間", "座", "場", "本", "冊", "台", "輛", "棟", "戶",
             "株", "棵", "項", "筆", "張", "份", "則", "款", "種", "組", "支", "條", "頁", "篇", "門", "層", "隻", "顆")
# Words after a number that are not what it counts.
_NOT_NOUNS = frozenset("""of to and or in on at for the a an per more less than from by with percent times as is are
was were be been that this these those its their our your his her into over under about around after before up down
out off via vs versus am pm""".split())
_RANGE = re.compile(r"^\s?(?:到|至|~|～|–|—|-|to)\s?$")


@dataclass(frozen=True)
class Number:
    """One number in a text: where it is, what it is, and (for a quantity) its unit."""

    start: int  # the value's span in the text (currency sign and tight unit included)
    end: int
    value: str  # as shown: "35%", "€38,500", "9.4 kW", "37 件", "1,800"
    number: float
    kind: str  # percent, money, scale, measure, count; or date, time, year, id, version, phone, ordinal, bare
    unit: str = ""

    @property
    def is_quantity(self) -> bool:
        return self.kind in QUANTITY_KINDS


QUANTITY_KINDS = frozenset({"percent", "money", "scale", "measure", "count"})


def _unit_at(text: str, at: int, zh_context: bool) -> tuple[str, str, int]:
    """(kind, unit, end) of the unit that follows a number ending at `at`; ("", "", at) when none does."""
    j = at
    if j < len(text) and text[j] == " ":
        j += 1
    window = text[j:j + 20]
    if not window or (window[0] not in _UNIT_FIRST and not (window[0].islower() and not zh_context)):
        return "", "", at  # most numbers: nothing that could be a unit follows
    for unit in _PERCENT:
        if window.startswith(unit) and _ends_word(window, len(unit)):
            return "percent", unit, j + len(unit)
    for unit in _SCALE:
        if window.startswith(unit) and (_ends_word(window, len(unit)) or unit in "萬万億亿兆千"):
            if unit in "kKMB" and j != at:  # "5 M" or "3 B" is a letter, not a scale; "5M", "$3.2B" are
                continue
            end = j + len(unit)
            if unit in "萬万億亿":
                tail = _WAN_TAIL.match(text, end, end + 10)
                if tail:
                    return "scale", text[j:tail.end()], tail.end()
            rest = text[end:end + 4]
            for follow in ("元", "人次", *_COUNT_ZH):  # "120 萬元", "48 萬名"
                if rest.startswith(follow):
                    return "scale", unit + follow, end + len(follow)
            return "scale", unit, end
    for unit in _MONEY_ZH:
        if window.startswith(unit):
            return "money", unit, j + len(unit)
    for unit in _MEASURE_ZH:
        if window.startswith(unit):
            return "measure", unit, j + len(unit)
    for unit in _COUNT_ZH:
        if window.startswith(unit):
            return "count", unit, j + len(unit)
    for unit in _MEASURE_EN:
        if window.startswith(unit) and _ends_word(window, len(unit)):
            if len(unit) == 1 and unit not in "hxL×" and j != at:
                continue
            return "measure", unit, j + len(unit)
    if not zh_context:
        m = _COUNT_NOUN.match(window)
        if m and m.group(0) not in _NOT_NOUNS and not _MONTHS.fullmatch(m.group(0)):
            return "count", m.group(0), at  # the counted noun stays in the label, not the value
    return "", "", at


_UNIT_FIRST = frozenset(u[0] for u in (*_PERCENT, *_SCALE, *_MONEY_ZH, *_MEASURE_ZH, *_COUNT_ZH, *_MEASURE_EN))
_COUNT_NOUN = re.compile(r"[a-z][a-z-]{2,24}(?![A-Za-z])")


def _ends_word(window: str, n: int) -> bool:
    return n >= len(window) or not (window[n].isascii() and window[n].isalpha())


# Neighbours that say a number is no quantity, compiled once (this runs for every number of a 400 KB text).
_AFTER_VERSION = re.compile(r"\.\d")
_BEFORE_VERSION = re.compile(r"\d\.$")
_AFTER_JOINED = re.compile(r"[-/:]\d")
_BEFORE_JOINED = re.compile(r"[\w)][-/:]$")
_AFTER_TIME = re.compile(r":\d")
_BEFORE_TIME = re.compile(r"\d:$")
_AFTER_DATE = re.compile(r"[-/.]\d{1,2}(?:[-/.]\d{1,4})?(?!\d)")
_BEFORE_DATE = re.compile(r"\d[-/]$")
_BEFORE_PLUS = re.compile(r"\+\s?$")
_BEFORE_PAREN = re.compile(r"\(\s?$")
_AFTER_PAREN = re.compile(r"\)\s?\d")
_AFTER_GROUP = re.compile(r" \d")
_BEFORE_GROUP = re.compile(r"(?:^|[^\w.,])\d+ \)?$")
_BEFORE_ORDINAL = re.compile(r"(?:第\s?|#|№|No\.\s?|no\.\s?)$")
_AFTER_DAY = re.compile(r"\s?(?:[月日號号]|時(?!間)|点|點(?!\d))")
_BEFORE_VERSION_WORD = re.compile(r"(?:version|release|build|kernel|v\.?|版本?|規範)\s?$", re.IGNORECASE)
_BEFORE_PRODUCT = re.compile(r"[A-Z][\w+#-]*\s$")
_AFTER_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b")
_AFTER_YEAR = re.compile(r"\s?(?:年|Q[1-4]|s\b)")
_AFTER_AMOUNT = re.compile(r"\s?(?:元|萬|%|人|件|kW)")


def _context_kind(text: str, start: int, end: int, number: float, plain: str) -> str | None:
    """What a number is when its neighbours say it is no quantity: a date, time, id, phone number, ordinal, version."""
    before = text[max(0, start - 12):start]
    after = text[end:end + 12]
    if _AFTER_VERSION.match(after) or _BEFORE_VERSION.search(before):
        return "version"  # "4.18.2": a number with two dots
    if _AFTER_JOINED.match(after) or _BEFORE_JOINED.search(before):
        if _AFTER_TIME.match(after) or _BEFORE_TIME.search(before):
            return "time"
        if _AFTER_DATE.match(after) or _BEFORE_DATE.search(before):
            return "date" if number <= 31 or 1800 <= number <= 2100 else "id"
        return "id"
    if _BEFORE_PLUS.search(before) or (_BEFORE_PAREN.search(before) and _AFTER_PAREN.match(after)):
        return "phone"
    if _AFTER_GROUP.match(after) or _BEFORE_GROUP.search(before):  # digit groups: "884 2210 7731"
        return "phone"
    if _BEFORE_ORDINAL.search(before):
        return "ordinal"
    if _AFTER_DAY.match(after):
        return "date"
    if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after):
        return "date"
    if _BEFORE_VERSION_WORD.search(before):
        return "version"
    if "." in plain and _BEFORE_PRODUCT.search(before):  # "PostgreSQL 16.2", "Python 3.11"
        return "version"
    if _AFTER_SUFFIX.match(after):
        return "ordinal"
    if "," not in plain and "." not in plain and 1800 <= number <= 2100:
        if _AFTER_YEAR.match(after) or not _AFTER_AMOUNT.match(after):
            return "year"
    return None


def scan(text: str) -> list[Number]:
    """Every number in `text`, in order, each with its kind."""
    out: list[Number] = []
    zh_context = bool(_CJK.search(text[:400]))
    taken = 0  # the end of the last value: "6 萬 5 千元" holds the 5
    for m in _NUMBER.finditer(text):
        if m.start() < taken:
            continue
        plain = m.group(0)
        try:
            number = float(unicodedata.normalize("NFKC", plain).replace(",", ""))
        except ValueError:
            continue
        start, end = m.start(), m.end()
        why = _context_kind(text, start, end, number, plain)
        if why is not None:
            out.append(Number(start, end, plain, number, why))
            continue
        kind, unit, unit_end = _unit_at(text, end, zh_context or _cjk_near(text, start, end))
        currency = _CURRENCY.search(text[max(0, start - 5):start])
        if currency:
            start -= len(currency.group(0))
            kind = "money" if kind in ("", "scale", "count") else kind
            unit = currency.group(0).strip() + (unit if kind == "money" and unit in _SCALE else "")
            if kind == "money" and unit_end == end and text[end:end + 1] in "kKMB" and text[end + 1:end + 2] in " .,;":
                unit_end = end + 1
        if kind == "count" and "." in plain:  # "16.2 kernels" counts nothing
            kind = ""
        if not kind:
            out.append(Number(start, end, plain, number, "bare"))
            continue
        value_end = unit_end if kind != "count" or unit_end > end else end
        taken = value_end
        out.append(Number(start, value_end, text[start:value_end], number, kind, unit))
    return _ranges(text, out)


_CJK = re.compile(r"[\u3400-\u9fff]")


def _cjk_near(text: str, start: int, end: int) -> bool:
    return bool(_CJK.search(text, max(0, start - 3), start) or _CJK.search(text, end, end + 3))


def _ranges(text: str, numbers: list[Number]) -> list[Number]:
    """"10 到 15 度", "2–3 hours": a bare number joined to the quantity after it by a range word is part of it."""
    out: list[Number] = []
    k = 0
    while k < len(numbers):
        n = numbers[k]
        nxt = numbers[k + 1] if k + 1 < len(numbers) else None
        if n.kind == "bare" and nxt is not None and nxt.is_quantity and _RANGE.match(text[n.end:nxt.start]):
            value = text[n.start:nxt.end]
            out.append(Number(n.start, nxt.end, value, nxt.number, nxt.kind, nxt.unit))
            k += 2
            continue
        out.append(n)
        k += 1
    return out


def quantities(text: str) -> list[Number]:
    """The numbers in `text` that are quantities it states."""
    return [n for n in scan(text) if n.is_quantity]

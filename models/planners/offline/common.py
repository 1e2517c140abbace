"""Helpers the offline modality builders share: the request's topic, charts from tables, stats and dates in text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.data import parse_number
from renderers.format import format_number
from renderers.layout.script import cjk_ratio
from renderers.plan.common import ChartData, ChartKind, ChartSeries, TableData

from .condense import sentences, shorten
from .document import Document, numbers_in

_REQUEST_EN = re.compile(
    r"^\s*(?:please\s+|can you\s+|could you\s+)?(?:make|create|build|generate|draw|design|give|show|turn|convert|"
    r"write|prepare|produce|render|sketch|paint|summari[sz]e|visuali[sz]e|explain|plan)\s+(?:me\s+|us\s+)?"
    r"(?:this\s+|that\s+|it\s+)?(?:into\s+|as\s+)?(?:a|an|the|some|my)?\s*"
    r"(?:(?:short|quick|simple|small|clean|nice|beautiful|interactive|\d+[- ]slide|one[- ]page)\s+)*"
    r"(?:slide deck|deck|slides|presentation|infographic|diagram|flowchart|flow chart|mind ?map|whiteboard|widget|"
    r"calculator|converter|quiz|flashcards|checklist|countdown|timeline|chart|table|picture|image|photo|"
    r"illustration|poster|one-pager|overview|summary|sequence diagram|architecture diagram)?\s*"
    r"(?:about|on|for|of|from|explaining|showing|that shows|covering|to)?\s*",
    re.IGNORECASE,
)
_REQUEST_ZH = re.compile(
    r"^\s*(?:請|麻煩)?(?:幫我|幫忙|替我|為我|給我)?(?:做|製作|畫|生成|建立|設計|產生|整理|寫|繪製|規劃)?"
    r"(?:出)?(?:一份|一張|一個|一套|個|份|張|套)?(?:關於|有關)?"
)
_SUFFIX_ZH = re.compile(
    r"(?:的)?(?:簡報|投影片|簡報檔|資訊圖表|資訊圖|懶人包|流程圖|心智圖|架構圖|白板|示意圖|時序圖|互動工具|計算機|測驗|小測驗|"
    r"閃卡|清單|倒數|圖片|照片|插畫|圖|海報|圖表|表格)\s*$"
)


_KIND_PREFIX = re.compile(
    r"^(?:(?:an?\s+)?(?:slide deck|deck|slides|presentation|infographic|diagram|flowchart|mind ?map|whiteboard|widget|"
    r"quiz|flashcards|checklist|countdown|timeline|chart|table|poster|one-pager)\s*(?:about|on|of|for|:)\s*|"
    r"(?:簡報|投影片|資訊圖表|資訊圖|懶人包|流程圖|心智圖|架構圖|白板|示意圖|時序圖|測驗|閃卡|清單|圖表|表格)\s*[:：]\s*)",
    re.IGNORECASE,
)


def topic_of(prompt: str, doc: Document | None = None) -> str:
    """A title for the answer: the document's own title, else the prompt without the request phrasing."""
    if doc is not None and doc.title:
        return doc.title[:150]
    p = " ".join(prompt.split())
    if not p:
        return "Untitled" if doc is None or doc.language == "en" else "未命名"
    if cjk_ratio(p) > 0.3:
        t = _REQUEST_ZH.sub("", p, count=1)
        t = _SUFFIX_ZH.sub("", t).strip("，。、 ")
    else:
        t = _REQUEST_EN.sub("", p, count=1).strip(" .,:;")
        t = re.sub(r"\s+(?:for|with|in|as)\s+(?:my|our|the)?\s*(?:team|class|boss|meeting|slides?|deck)\s*$", "", t,
                   flags=re.IGNORECASE)
        t = t[:1].upper() + t[1:]
    t = _KIND_PREFIX.sub("", t).strip() or t
    if not t and doc is not None and not doc.is_empty:
        # The prompt only named the form ("Draw a flowchart"): name the answer after the content instead.
        first = doc.sections[0].heading if doc.sections else (doc.lead.paragraphs or [""])[0]
        t = shorten(first.split("\n")[0], 60) if first else ""
    t = t or p
    return (t[:1].upper() + t[1:])[:150]


def is_zh(doc: Document, prompt: str = "") -> bool:
    return doc.language.startswith("zh") or (doc.is_empty and cjk_ratio(prompt) > 0.3)


# ---- tables into charts ----------------------------------------------------------------------------------

_TIME_LABEL = re.compile(
    r"^(?:(?:19|20)\d{2}(?:[-/.年]\d{1,2}(?:[-/.月]\d{1,2})?)?|Q[1-4](?:\s*(?:19|20)\d{2})?|(?:19|20)\d{2}\s*Q[1-4]|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s*(?:19|20)?\d{2})?|\d{1,2}月|第?[一二三四]季)$",
    re.IGNORECASE,
)


def numeric_columns(table: TableData) -> list[int]:
    out = []
    for c in range(len(table.columns)):
        values = [r[c] for r in table.rows if r[c] is not None]
        if values and all(isinstance(v, (int, float)) for v in values):
            out.append(c)
    return out


def _label(value) -> str:
    if isinstance(value, float):
        return format_number(value)
    return "" if value is None else str(value)


def looks_like_time(labels: list[str]) -> bool:
    return len(labels) >= 3 and all(_TIME_LABEL.match(l.strip()) for l in labels)


def chart_from_table(table: TableData, max_series: int = 4) -> ChartData | None:
    """A chart of a table whose first column labels rows and whose other columns are numbers; None otherwise."""
    nums = numeric_columns(table)
    if len(table.rows) > 200 or len(table.rows) < 2:
        return None
    label_col = 0
    value_cols = [c for c in nums if c != label_col]
    if not value_cols:
        return None
    # Series on one axis must share a scale: keep the columns within 20× of the first one's size
    # (a count next to a percentage would flatten the percentage to nothing).
    def size(c: int) -> float:
        return max(abs(float(r[c] or 0)) for r in table.rows) or 1.0

    first = size(value_cols[0])
    value_cols = [c for c in value_cols if 1 / 20 <= size(c) / first <= 20][:max_series]
    categories = [_label(r[label_col])[:60] or "—" for r in table.rows]
    if len(set(categories)) != len(categories):
        return None
    series = [ChartSeries(name=table.columns[c], values=[float(r[c] or 0) for r in table.rows]) for c in value_cols]
    unit = "%" if any("%" in table.columns[c] or "％" in table.columns[c] for c in value_cols) else None
    if looks_like_time(categories) and len(categories) >= 4:
        kind = ChartKind.LINE
    elif len(series) == 1 and len(categories) <= 6 and all(v >= 0 for v in series[0].values) and (
        95 <= sum(series[0].values) <= 105 or unit == "%"
    ):
        kind = ChartKind.DOUGHNUT
    elif max(len(c) for c in categories) > 12 or len(categories) > 12:
        kind = ChartKind.BAR
    else:
        kind = ChartKind.COLUMN
    return ChartData(kind=kind, categories=categories, series=series, unit=unit,
                     x_label=table.columns[label_col][:60])


# ---- stats in text ---------------------------------------------------------------------------------------


@dataclass
class StatCandidate:
    value: str
    label: str
    weight: float


_CLAUSE = re.compile(r"[，；：]|[,;:](?!\d)")  # an ASCII comma between digits is a thousands separator
_ZH_SHARE = re.compile(r"[一二三四五六七八九十]成|[一二三四五六七八九十]分之[一二三四五六七八九十]")


_ZH_LEAD = re.compile(r"^(?:根據[^，,]*[，,])?(?:而且|並且|此外|另外|超過|約|大約|將近|近|平均|的|有)*")
_ZH_TAIL = re.compile(r"(?:約|大約|到|為|達|是|了|占|有|的|超過|將近|近)+$")


def _stat_label(clause: str, number: str) -> str | None:
    """What a Chinese clause says its number measures: the words before the number when it ends the clause
    ("再生能源約占全國發電量的 11.9%"), or after it when it starts the clause. A number in the middle of a clause
    ("從四成多下降到約三成") has no clean label, so it is no headline stat."""
    at = clause.find(number)
    before = clause[:at].strip(" ，,、:：")
    after = re.sub(r"^(以上|以下|多|左右)", "", clause[at + len(number):]).strip(" 。.，,、")
    if not after:
        return _ZH_TAIL.sub("", before).strip(" 的") or None
    if not _ZH_LEAD.sub("", before):
        return _ZH_LEAD.sub("", after).strip() or None
    return None


def _english_label(sentence: str, number: str) -> str | None:
    at = sentence.find(number)
    after = sentence[at + len(number):].strip()
    if re.match(r"of\s", after, re.IGNORECASE):  # "…show that 62% of employees would…": the "of" part says what
        return re.sub(r"^of\s+", "", after.rstrip(" ."), flags=re.IGNORECASE)
    label = sentence.replace(number, " ", 1)
    label = re.sub(r"^[\s,:;]+|[\s,:;.]+$", "", label)
    label = re.sub(r"^(?:of|are|is|were|was)\s+", "", label.strip(), flags=re.IGNORECASE)
    return " ".join(label.split()) or None


def stat_candidates(text: str) -> list[StatCandidate]:
    """Clauses with a headline number: the number as written, and what the clause says it measures."""
    out = []
    clauses = [c.strip() for s in sentences(text) for c in _CLAUSE.split(s) if c.strip()]
    for s in clauses:
        nums = numbers_in(s) + _ZH_SHARE.findall(s)
        weighted = []
        for n in nums:
            weight = 0.0
            if "%" in n or "％" in n or "percent" in n or _ZH_SHARE.fullmatch(n):
                weight = 3
            elif re.search(r"[$€£¥]|萬|億|兆|元|billion|million|[kKmMbB]$", n):
                weight = 2.5
            elif re.search(r"倍|人|次|小時|天|公里|公斤|度", n):
                weight = 2
            else:
                value = parse_number(re.sub(r"[^\d.,]", "", n))
                if value is None or (1900 <= value <= 2100 and "." not in n):
                    continue  # years are dates, not stats
                weight = 1 if value >= 10 else 0.3
            if weight >= 1:
                weighted.append((weight, n))
        # The weightiest number that has a clean label: a number in mid-clause has none.
        zh = cjk_ratio(s) > 0.3
        best = None
        for weight, n in sorted(weighted, key=lambda x: -x[0]):
            label = _stat_label(s, n) if zh else _english_label(s, n)
            if label:
                best = (n, weight, label)
                break
        if best is None:
            continue
        value, label = best[0].strip(), best[2]
        if zh:
            qualifier = re.match(r"(以上|以下|多|左右)", s[s.find(best[0]) + len(best[0]):])
            value += qualifier.group(1) if qualifier else ""
        label = shorten(label, 60 if cjk_ratio(label) < 0.3 else 24) if label else ""
        if len(value) <= 24 and label:
            out.append(StatCandidate(value, label, best[1]))
    return out


# ---- dates -----------------------------------------------------------------------------------------------

DATED_LINE = re.compile(
    r"^\s*((?:19|20)\d{2}(?:[-/.年]\d{1,2}(?:[-/.月]\d{1,2}日?)?)?年?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\.?\s+(?:\d{1,2},?\s+)?(?:19|20)\d{2}|Q[1-4]\s*(?:19|20)\d{2})\s*[:：\-–—,，]?\s*(.+)$",
    re.IGNORECASE,
)


def dated_items(texts: list[str]) -> list[tuple[str, str]]:
    out = []
    for t in texts:
        m = DATED_LINE.match(t)
        if m and m.group(2).strip():
            out.append((m.group(1).strip(), m.group(2).strip()))
    return out

"""Outlines for bare prompts: what an answer to this kind of request is made of, for the user to fill in.

With only a short prompt and no model, the offline planner cannot write the content, and must not invent it. What it
can do is give the answer its right shape: "How does a heat pump work?" is answered by what it is, its parts and how
it works step by step; "Compare PostgreSQL and MongoDB" by a comparison with one column for each; "Plan a 3-day trip
to Kyoto" by the three days; "Should we build or buy?" by the options against the criteria. Each outline part is a
heading and short prompts of what belongs there, marked "(to fill in)" / 「（待補）」, in the request's language. The
builders of each modality lay the outline out in their own way (slides, blocks, a mind map, a table).

Kinds: explain (how X works, what X is), howto (how to do X, steps to X), compare (A vs B, compare A, B and C),
decision (should we A or B, A 還是 B), trip (a trip, itinerary; days), plan (a plan, roadmap, launch; phases or
weeks), summary (a review, highlights, achievements; numbered items), topic (anything else).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CJK = re.compile(r"[\u3400-\u9fff]")
_ZH_NUMBERS = {"一": 1, "兩": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_EN_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
               "ten": 10, "a": 1, "an": 1}
MAX_DAYS = 10  # a longer trip is planned by weeks
MAX_ITEMS = 10

_KIND_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("compare", re.compile(r"\bcompar(?:e|ing|ison)\b|\bvs\.?\b|\bversus\b|\bdifferences? between\b|\bside by side\b|"
                           r"比較|對比|差異|差別|哪個好|哪一個好", re.I)),
    ("decision", re.compile(r"^(?:should|shall)\s+(?:i|we|you|they)\b|\bwhether\b|\bdecid(?:e|ing)\b|\bdecision\b|"
                            r"\bchoose between\b|還是|該不該|要不要|選哪|決定|抉擇", re.I)),
    ("trip", re.compile(r"\btrip\b|\btravel\b|\bitinerary\b|\bvacation\b|\bholiday\b|\bgetaway\b|\bweekend in\b|"
                        r"\bdays? in\b|\btour\b|\bhoneymoon\b|旅行|旅遊|行程|自由行|出遊|遊玩|"
                        r"\d+\s*天\s*\d*\s*夜|[一二三四五六七八九十兩]天[一二三四五六七八九十兩]?夜",
                        re.I)),
    ("howto", re.compile(r"\bhow to\b|\bsteps to\b|\bguide to\b|\btutorial\b|\bhow do i\b|\bhow can i\b|"
                         r"如何(?!運作|進行)|怎麼做|怎樣做|教學|步驟|怎麼(?:煮|泡|做|寫|準備|申請|設定)", re.I)),
    ("explain", re.compile(r"\bhow (?:does|do|did|is|are|was|were)\b|\bhow\b.*\bworks?\b|\bexplain\b|"
                           r"\bwhat (?:is|are)\b|\bwhy (?:does|do|is|are)\b|\bintroduc(?:e|tion) to\b|\bbasics of\b|"
                           r"怎麼運作|如何運作|運作原理|原理|如何進行|怎麼進行|是什麼|是怎麼|為什麼|"
                           r"解釋|介紹|認識", re.I)),
    ("plan", re.compile(r"\bplan\b|\bplanning\b|\broadmap\b|\bschedule\b|\blaunch\b|\brollout\b|\bstrategy\b|"
                        r"計畫|計劃|規劃|時程|路線圖|藍圖|策略|上市", re.I)),
    ("summary", re.compile(r"\bsummar(?:y|ise|ize)\b|\brecap\b|\bhighlights\b|\bin review\b|\bachievements\b|"
                           r"\bresults\b|\btop \d+\b|總結|回顧|成就|成果|摘要|重點", re.I)),
]


@dataclass
class Part:
    heading: str
    points: list[str] = field(default_factory=list)
    ordered: bool = False  # its points are steps in order
    stage: bool = False  # it is one of a run of parts in order (days, weeks, phases)


@dataclass
class Outline:
    """An outline to fill in: its kind, what it is about, its parts, and for comparisons and decisions the options
    (the columns) and the criteria (the rows)."""

    kind: str
    subject: str
    parts: list[Part]
    options: list[str] = field(default_factory=list)
    criteria: list[str] = field(default_factory=list)
    zh: bool = False

    @property
    def stages_heading(self) -> str:
        """What a run of stage parts is called as one block: days, weeks, phases."""
        first = next((p.heading for p in self.parts if p.stage), "")
        if self.kind == "trip":
            return "每日行程" if self.zh else "Day by day"
        if re.search(r"Week|週", first):
            return "每週安排" if self.zh else "Week by week"
        if re.search(r"Month|月", first):
            return "每月安排" if self.zh else "Month by month"
        return "階段" if self.zh else "Phases"

    @property
    def note(self) -> str:
        """One line that says plainly what this is."""
        return "大綱：每一項都待補上內容" if self.zh else "Outline: each item is yours to fill in"

    def fill(self, what: str) -> str:
        """A placeholder point: what belongs there, marked as still to be written."""
        return f"{what}（待補）" if self.zh else f"{what} (to fill in)"


def is_zh(text: str) -> bool:
    return len(_CJK.findall(text)) > 0.3 * max(1, len(text.replace(" ", "")))


def kind_of(prompt: str) -> str:
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(prompt):
            return kind
    return "topic"


# ---- reading the request ----------------------------------------------------------------------------------------

_EN_LEAD = re.compile(
    r"^(?:please\s+|can you\s+|could you\s+|i need\s+|i want\s+|help me\s+)*"
    r"(?:(?:make|create|build|give|write|prepare|draw|design|produce|plan|explain|show|summari[sz]e|compare|outline)"
    r"\s+(?:me\s+|us\s+)?)?(?:an?\s+|the\s+|some\s+|my\s+|our\s+)?"
    r"(?:(?:slide deck|deck|slides|presentation|infographic|diagram|whiteboard|mind ?map|overview|outline|summary|"
    r"one-pager|poster|guide|explainer)\s+(?:about|on|of|for|explaining|comparing)?\s*)?", re.I)
_ZH_LEAD = re.compile(r"^(?:請|麻煩)?(?:幫我|幫忙|替我|給我)?(?:做|製作|畫|整理|寫|規劃|解釋|說明|介紹|比較|用一張圖)?"
                      r"(?:一份|一張|一個|一套)?(?:關於|有關)?")
_ZH_TAIL = re.compile(r"(?:的)?(?:簡報|投影片|資訊圖表|資訊圖|懶人包|心智圖|白板|大綱|圖)?[？?。！!]*$")


def _tidy(text: str) -> str:
    return " ".join(text.split()).strip(" ,.;:?!，。；：？！")


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an|our|my|your)\s+", "", text.strip(), flags=re.I)


def subject_of(prompt: str, kind: str) -> str:
    """What the request is about, in its own words: "a heat pump" for "How does a heat pump work?", 「熱泵」 for
    「熱泵是怎麼運作的？」; the prompt without its request words when no pattern fits."""
    p = " ".join(prompt.split())
    if is_zh(p):
        for pattern in (r"^(?:解釋|說明|介紹)?(.+?)(?:是怎麼|怎麼|如何|是如何)(?:運作|進行|形成|發生|產生)",
                        r"^(?:什麼是)(.+?)[？?]?$", r"^(.+?)是什麼", r"^(?:解釋|說明|介紹|認識)(.+?)(?:的原理)?$"):
            m = re.search(pattern, p)
            if m and _tidy(m.group(1)):
                return _tidy(m.group(1))
        return _tidy(_ZH_TAIL.sub("", _ZH_LEAD.sub("", p, count=1))) or _tidy(p)
    for pattern in (r"^how (?:does|do|did|is|are) (.+?) (?:work|works|happen|form|get made|made)\b",
                    r"^(?:explain )?how (.+?) (?:works?|happens?)\b", r"^what (?:is|are) (.+?)\??$",
                    r"^explain (?:what )?(.+?)$"):
        m = re.search(pattern, p, re.I)
        if m and _tidy(m.group(1)):
            return _tidy(m.group(1))
    return _tidy(_EN_LEAD.sub("", p, count=1)) or _tidy(p)


def options_of(prompt: str) -> list[str]:
    """The things compared or decided between: "PostgreSQL and MongoDB", "the iPhone, Pixel and Galaxy",
    "build or buy", 「租房還是買房」, 「PostgreSQL 和 MongoDB」."""
    p = " ".join(prompt.split())
    if is_zh(p):
        m = re.search(r"(?:比較|對比)\s*(.+?)(?:\s*(?:哪個|哪一個|誰|的差異|的差別|的優缺點|之間|在|對於|，|。|？|$))",
                      p) \
            or re.search(r"^(?:要|該|應該)?(.+?還是.+?)(?:[？?，。]|$)", p) \
            or re.search(r"^(.+?)(?:的差異|的差別|哪個好|比較)", p)
        body = m.group(1) if m else ""
        parts = re.split(r"\s*(?:和|與|跟|及|、|還是|或是|或|vs\.?|VS)\s*", body)
    else:
        m = re.search(r"\b(?:compare|comparing|comparison of|between)\s+(.+?)"
                      r"(?=\s+(?:for|in|on|when|as|to|side by side|in one|across|by|from)\b|[?.!]|$)", p, re.I) or \
            re.search(r"^(.+?)\s+(?:vs\.?|versus)\s+(.+?)(?=\s+(?:for|in|on|when)\b|[?.!]|$)", p, re.I)
        if m and m.lastindex == 2:
            body = f"{m.group(1)} vs {m.group(2)}"
        elif m:
            body = m.group(1)
        else:
            d = re.search(r"^(?:should|shall)\s+(?:i|we|you|they)\s+(.+?)\s+or\s+(.+?)(?:\?|$)", p, re.I) or \
                re.search(r"\b(?:whether to|choose between|decide between)\s+(.+?)\s+(?:or|and)\s+(.+?)(?:\?|$)", p,
                          re.I)
            if not d:
                return []
            first, second = d.group(1).strip(), d.group(2).strip()
            if len(first.split()) == 1:  # "build or buy our analytics platform": the object is shared
                second = second.split()[0]
            return [_cap(first), _cap(second)]
        parts = re.split(r"\s*(?:,\s*(?:and|or)?|\band\b|\bor\b|\bvs\.?|\bversus\b)\s*", body)
    out = [_cap(_strip_article(_tidy(x))) for x in parts if _tidy(x)]
    return out[:4] if len(out) >= 2 else []


def _cap(text: str) -> str:
    """Capitalised as a heading, unless the word has its own capitals ("iPhone", "eBPF")."""
    return text[:1].upper() + text[1:] if text and text.islower() else text


def count_of(prompt: str, units: tuple[str, ...]) -> int | None:
    """A count the request gives for `units`: "3-day", "three days", "a week" (7), 「三天兩夜」, 「五大」."""
    p = prompt.lower()
    unit = "|".join(units)
    m = re.search(rf"(\d+|{'|'.join(_EN_NUMBERS)})[- ](?:{unit})s?\b", p)
    if m:
        n = m.group(1)
        return int(n) if n.isdigit() else _EN_NUMBERS[n]
    if "day" in units and re.search(r"\ba week\b|\bone week\b", p):
        return 7
    if "day" in units and re.search(r"\bweekend\b", p):
        return 2
    zh_unit = {"day": "天", "week": "週", "month": "個?月", "item": "大|個|項|件"}
    for u in units:
        if u in zh_unit:
            m = re.search(rf"(\d+|[一二兩三四五六七八九十]+)\s*(?:{zh_unit[u]})", prompt)
            if m:
                n = m.group(1)
                return int(n) if n.isdigit() else _zh_number(n)
    return None


def _zh_number(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _ZH_NUMBERS.get(text[1:], 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _ZH_NUMBERS.get(tens, 1) * 10 + _ZH_NUMBERS.get(ones, 0)
    return _ZH_NUMBERS.get(text, 1)


_ZH_ORDINALS = "一二三四五六七八九十"


def _nth(n: int, zh: bool) -> str:
    return _ZH_ORDINALS[n - 1] if zh and 1 <= n <= 10 else str(n)


# ---- the outlines -----------------------------------------------------------------------------------------------

def outline_for(prompt: str, zh: bool | None = None) -> Outline:
    """The outline a bare request calls for."""
    prompt = " ".join((prompt or "").split())
    zh = is_zh(prompt) if zh is None else zh
    kind = kind_of(prompt)
    options = options_of(prompt) if kind in ("compare", "decision") else []
    if kind in ("compare", "decision") and not options:
        kind = "topic" if kind == "compare" else "decision"
    subject = _cap(_strip_article(subject_of(prompt, kind)))
    make = {"explain": _explain, "howto": _howto, "compare": _compare, "decision": _decision, "trip": _trip,
            "plan": _plan, "summary": _summary, "topic": _topic}[kind]
    return make(Outline(kind=kind, subject=subject, parts=[], options=options, zh=zh), prompt)


def _explain(o: Outline, prompt: str) -> Outline:
    s = o.subject
    if o.zh:
        what = f"{s}是什麼" if s and len(s) <= 12 else "基本概念"
        o.parts = [Part(what, [o.fill("一句話說明它是什麼"), o.fill("它用在哪裡")]),
                   Part("主要組成", [o.fill(f"組成{_nth(k, True)}：名稱與作用") for k in (1, 2, 3)]),
                   Part("運作步驟", [o.fill(f"步驟{_nth(k, True)}") for k in (1, 2, 3, 4)], ordered=True),
                   Part("重點回顧", [o.fill("最重要的一點")])]
    else:
        o.parts = [Part("What it is", [o.fill("A definition in one sentence"), o.fill("What it is used for")]),
                   Part("Its parts", [o.fill(f"Part {k}: its name and role") for k in (1, 2, 3)]),
                   Part("How it works, step by step", [o.fill(f"Step {k}") for k in (1, 2, 3, 4)], ordered=True),
                   Part("Key idea to remember", [o.fill("The one thing to take away")])]
    return o


def _howto(o: Outline, prompt: str) -> Outline:
    n = min(count_of(prompt, ("step",)) or 5, MAX_ITEMS)
    if o.zh:
        o.parts = [Part("需要準備", [o.fill("材料、工具或條件")]),
                   Part("步驟", [o.fill(f"步驟{_nth(k, True)}") for k in range(1, n + 1)], ordered=True),
                   Part("常見錯誤與訣竅", [o.fill("要避免的事"), o.fill("小訣竅")])]
    else:
        o.parts = [Part("What you need", [o.fill("Materials, tools or prerequisites")]),
                   Part("Steps", [o.fill(f"Step {k}") for k in range(1, n + 1)], ordered=True),
                   Part("Tips and common mistakes", [o.fill("What to avoid"), o.fill("A tip")])]
    return o


_CRITERIA_EN = ["Strengths", "Weaknesses", "Cost", "Best for"]
_CRITERIA_ZH = ["優點", "缺點", "成本", "適合誰"]


def _compare(o: Outline, prompt: str) -> Outline:
    o.criteria = list(_CRITERIA_ZH if o.zh else _CRITERIA_EN)
    if o.zh:
        o.parts = [Part(opt, [o.fill(c) for c in o.criteria]) for opt in o.options]
        o.parts.append(Part("結論：什麼情況選哪個", [o.fill(f"選 {opt} 的情況") for opt in o.options]))
    else:
        o.parts = [Part(opt, [o.fill(c) for c in o.criteria]) for opt in o.options]
        o.parts.append(Part("Verdict: which fits when", [o.fill(f"When to choose {opt}") for opt in o.options]))
    return o


def _decision(o: Outline, prompt: str) -> Outline:
    if not o.options:
        o.options = ["選項一", "選項二"] if o.zh else ["Option A", "Option B"]
    if o.zh:
        o.criteria = ["成本", "時間", "風險", "長期彈性"]
        o.parts = [Part("選項", [o.fill(f"{opt}：內容說明") for opt in o.options]),
                   Part("考量標準", [o.fill(c) for c in o.criteria]),
                   *[Part(f"{opt}的優缺點", [o.fill("優點"), o.fill("缺點")]) for opt in o.options],
                   Part("決定與理由", [o.fill("選擇"), o.fill("理由")])]
    else:
        o.criteria = ["Cost", "Time", "Risk", "Long-term fit"]
        o.parts = [Part("The options", [o.fill(f"{opt}: what it means here") for opt in o.options]),
                   Part("Criteria: what matters", [o.fill(c) for c in o.criteria]),
                   *[Part(f"{opt}: pros and cons", [o.fill("Pros"), o.fill("Cons")]) for opt in o.options],
                   Part("Decision and why", [o.fill("The choice"), o.fill("The reasons")])]
    return o


def _trip(o: Outline, prompt: str) -> Outline:
    days = count_of(prompt, ("day",))
    if days and days > MAX_DAYS:
        return _plan(o, prompt)
    days = days or 3
    if o.zh:
        o.parts = [Part("出發前", [o.fill("交通與住宿"), o.fill("預約與票券")])]
        o.parts += [Part(f"第{_nth(d, True)}天", [o.fill("上午"), o.fill("下午"), o.fill("晚上")], stage=True)
                    for d in range(1, days + 1)]
    else:
        o.parts = [Part("Before you go", [o.fill("Getting there and where to stay"), o.fill("Bookings and tickets")])]
        o.parts += [Part(f"Day {d}", [o.fill("Morning"), o.fill("Afternoon"), o.fill("Evening")], stage=True)
                    for d in range(1, days + 1)]
    return o


def _plan(o: Outline, prompt: str) -> Outline:
    weeks = count_of(prompt, ("week",))
    months = count_of(prompt, ("month",))
    if weeks and weeks <= MAX_ITEMS:
        steps = [(f"第{_nth(k, True)}週" if o.zh else f"Week {k}") for k in range(1, weeks + 1)]
    elif months and months <= MAX_ITEMS:
        steps = [(f"第{_nth(k, True)}個月" if o.zh else f"Month {k}") for k in range(1, months + 1)]
    else:
        steps = [(f"階段{_nth(k, True)}" if o.zh else f"Phase {k}") for k in (1, 2, 3)]
    if o.zh:
        o.parts = [Part("目標", [o.fill("要達成什麼、怎麼算成功")])]
        o.parts += [Part(step, [o.fill("要做的事"), o.fill("完成的標誌")], stage=True) for step in steps]
        o.parts.append(Part("里程碑與負責人", [o.fill("日期與負責人")]))
    else:
        o.parts = [Part("Goal", [o.fill("What success looks like")])]
        o.parts += [Part(step, [o.fill("What happens"), o.fill("Done when")], stage=True) for step in steps]
        o.parts.append(Part("Milestones and owners", [o.fill("Dates and who owns each")]))
    return o


def _summary(o: Outline, prompt: str) -> Outline:
    n = min(count_of(prompt, ("item", "highlight", "achievement", "point", "thing", "result")) or 3, MAX_ITEMS)
    numbers = re.search(r"number|figure|stat|數字|數據", prompt, re.I)
    if o.zh:
        o.parts = [Part("重點", [o.fill(f"第{_nth(k, True)}項") for k in range(1, n + 1)])]
        if numbers:
            o.parts.append(Part("關鍵數字", [o.fill(f"數字{_nth(k, True)}：它代表什麼") for k in (1, 2, 3)]))
        o.parts.append(Part("一句話總結", [o.fill("總結")]))
    else:
        o.parts = [Part("Highlights", [o.fill(f"Highlight {k}") for k in range(1, n + 1)])]
        if numbers:
            o.parts.append(Part("Key numbers", [o.fill(f"Number {k} and what it measures") for k in (1, 2, 3)]))
        o.parts.append(Part("In one sentence", [o.fill("The summary")]))
    return o


def _topic(o: Outline, prompt: str) -> Outline:
    if o.zh:
        o.parts = [Part("背景", [o.fill("現況與起因")]),
                   Part("重點", [o.fill(f"重點{_nth(k, True)}") for k in (1, 2, 3)]),
                   Part("結論", [o.fill("要記住的一件事")])]
    else:
        o.parts = [Part("Background", [o.fill("Where things stand and why")]),
                   Part("Main points", [o.fill(f"Point {k}") for k in (1, 2, 3)]),
                   Part("Conclusion", [o.fill("The one thing to remember")])]
    return o

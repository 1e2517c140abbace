"""The prompt is content too: structure typed into the prompt, read out as a small document.

"Draw how a pull request gets merged: open PR -> CI runs -> review -> merge" carries a flowchart; "Onboarding steps:
1. get a laptop 2. set up accounts" carries numbered steps; "Release timeline: 10 March beta, 2 April public launch"
carries dated events; "a customer submits a refund request; if the amount is over $100 a manager approves it,
otherwise it is refunded automatically" carries a process with a condition; "A packing list: tent, stove and a lamp"
carries a list. Each is read here into Markdown the builders already understand (numbered steps, a list, dated
lines), and split from the words that ask for it ("Draw how a pull request gets merged"), which stay the request.
A prompt with nothing of the kind ("How does a heat pump work?") is left alone: it gets an outline instead
(outline.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CJK = re.compile(r"[\u3400-\u9fff]")
_ARROW = re.compile(r"\s*(?:-->|->|→|=>|⇒|⟶|➜|➡️?)\s*")
_COLON = re.compile(r"[:：]")
# "1. get a laptop 2. set up accounts": numbers that open an item, followed by text.
_INLINE_NUMBER = re.compile(r"(?:(?<=\s)|^)(\d{1,2})[.)、．]\s*(?=\S)")
_COMMA = r"(?<!\d),|,(?!\d)|[，、;；]"  # a comma between digits is a thousands separator
_LIST_SPLIT = re.compile(rf"\s*(?:{_COMMA}|\band then\b|\bthen\b|\band\b|\bor\b|然後|接著|再來)\s*")
_CONDITION_AHEAD = r"(?=(?:otherwise|else|if not|unless|if)\b|否則|不然|若|如果|除非|要是|假如)"
_CLAUSE_SPLIT = re.compile(rf"\s*[;；。]\s*|(?:(?<!\d),|,(?!\d)|，)\s*{_CONDITION_AHEAD}", re.IGNORECASE)
_QUESTION = re.compile(r"\b(?:how|what|which|when|why|who)\b|多少|幾|嗎|呢|什麼|怎麼|如何", re.IGNORECASE)
_STARTS_CONDITION = re.compile(r"^(?:if|unless)\b|^(?:如果|若|除非|要是|假如)", re.IGNORECASE)
# A request verb (and a form) in front of an arrow chain typed without a colon: "Draw open PR -> CI runs".
_CHAIN_REQUEST = re.compile(
    r"^(?:(?:please\s+)?(?:draw|show|make|create|map out|map|chart|diagram|visuali[sz]e|sketch|plot)\b"
    r"(?:\s+(?:a|an|the|this|me|us|our|my))*"
    r"(?:\s+(?:flow ?chart|diagram|flow|process|pipeline|chain)(?:\s+(?:of|for))?)?"
    r"|(?:請|幫我)?(?:畫出|畫|做|製作)(?:一張|一個)?(?:流程圖|流程)?)\s*",
    re.IGNORECASE)
# A request written after the list ("讀了幾本書、最愛類型、平均評分，做成一張圖", "…, in one visual"): it asks,
# it is no item.
_TRAILING_REQUEST = re.compile(
    r"做成|整理成|整理|畫成|畫出來|一頁|一張圖|圖表|簡報|投影片|資訊圖|心智圖|流程圖|白板|懶人包|"
    r"\b(?:as an?|into an?|in one|on one|make it|turn (?:it|this)|for (?:my|our|the) (?:team|class|slides|deck))\b",
    re.IGNORECASE)
_FORM_ONLY = re.compile(
    r"^(?:(?:please|make|draw|create|show|build|an?|the|me|us|of|this|process|flow ?chart|diagram|chart|"
    r"infographic|slides?|deck|presentation|whiteboard|mind ?map|board|widget|poster|one-pager)\b\s*)*$|"
    r"^(?:請|幫我|畫出|畫|做成?|製作|一張|一個|一份|流程圖|流程|資訊圖表?|簡報|白板|心智圖|圖表|圖)*$",
    re.IGNORECASE)
CONDITION = re.compile(r"\b(?:if|unless|otherwise)\b|如果|若|否則|除非|要是|假如|的話", re.IGNORECASE)
# Request words that make a typed list a sequence (numbered) rather than a set of points.
_SEQUENCE_WORDS = re.compile(
    r"\b(?:process|flow|steps?|stages?|phases?|sequence|pipeline|workflow|lifecycle|life cycle|order|states?|"
    r"transitions?|timeline|journey|route|procedure|how)\b|流程|步驟|階段|順序|狀態|轉換|時程|時間軸|路線|程序|過程|怎麼",
    re.IGNORECASE)
_DAY_MONTH = (r"(?:\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|"
              r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?)"
              r"(?:,?\s+(?:19|20)\d{2})?")
DATE = re.compile(
    rf"(?:(?:19|20)\d{{2}}\s*[-/.年]\s*\d{{1,2}}(?:\s*[-/.月]\s*\d{{1,2}}\s*日?)?|\d{{1,2}}\s*月\s*\d{{1,2}}\s*[日號]|"
    rf"\b{_DAY_MONTH}\b|\bQ[1-4](?:\s+(?:19|20)\d{{2}})?\b|\b(?:19|20)\d{{2}}\b)",
    re.IGNORECASE)


@dataclass(frozen=True)
class PromptReading:
    """What a prompt carries: the words that ask (`request`), and the structure typed into it as Markdown."""

    request: str  # "Draw how a pull request gets merged"; may be empty ("open PR -> CI runs -> merge")
    content: str  # "1. open PR\n2. CI runs\n3. merge"
    kind: str  # chain, steps, dates, conditions or list
    asked: str = ""  # the words that ask, as typed, even when they only name the form ("Flowchart")

    @property
    def numbered(self) -> bool:
        """The user numbered the items themselves ("1. get a laptop 2. set up accounts")."""
        return self.kind == "steps"

    @property
    def sequence(self) -> bool:
        """The structure has an order: a chain, steps, dates or a process with conditions."""
        return self.kind != "list"


def _is_zh(text: str) -> bool:
    return len(_CJK.findall(text)) > 0.3 * max(1, len(text.replace(" ", "")))


def _tidy(item: str) -> str:
    return item.strip().strip(" .。,，;；:：").strip()


def _numbered(items: list[str]) -> str:
    return "\n".join(f"{k}. {item}" for k, item in enumerate(items, start=1))


def _split_request(prompt: str) -> tuple[str, str]:
    """(the words before the first colon, what follows it); ("", prompt) without a colon."""
    m = _COLON.search(prompt)
    if m is None:
        return "", prompt
    return prompt[: m.start()].strip(), prompt[m.end():].strip()


def _chain(text: str) -> list[str] | None:
    parts = [_tidy(p) for p in _ARROW.split(text)]
    if len(parts) >= 3 and all(parts):
        return parts
    return None


def _inline_steps(text: str) -> list[str] | None:
    """Items numbered 1, 2, 3 … in one line; the numbers must count up from 1."""
    marks = list(_INLINE_NUMBER.finditer(text))
    if len(marks) < 2 or [int(m.group(1)) for m in marks] != list(range(1, len(marks) + 1)):
        return None
    items = [_tidy(text[m.end(): marks[k + 1].start() if k + 1 < len(marks) else len(text)])
             for k, m in enumerate(marks)]
    return items if all(items) else None


def _dated(text: str) -> list[str] | None:
    """'10 March beta, 2 April public launch' → ['10 March: beta', '2 April: public launch'], when every item opens
    (or ends) with a date."""
    items = [_tidy(p) for p in re.split(r"\s*[,，、;；]\s*", text) if _tidy(p)]
    if len(items) < 2:
        return None
    out = []
    for item in items:
        m = DATE.match(item)
        colon = "：" if _is_zh(item) else ": "
        if m and _tidy(item[m.end():]):
            out.append(f"{m.group().strip()}{colon}{_tidy(item[m.end():])}")
            continue
        m = re.search(rf"(?:\s+(?:on|in|by)\s+|\s*[（(]\s*)?({DATE.pattern})\s*[)）]?$", item, re.IGNORECASE)
        if m and _tidy(item[: m.start()]):
            out.append(f"{m.group(1).strip()}{colon}{_tidy(item[: m.start()])}")
            continue
        return None
    return out


def _clauses(text: str) -> list[str]:
    """Sentences and semicolon clauses, and a new clause at each comma before a condition word ("顧客申請退貨，
    若商品未拆封則直接退款，否則由客服判斷")."""
    return [_tidy(p) for p in _CLAUSE_SPLIT.split(text) if _tidy(p)]


def _conditions(text: str) -> list[str] | None:
    """A process told in clauses with at least one condition ('if …, …; otherwise …', '若…則…，否則…'); a
    question ("what happens if …?", "如果每月存 5000 元，十年後有多少？") is not one."""
    if text.rstrip().endswith(("?", "？")) or not CONDITION.search(text) or _QUESTION.search(text):
        return None
    clauses = _clauses(text)
    if len(clauses) < 2 and not (clauses and _STARTS_CONDITION.search(clauses[0]) and re.search(r"[,，則]", text)):
        return None
    return [c[:1].upper() + c[1:] for c in clauses]


def _listed(text: str) -> list[str] | None:
    """Short items separated by commas (at least one comma: "teenagers and adults" is a phrase, not a list)."""
    if not re.search(_COMMA, text):
        return None
    items = [_tidy(re.sub(r"^(?:and|or|及|和|與)\s*", "", p)) for p in _LIST_SPLIT.split(text)]
    items = [i for i in items if i]
    too_long = any(len(i) > 16 if _is_zh(i) else len(i.split()) > 6 for i in items)
    if len(items) < 2 or too_long:
        return None
    return items


def _arrow_chain(prompt: str, request: str, body: str) -> tuple[str, list[str]] | None:
    if request and _ARROW.search(request):  # the arrows start before the colon: the colon is inside a step
        request, body = "", prompt
    items = _chain(body)
    if items is None:
        return None
    if not request:  # "Draw open PR -> CI runs -> merge": the request words open the first step
        m = _CHAIN_REQUEST.match(items[0])
        if m and m.end() and _tidy(items[0][m.end():]):
            request, items[0] = items[0][: m.end()].strip(), _tidy(items[0][m.end():])
    return request, items


def read_prompt(prompt: str) -> PromptReading | None:
    """The structure typed into `prompt`, or None when it carries none (a bare request)."""
    prompt = " ".join((prompt or "").split())
    if not prompt:
        return None
    request, body = _split_request(prompt)
    items: list[str] | None
    if (chain := _arrow_chain(prompt, request, body)) is not None:
        request, items = chain
        kind, content = "chain", _numbered(items)
    elif (items := _inline_steps(body)) is not None:
        kind, content = "steps", _numbered(items)
    elif (items := _dated(body)) is not None:
        kind, content = "dates", "\n".join(f"- {i}" for i in items)
    elif (items := _conditions(body)) is not None:
        # Each clause of the process ends as a sentence does, so no reader runs two of them together.
        kind, content = "conditions", _numbered([i + ("。" if _is_zh(i) else ".") for i in items])
    elif request and (items := _listed(body)) is not None:
        if len(items) >= 3 and _TRAILING_REQUEST.search(items[-1]):
            request, items = f"{request}{'，' if _is_zh(request) else ', '}{items[-1]}", items[:-1]
        ordered = bool(_SEQUENCE_WORDS.search(request))
        kind = "chain" if ordered else "list"
        if not ordered:  # each point ends as a sentence does, so no reader runs two of them together
            items = [i + ("。" if _is_zh(i) else ".") for i in items]
        content = _numbered(items) if ordered else "\n".join(f"- {i}" for i in items)
    else:
        return None
    asked = request
    if _FORM_ONLY.match(request):
        # "Flowchart: a customer submits …": the request names only the form, so the material names the answer.
        title = _title_of(content, kind)
        content = f"# {title}\n\n{content}" if title else content
        request = "" if title else request
    return PromptReading(request, content, kind, asked)


def _title_of(content: str, kind: str) -> str | None:
    """A title in the material's own words: a chain from its first step to its last ("From open PR to merge"),
    a process by its first step; None when the first step is itself a condition."""
    items = [_tidy(re.sub(r"^(?:\d+\.|-)\s*", "", line)) for line in content.split("\n") if line.strip()]
    if len(items) < 2 or _STARTS_CONDITION.search(items[0]):
        return None
    if kind in ("chain", "steps"):
        first, last = items[0], items[-1]
        return f"從{first}到{last}" if _is_zh(first + last) else f"From {first} to {last}"
    return items[0][:1].upper() + items[0][1:]

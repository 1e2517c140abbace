"""The answer's title: the material's own (its H1, title line or front-matter title, a diagram's title), else the
request's subject with the request words taken off, correctly, in English and Chinese.

"Make an infographic of this process" has no subject of its own ("this process" points at the content), so the
content names the answer; "Sales review slides" is "Sales review"; "各門市今年每季營收（萬元），做成圖表" is
"各門市今年每季營收（萬元）". Words are matched whole ("an" is never read as "a" + "n"), so no article is eaten.
"""

from __future__ import annotations

import re

from renderers.layout.script import cjk_ratio

from .condense import shorten
from .document import Document

# The answer's medium: never part of its title ("Sales review slides" is "Sales review").
_MEDIA_EN = (r"slide deck|deck of slides|deck|slides|slideshow|presentation|infographics?|diagram|flow ?chart|"
             r"flow diagram|mind ?map|whiteboard|board|widget|one-pager|one pager|poster|visual|overview|summary|"
             r"recap|picture|image|illustration")
# Kinds of answer a request may open with ("Make a chart of …"); after the subject some are its own words
# ("Packing checklist", "Release timeline"), so only the media above are taken off the end.
_FORMS_EN = (r"slide deck|deck of slides|deck|slides|slide|slideshow|presentation|infographics?|diagram|flow ?chart|"
             r"flow diagram|mind ?map|whiteboard|board|widget|calculator|converter|quiz|flashcards|checklist|"
             r"countdown|timer|timeline|chart|graph|table|picture|image|photo|illustration|poster|one-pager|"
             r"one pager|overview|summary|recap|visual|visualisation|visualization|sequence diagram|"
             r"architecture diagram|outline|map")
_ADJECTIVES_EN = r"short|quick|simple|small|clean|nice|beautiful|interactive|visual|brief|new|\d+[- ]slide|one[- ]page"
_POLITE_EN = re.compile(r"^(?:(?:please|kindly|hey|hi)[,\s]+|(?:can|could|would|will) you\s+(?:please\s+)?|"
                        r"i(?:'d| would) like(?: you)? to\s+|i (?:want|need)(?: you)? to\s+|i want\s+|i need\s+|"
                        r"help me\s+|let's\s+|let us\s+)+", re.IGNORECASE)
_VERB_EN = re.compile(r"^(?:make|create|build|generate|draw|design|give|show|turn|convert|write|prepare|produce|"
                      r"render|sketch|paint|summari[sz]e|visuali[sz]e|explain|plan|put together|do|lay out|map out|"
                      r"outline|compose|draft|present)\b\s*(?:(?:me|us)\b\s*)?", re.IGNORECASE)
_DETERMINER_EN = re.compile(r"^(?:a|an|the|some|this|that|these|those|it|my|our)\b\s*", re.IGNORECASE)
_ADJ_EN = re.compile(rf"^(?:(?:{_ADJECTIVES_EN})\b\s*)+", re.IGNORECASE)
_FORM_EN = re.compile(rf"^(?:{_FORMS_EN})\b\s*", re.IGNORECASE)
_LINK_EN = re.compile(r"^(?:about|on|for|of|from|explaining|showing|that shows|covering|to|into|as|with|based on)\b\s*",
                      re.IGNORECASE)
_TAIL_EN = re.compile(
    rf"(?:(?:^|[\s,]+)(?:(?:as|into|in|for|on)\s+)?(?:(?:a|an|the|one)\s+)?(?:(?:{_ADJECTIVES_EN})\s+)*(?:{_MEDIA_EN})"
    rf"(?:\s+(?:for|with|in)\s+(?:my|our|the)?\s*(?:team|class|boss|meeting|leadership|review|board|managers?)"
    rf"(?:\s+(?:review|meeting))?)?"
    rf"|[\s,]+(?:for|with|in)\s+(?:my|our|the)\s+(?:team|class|boss|meeting|leadership review|managers?))\s*[.!?]*$",
    re.IGNORECASE)
# What only points at the content: "this process", "the article", "my notes".
_REFERENCE_EN = re.compile(
    r"^(?:(?:this|that|the|these|those|my|our|it|its|a|an)\s+)?(?:(?:pasted|attached|following|above|below)\s+)?"
    r"(?:process|flow|article|post|blog post|memo|meeting notes|notes|note|document|doc|text|content|list|"
    r"reading list|plan|launch plan|data|dataset|report|letter|email|file|page|material|diagram|steps|it|one|this|"
    r"that|these|those)?"
    r"[\s.!?]*$",
    re.IGNORECASE)

# "請" only as "please" ("請幫我…", "請把…"), never the "請" of "請假".
_POLITE_ZH = re.compile(r"^(?:請(?=幫|把|將|做|製|畫|生成|建立|設計|產生|整理|寫|繪|規劃|給|用|為|替|你)|麻煩|拜託)?"
                        r"(?:你)?"
                        r"(?:幫我|幫忙|替我|為我|給我|幫)?(?:把|將)?")
_VERB_ZH = re.compile(r"^(?:用(?:一張|一份|一個)?(?:圖|圖表|簡報)?(?:來)?)?"
                      r"(?:做|製作|畫|生成|建立|設計|產生|整理|寫|繪製|規劃|弄|列|總結|介紹|說明)(?:出|一下)?"
                      r"(?:一份|一張|一個|一套|一頁|個|份|張|套)?(?:關於|有關)?")
_FORMS_ZH = (r"簡報檔|簡報|投影片|資訊圖表|資訊圖|懶人包|流程圖|心智圖|思維導圖|架構圖|白板|示意圖|時序圖|時間軸|年表|"
             r"互動工具|計算機|換算器|測驗|小測驗|閃卡|清單|倒數計時器|倒數|計時器|圖片|照片|插畫|海報|圖表|表格|圖解|"
             r"一張圖|重點整理|重點|摘要|總結|大綱|圖")
_TAIL_ZH = re.compile(rf"[，,、\s]*(?:並|然後)?(?:做成|整理成|畫成|變成|轉成|製作成|生成|改成|做|畫|整理為|成為)?"
                      rf"(?:一份|一張|一個|一套|一頁)?(?:的)?(?:{_FORMS_ZH})(?:吧|嗎)?[。！!？?]*$")
_HEAD_ZH = re.compile(rf"^(?:{_FORMS_ZH})[:：]\s*")
_DEMONSTRATIVE_ZH = re.compile(r"^(?:這個|這份|這篇|這封|這張|這些|此|上面的|以下的)(?=.{3})")
_AUDIENCE_ZH = re.compile(r"^給.{1,8}看$")
_REFERENCE_ZH = re.compile(r"^(?:這個|這份|這篇|這封|這張|這些|此|上面的|以下的|我的)?"
                           r"(?:流程|文章|文件|會議紀錄|紀錄|信|資料|報告|計畫|內容|清單|筆記|備忘錄|說明|東西)?"
                           r"(?:的)?[。！!？?\s]*$")


# After "Subject:", structure the prompt carries as content: arrows, numbered steps, a list, dates.
_STRUCTURE = re.compile(r"->|→|=>|⇒|(?:^|\s)\d+[.)、]\s|[,，、;；].*[,，、;；]")


def request_subject(prompt: str) -> str:
    """The subject of a request, its request words taken off: "" when it names none ("Draw this as a diagram").
    A prompt that carries its content after a colon ("How a pull request gets merged: open PR -> CI runs -> …",
    "請假流程：填寫申請 -> 主管審核") is about what comes before the colon."""
    p = " ".join(prompt.split())
    if not p:
        return ""
    m = re.search(r"[:：]", p)
    if m and m.start() <= 120 and p[:m.start()].strip() and _STRUCTURE.search(p[m.end():]):
        head = request_subject(p[:m.start()])
        if head:
            return head
        # "Flowchart: a customer submits a refund request; if …": the head only named the form, so the content's
        # first clause says what it is about.
        first = re.split(r"[;；,，]|->|→|=>|\s(?:if|when|then)\s|如果|若", p[m.end():], maxsplit=1)[0].strip(" .。")
        first = re.sub(r"^(?:a|an|the)\s+", "", first, flags=re.IGNORECASE)
        return (first[:1].upper() + first[1:])[:80] if first else ""
    if cjk_ratio(p) > 0.3:
        t = _POLITE_ZH.sub("", p, count=1)
        for _ in range(2):  # "…的重點整理", "…，做成圖表"
            t = _TAIL_ZH.sub("", t).strip()
        t = _VERB_ZH.sub("", t, count=1)
        t = _HEAD_ZH.sub("", t, count=1)
        t = re.sub(r"^(?:把|將)", "", t).strip("，。、 ")
        t = re.sub(r"的$", "", t)
        if not t or _REFERENCE_ZH.fullmatch(t) or _AUDIENCE_ZH.fullmatch(t):
            return ""
        return _DEMONSTRATIVE_ZH.sub("", t)
    t = _POLITE_EN.sub("", p, count=1)
    t = _VERB_EN.sub("", t, count=1)
    for step in (_DETERMINER_EN, _ADJ_EN, _FORM_EN, _LINK_EN):
        t = step.sub("", t, count=1)
    t = _TAIL_EN.sub("", t).strip(" .,:;!?")
    t = _TAIL_EN.sub("", t).strip(" .,:;!?")  # "slides for the leadership review" after "into slides"
    if _REFERENCE_EN.fullmatch(t):
        return ""
    t = re.sub(r"^(?:the|our|my|a|an)\s+(?=\S)", "", t, flags=re.IGNORECASE)  # "our team budgets": a title's subject
    first = t.split(" ", 1)[0]
    return t[:1].upper() + t[1:] if first.isalpha() and first.islower() else t  # "eBPF" keeps its case


_POINTED_EN = re.compile(r"\b(?:this|that|these|those|the|my|our)\s+([a-z][a-z ]{1,30}?)[\s.!?]*$", re.IGNORECASE)
_POINTED_ZH = re.compile(r"(?:這個|這份|這篇|這些|此)(流程|文章|文件|會議紀錄|資料|報告|計畫|清單|筆記|內容)")


def _pointed_at(prompt: str) -> str:
    """What a request with no subject of its own points at ("… of this process": "Process"), or ""."""
    m = _POINTED_ZH.search(prompt) if cjk_ratio(prompt) > 0.3 else _POINTED_EN.search(prompt)
    if not m or request_subject(prompt):
        return ""
    word = m.group(1).strip()
    return word[:1].upper() + word[1:]


def topic_of(prompt: str, doc: Document | None = None) -> str:
    """A title for the answer: the material's own title, else the request's subject, else what the content is
    about (a diagram's comment or first node, the first section's heading, the first paragraph's first clause)."""
    if doc is not None and doc.title:
        return doc.title[:150]
    subject = request_subject(prompt)
    if subject:
        return subject[:150]
    if doc is not None:
        if doc.fallback_title:
            return doc.fallback_title[:150]
        if not doc.is_empty:
            first = doc.sections[0].heading if doc.sections else (doc.lead.paragraphs or [""])[0]
            if first:
                return shorten(first.split("\n")[0], 60).rstrip(".。!！")[:150]
    p = " ".join(prompt.split())
    pointed = _pointed_at(p)
    if pointed:  # "Make an infographic of this process" with nothing given: what it points at, not the request
        return pointed
    if p:
        return (p[:1].upper() + p[1:])[:150]
    return "Untitled" if doc is None or doc.language == "en" else "未命名"

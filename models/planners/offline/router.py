"""Choosing the modality from the request's words (English and Chinese) and, when they do not say, from the shape
of the content. Every choice comes with a rationale and ranked runner-ups."""

from __future__ import annotations

import re
from dataclasses import dataclass

from renderers.plan import Modality

from ..base import PlanRequest
from .document import Document

# (phrase, weight). English phrases match on word boundaries, Chinese ones as substrings.
KEYWORDS: dict[Modality, list[tuple[str, float]]] = {
    Modality.SLIDES: [
        ("slides", 3), ("slide deck", 3), ("slide", 2.5), ("deck", 3), ("presentation", 3), ("powerpoint", 3),
        ("pptx", 3), ("keynote", 2.5), ("pitch", 2), ("talk", 1), ("lecture", 1.5), ("present", 1.5),
        ("簡報", 3), ("投影片", 3), ("簡報檔", 3), ("提案", 1.5), ("報告", 1), ("演講", 2), ("課程", 1),
    ],
    Modality.INFOGRAPHIC: [
        ("infographic", 3.5), ("one-pager", 3), ("one pager", 3), ("one page", 2.5), ("poster", 2.5),
        ("visual summary", 3), ("at a glance", 2.5), ("cheat sheet", 2.5), ("fact sheet", 2.5), ("summary card", 2),
        ("key stats", 1.5), ("summarize", 1), ("summarise", 1), ("summary", 0.8), ("steps to", 1.5), ("how to", 1.2),
        ("tips", 1.5), ("guide", 1), ("checklist for", 1),
        ("資訊圖表", 3.5), ("資訊圖", 3.5), ("信息图", 3.5), ("圖解", 2.5), ("懶人包", 3), ("海報", 2.5), ("一頁", 2),
        ("重點整理", 2), ("摘要", 1), ("總結", 1), ("步驟", 1.5), ("教學", 1.2), ("訣竅", 1.5), ("方法", 0.8),
    ],
    Modality.WHITEBOARD: [
        ("diagram", 3), ("flowchart", 3.5), ("flow chart", 3.5), ("whiteboard", 3.5), ("mind map", 3.5),
        ("mindmap", 3.5), ("architecture", 2.5), ("sequence diagram", 3.5), ("process flow", 3), ("workflow", 2),
        ("how it works", 2.5), ("how this works", 2.5), ("how does", 1.5), ("draw how", 3), ("map out", 2),
        ("brainstorm", 3), ("org chart", 3), ("swimlane", 3), ("mermaid", 3), ("flow", 1),
        ("流程圖", 3.5), ("白板", 3.5), ("心智圖", 3.5), ("思維導圖", 3.5), ("架構圖", 3.5), ("示意圖", 3),
        ("時序圖", 3.5), ("關係圖", 3), ("腦力激盪", 3), ("流程", 2), ("架構", 2), ("運作", 1.5), ("組織圖", 3),
        ("then", 0.8), ("hand-off", 1.5), ("handoff", 1.5), ("route", 1), ("transfer", 1),
        ("轉乘", 2), ("路線", 1.5), ("怎麼走", 2), ("然後", 1), ("接著", 1), ("步驟", 1.2),
    ],
    Modality.WIDGET: [
        ("interactive", 3.5), ("calculator", 3.5), ("converter", 3.5), ("convert", 1.5), ("quiz", 3.5),
        ("flashcards", 3.5), ("flashcard", 3.5), ("checklist", 3), ("countdown", 3.5), ("timer", 2.5),
        ("widget", 3.5), ("sortable", 3), ("filterable", 3), ("dashboard", 2.5), ("tool", 1.5), ("estimator", 3),
        ("simulator", 3), ("chart", 1.5), ("table", 1), ("compute", 1.5), ("calculate", 2.5), ("test yourself", 3),
        ("how much", 2), ("each month", 1.5), ("per month", 1.5), ("monthly payment", 2.5), ("memorise", 3),
        ("memorize", 3), ("practice", 1.5), ("track my", 2),
        ("互動", 3.5), ("計算機", 3.5), ("試算", 3.5), ("計算", 2.5), ("換算", 3.5), ("測驗", 3.5), ("小測驗", 3.5),
        ("考題", 3), ("閃卡", 3.5), ("單字卡", 3.5), ("清單", 2), ("檢查表", 3), ("倒數", 3.5), ("計時", 2.5),
        ("工具", 1.5), ("圖表", 1.5), ("表格", 1), ("多少錢", 2.5), ("會有多少", 2.5), ("要付多少", 2.5), ("每月存", 2),
        ("背誦", 3), ("記住", 2), ("練習", 1.5),
    ],
    Modality.IMAGE: [
        ("picture", 3), ("photo", 3), ("image", 2.5), ("illustration", 3), ("painting", 3), ("drawing", 2),
        ("draw", 2), ("paint", 2.5), ("sketch", 1.5), ("wallpaper", 3), ("render of", 2.5), ("portrait", 2.5),
        ("logo", 2), ("icon", 1), ("watercolor", 3), ("watercolour", 3), ("cover art", 3), ("artwork", 3),
        ("畫", 2.5), ("圖片", 3), ("照片", 3), ("插畫", 3.5), ("插圖", 3.5), ("繪製", 2), ("一張圖", 3), ("桌布", 3),
        ("水彩", 3), ("油畫", 3), ("畫一", 3.5),
    ],
}

# Words describing a scene's look: a short prompt full of them asks for a picture.
VISUAL_WORDS = (
    "dawn", "sunset", "sunrise", "night", "misty", "foggy", "cinematic", "photorealistic", "realistic", "cute",
    "landscape", "scene", "style", "lighting", "glowing", "at dusk", "in the rain", "cat", "dog", "castle",
    "lighthouse", "forest", "mountain", "ocean", "city skyline", "anime", "pixel art", "oil", "4k", "highly detailed",
    "黎明", "夕陽", "日落", "夜景", "風景", "可愛", "寫實", "燈塔", "森林", "山", "海", "貓", "狗", "城堡",
)

_NAMES = {
    Modality.SLIDES: "a slide deck",
    Modality.INFOGRAPHIC: "an infographic",
    Modality.WHITEBOARD: "a whiteboard diagram",
    Modality.WIDGET: "an interactive widget",
    Modality.IMAGE: "an image",
}


@dataclass
class Route:
    modality: Modality
    rationale: str
    alternatives: list[Modality]
    scores: dict[Modality, float]


def _match(text: str, phrase: str) -> bool:
    if re.search(r"[\u3000-\u9fff]", phrase):
        return phrase in text
    return re.search(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])", text) is not None


def word_scores(prompt: str) -> tuple[dict[Modality, float], dict[Modality, list[str]]]:
    text = prompt.lower()
    scores = {m: 0.0 for m in Modality}
    hits: dict[Modality, list[str]] = {m: [] for m in Modality}
    for modality, phrases in KEYWORDS.items():
        for phrase, weight in phrases:
            if _match(text, phrase):
                scores[modality] += weight
                hits[modality].append(phrase)
    # "draw a diagram / how X works" is a whiteboard, not a picture.
    if scores[Modality.WHITEBOARD] >= 2.5 and hits[Modality.IMAGE] and set(hits[Modality.IMAGE]) <= {"draw", "畫", "繪製", "drawing", "sketch"}:
        scores[Modality.IMAGE] = 0
        hits[Modality.IMAGE] = []
    # Chinese "畫" inside words that are not about pictures (e.g. 計畫 plan, 規畫).
    if hits[Modality.IMAGE] == ["畫"] and re.search(r"[計規企策]畫", prompt):
        scores[Modality.IMAGE] = 0
        hits[Modality.IMAGE] = []
    return scores, hits


_ARROW_LINE = re.compile(r"\S\s*(?:->|→|=>|⇒|-->)\s*\S")
_MERMAID = re.compile(r"^\s*(?:graph|flowchart)\s+(?:TD|TB|LR|RL|BT)\b|^\s*(?:sequenceDiagram|mindmap|timeline)\b", re.M)
_SEQUENCE_VERB = re.compile(r"\b(?:calls|sends|requests|returns|replies|responds|notifies)\b", re.IGNORECASE)


def shape_scores(request: PlanRequest, doc: Document) -> tuple[dict[Modality, float], list[str]]:
    """Signals from the content itself, used when the words do not decide."""
    scores = {m: 0.0 for m in Modality}
    notes: list[str] = []
    content = request.content
    if request.data is not None:
        scores[Modality.WIDGET] += 2.0
        scores[Modality.INFOGRAPHIC] += 1.0
        scores[Modality.SLIDES] += 0.5
        notes.append("the request comes with a data table")
    if content:
        arrows = len(_ARROW_LINE.findall(content))
        if _MERMAID.search(content) or arrows >= 2:
            scores[Modality.WHITEBOARD] += 3.0
            notes.append("the content describes connections with arrows")
        if len(_SEQUENCE_VERB.findall(content)) >= 2:
            scores[Modality.WHITEBOARD] += 1.0
        nested = sum(1 for s in doc.all_sections for i in s.items if i.level > 0)
        if nested >= 3 and not doc.sections:
            scores[Modality.WHITEBOARD] += 1.5
            notes.append("the content is an indented outline")
        if len(doc.sections) >= 3:
            scores[Modality.SLIDES] += 2.0
            notes.append(f"the content has {len(doc.sections)} sections")
        elif doc.sections or len(content) > 600:
            scores[Modality.SLIDES] += 1.0
            scores[Modality.INFOGRAPHIC] += 0.8
        if doc.tables:
            scores[Modality.INFOGRAPHIC] += 0.8
            scores[Modality.WIDGET] += 0.8
    elif not request.data:
        prompt = request.prompt.lower()
        visual = sum(1 for w in VISUAL_WORDS if w in prompt)
        if visual:
            scores[Modality.IMAGE] += 1.0 + 0.5 * visual
            notes.append("the prompt describes how something looks")
    return scores, notes


def route(request: PlanRequest, doc: Document) -> Route:
    words, hits = word_scores(request.prompt)
    shape, notes = shape_scores(request, doc)
    total = {m: words[m] * 2 + shape[m] for m in Modality}
    ranked = sorted(Modality, key=lambda m: (-total[m], list(Modality).index(m)))
    best = ranked[0]
    if total[best] <= 0:
        best = Modality.SLIDES
        ranked = [Modality.SLIDES, Modality.INFOGRAPHIC, Modality.WHITEBOARD, Modality.WIDGET, Modality.IMAGE]
        rationale = "nothing in the request points to a particular form, so a slide deck structures it"
    elif hits[best]:
        quoted = ", ".join(f"'{h}'" for h in hits[best][:3])
        rationale = f"the request asks for {_NAMES[best]} ({quoted})"
        if notes:
            rationale += f"; {notes[0]}"
    else:
        rationale = f"{notes[0] if notes else 'the content'} suits {_NAMES[best]}"
    alternatives = [m for m in ranked[1:] if total[m] > 0][:2]
    for fallback in (Modality.INFOGRAPHIC, Modality.SLIDES, Modality.WHITEBOARD):
        if len(alternatives) >= 2:
            break
        if fallback != best and fallback not in alternatives:
            alternatives.append(fallback)
    return Route(best, rationale, alternatives, total)

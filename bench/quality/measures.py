"""Automatic content-quality measures of one render, from its plan.json and manifest.json and the case's truth.

Each measure is a function of a `Render` that returns findings (what is wrong, where, the offending text) or a
share, so a table can count them and a person can read why. They implement the faithfulness rules of
docs (DESIGN.md, "Faithfulness") and the failure classes of issue 16:

- `leaks`: source syntax shown to the reader (front matter, HTML comments, Markdown markup, Mermaid source, URLs,
  the product's own help text, and any exact source text the case lists).
- `stat_findings`: headline numbers that are not quantities the source states (`invented`, and among them those
  made from a date, id, version, URL, phone number or ordinal), numbers split from their unit, and numbers
  labelled by words from another clause.
- `cuts`: a cut inside a number or a bracket pair (unbalanced brackets, an ellipsis right after a digit, a unit
  left at the start of the next text), and cuts in mid-phrase (a trailing ellipsis, a point ending on a
  dangling word).
- `sections_covered`, `cells_kept`: shares of the source's sections and table cells found anywhere in the answer
  (speaker notes included), or, for sections, named by a `content_dropped` warning.
- `request_echo`: a title made of the request's words instead of the material's.
- `layouts`: distinct layouts of a deck's content slides or an infographic's blocks.
- `structure`: structured prompts and processes drawn as their structure (chains of steps in order, decisions,
  loops, dates).
- `kind_shape`: bare prompts answered with an outline shaped by the kind of request.
- `fidelity`: terms whose case changed ("eBPF" to "EBPF"), forbidden merges, numbered items that lost numbers.
"""

from __future__ import annotations

import re
import unicodedata
from collections import deque
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .corpus import Case, Quantity
from .texts import Text, content_tokens, has_cjk, norm, numbers_in, plan_texts


@dataclass(frozen=True)
class Finding:
    code: str  # the class of failure, e.g. "url", "invented", "unbalanced_bracket"
    where: str  # the plan path, or "title", "plan"
    text: str  # what the reader sees (shortened)

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass
class Render:
    """One case rendered in one modality: what the measures read."""

    case: Case
    modality: str
    plan: dict[str, Any]
    manifest: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    folder: Path | None = None  # where the render's files are, for measures that read them
    _texts: list[Text] | None = field(default=None, repr=False)

    @property
    def texts(self) -> list[Text]:
        if self._texts is None:
            self._texts = plan_texts(self.plan)
        return self._texts

    @property
    def visible(self) -> list[Text]:
        return [t for t in self.texts if t.visible]

    @property
    def warnings(self) -> list[dict[str, Any]]:
        return list(self.manifest.get("warnings", []))


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---- leaked syntax ------------------------------------------------------------------------------------------------

_LEAK_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("html_comment", re.compile(r"<!--")),
    ("html_tag", re.compile(r"</?(?:div|span|br|p|b|i|a|img|table|tr|td|th|ul|ol|li|em|strong|code)\b[^>]*>", re.I)),
    ("front_matter", re.compile(r"^\s*---\s*$|:\s*(?:true|false)\b|\b(?:tags|draft|slug|categories|paginate|marp|"
                                r"headingDivider|published)\s*:", re.I | re.M)),
    ("markdown", re.compile(r"\*\*[^*]+\*\*|(?<!\w)__\w|`[^`]+`|^\s*#{1,6}\s|\[[^\]]*\]\([^)]*\)|^\s*[-*+]\s+\[[ xX]\]"
                            r"|^\s*>\s|\|\s*:?-{3,}", re.M)),
    ("mermaid", re.compile(r"(?i:\b(?:flowchart|graph)\s+(?:TD|TB|LR|RL|BT)\b)|\bsequenceDiagram\b|^\s*mindmap\b|"
                           r"\broot\(\(|-->|->>|==>|-\.->|%%|:::|\bparticipant\s+\S+\s+as\b|"
                           r"\b[A-Z]\w{0,5}(?:\[[^\]]{2,}\]|\{[^}]{2,}\}|\(\([^)]+\)\))", re.M)),
    ("url", re.compile(r"https?://|\bwww\.\w|[?&](?:fbclid|utm_\w+|ref|s|v|t|gclid)=|\b[\w-]+\.(?:com|org|net|io|tw|"
                       r"dev|app)/", re.I)),
    # The product's own usage hints, which are never an answer's content.
    ("help_text", re.compile(r"ATELIER_|configure a language model|\bpaste (?:a document|an article|data|your)|"
                             r"name the tool you want|貼上(?:文件|文章|資料)|設定(?:語言)?模型|說明想要的工具", re.I)),
]


def leaks(r: Render) -> list[Finding]:
    """Source syntax shown to the reader: one finding per (text element, class)."""
    found: list[Finding] = []
    for t in r.visible:
        classes = {code for code, pattern in _LEAK_PATTERNS if pattern.search(t.text)}
        for marker in r.case.truth.leak_markers:
            if marker in t.text:
                classes.add("source_text")
        found.extend(Finding(code, t.path, _short(t.text)) for code in sorted(classes))
    return found


# ---- headline numbers ---------------------------------------------------------------------------------------------

_SCALE = {"k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "bn": 1e9, "萬": 1e4, "万": 1e4, "億": 1e8, "亿": 1e8, "千": 1e3}
_MONTHS = ("january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec").split()
# Units of measure that belong to the number: without them the number means something else. Counting words
# ("tickets", "件", "people") may move to the label; these may not.
TIGHT_UNITS = frozenset("""% $ £ € ¥ ‰ °C °F kW kWh GWh MWh mm cm km m kg g h min s MB GB TB ms
hours minutes days weeks months years 元 萬 万 億 亿 萬元 億元 度 分鐘 小時 天 週 個月 年 公里 公斤""".split())


@dataclass
class Stat:
    path: str
    value: str
    label: str


def stats(plan: dict[str, Any]) -> list[Stat]:
    """The headline numbers of a plan: a deck's stat slides and an infographic's stat blocks."""
    out = []
    for i, slide in enumerate(plan.get("slides", [])):
        if slide.get("layout") == "stat":
            out += [Stat(f"slides[{i}].stats[{j}]", s["value"], s["label"]) for j, s in enumerate(slide["stats"])]
    for i, block in enumerate(plan.get("blocks", [])):
        if block.get("kind") == "stat":
            out += [Stat(f"blocks[{i}].items[{j}]", s["value"], s["label"]) for j, s in enumerate(block["items"])]
    return out


def _candidates(value: str) -> list[float]:
    """The numbers a stat's value could mean: as written, scaled by its suffix (k, M, 萬), and as a fraction of 100."""
    nums = numbers_in(value)
    if not nums:
        return []
    n = nums[0]
    out = [n]
    compound = _WAN_QIAN.search(unicodedata.normalize("NFKC", value))
    if compound:  # "6 萬 5 千" is 65,000 (and 6.5 萬)
        wan = float(compound.group(1)) * 1e4 + float(compound.group(2)) * 1e3
        out += [wan, wan / 1e4]
    for suffix, factor in _SCALE.items():
        if re.search(rf"\d\s*{re.escape(suffix)}", value):
            out.append(n * factor)
    if "%" in value or "％" in value:
        out.append(n / 100)
    return out


_WAN_QIAN = re.compile(r"(\d+(?:\.\d+)?)\s*萬\s*(\d)\s*千")


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


_URLISH = re.compile(r"https?://|//[\w.-]+\.\w+/|[?&][\w]+=|\bwww\.")


def _why_not_quantity(s: Stat, r: Render) -> str | None:
    """Why a number that is not a stated quantity was taken for one, when it can be told."""
    nums = _candidates(s.value)
    digits = re.findall(r"\d{2,}", unicodedata.normalize("NFKC", s.value))
    for nq in r.case.truth.not_quantities:
        if any(_same(n, nq.number) for n in nums) or any(re.search(rf"(?<!\d){d}(?!\d)", nq.text) for d in digits):
            return nq.why
    both = f"{s.value} {s.label}"
    label = unicodedata.normalize("NFKC", s.label).strip().lower()
    if re.search(r"https?://|[?&=]|\bwww\.", both):
        return "url"
    if re.match(r"^(?:[月日年號号]|/\d)", label) or label.split(" ")[0].strip(",.") in _MONTHS:
        return "date"
    if re.search(r"\bv?\d+\.\d+\.\d+", s.value) or re.match(r"^v\d", s.value.strip(), re.I):
        return "version"
    if re.fullmatch(r"\s*(?:19|20)\d{2}\s*", s.value):
        return "date"
    if re.search(r"\(?0\d{1,3}\)?[ -]?\d{3,4}[ -]\d{3,4}|\+\d{1,3} \d", both):
        return "phone"
    if re.fullmatch(r"\s*#?\d+[.)、]\s*", s.value) or re.match(r"^[.)、]", label):
        return "ordinal"
    if re.search(r"[A-Z]{2,}-\d+", both):
        return "id"
    return None


def _unit_split(s: Stat, q: Quantity) -> bool:
    """The number is shown apart from its unit: the unit opens the label, or a tight unit (%, kW, 元) is missing."""
    unit = q.unit.strip()
    if not unit:
        return False
    value, label = norm(s.value), norm(s.label)
    u = norm(unit)
    if u in value:
        return False
    glued = unit in TIGHT_UNITS or has_cjk(unit)  # "% lower bill", "萬名用戶"; "responses received" is a fine label
    if glued and (label.startswith(u) or (len(u) > 1 and label.startswith(u[1:]) and value.endswith(u[0]))):
        return True
    return unit in TIGHT_UNITS


def _stated(s: Stat, r: Render) -> list[Quantity]:
    nums = _candidates(s.value)
    if nums:
        return [q for q in r.case.truth.quantities if any(_same(n, q.number) for n in nums)]
    v = norm(s.value)  # "三個", "two months": compare as written
    return [q for q in r.case.truth.quantities if v and (v in norm(q.value) or norm(q.value) in v)]


def stat_findings(r: Render) -> list[Finding]:
    """Problems of headline numbers: `invented` (with the reason when it is a date, id, ... as `invented:<why>`),
    `unit_split`, `mislabelled` (the label shares no word with the number's own clause)."""
    out = []
    for s in stats(r.plan):
        shown = f"{s.value} / {s.label}"
        if _URLISH.search(f"{s.value} {s.label}"):  # whatever the number, a URL's query string is no quantity
            out.append(Finding("invented:url", s.path, _short(shown)))
            continue
        matches = _stated(s, r)
        if not matches:
            why = _why_not_quantity(s, r)
            out.append(Finding(f"invented:{why}" if why else "invented", s.path, _short(shown)))
            continue
        if all(_unit_split(s, q) for q in matches):
            out.append(Finding("unit_split", s.path, _short(shown)))
        label = content_tokens(s.label)
        if label and not any(label & content_tokens(q.clause) for q in matches):
            out.append(Finding("mislabelled", s.path, _short(shown)))
        elif any(_has_hole(s.label, q, r.case.source_text()) for q in matches):
            out.append(Finding("label_hole", s.path, _short(shown)))
    return out


def _has_hole(label: str, q: Quantity, source: str) -> bool:
    """The label is the number's sentence with the number cut out: the words just before and just after the
    number in the source sit side by side in the label ("the bill fell by compared with")."""
    if not source or not q.value:
        return False
    for m in re.finditer(re.escape(q.value), source):
        before = re.findall(r"[\w\u3400-\u9fff]+", source[max(0, m.start() - 40):m.start()])
        after = re.findall(r"[\w\u3400-\u9fff]+", source[m.end():m.end() + 40])
        if before and after:
            if has_cjk(before[-1] + after[0]):
                joined = norm(before[-1][-2:] + after[0][:2])
            else:
                joined = norm(f"{before[-1]} {after[0]}")
            if joined in norm(label):
                return True
    return False


# ---- cuts ---------------------------------------------------------------------------------------------------------

_PAIRS = ["()", "[]", "{}", "（）", "【】", "「」", "『』", "《》", "〈〉"]
_DIGIT_CUT = re.compile(r"\d[\d,.]*\s*(?:…|\.\.\.)|\d[-/:]\s*$|\d,\s*$")
_UNIT_FIRST = re.compile(r"^\s*(?:[%％‰](?!%)|月\s*\d|[日號]\s*(?:生效|起|前|後))")
_ELLIPSIS_END = re.compile(r"(?:…|\.\.\.)\s*$")
# Words a point cannot end on (articles, conjunctions, a copula waiting for its complement); prepositions can
# ("the card they paid with"), so they are not here.
_DANGLING_EN = re.compile(r"\b(?:the|a|an|and|or|but|because|than|whose|is|are|was|were)\s*$", re.I)
_DANGLING_ZH = re.compile(r"(?:[的與和及或在把被將從對]|強調|指出|提到)\s*$")
_DANGLING_PUNCT = re.compile(r"[，,、：:；;(（「『]\s*$")
_LIST_MARK = re.compile(r"^\s*(?:\d+|[a-zA-Z])[)）]\s")


def unbalanced(text: str) -> bool:
    body = _LIST_MARK.sub("", text)
    for pair in _PAIRS:
        depth = 0
        for ch in body:
            if ch == pair[0]:
                depth += 1
            elif ch == pair[1]:
                depth -= 1
                if depth < 0:
                    return True
        if depth:
            return True
    return False


def cuts(r: Render) -> list[Finding]:
    """Cuts of two kinds. Inside a number or bracket pair (`unbalanced_bracket`, `number_cut`, `unit_split`): never
    allowed. In mid-phrase (`truncated`, `dangling`): the text should end at a sentence or clause boundary."""
    out = [f for f in stat_findings(r) if f.code == "unit_split"]
    for t in r.visible:
        text = t.text
        if unbalanced(text):
            out.append(Finding("unbalanced_bracket", t.path, _short(text)))
        if _DIGIT_CUT.search(text) or (t.role != "stat_label" and _UNIT_FIRST.match(text)):
            out.append(Finding("number_cut", t.path, _short(text)))
        elif _ELLIPSIS_END.search(text):
            out.append(Finding("truncated", t.path, _short(text)))
        elif t.role == "body" and (_DANGLING_PUNCT.search(text) or _DANGLING_ZH.search(text)
                                   or (not has_cjk(text) and _DANGLING_EN.search(text))):
            out.append(Finding("dangling", t.path, _short(text)))
    return out


NUMBER_OR_BRACKET_CUTS = frozenset({"unbalanced_bracket", "number_cut", "unit_split"})


# ---- coverage -----------------------------------------------------------------------------------------------------

def _leaked(text: str) -> bool:
    return any(pattern.search(text) for _, pattern in _LEAK_PATTERNS)


def _answer_blob(r: Render) -> str:
    """Everything the answer says in readable form: text holding raw source syntax (a Mermaid file pasted into the
    notes, front matter in a bullet) does not count as presenting what it contains."""
    return norm(" ".join(t.text for t in r.texts if not _leaked(t.text)))


def _dropped_blob(r: Render) -> str:
    return norm(" ".join(f"{w.get('where', '')} {w.get('detail', '')}" for w in r.warnings
                         if w.get("code") == "content_dropped"))


def sections_covered(r: Render) -> tuple[int, int, list[str]]:
    """(found, total, missing): a section counts when one of its names appears anywhere in the answer, notes
    included (but not inside raw source syntax), or a `content_dropped` warning names it."""
    blob, dropped = _answer_blob(r), _dropped_blob(r)
    missing = [names[0] for names in r.case.truth.sections
               if not any(norm(n) in blob or (dropped and norm(n) in dropped) for n in names)]
    total = len(r.case.truth.sections)
    return total - len(missing), total, missing


def _plan_numbers(r: Render) -> list[float]:
    nums: list[float] = []
    for t in r.texts:
        nums.extend(numbers_in(t.text))
    return nums


def _numeric_cell(cell: str) -> float | None:
    """The number a cell holds when it is one number with at most a short unit ("9,200", "50%", "3.8 h", "60 元")."""
    nums = numbers_in(cell)
    rest = re.sub(r"[\d,.\s]", "", unicodedata.normalize("NFKC", cell))
    if len(nums) == 1 and len(rest) <= 2:
        return nums[0]
    return None


def cells_kept(r: Render) -> tuple[int, int, list[str]]:
    """(found, total, missing) over the source's table cells: a text cell is found when its text appears in the
    answer; a number cell when its number does (a chart keeps 9,200 as 9200; 50% may be 0.5)."""
    cells = r.case.truth.table_cells
    if not cells:
        return 0, 0, []
    blob = _answer_blob(r)
    numbers = _plan_numbers(r)
    missing = []
    for cell in cells:
        if norm(cell) in blob:
            continue
        n = _numeric_cell(cell)
        if n is not None and any(_same(n, x) or ("%" in cell and _same(n / 100, x)) for x in numbers):
            continue
        missing.append(cell)
    return len(cells) - len(missing), len(cells), missing


# ---- titles -------------------------------------------------------------------------------------------------------

FORM_WORDS_EN = ("infographic", "infographics", "slides", "slide deck", "deck", "presentation", "diagram",
                 "flowchart", "flow chart", "whiteboard", "widget", "one-pager", "one pager", "mind map", "mindmap",
                 "poster", "overview of this", "summary of this")
FORM_WORDS_ZH = ("資訊圖表", "資訊圖", "簡報", "投影片", "流程圖", "心智圖", "白板", "圖表", "圖解", "懶人包", "一張圖",
                 "重點整理")
REQUEST_WORDS_EN = frozenset("""make create draw build generate give show turn convert summarise summarize summary
overview into as me please an a the of this these that for about my our it its process flow notes document article
memo post visual one page on with in to can you i want need quick simple short""".split())
REQUEST_WORDS_ZH = ("這個", "這份", "這篇", "這封", "這張", "此", "幫我", "請", "做成", "製作", "做", "一份", "一張",
                    "一個", "把", "整理成", "整理", "成", "的", "畫出", "畫成", "畫", "流程", "重點", "摘要", "總結",
                    "給", "看")
_EATEN_ARTICLE = re.compile(r"^(?![AI] )[A-Z] [a-z]")  # "N infographic of ...": "Make a" + "n infographic" split wrong
# A prompt that carries structure (arrows, numbered items, a list after a colon): as a title it is the content.
_STRUCTURED = re.compile(r"->|→|=>|(?:^|\s)\d+[.)]\s|[:：].*[,，、].*[,，、]")


def _remove_request_words(title: str) -> str:
    t = unicodedata.normalize("NFKC", title)
    for w in FORM_WORDS_ZH + REQUEST_WORDS_ZH:
        t = t.replace(w, " ")
    words = [w for w in re.findall(r"[\w\u3400-\u9fff]+", t) if w.lower() not in REQUEST_WORDS_EN]
    words = [w for w in words if not re.fullmatch(r"[A-Za-z]", w)]
    return " ".join(w for w in words if w.lower() not in FORM_WORDS_EN)


def request_echo(r: Render) -> Finding | None:
    """The title names the request instead of the material: it is empty of the material's words, it keeps the
    request's form words ("Sales review slides", "這個流程圖"), its article was eaten ("N infographic of this
    process"), it is the whole of a long or structured prompt (arrows, numbered steps), or the source has a title
    and this one is made of the prompt's words instead."""
    title = (r.plan.get("title") or "").strip()
    prompt = r.case.prompt or ""
    low = f" {unicodedata.normalize('NFKC', title).lower()} "
    reason = None
    if not title:
        reason = "no title"
    elif _EATEN_ARTICLE.match(title):
        reason = "eaten article"
    elif any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", low) for w in FORM_WORDS_EN) or \
            any(w in title for w in FORM_WORDS_ZH):
        reason = "names the form"
    elif not _remove_request_words(title).strip():
        reason = "only request words"
    elif (len(prompt) > 80 or _STRUCTURED.search(prompt)) and len(title) >= 0.7 * len(prompt) and \
            len(content_tokens(prompt) & content_tokens(title)) >= 0.8 * len(content_tokens(prompt)):
        reason = "the whole prompt"
    elif r.case.truth.title and prompt:
        if not any(norm(t) in norm(title) or norm(title) in norm(t) for t in r.case.truth.title):
            words = content_tokens(title)
            if words and len(words & content_tokens(prompt)) >= 0.6 * len(words):
                reason = "made of the prompt, not the material"
    return Finding(f"echo:{reason}", "title", _short(title)) if reason else None


# ---- layouts ------------------------------------------------------------------------------------------------------

_FRAME_LAYOUTS = {"title", "closing", "section"}


def layouts(r: Render) -> dict[str, Any] | None:
    """Distinct layouts of a deck's content slides (title, section and closing slides not counted) or of an
    infographic's blocks, with the share of plain bullet slides."""
    if r.modality == "slides":
        kinds = [s.get("layout") for s in r.plan.get("slides", []) if s.get("layout") not in _FRAME_LAYOUTS]
        bullets = sum(k == "bullets" for k in kinds)
        return {"distinct": len(set(kinds)), "count": len(kinds), "kinds": sorted(set(kinds)),
                "bullets_share": bullets / len(kinds) if kinds else 0.0}
    if r.modality == "infographic":
        kinds = [b.get("kind") for b in r.plan.get("blocks", [])]
        # How the renderer laid each block out (a band, a row of icons, a table ...), from the SVG's groups.
        svg = r.folder / "infographic.svg" if r.folder else None
        shown = re.findall(r'data-layout="([^"]+)"', svg.read_text(encoding="utf-8")) if svg and svg.is_file() else []
        return {"distinct": len(set(shown or kinds)), "count": len(kinds), "kinds": sorted(set(kinds)),
                "variants": sorted(set(shown))}
    return None


def branches(r: Render) -> dict[str, int] | None:
    """A document's mind map: how many branches leave the centre and how many of them have no leaves (an article's
    mind map has one branch per section, with leaves from its key points). None for other renders."""
    if r.modality != "whiteboard" or r.plan.get("kind") != "mindmap" or r.case.is_bare_prompt:
        return None
    nodes = r.plan.get("nodes", [])
    if not nodes:
        return {"branches": 0, "empty": 0}
    g = _graph(r.plan)
    first = g.get(nodes[0]["id"], [])
    return {"branches": len(first), "empty": sum(not g.get(b) for b in first)}


# ---- structure ----------------------------------------------------------------------------------------------------

def _graph(plan: dict[str, Any]) -> dict[str, list[str]]:
    g: dict[str, list[str]] = {n["id"]: [] for n in plan.get("nodes", [])}
    for e in plan.get("edges", []):
        g.setdefault(e["source"], []).append(e["target"])
        if e.get("heads") == "both":
            g.setdefault(e["target"], []).append(e["source"])
    return g


def _reaches(g: dict[str, list[str]], a: str, b: str) -> bool:
    seen, todo = {a}, deque([a])
    while todo:
        for nxt in g.get(todo.popleft(), []):
            if nxt == b:
                return True
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


def has_cycle(g: dict[str, list[str]]) -> bool:
    return any(_reaches(g, node, node) for node in g)


def _chain_on_board(plan: dict[str, Any], chain: list[str]) -> str | None:
    nodes = plan.get("nodes", [])
    ids = []
    for step in chain:
        match = next((n["id"] for n in nodes if norm(step) in norm(n.get("label", "")) and n["id"] not in ids), None)
        if match is None:
            return f"no node for '{step}'"
        ids.append(match)
    g = _graph(plan)
    for a, b in zip(ids, ids[1:]):
        if not _reaches(g, a, b):
            return f"no path from '{a}' to '{b}'"
    return None


def _chain_in_text(texts: list[Text], chain: list[str]) -> str | None:
    """Each step in its own text element, in order, none of them the answer's title."""
    body = [t for t in texts if t.visible and t.role != "title"]
    at = -1
    for step in chain:
        i = next((i for i in range(at + 1, len(body)) if norm(step) in norm(body[i].text)), None)
        if i is None:
            return f"'{step}' not found after the step before it"
        at = i
    return None


def structure(r: Render) -> tuple[bool, list[str]] | None:
    """Whether the render has the structure the case's `shape` asks for (`chain`: steps in order, on a board as
    connected nodes; `dates`: each date shown; on a board also `decisions`: at least that many decision nodes, and
    `loop`: a cycle). None when nothing structural is asked of this modality."""
    shape = r.case.truth.shape
    problems: list[str] = []
    asked = False
    board = r.modality == "whiteboard"
    if shape.get("chain") and r.modality in ("whiteboard", "infographic", "slides"):
        asked = True
        why = _chain_on_board(r.plan, shape["chain"]) if board else _chain_in_text(r.texts, shape["chain"])
        if why:
            problems.append(f"chain: {why}")
    if shape.get("dates") and r.modality in ("whiteboard", "infographic", "slides"):
        asked = True
        blob = _answer_blob(r)
        problems += [f"date '{d}' missing" for d in shape["dates"] if norm(d) not in blob]
    if board and shape.get("decisions"):
        asked = True
        n = sum(node.get("shape") == "decision" for node in r.plan.get("nodes", []))
        if n < shape["decisions"]:
            problems.append(f"{n} decision node(s), expected at least {shape['decisions']}")
        labelled = [e for e in r.plan.get("edges", []) if e.get("label")]
        if n and not labelled:
            problems.append("decision branches are not labelled")
    if board and shape.get("loop"):
        asked = True
        if not has_cycle(_graph(r.plan)):
            problems.append("no loop back")
    return (not problems, problems) if asked else None


# ---- outlines for bare prompts ------------------------------------------------------------------------------------

def _headings(r: Render) -> list[str]:
    """Section-like headings: slide and block headings, step titles, a board's nodes (not its centre). The answer's
    title is left out: taken from the prompt, it would hold the prompt's words whatever the outline says."""
    out = [t.text for t in r.texts if t.role == "heading"]
    nodes = r.plan.get("nodes", [])
    out += [n.get("label", "") for n in (nodes[1:] if r.plan.get("kind") == "mindmap" else nodes)]
    out += [t.text for t in r.texts if re.search(r"\.(steps|events)\[\d+\]\.title$", t.path)]
    return out


def _column_headings(r: Render) -> list[str]:
    out = []
    for s in r.plan.get("slides", []):
        out += [c.get("heading") or "" for c in s.get("columns", []) if isinstance(c, dict)]
        if s.get("table"):
            out += [str(c) for c in s["table"]["columns"]]
    for b in r.plan.get("blocks", []):
        out += [c.get("title", "") for c in b.get("columns", []) if isinstance(c, dict)]
    w = r.plan.get("widget") or {}
    if w.get("table"):
        out += [str(c) for c in w["table"]["columns"]]
        out += [str(row[0]) for row in w["table"]["rows"] if row]
    if w.get("chart"):
        out += [str(c) for c in w["chart"]["categories"]] + [s["name"] for s in w["chart"]["series"]]
    out += [g.get("label", "") for g in r.plan.get("groups", [])]
    return out


def kind_shape(r: Render) -> tuple[bool, list[str]] | None:
    """Whether a bare prompt's answer has the shape its kind of request calls for: `headings_any` (one heading per
    group of alternatives, e.g. what it is / parts / how it works), `columns` (a comparison with these as columns),
    `count` (at least `min` distinct matches of `regex`, e.g. three days), `widget_kinds`, `marked_outline` (a
    `scaffold` warning says it is an outline to fill), and none of the case's `forbidden` phrases. None for cases
    that are documents or ask for nothing of the kind."""
    case = r.case
    if not case.is_bare_prompt:
        return None
    shape = case.truth.shape
    problems: list[str] = []
    asked = False
    if shape.get("headings_any") and r.modality != "widget":
        asked = True
        heads = [norm(h) for h in _headings(r)]
        for group in shape["headings_any"]:
            if not any(norm(alt) in h for alt in group for h in heads):
                problems.append(f"no heading like {' / '.join(group)}")
    if shape.get("columns"):
        asked = True
        cols = [norm(c) for c in _column_headings(r)]
        for group in shape["columns"]:
            if not any(norm(alt) in c for alt in group for c in cols):
                problems.append(f"no column for {group[0]}")
    if shape.get("count") and r.modality != "widget":
        asked = True
        pattern = re.compile(shape["count"]["regex"])
        found = {norm(m.group()) for t in r.visible for m in pattern.finditer(t.text)}
        if len(found) < shape["count"]["min"]:
            problems.append(f"{len(found)} of {shape['count']['min']} expected parts ({shape['count']['regex']})")
    if shape.get("widget_kinds") and r.modality == "widget":
        asked = True
        kind = (r.plan.get("widget") or {}).get("kind")
        if kind not in shape["widget_kinds"]:
            problems.append(f"widget kind '{kind}', expected {' or '.join(shape['widget_kinds'])}")
    if shape.get("marked_outline"):
        asked = True
        if not any(w.get("code") == "scaffold" for w in r.warnings):
            problems.append("not marked as an outline (no scaffold warning)")
    if case.truth.forbidden:
        asked = True
        blob = norm(" ".join(t.text for t in r.visible))
        problems += [f"says '{f}'" for f in case.truth.forbidden if norm(f) in blob]
    return (not problems, problems) if asked else None


# ---- fidelity -----------------------------------------------------------------------------------------------------

def fidelity(r: Render) -> list[Finding]:
    """Slips: an exact term in another case (`case`), a forbidden merge or phrase (`forbidden`, documents only;
    a bare prompt's forbidden phrases count in kind_shape), a numbered item shown without its number (`number_lost`)."""
    out: list[Finding] = []
    truth = r.case.truth
    for term in truth.exact_terms:
        pattern = re.compile(rf"(?<![A-Za-z/-]){re.escape(term)}(?![A-Za-z-])", re.I)  # not inside a slug
        for t in r.texts:
            for m in pattern.finditer(t.text):
                if m.group() != term:
                    out.append(Finding("case", t.path, f"{m.group()} (source: {term})"))
    if not r.case.is_bare_prompt:
        for t in r.visible:
            if any(norm(f) in norm(t.text) for f in truth.forbidden):
                out.append(Finding("forbidden", t.path, _short(t.text)))
    for i, item in enumerate(truth.numbered, start=1):
        holders = [t for t in r.visible if norm(item) in norm(t.text)]
        if holders and not any(_numbered(t, i) for t in holders):
            out.append(Finding("number_lost", holders[0].path, _short(holders[0].text)))
    return out


def _numbered(t: Text, i: int) -> bool:
    if re.match(rf"^\s*(?:{i}|#{i})\s*[.)、．:：]", unicodedata.normalize("NFKC", t.text)):
        return True
    return bool(re.search(rf"\.steps\[{i - 1}\]\.", t.path))


# ---- all of it ----------------------------------------------------------------------------------------------------

def measure(r: Render) -> dict[str, Any]:
    """Every measure of one render, as JSON-ready data."""
    cut = cuts(r)
    sec = sections_covered(r)
    cells = cells_kept(r)
    echo = request_echo(r)
    struct = structure(r)
    shape = kind_shape(r)
    timings = r.manifest.get("timings_ms", {})
    return {
        "case": r.case.id, "lang": r.case.lang, "modality": r.modality, "title": r.plan.get("title"),
        "leaks": [f.as_dict() for f in leaks(r)],
        "stats": [f.as_dict() for f in stat_findings(r) if f.code != "unit_split"],  # unit splits count as cuts
        "cuts": [f.as_dict() for f in cut if f.code in NUMBER_OR_BRACKET_CUTS],
        "mid_phrase": [f.as_dict() for f in cut if f.code not in NUMBER_OR_BRACKET_CUTS],
        "sections": {"found": sec[0], "total": sec[1], "missing": sec[2]},
        "cells": {"found": cells[0], "total": cells[1], "missing": cells[2]},
        "echo": echo.as_dict() if echo else None,
        "layouts": layouts(r),
        "branches": branches(r),
        "structure": None if struct is None else {"ok": struct[0], "problems": struct[1]},
        "kind_shape": None if shape is None else {"ok": shape[0], "problems": shape[1]},
        "fidelity": [f.as_dict() for f in fidelity(r)],
        "seconds": round(r.seconds, 3),
        "timings_ms": timings,
        "warnings": sorted({w.get("code", "") for w in r.warnings}),
    }

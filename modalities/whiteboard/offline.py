"""Offline whiteboard building: the board's structure read from the content, in English and Traditional Chinese.

In order of how sure each reading is:
- Mermaid text (a fenced block, or text that starts with a Mermaid header) is parsed as it is (models/mermaid.py);
- arrows in text ("A → B → C", "A -> B", "A --> |yes| B") become a flowchart, or an architecture when headings
  group the components;
- "X calls / sends ... to Y" lines (「A 傳送 X 給 B」) become a sequence;
- dated lines ("2019: …", "2021年3月 …", "10 March: beta") become a timeline;
- numbered steps, or a prose process, become a flowchart from Start to Done: conditions ("if … otherwise …",
  "unless …", 「若…則…，否則…」) are decisions with labelled branches, "… again" / 「回到…」 loops back (flow.py);
- an outline (headings, indented lists, any depth) becomes a mind map around the title: one branch per section,
  with the section's points (or the key sentences of its paragraphs) as leaves.
The request's words ("mind map", "brainstorm", "timeline", 「心智圖」…) choose among readings the data allows. With
nothing to structure, the board is an outline shaped by the kind of request (outline.py).
Front matter and HTML comments are not part of the board (a comment's `-->` is no Mermaid arrow).
"""

from __future__ import annotations

import re

from models.planners.base import PlanRequest
from models.planners.offline.common import dated_items, is_zh, topic_of
from models.planners.offline.condense import headline, rank, sentences, shorten
from models.planners.offline.document import Document, clean_inline
from models.planners.offline.flow import Flow, has_conditions, is_intro, numbered_steps, read_flow
from models.planners.offline.outline import outline_for
from models.planners.offline.prompt_reader import DATE

from . import plan as W
from .mermaid_in import MermaidError, looks_like_mermaid, parse_mermaid

MAX_NODES = 150

_ARROW_SPLIT = re.compile(r"\s*(?:-->|->|→|=>|⇒|⟶|➜|➡️?)\s*")
_MERMAID_LINK = re.compile(r"-->|==>|-\.->")
_EDGE_LABEL = re.compile(r"^\|([^|]{1,80})\|\s*(.+)$")
_BULLET = re.compile(r"^(?P<indent>\s*)(?:[-*+•·▪◦‣]|\d{1,2}[.)、．])\s+(?P<text>.+)$")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
_SEQ = re.compile(
    r"^\s*(?:\d+[.)]\s*)?(?P<a>[\w .\-/]{1,40}?)\s+(?P<verb>calls|sends|requests|returns|replies to|responds to|"
    r"notifies|asks|queries|writes to|reads from|forwards|publishes to|posts to|fetches from)\s+(?P<rest>.+?)\s*\.?$",
    re.IGNORECASE,
)
_SEQ_ZH = [
    # 「A 傳送 X 給 B」「A 回傳 X 給 B」
    re.compile(r"^\s*(?:\d+[.)、]\s*)?(?P<a>[^\s，,：:]{1,16}?)\s*(?P<verb>傳送|發送|送出|回傳|回覆|轉送)\s*(?P<msg>.+?)\s*"
               r"(?:給|到|至)\s*(?P<b>[^\s，,。]{1,16})\s*。?$"),
    # 「A 向 B 請求 X」「A 對 B 發送 X」
    re.compile(r"^\s*(?:\d+[.)、]\s*)?(?P<a>[^\s，,：:]{1,16}?)\s*(?:向|對)\s*(?P<b>[^\s，,]{1,16}?)\s*"
               r"(?P<verb>請求|查詢|發送|傳送|回傳|回覆|呼叫|要求)\s*(?P<msg>.*?)\s*。?$"),
    # 「A 呼叫 B」「A 通知 B …」
    re.compile(r"^\s*(?:\d+[.)、]\s*)?(?P<a>[^\s，,：:]{1,16}?)\s*(?P<verb>呼叫|通知|查詢|請求)\s*(?P<b>[^\s，,。]{1,16})"
               r"(?:\s*[，,]?\s*(?P<msg>.+?))?\s*。?$"),
]
_REPLY_VERBS = ("returns", "replies", "responds", "回傳", "回覆")
_FRONT_MATTER = re.compile(r"\A\ufeff?\s*---[ \t]*\n.*?\n---[ \t]*(?:\n|\Z)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_DATED = re.compile(rf"^\s*(?:[-*•]\s*)?(?P<date>{DATE.pattern})\s*[:：]\s*(?P<what>.+)$", re.IGNORECASE)
_PARAGRAPH = re.compile(r"^(?!\s*(?:#|[-*+•]\s|\d{1,2}[.)、．]\s|\|))\s*(?P<text>\S.*)$")
_FIELD = re.compile(r"^[^\s:：]{1,12}\s?[:：]\s*\S")  # "日期：10 月 18 日", "Where: the park"
_URL = re.compile(r"\s*(?:(?:at|see|via|from)\s+)?(?:https?://|www\.)\S+", re.IGNORECASE)
_FLOW_WORDS = ("flowchart", "flow chart", "process", "workflow", "流程", "步驟", "程序")


def _fit(text: str, limit: int) -> str:
    """The text as written when it fits, else shortened."""
    text = clean_inline(text)
    return text if len(text) <= limit else shorten(text, limit)


def _unwrap(label: str) -> str:
    """A label without quotes or brackets around the whole of it ("[API]", '"Start"'), or left over at one end
    ("(Start"), but with a bracket pair inside it kept ("Step 1 (to fill in)")."""
    label = label.strip().strip("\"'").strip()
    pairs = {"(": ")", "[": "]", "{": "}"}
    while label and label[0] in pairs and label.endswith(pairs[label[0]]) and _balanced(label[1:-1]):
        label = label[1:-1].strip()
    while label and label[0] in pairs and not _balanced(label):
        label = label[1:].strip()
    while label and label[-1] in pairs.values() and not _balanced(label):
        label = label[:-1].strip()
    return label


def _balanced(text: str) -> bool:
    """Every bracket (ASCII or full-width, and Chinese quotes) closed in order."""
    depth = 0
    for ch in text:
        if ch in "([{（【「『《〈":
            depth += 1
        elif ch in ")]}）】」』》〉":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


class _Graph:
    def __init__(self) -> None:
        self.nodes: list[W.Node] = []
        self.edges: list[W.Edge] = []
        self.by_label: dict[str, str] = {}

    def node(self, label: str, shape: W.NodeShape | None = None, group: str | None = None, unique: bool = False) -> str:
        """The node with this label (one per label, so "A -> B" and "B -> C" share B); `unique` makes a new one
        whatever its label, as a tree's leaves are (two days both have a "Morning")."""
        label = _unwrap(clean_inline(label)) or "?"
        key = label.lower()
        if key in self.by_label and not unique:
            return self.by_label[key]
        node_id = f"n{len(self.nodes) + 1}"
        if shape is None:
            shape = W.NodeShape.DECISION if label.endswith(("?", "？")) else W.NodeShape.BOX
        self.nodes.append(W.Node(id=node_id, label=label[:160], shape=shape, group=group))
        self.by_label[key] = node_id
        return node_id

    def edge(self, a: str, b: str, label: str | None = None, dashed: bool = False) -> None:
        if a != b or label:
            self.edges.append(W.Edge(source=a, target=b, label=label[:80] if label else None, dashed=dashed))


def _arrow_chains(lines: list[str], groups: dict[str, str]) -> _Graph | None:
    """Chains of arrows; `groups` maps a component's label (lower case) to the group it was listed under."""
    g = _Graph()
    for line in lines:
        if not _ARROW_SPLIT.search(line):
            continue
        parts = [p for p in _ARROW_SPLIT.split(line.strip().strip("-*• ")) if p.strip()]
        prev = None
        for part in parts:
            label = None
            m = _EDGE_LABEL.match(part.strip())
            if m:
                label, part = m.group(1).strip(), m.group(2)
            name = _unwrap(clean_inline(part))
            current = g.node(name, group=groups.get(name.lower()))
            if prev is not None:
                g.edge(prev, current, label)
            prev = current
    return g if g.edges else None


def _sequence(lines: list[str]) -> _Graph | None:
    g = _Graph()
    for line in lines:
        m = _SEQ.match(line)
        if m:
            a, verb, rest = m.group("a"), m.group("verb").lower(), m.group("rest")
            target, message = rest, verb
            tm = re.match(r"(?P<msg>.+?)\s+(?:to|from)\s+(?P<b>[\w .\-/]{1,40})$", rest)
            if verb.endswith((" to", " from")):
                parts = rest.split(" with ", 1)
                target = parts[0]
                message = verb.split()[0] + (" " + parts[1] if len(parts) > 1 else "")
            elif tm:
                target, message = tm.group("b"), f"{verb} {tm.group('msg')}"
            else:
                target = re.split(r"\s+(?:with|for|about)\s+", rest, maxsplit=1)[0]
                extra = rest[len(target):].strip()
                message = verb + (" " + extra if extra else "")
            src = g.node(a, W.NodeShape.ACTOR)
            dst = g.node(target, W.NodeShape.ACTOR)
            g.edge(src, dst, message[:80], dashed=verb.startswith(_REPLY_VERBS))
            continue
        for pattern in _SEQ_ZH:
            m = pattern.match(line)
            if m:
                verb = m.group("verb")
                message = (m.groupdict().get("msg") or "").strip() or verb
                if message != verb and verb not in ("傳送", "發送", "送出"):
                    message = f"{verb}{message}"
                src = g.node(m.group("a"), W.NodeShape.ACTOR)
                dst = g.node(m.group("b"), W.NodeShape.ACTOR)
                g.edge(src, dst, message[:80], dashed=verb in _REPLY_VERBS)
                break
    return g if len(g.edges) >= 2 else None


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?", "。", "！", "？", "；", ";", ":", "："))


def is_cjk_pair(before: str, after: str) -> bool:
    """Two pieces of Chinese text join with no space between them."""
    return bool(re.match(r"[\u3000-\u9fff\uff00-\uffef]", before or " ")) and \
        bool(re.match(r"[\u3000-\u9fff\uff00-\uffef]", after or " "))


def _leaf(sentence: str, zh: bool) -> str:
    """A sentence as a mind-map leaf: whole when it is short enough; else cut at the last clause boundary that
    leaves a readable head, never inside a number or a bracket pair, and with no ellipsis; whole again (up to the
    node's limit) when no clause boundary will do. Its own capitals are kept ("eBPF")."""
    s = (_without_url(clean_inline(sentence)) or clean_inline(sentence)).strip().rstrip("。.；;")
    limit = 40 if zh else 110
    if len(s) > limit:
        cuts = [m.start() for m in re.finditer(r"[，；：]|, |; | — |: ", s) if limit * 0.4 <= m.start() <= limit]
        cuts = [c for c in cuts if _balanced(s[:c])]
        s = s[: cuts[-1]] if cuts else s
    if len(s) > 160:
        s = s[:160].rsplit(" ", 1)[0] if not zh else s[:160]
    first = s.split(" ", 1)[0]
    return s[:1].upper() + s[1:] if first.islower() else s


def _key_points(paragraphs: list[str], zh: bool, k: int = 3) -> list[str]:
    """Leaves for a section told in prose: its key sentences (each line of it on its own, so "日期：…" and
    "地點：…" never merge), in the order they come, each cut at a clause. A sentence that only points to a link
    ("Read more at https://…") is no point of the section."""
    candidates = [s for p in paragraphs for s in sentences(p) if s.strip()]
    candidates = [s for s in candidates if not _URL.search(s) or len(_without_url(s).split()) > 8]
    keep = sorted(rank(candidates)[:k]) if len(candidates) > k else range(len(candidates))
    return [_leaf(_without_url(candidates[i]), zh) for i in keep]


def _without_url(text: str) -> str:
    return _URL.sub("", text).strip()


def _front_matter_title(content: str) -> str | None:
    """The `title:` of a YAML front matter block (Mermaid files and Markdown articles carry one)."""
    m = _FRONT_MATTER.match(content or "")
    found = re.search(r"^title:\s*[\"']?(.+?)[\"']?\s*$", m.group(), re.M) if m else None
    return found.group(1).strip() if found else None


def _outline(content: str, root_label: str, zh: bool) -> _Graph | None:
    """Headings and indented lists as a tree under the title: heading levels, then list indentation, give depth. A
    heading with no list under it gets the key sentences of its paragraphs as leaves, so no branch is empty."""
    items: list[tuple[int, str, bool]] = []  # depth, text, is a heading
    prose: dict[int, list[str]] = {}  # index of a heading in items -> its paragraphs
    rows: dict[int, list[str]] = {}  # index of a heading in items -> its table's rows (header first)
    heading_depth = 0
    indents: list[int] = []
    current: int | None = None
    min_heading = min((len(m.group("hashes")) for m in map(_HEADING.match, content.splitlines()) if m), default=1)
    blank_before = True
    for raw in content.splitlines():
        if not raw.strip():
            blank_before = True
            continue
        m = _HEADING.match(raw)
        if m:
            blank_before = True
            level = len(m.group("hashes")) - min_heading
            if level == 0 and not items and len(re.findall(r"^#\s", content, re.M)) == 1 and min_heading == 1:
                current = None
                continue  # the document's title: it is the centre
            heading_depth = level + 1
            indents = []
            items.append((level, clean_inline(m.group("text")), True))
            current = len(items) - 1
            continue
        m = _BULLET.match(raw)
        if m:
            width = len(m.group("indent").expandtabs(4))
            while indents and indents[-1] > width:
                indents.pop()
            if not indents or indents[-1] < width:
                indents.append(width)
            number = re.match(r"\s*(\d{1,2})[.)、．]", raw)  # a numbered item keeps its number
            text = clean_inline(m.group("text"))
            items.append((heading_depth + len(indents) - 1, f"{number.group(1)}. {text}" if number else text, False))
            continue
        if raw.lstrip().startswith("|") and current is not None:
            cells = [clean_inline(c) for c in raw.strip().strip("|").split("|")]
            if not all(re.fullmatch(r":?-{2,}:?", c.strip()) for c in cells if c.strip()):
                rows.setdefault(current, []).append(" ".join(c for c in cells[:2] if c))
            continue
        p = _PARAGRAPH.match(raw)
        if p and current is not None:
            lines_of = prose.setdefault(current, [])
            text = clean_inline(p.group("text"))
            # A line that goes on from the one above (text wrapped in the source) joins it; a new paragraph, a
            # finished sentence or a "label: value" line ("日期：…", "地點：…") starts its own.
            if lines_of and not blank_before and not _ends_sentence(lines_of[-1]) and not _FIELD.match(text):
                joiner = "" if is_cjk_pair(lines_of[-1][-1:], text[:1]) else " "
                lines_of[-1] = f"{lines_of[-1]}{joiner}{text}"
            else:
                lines_of.append(text)
        blank_before = False
    headings = any(h for _, _, h in items)
    if len(items) < 2 or max(d for d, _, _ in items) < 1 and not headings:
        return None
    g = _Graph()
    root = g.node(root_label, W.NodeShape.ROUND)
    stack: list[tuple[int, str]] = [(-1, root)]
    limit = 60 if not zh else 24
    children: dict[str, int] = {}
    heading_nodes: list[tuple[str, int, int]] = []  # node, index in items, depth
    for index, (depth, text, is_heading) in enumerate(items[: MAX_NODES - 1]):
        while stack[-1][0] >= depth:
            stack.pop()
        node = g.node(shorten(text, limit) if is_heading else _leaf(text, zh), W.NodeShape.ROUND, unique=True)
        g.edge(stack[-1][1], node)
        children[stack[-1][1]] = children.get(stack[-1][1], 0) + 1
        stack.append((depth, node))
        if is_heading:
            heading_nodes.append((node, index, depth))
    for node, index, _ in heading_nodes:
        if children.get(node):
            continue
        leaves = _key_points(prose.get(index, []), zh) + [_leaf(r, zh) for r in rows.get(index, [])[1:7]]
        for point in leaves:
            if len(g.nodes) >= MAX_NODES:
                break
            g.edge(node, g.node(point, W.NodeShape.ROUND, unique=True))
    return g


def _sections_map(doc: Document, title: str, zh: bool) -> _Graph | None:
    """A mind map of the document's sections (numbered, emoji-marked or ordinal headings that are not Markdown):
    one branch per section, its list items or key sentences as leaves."""
    sections = doc.sections or ([doc.lead] if not doc.lead.heading else [])
    g = _Graph()
    root = g.node(title, W.NodeShape.ROUND)
    limit = 60 if not zh else 24
    for s in sections[:20]:
        label = s.heading or headline(s.text, 40)
        if not label:
            continue
        branch = g.node(shorten(label, limit), W.NodeShape.ROUND, unique=True)
        g.edge(root, branch)
        leaves = [_leaf(i.text, zh) for i in s.items if i.level == 0][:6]
        leaves = leaves or _key_points(s.paragraphs, zh)
        for t in s.tables:  # a table's rows, by their first two cells
            leaves += [_leaf(" ".join(str(c) for c in row[:2] if c is not None), zh) for row in t.rows[:6]]
        for leaf in leaves:
            if len(g.nodes) < MAX_NODES:
                g.edge(branch, g.node(leaf, W.NodeShape.ROUND, unique=True))
    return g if len(g.nodes) >= 2 else None


def _outline_board(prompt: str, title: str, zh: bool) -> _Graph:
    """A mind map of the outline a bare request calls for (outline.py): its parts as branches, their prompts as
    leaves."""
    outline = outline_for(prompt, zh)
    g = _Graph()
    root = g.node(outline.subject or title, W.NodeShape.ROUND)
    for part in outline.parts:
        branch = g.node(part.heading, W.NodeShape.ROUND, unique=True)
        g.edge(root, branch)
        for point in part.points[:6]:
            g.edge(branch, g.node(point, W.NodeShape.ROUND, unique=True))
    return g


def _section_groups(doc: Document) -> tuple[list[W.Group], dict[str, str]]:
    """Headings whose items name components: one group per heading, and each component's group."""
    groups: list[W.Group] = []
    member: dict[str, str] = {}
    for s in doc.sections:
        names = [clean_inline(i.text) for i in s.items if not _ARROW_SPLIT.search(i.text)]
        if not s.heading or not names:
            continue
        gid = f"g{len(groups) + 1}"
        groups.append(W.Group(id=gid, label=s.heading[:80]))
        for name in names:
            member.setdefault(name.lower(), gid)
    return groups[:20], member


def _from_mermaid(content: str, title: str) -> W.WhiteboardPlan | None:
    """Mermaid text as it is. Its own title (front matter, a sequence or timeline title) names the board; a mind
    map without one is named by its root, not by the request's words."""
    text = _COMMENT.sub("", content)  # an HTML comment's closing "-->" is no link
    body = _FRONT_MATTER.sub("", text, count=1)  # the parser reads the front matter's title itself
    if not (looks_like_mermaid(body) or _MERMAID_LINK.search(body)):
        return None
    try:
        plan = parse_mermaid(text, title).plan
    except MermaidError:
        return None
    if plan.kind is W.DiagramKind.MINDMAP and plan.title == title and plan.nodes:
        plan = plan.model_copy(update={"title": plan.nodes[0].label[:150]})
    return plan


def without_markup(content: str) -> str:
    """The content without YAML front matter and HTML comments: neither is part of what the board shows."""
    return _COMMENT.sub("", _FRONT_MATTER.sub("", content or "", count=1))


def _typed_dates(lines: list[str], limit: int) -> list[W.Node]:
    """Lines that open with a date and a colon ("10 March: beta", "3 月 10 日：測試版"), as timeline events."""
    out: list[W.Node] = []
    for line in lines:
        m = _DATED.match(line)
        if m:
            out.append(W.Node(id=f"e{len(out) + 1}", label=_fit(m.group("what"), limit), time=m.group("date")[:40]))
    return out


def _timeline(title: str, nodes: list[W.Node]) -> W.WhiteboardPlan:
    """Events in order; the edges between consecutive ones say the order (drawn as the time axis itself)."""
    edges = [W.Edge(source=a.id, target=b.id) for a, b in zip(nodes, nodes[1:], strict=False)]
    return W.WhiteboardPlan(title=title, kind=W.DiagramKind.TIMELINE, nodes=nodes[:MAX_NODES], edges=edges)


def _process_steps(request: PlanRequest, doc: Document, prompt: str) -> list[str]:
    """The steps of a process: numbered items (with their continuation lines) of a text with at most one section,
    or, when the text has conditions or the request asks for a process, its paragraphs (an announcing first
    sentence like "… follows these steps" left out)."""
    if doc.sections[1:]:
        return []
    steps = [clean_inline(step) for step in numbered_steps(without_markup(request.content))]
    if not steps:
        steps = [i.text for s in doc.all_sections if s.ordered for i in s.items if i.level == 0]
    if steps:
        return steps
    paragraphs = [p for s in doc.all_sections for p in s.paragraphs]
    paragraphs = [p for p in paragraphs if not is_intro(p)]
    wants = any(w in prompt for w in _FLOW_WORDS)
    if len(paragraphs) >= 2 and (wants or has_conditions(paragraphs)) and not doc.tables:
        return paragraphs
    return []


def _flowchart(flow: Flow) -> _Graph:
    shapes = {"step": W.NodeShape.BOX, "decision": W.NodeShape.DECISION, "terminal": W.NodeShape.TERMINAL}
    g = _Graph()
    ids: dict[str, str] = {}
    for n in flow.nodes[:MAX_NODES]:
        ids[n.id] = f"n{len(g.nodes) + 1}"
        g.nodes.append(W.Node(id=ids[n.id], label=n.label[:160], shape=shapes[n.kind]))
    for e in flow.edges:
        if e.source in ids and e.target in ids:
            g.edges.append(W.Edge(source=ids[e.source], target=ids[e.target], label=e.label[:80] if e.label else None))
    return g


def build_whiteboard(request: PlanRequest, doc: Document) -> tuple[W.WhiteboardPlan, bool]:
    zh = is_zh(doc, request.prompt)
    title = topic_of(request.prompt, doc)
    declared = _front_matter_title(request.content)
    if declared and (not request.prompt.strip() or title.lower().startswith("title:")):
        title = declared[:150]  # a Mermaid file or an article names itself in its front matter
    prompt = request.prompt.lower()
    original = request.content
    source = without_markup(request.content)
    request = PlanRequest(prompt=request.prompt, content=source, data=request.data, modality=request.modality)
    lines = [line.strip() for line in source.splitlines() if line.strip()]
    texts = [i.text for s in doc.all_sections for i in s.items] + [p for s in doc.all_sections for p in s.paragraphs]
    wants_mindmap = any(w in prompt for w in ("mind map", "mindmap", "心智圖", "思維導圖"))
    wants_timeline = "timeline" in prompt or "時間軸" in prompt or "年表" in prompt
    wants_brainstorm = "brainstorm" in prompt or "腦力激盪" in prompt
    wants_sequence = "sequence" in prompt or "時序" in prompt

    plan = _from_mermaid(original, title) if original else None
    if plan is not None:
        return plan, False

    kind = None
    graph = None
    groups: list[W.Group] = []
    if lines:
        groups, member = _section_groups(doc)
        graph = _arrow_chains(lines, member)
        if graph:
            used = {n.group for n in graph.nodes if n.group}
            groups = [g for g in groups if g.id in used]
            kind = W.DiagramKind.ARCHITECTURE if groups else W.DiagramKind.FLOWCHART
        else:
            groups = []
    if graph is None and lines:
        graph = _sequence(lines)
        if graph:
            kind = W.DiagramKind.SEQUENCE
    if graph is None and not wants_mindmap:
        dated = max(dated_items(texts), dated_items([_BULLET.sub(r"\g<text>", line) for line in lines]), key=len)
        events = [W.Node(id=f"e{k}", label=_fit(what, 80 if not zh else 30), time=date[:40])
                  for k, (date, what) in enumerate(dated[:MAX_NODES], start=1)]
        typed = _typed_dates(lines, 80 if not zh else 30)
        events = typed if len(typed) > len(events) else events
        # A timeline shows dated events only: for a document with other sections too (goals, risks, a table) it
        # would drop them, so then the board is a mind map of all of it, the dates in their own branch.
        most = len(doc.sections) <= 1 or len(events) >= 0.6 * len([line for line in lines if not line.startswith("#")])
        if (len(events) >= 3 and most) or (wants_timeline and len(events) >= 2):
            return _timeline(title, events), False
    if graph is None and not wants_mindmap and not wants_brainstorm:
        steps = _process_steps(request, doc, prompt)
        if len(steps) >= 3 or (steps and has_conditions(steps)):
            graph = _flowchart(read_flow(steps[: MAX_NODES - 2], zh))
            kind = W.DiagramKind.FLOWCHART
    if graph is None and not doc.is_empty:
        graph = _outline(source, title, zh) or _sections_map(doc, title, zh)
        kind = W.DiagramKind.MINDMAP
    scaffold = graph is None or len(graph.nodes) < 2
    if graph is None or scaffold:
        graph = _outline_board(request.prompt or title, title, zh)
        kind = W.DiagramKind.MINDMAP

    # Words in the request choose among the readings the data allows.
    if wants_sequence and kind is W.DiagramKind.FLOWCHART:
        kind = W.DiagramKind.SEQUENCE
    elif wants_mindmap and kind in (W.DiagramKind.FLOWCHART, W.DiagramKind.ARCHITECTURE) and not scaffold:
        kind = W.DiagramKind.MINDMAP
        groups = []
    elif ("flowchart" in prompt or "flow chart" in prompt or "流程圖" in prompt) and kind is W.DiagramKind.MINDMAP \
            and not scaffold:
        kind = W.DiagramKind.FLOWCHART
    elif wants_brainstorm:
        kind = W.DiagramKind.BRAINSTORM
        return _brainstorm(title, doc, graph, zh), scaffold

    nodes = graph.nodes[:MAX_NODES]
    if kind is not W.DiagramKind.ARCHITECTURE:
        nodes = [n.model_copy(update={"group": None}) for n in nodes]
        groups = []
    keep = {n.id for n in nodes}
    edges = [e for e in graph.edges if e.source in keep and e.target in keep][:300]
    return W.WhiteboardPlan(title=title, kind=kind, nodes=nodes, edges=edges, groups=groups), scaffold


def _brainstorm(title: str, doc: Document, graph: _Graph, zh: bool) -> W.WhiteboardPlan:
    """Sticky notes: one cluster per section (its items and sentences as notes), else the graph's nodes."""
    groups: list[W.Group] = []
    nodes: list[W.Node] = []
    limit = 60 if not zh else 24
    for s in doc.sections[:20]:
        notes = [i.text for i in s.items] or [headline(p, limit * 2) for p in s.paragraphs]
        if not s.heading or not notes:
            continue
        gid = f"g{len(groups) + 1}"
        groups.append(W.Group(id=gid, label=s.heading[:80]))
        for text in notes[:12]:
            if len(nodes) < MAX_NODES:
                nodes.append(W.Node(id=f"n{len(nodes) + 1}", label=shorten(clean_inline(text), limit),
                                    shape=W.NodeShape.NOTE, group=gid))
    if not nodes:
        nodes = [W.Node(id=n.id, label=n.label, shape=W.NodeShape.NOTE) for n in graph.nodes[1:MAX_NODES + 1]
                 if n.label != title] or [W.Node(id="n1", label=title, shape=W.NodeShape.NOTE)]
        groups = []
    return W.WhiteboardPlan(title=title, kind=W.DiagramKind.BRAINSTORM, nodes=nodes, groups=groups)

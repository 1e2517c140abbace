"""Offline animation building: the other offline builders read the content, and their plans become scenes.

- A process, flowchart, architecture or sequence (the whiteboard builder's reading) builds node by node, each
  arrow drawn once both of its ends are on screen.
- A timeline reveals its events in date order, a few per scene.
- Anything else is read as a deck (the slides builder): one scene per slide, bullets appearing in turn, charts
  growing, numbers counting up, quotes written out.
Narration, when there is any, speaks the words on screen, so nothing is said that the user did not give.
"""

from __future__ import annotations

import re

from modalities.slides import plan as S
from modalities.slides.offline import build_slides
from modalities.whiteboard import plan as W
from modalities.whiteboard.offline import build_whiteboard
from models.planners.base import PlanRequest
from models.planners.offline.common import chart_from_table, is_zh
from models.planners.offline.condense import is_zh as mostly_cjk
from models.planners.offline.condense import shorten
from models.planners.offline.document import Document
from renderers.format import format_cell

from . import plan as P

MAX_SCENES = 30
MAX_DIAGRAM_NODES = 14
EVENTS_PER_SCENE = 6
MAX_BULLETS = 7


_ASK_EN = re.compile(r"\b(?:an?\s+)?(?:short\s+|quick\s+)?(?:animated|animation|animate|video|clip|explainer|mp4|gif)"
                     r"(?:\s+(?:of|about|on|showing|explaining|that shows))?\b", re.IGNORECASE)
_ASK_ZH = re.compile(r"的?(?:一段|一支|一部|個)?(?:動畫|影片|短片|視頻|動態)(?:來|的)?(?:說明|介紹|展示)?")


def _without_asking(request: PlanRequest) -> PlanRequest:
    """The request with its words for the form taken out, so the other builders title the content, not 'Video'."""
    prompt = _ASK_ZH.sub("", _ASK_EN.sub(" ", request.prompt))
    prompt = " ".join(re.sub(r"(做|製作|生成|產生)(?:一段|一支|一部)", r"\1", prompt).split())
    return PlanRequest(prompt=prompt, content=request.content, data=request.data, modality=request.modality)


def build_animation(request: PlanRequest, doc: Document) -> tuple[P.AnimationPlan, bool]:
    zh = is_zh(doc, request.prompt)
    request = _without_asking(request)
    language = "zh-TW" if zh else "en"
    if request.content.strip():
        board, scaffold = build_whiteboard(request, doc)
        if not scaffold and board.kind in (W.DiagramKind.FLOWCHART, W.DiagramKind.ARCHITECTURE,
                                           W.DiagramKind.SEQUENCE) and board.edges:
            return P.AnimationPlan(title=board.title, language=language, scenes=_flow_scenes(board)), False
        if not scaffold and board.kind is W.DiagramKind.TIMELINE:
            return P.AnimationPlan(title=board.title, language=language, scenes=_timeline_scenes(board, zh)), False
    deck, scaffold = build_slides(request, doc)
    scenes = [scene for n, slide in enumerate(deck.slides, start=1) if (scene := _slide_scene(n, slide, zh))]
    return P.AnimationPlan(title=deck.title, language=language, scenes=scenes[:MAX_SCENES]), scaffold


# ---- diagrams ----------------------------------------------------------------------------------------------

def _reveal_order(board: W.WhiteboardPlan) -> list[str]:
    """Nodes in the order a presenter draws them: breadth first from the sources, in the plan's order."""
    targets = {e.target for e in board.edges}
    order: list[str] = []
    queue = [n.id for n in board.nodes if n.id not in targets] or [board.nodes[0].id]
    nexts: dict[str, list[str]] = {}
    for e in board.edges:
        nexts.setdefault(e.source, []).append(e.target)
    while queue:
        node = queue.pop(0)
        if node in order:
            continue
        order.append(node)
        queue.extend(t for t in nexts.get(node, []) if t not in order)
    order.extend(n.id for n in board.nodes if n.id not in order)
    return order


def _flow_scenes(board: W.WhiteboardPlan) -> list[P.Scene]:
    order = _reveal_order(board)[:MAX_DIAGRAM_NODES]
    keep = set(order)
    labels = {n.id: n for n in board.nodes}
    shape = {W.NodeShape.ACTOR: P.NodeShape.ACTOR}
    elements: list = [P.TextElement(id="heading", text=board.title[:300], role=P.TextRole.HEADING)]
    ids = {nid: f"n-{nid}"[:40] for nid in order}
    for nid in order:
        n = labels[nid]
        elements.append(P.NodeElement(id=ids[nid], label=n.label, shape=shape.get(n.shape, P.NodeShape(n.shape.value))))
    edges = [e for e in board.edges if e.source in keep and e.target in keep and e.source != e.target]
    edges = edges[: 40 - len(elements)]
    for i, e in enumerate(edges, start=1):
        elements.append(P.ConnectorElement(id=f"e{i}", source=ids[e.source], target=ids[e.target], label=e.label,
                                           dashed=e.dashed, heads=P.Heads(e.heads.value)))
    steps = [P.Step(targets=["heading"], action=P.Action.WRITE, duration=0.8)]
    shown: set[str] = set()
    drawn: set[int] = set()
    for nid in order:
        steps.append(P.Step(targets=[ids[nid]], action=P.Action.DRAW, duration=0.8, narration=labels[nid].label))
        shown.add(nid)
        ready = [i for i, e in enumerate(edges, start=1) if i not in drawn and e.source in shown and e.target in shown]
        if ready:
            steps.append(P.Step(targets=[f"e{i}" for i in ready], action=P.Action.DRAW, duration=0.6,
                                stagger=0.15 if len(ready) > 1 else 0.0))
            drawn.update(ready)
    return [P.Scene(id="flow", layout=P.SceneLayout.DIAGRAM, elements=elements, steps=steps[:80], hold=2.5)]


_YEAR = re.compile(r"(1[5-9]\d{2}|20\d{2})")
_MONTH = re.compile(r"(?:[-/.年](\d{1,2}))")


def _date_key(time: str | None, index: int) -> tuple:
    if not time:
        return (10_000, index)
    year = _YEAR.search(time)
    month = _MONTH.search(time)
    return (int(year.group(1)) if year else 10_000, int(month.group(1)) if month else 0, index)


def _timeline_scenes(board: W.WhiteboardPlan, zh: bool) -> list[P.Scene]:
    events = sorted(enumerate(board.nodes), key=lambda item: _date_key(item[1].time, item[0]))
    scenes = []
    chunks = [events[i:i + EVENTS_PER_SCENE] for i in range(0, len(events), EVENTS_PER_SCENE)][:MAX_SCENES]
    for c, chunk in enumerate(chunks, start=1):
        heading = board.title if len(chunks) == 1 else f"{board.title}（{c}/{len(chunks)}）" if zh else \
            f"{board.title} ({c}/{len(chunks)})"
        elements: list = [P.TextElement(id=f"t{c}-heading", text=heading[:300], role=P.TextRole.HEADING)]
        steps = [P.Step(targets=[f"t{c}-heading"], action=P.Action.WRITE, duration=0.8)]
        for k, (_, n) in enumerate(chunk, start=1):
            eid = f"t{c}-e{k}"
            elements.append(P.NodeElement(id=eid, label=n.label, shape=P.NodeShape.ROUND, time=n.time))
            spoken = f"{n.time}{'，' if zh else ', '}{n.label}" if n.time else n.label
            steps.append(P.Step(targets=[eid], action=P.Action.DRAW, duration=0.8, narration=spoken[:400]))
        scenes.append(P.Scene(id=f"timeline-{c}", layout=P.SceneLayout.TIMELINE, elements=elements, steps=steps,
                              hold=2.5))
    return scenes


# ---- decks -------------------------------------------------------------------------------------------------

def _text(eid: str, text: str, role: P.TextRole, level: int = 0) -> P.TextElement:
    return P.TextElement(id=eid, text=shorten(text, 300), role=role, level=level)


def _bullet_steps(ids: list[str], texts: list[str]) -> list[P.Step]:
    return [P.Step(targets=[i], action=P.Action.FADE, start=P.Start.ON_CLICK, duration=0.5, narration=t[:400])
            for i, t in zip(ids, texts)]


def _slide_scene(n: int, slide, zh: bool) -> P.Scene | None:
    sid = f"s{n}"
    elements: list[P.Element]
    steps: list[P.Step]
    if isinstance(slide, (S.TitleSlide, S.SectionSlide)):
        elements = [_text(f"{sid}-title", slide.title, P.TextRole.TITLE)]
        steps = [P.Step(targets=[f"{sid}-title"], action=P.Action.WRITE, duration=1.0, narration=slide.title)]
        if slide.subtitle:
            elements.append(_text(f"{sid}-sub", slide.subtitle, P.TextRole.SUBTITLE))
            steps.append(P.Step(targets=[f"{sid}-sub"], action=P.Action.FADE, duration=0.6))
        return P.Scene(id=sid, layout=P.SceneLayout.TITLE, elements=elements, steps=steps, hold=_hold(elements))
    if isinstance(slide, S.ClosingSlide) and not slide.bullets:
        elements = [_text(f"{sid}-title", slide.title, P.TextRole.TITLE)]
        return P.Scene(id=sid, layout=P.SceneLayout.TITLE, elements=elements,
                       steps=[P.Step(targets=[f"{sid}-title"], action=P.Action.FADE, duration=0.8)], hold=2.0)
    heading = getattr(slide, "title", None)
    elements = []
    steps = []
    if heading:
        elements.append(_text(f"{sid}-h", heading, P.TextRole.HEADING))
        steps.append(P.Step(targets=[f"{sid}-h"], action=P.Action.WRITE, duration=0.8))
    layout = P.SceneLayout.LIST
    if isinstance(slide, (S.BulletsSlide, S.ClosingSlide, S.ImageSlide)):
        if isinstance(slide, S.ImageSlide):
            elements.append(P.ImageElement(id=f"{sid}-img", image=slide.image))
            steps.append(P.Step(targets=[f"{sid}-img"], action=P.Action.FADE, duration=0.8))
        bullets = slide.bullets[:MAX_BULLETS]
        ids = [f"{sid}-b{k}" for k in range(1, len(bullets) + 1)]
        elements += [_text(i, b.text, P.TextRole.BULLET, b.level) for i, b in zip(ids, bullets)]
        steps += _bullet_steps(ids, [b.text for b in bullets])
    elif isinstance(slide, S.TwoColumnSlide):
        k = 0
        for column in slide.columns:
            items = ([(column.heading, 0)] if column.heading else []) + [(b.text, 1 if column.heading else b.level)
                                                                         for b in column.bullets[:4]]
            for text, level in items:
                k += 1
                elements.append(_text(f"{sid}-b{k}", text, P.TextRole.BULLET, level))
                steps += _bullet_steps([f"{sid}-b{k}"], [text])
    elif isinstance(slide, (S.ChartSlide, S.TableSlide)):
        chart = slide.chart if isinstance(slide, S.ChartSlide) else chart_from_table(slide.table)
        caption = slide.caption if isinstance(slide, S.ChartSlide) else None
        if chart is not None:
            layout = P.SceneLayout.CHART
            elements.append(P.ChartElement(id=f"{sid}-chart", chart=chart))
            steps.append(P.Step(targets=[f"{sid}-chart"], action=P.Action.GROW, duration=1.6, narration=caption))
            if caption:
                elements.append(_text(f"{sid}-cap", caption, P.TextRole.CAPTION))
                steps.append(P.Step(targets=[f"{sid}-cap"], action=P.Action.FADE, duration=0.6))
        elif isinstance(slide, S.TableSlide):  # a table that is no chart: its rows, one by one
            table = slide.table
            rows = table.rows[:MAX_BULLETS]
            ids = [f"{sid}-r{k}" for k in range(1, len(rows) + 1)]
            texts = [" · ".join(f"{c}: {format_cell(v)}" for c, v in zip(table.columns, row) if v not in (None, ""))
                     for row in rows]
            elements += [_text(i, t, P.TextRole.BULLET) for i, t in zip(ids, texts)]
            steps += _bullet_steps(ids, texts)
    elif (points := _shape_points(slide)) is not None:  # steps, events, icon items, agenda, takeaways: in order
        ids = [f"{sid}-b{k}" for k in range(1, len(points[:MAX_BULLETS]) + 1)]
        elements += [_text(i, t, P.TextRole.BULLET) for i, t in zip(ids, points)]
        steps += _bullet_steps(ids, points[:MAX_BULLETS])
    elif isinstance(slide, S.StatSlide):
        layout = P.SceneLayout.STATS
        ids = [f"{sid}-n{k}" for k in range(1, len(slide.stats) + 1)]
        elements += [P.NumberElement(id=i, value=s.value, label=s.label) for i, s in zip(ids, slide.stats)]
        steps.append(P.Step(targets=ids, action=P.Action.FADE, duration=0.5, stagger=0.25))
        from .parts import count_spec

        counting = [i for i, s in zip(ids, slide.stats) if count_spec(s.value) is not None]
        if counting:
            steps.append(P.Step(targets=counting, action=P.Action.COUNT, duration=1.6, start=P.Start.WITH_PREVIOUS,
                                stagger=0.25))
    elif isinstance(slide, S.QuoteSlide):
        layout = P.SceneLayout.LIST
        elements.append(_text(f"{sid}-q", slide.quote, P.TextRole.QUOTE))
        steps.append(P.Step(targets=[f"{sid}-q"], action=P.Action.WRITE, duration=min(3.0, 0.5 + len(slide.quote)
                                                                                          / 60),
                            narration=shorten(slide.quote, 400)))
        if slide.attribution:
            elements.append(_text(f"{sid}-by", f"— {slide.attribution}", P.TextRole.CAPTION))
            steps.append(P.Step(targets=[f"{sid}-by"], action=P.Action.FADE, duration=0.6))
    if not elements:
        return None
    return P.Scene(id=sid, layout=layout, elements=elements, steps=steps[:80], hold=_hold(elements))


def _shape_points(slide) -> list[str] | None:
    """The points of a slide drawn with shapes (a process, a timeline, an icon grid, an agenda, takeaways) as lines
    of a list, each whole ("2 September: Private beta", "Ask for the receipt: …"); None for other slides."""
    def joined(head: str, detail: str | None) -> str:
        return f"{head}：{detail}" if detail and mostly_cjk(head + detail) else f"{head}: {detail}" if detail else head

    if isinstance(slide, S.ProcessSlide):
        return [joined(st.title, st.detail) for st in slide.steps]
    if isinstance(slide, S.TimelineSlide):
        return [joined(ev.date, joined(ev.title, ev.detail)) for ev in slide.events]
    if isinstance(slide, S.IconsSlide):
        return [joined(it.title, it.detail) for it in slide.items]
    if isinstance(slide, S.AgendaSlide):
        return list(slide.items)
    if isinstance(slide, S.TakeawaysSlide):
        return list(slide.points)
    return None


def _hold(elements: list) -> float:
    """Seconds the finished scene stays: long enough to read what it shows a second time, within 2 to 6 s."""
    from .layout import words_of
    from .lints import reading_seconds

    words = " ".join(words_of(e) for e in elements if not isinstance(e, P.ChartElement))
    return round(min(max(reading_seconds(words) * 0.5, 2.0), 6.0) + (1.0 if any(
        isinstance(e, P.ChartElement) for e in elements) else 0.0), 1)

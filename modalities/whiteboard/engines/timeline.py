"""Timelines: a time axis with a mark per moment and the events as cards on alternating sides of it.

Short timelines (up to seven moments) run left to right with the dates under the axis; longer ones run top to
bottom, dates on one side of the axis and cards on the other, alternating, which keeps any number of events
readable. Events that share a time share a mark and stack. Sections (groups) are frames around their moments,
with extra room at their borders so frames never overlap. Chain edges between consecutive events are the axis
itself; any other edge is drawn as a dashed arrow.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from renderers.layout.fit import TextLayout
from renderers.layout.geometry import Rect
from renderers.theme import Theme

from ..diagram import Diagram, EdgePath, FreeText, GroupBox, GuideLine, Mark, NodeBox
from ..geometry import border_point
from ..plan import NodeShape, WhiteboardPlan
from ..sizing import GROUP_FONT, Sizer, node_colors, palette_color, tint

HORIZONTAL_MAX = 7
AXIS_GAP = 30.0  # between the axis and the nearest card
STACK_GAP = 12.0
CARD_GAP = 28.0  # between two cards on the same side
SECTION_GAP = 56.0
DATE_FONT = 18.0


@dataclass
class _Slot:
    time: str | None
    nodes: list = field(default_factory=list)  # (plan node, w, h, layout)
    date: TextLayout | None = None
    date_w: float = 0.0
    date_h: float = 0.0
    group: str | None = None

    @property
    def width(self) -> float:
        return max(w for _, w, _, _ in self.nodes)

    @property
    def height(self) -> float:
        return sum(h for _, _, h, _ in self.nodes) + STACK_GAP * (len(self.nodes) - 1)


def _slots(plan: WhiteboardPlan, sizer: Sizer) -> list[_Slot]:
    slots: list[_Slot] = []
    for n in plan.nodes:
        w, h, lay = sizer.node(n.label, NodeShape.ROUND, max_w=190.0)
        if slots and n.time is not None and slots[-1].time == n.time and slots[-1].group == n.group:
            slots[-1].nodes.append((n, w, h, lay))
            continue
        slot = _Slot(n.time, [(n, w, h, lay)], group=n.group)
        if n.time:
            slot.date = sizer.text(n.time, DATE_FONT, 150.0, bold=True)
            slot.date_w = sizer.width(slot.date) * 1.08 + 8
            slot.date_h = slot.date.height
        slots.append(slot)
    return slots


def layout_timeline(plan: WhiteboardPlan, theme: Theme) -> Diagram:
    sizer = Sizer(theme)
    slots = _slots(plan, sizer)
    horizontal = len(slots) <= HORIZONTAL_MAX
    diagram = Diagram(plan.title, plan.kind.value)
    pal = theme.palette
    group_index = {g.id: i for i, g in enumerate(plan.groups)}
    new_section = [i > 0 and slots[i].group != slots[i - 1].group for i in range(len(slots))]
    title_band = GROUP_FONT * 1.25 + 20 if plan.groups else 0.0

    # Position of each slot along the axis.
    pos = [0.0]
    for i in range(1, len(slots)):
        a, b = slots[i - 1], slots[i]
        if horizontal:
            need = max(90.0, (a.date_w + b.date_w) / 2 + 20)
            if i >= 2:
                need = max(need, pos[i - 2] + (slots[i - 2].width + b.width) / 2 + CARD_GAP - pos[i - 1])
            if new_section[i]:
                need = max(need, (a.width + b.width) / 2 + SECTION_GAP)
        else:
            # The date sits opposite the card: slot i-1's card shares a side with slot i's date, and vice versa.
            need = max(60.0, (a.height + b.date_h) / 2 + 20, (a.date_h + b.height) / 2 + 20)
            if i >= 2:
                need = max(need, pos[i - 2] + (slots[i - 2].height + b.height) / 2 + CARD_GAP - pos[i - 1])
            if new_section[i]:
                need = max(need, (a.height + b.height) / 2 + SECTION_GAP + title_band)
        pos.append(pos[-1] + need)

    axis_color = pal.muted
    extents: list[Rect] = []
    for i, slot in enumerate(slots):
        first = i % 2 == 0  # above the axis (horizontal) or right of it (vertical)
        p = pos[i]
        colour_index = group_index[slot.group] if slot.group else i
        mark_color = palette_color(theme, colour_index)
        diagram.marks.append(Mark(f"mark-{i + 1}", p if horizontal else 0.0, 0.0 if horizontal else p, 7.0,
                                  mark_color))
        if slot.date:
            if horizontal:
                rect = Rect(p - slot.date_w / 2, 14, slot.date_w, slot.date_h)
                align = "center"
            else:
                x = -18 - slot.date_w if first else 18
                rect = Rect(x, p - slot.date_h / 2, slot.date_w, slot.date_h)
                align = "right" if first else "left"
            diagram.texts.append(FreeText(f"date-{i + 1}", slot.date, rect, pal.text, align))
        boxes = []
        if horizontal:
            below_start = 14 + (max(s.date_h for s in slots) if any(s.date for s in slots) else 0) + AXIS_GAP - 14
            # Stacked events read top to bottom in the plan's order on both sides of the axis.
            y = -AXIS_GAP - slot.height if first else below_start
            for node, w, h, lay in slot.nodes:
                boxes.append((node, Rect(p - w / 2, y, w, h), lay))
                y += h + STACK_GAP
        else:
            y = p - slot.height / 2
            for node, w, h, lay in slot.nodes:
                x = AXIS_GAP if first else -AXIS_GAP - w
                boxes.append((node, Rect(x, y, w, h), lay))
                y += h + STACK_GAP
        for node, rect, lay in boxes:
            fill, stroke = node_colors(theme, NodeShape.ROUND, colour_index)
            diagram.nodes.append(NodeBox(node.id, node.label, NodeShape.ROUND.value, rect, lay, fill, stroke,
                                         node.group))
        near = max((r for _, r, _ in boxes), key=lambda r: r.bottom) if horizontal and first else boxes[0][1]
        if horizontal:
            tick = [(p, -7.0), (p, near.bottom)] if first else [(p, 7.0 + (slot.date_h + 6 if slot.date else 0)),
                                                               (p, near.y)]
        else:
            tick = [(7.0, p), (near.x, p)] if first else [(-7.0, p), (near.right, p)]
        diagram.guides.append(GuideLine(f"tick-{i + 1}", tick, dashed=True, color=mark_color, width=1.5))
        all_rects = [r for _, r, _ in boxes]
        extents.append(Rect(min(r.x for r in all_rects), min(r.y for r in all_rects),
                            max(r.right for r in all_rects) - min(r.x for r in all_rects),
                            max(r.bottom for r in all_rects) - min(r.y for r in all_rects)))

    # The axis, a little beyond the first and last marks.
    end = pos[-1] + 40
    axis = [(-40.0, 0.0), (end, 0.0)] if horizontal else [(0.0, -40.0), (0.0, end)]
    diagram.guides.insert(0, GuideLine("axis", axis, color=axis_color, width=3.0))

    # Section frames: around their slots' cards, marks and dates, from border to border between sections.
    for g in plan.groups:
        idx = [i for i, s in enumerate(slots) if s.group == g.id]
        if not idx:
            continue
        tw, th, title = sizer.label_box(g.label, GROUP_FONT, 300.0)
        rects = [extents[i] for i in idx]
        for t in diagram.texts:
            if t.id in {f"date-{i + 1}" for i in idx}:
                rects.append(t.rect)
        x0 = min(r.x for r in rects) - 16
        x1 = max(r.right for r in rects) + 16
        y0 = min(r.y for r in rects) - 16 - title_band
        y1 = max(r.bottom for r in rects) + 16
        if horizontal:
            y0 = min(min(e.y for e in extents) - 16 - title_band, y0)
            y1 = max(max(e.bottom for e in extents) + 16, y1)
        else:
            x0 = min(min(e.x for e in extents) - 16, -40.0, x0)
            x1 = max(max(e.right for e in extents) + 16, x1)
        x1 = max(x1, x0 + tw + 24)
        diagram.groups.append(GroupBox(g.id, g.label, Rect(x0, y0, x1 - x0, y1 - y0),
                                       [n for s in (slots[i] for i in idx) for n in (x[0].id for x in s.nodes)],
                                       tint(palette_color(theme, group_index[g.id]), 0.93), title,
                                       Rect(x0 + 12, y0 + 8, tw, th)))

    flat = [x[0].id for s in slots for x in s.nodes]
    consecutive = set(zip(flat, flat[1:]))
    for i, e in enumerate(plan.edges):
        if (e.source, e.target) in consecutive or e.source == e.target:
            continue
        src, dst = diagram.node(e.source), diagram.node(e.target)
        start = border_point(src.rect, src.shape, (dst.rect.cx, dst.rect.cy))
        stop = border_point(dst.rect, dst.shape, (src.rect.cx, src.rect.cy))
        diagram.edges.append(EdgePath(i + 1, e.source, e.target, [start, stop], None, dashed=True,
                                      color=pal.muted))
    return diagram

"""A Mermaid document read as an outline, so a deck or an infographic of a diagram shows what the diagram says
(its steps, branches, participants, messages, events) and never its source text.

The diagram is read by the whiteboard's Mermaid reader (the same one that draws it as a board), then laid out as
sections: a mind map's branches with their leaves; a sequence's participants and its messages in order; a
timeline's events with their dates; a flowchart's steps in order, a decision's branches under it ("yes: Pick and
pack"), a jump named where it goes ("back to: Print shipping label"), and a subgraph per section. Words, not arrow
glyphs, say where a step leads: they read the same in every font. The title comes from the diagram's `title`
(or front matter, or `accTitle`), a mind map's centre; failing those, `Document.fallback_title` holds the first
comment or node, used only when the request names no subject.
"""

from __future__ import annotations

from renderers.layout.script import language_of

from .document import Document, Item, Section
from .markup import split_front_matter


def is_mermaid_document(text: str) -> bool:
    """Whether `text` (front matter already removed) is a Mermaid diagram: its first line that is not blank or a
    `%%` comment is a diagram header, or all of it is one fenced ```mermaid block."""
    from modalities.whiteboard.mermaid_in import looks_like_mermaid

    stripped = text.strip()
    if stripped.startswith("```"):
        return stripped.endswith("```") and stripped.count("```") == 2 and \
            stripped[3:].lstrip().lower().startswith("mermaid")
    for line in stripped.splitlines()[:200]:  # the header comes first, after comments
        if line.strip() and not line.strip().startswith("%%"):
            return looks_like_mermaid(line)
    return False


def _zh(labels: list[str]) -> bool:
    return language_of(" ".join(labels)).startswith("zh")


def mermaid_document(text: str) -> Document | None:
    """The outline of the Mermaid diagram in `text`; None when it holds no diagram the reader understands."""
    from modalities.whiteboard import plan as W
    from modalities.whiteboard.mermaid_in import MermaidError, parse_mermaid

    try:
        result = parse_mermaid(text)
    except MermaidError:
        return None
    plan = result.plan
    labels = {n.id: " ".join(n.label.split()) for n in plan.nodes}
    zh = _zh(list(labels.values()))
    doc = Document(language="zh-TW" if zh else "en", origin="mermaid", meta=split_front_matter(text)[0])
    if result.title_source in ("title", "root"):
        doc.title = plan.title
    elif result.title_source in ("comment", "content"):
        doc.fallback_title = plan.title
    kind = plan.kind
    if kind == W.DiagramKind.MINDMAP:
        doc.sections = _mindmap(plan, labels)
    elif kind == W.DiagramKind.SEQUENCE:
        doc.sections = _sequence(plan, labels, zh)
    elif kind == W.DiagramKind.TIMELINE:
        doc.sections = _timeline(plan, labels, zh)
    else:
        doc.sections = _flow(plan, labels, zh)
    doc.sections = [s for s in doc.sections if not s.is_empty]
    return doc


def _children(plan) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {n.id: [] for n in plan.nodes}
    for e in plan.edges:
        out.setdefault(e.source, []).append(e.target)
    return out


def _mindmap(plan, labels: dict[str, str]) -> list[Section]:
    if not plan.nodes:
        return []
    children = _children(plan)
    root = plan.nodes[0].id
    seen = {root}
    sections = []
    for branch in children.get(root, []):
        if branch in seen:
            continue
        seen.add(branch)
        section = Section(labels[branch])
        stack = [(c, 0) for c in reversed(children.get(branch, []))]
        while stack:  # depth first, in the diagram's order
            node, depth = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            section.items.append(Item(labels[node], min(depth, 1)))
            stack += [(c, depth + 1) for c in reversed(children.get(node, []))]
        sections.append(section)
    return sections


def _sequence(plan, labels: dict[str, str], zh: bool) -> list[Section]:
    people = Section("參與者" if zh else "Participants", items=[Item(labels[n.id]) for n in plan.nodes],
                     generated=True)
    steps = Section("步驟" if zh else "Steps", ordered=True, generated=True)
    for k, e in enumerate(plan.edges, start=1):
        said = f"{labels[e.source]}對{labels[e.target]}" if zh else f"{labels[e.source]} to {labels[e.target]}"
        steps.items.append(Item(f"{said}：{e.label}" if zh and e.label else f"{said}: {e.label}" if e.label else said,
                                number=str(k)))
    return [people, steps]


def _timeline(plan, labels: dict[str, str], zh: bool) -> list[Section]:
    groups = {g.id: g.label for g in plan.groups}
    sections: dict[str | None, Section] = {}
    for n in plan.nodes:
        key = n.group if n.group in groups else None
        if key not in sections:
            sections[key] = Section(groups[key] if key else ("時間軸" if zh else "Timeline"), generated=not key)
        text = f"{n.time}: {labels[n.id]}" if n.time else labels[n.id]
        sections[key].items.append(Item(text))
    return list(sections.values())


def _flow(plan, labels: dict[str, str], zh: bool) -> list[Section]:
    """Steps in the diagram's order; under each, where it leads when that is not simply the next step: a decision's
    labelled branches, a jump back or ahead."""
    order = [n.id for n in plan.nodes]
    position = {nid: k for k, nid in enumerate(order)}
    out_edges: dict[str, list] = {nid: [] for nid in order}
    for e in plan.edges:
        out_edges.setdefault(e.source, []).append(e)
    groups = {g.id: g.label for g in plan.groups}
    sections: dict[str | None, Section] = {}
    default = "步驟" if zh else "Steps"
    group_of = {n.id: n.group for n in plan.nodes}
    for nid in order:
        group = group_of[nid]
        key = group if group in groups else None
        if key not in sections:
            sections[key] = Section(groups[key] if key else default, generated=not key)
        section = sections[key]
        section.items.append(Item(labels[nid]))
        edges = out_edges.get(nid, [])
        for e in edges:
            ahead = position.get(e.target, -1) > position[nid]
            if not e.label and len(edges) == 1 and position.get(e.target, -1) == position[nid] + 1:
                continue  # simply the next step
            to = labels.get(e.target, e.target)
            how = e.label or (("接著" if ahead else "回到") if zh else ("then" if ahead else "back to"))
            section.items.append(Item(f"{how}：{to}" if zh else f"{how}: {to}", 1))
    return list(sections.values())


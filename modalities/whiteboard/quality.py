"""What a whiteboard plan can get wrong that its schema cannot say: diagrams without arrows, loose nodes."""

from __future__ import annotations

from .plan import WhiteboardPlan


def check(plan: WhiteboardPlan) -> list[str]:
    out: list[str] = []
    connected = {e.source for e in plan.edges} | {e.target for e in plan.edges}
    if plan.kind.value in ("flowchart", "sequence", "mindmap", "architecture", "timeline") and len(plan.nodes) > 1:
        if not plan.edges:
            return [f"edges: a {plan.kind.value} with {len(plan.nodes)} nodes needs arrows between them"]
        loose = [n.id for n in plan.nodes if n.id not in connected and n.shape.value != "note"]
        if len(loose) > max(1, len(plan.nodes) // 4):
            out.append(f"nodes: {', '.join(loose[:6])} have no arrows; connect them or leave them out")
    if any(e.source == e.target for e in plan.edges):
        out.append("edges: an arrow starts and ends at the same node")
    return out

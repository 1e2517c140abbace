"""Whiteboard plans of every kind at a chosen size, English or Traditional Chinese, built the same way each time.

Sizes 5, 20 and 60 are the ones the layout tests use; the labels mix long and short, and the graphs mix chains,
branches, back edges and labelled edges, so that overlaps would show if the layout let them happen.
"""

from __future__ import annotations

import random

EN = ["Receive order", "Check stock", "Reserve items", "Charge card (Stripe)", "Payment OK?", "Send receipt",
      "Pack box", "Ship via courier", "Notify customer", "Handle refund", "Update CRM record", "Log analytics event",
      "Retry payment", "Escalate to support", "Close ticket", "Archive order and all of its documents"]
ZH = ["收到訂單", "檢查庫存", "保留商品", "信用卡付款（Stripe）", "付款成功？", "寄送收據", "包裝出貨", "物流配送",
      "通知顧客", "處理退款", "更新客戶資料", "記錄分析事件", "重新付款", "轉交客服", "結案", "封存訂單與所有相關文件"]


def _label(i: int, zh: bool) -> str:
    words = ZH if zh else EN
    return words[i % len(words)] + (f" {i}" if i >= len(words) else "")


def graph_plan(n: int, kind: str = "flowchart", zh: bool = False, groups: int = 0) -> dict:
    rnd = random.Random(n * 7 + groups)
    nodes = []
    for i in range(n):
        label = _label(i, zh)
        shape = "decision" if label.rstrip(" 0123456789").endswith(("?", "？")) else "terminal" if i == 0 else "box"
        if kind == "architecture" and i % 7 == 3:
            shape = "database"
        node = {"id": f"n{i}", "label": label, "shape": shape}
        if groups:
            node["group"] = f"g{i * groups // n}"
        nodes.append(node)
    edges = []
    for i in range(1, n):
        parent = rnd.randrange(max(0, i - 3), i)
        edge = {"source": f"n{parent}", "target": f"n{i}"}
        if i % 4 == 0:
            edge["label"] = ("是" if zh else "yes") if i % 8 else ("否，重試" if zh else "no, retry")
        edges.append(edge)
    for _ in range(n // 6):
        a, b = rnd.randrange(n), rnd.randrange(n)
        if a != b:
            edges.append({"source": f"n{a}", "target": f"n{b}", "dashed": True})
    plan = {"modality": "whiteboard", "title": ("訂單流程" if zh else "Order flow") + f" ({n})", "kind": kind,
            "nodes": nodes, "edges": edges}
    if groups:
        plan["groups"] = [{"id": f"g{k}", "label": (f"階段 {k + 1}" if zh else f"Stage {k + 1}")}
                          for k in range(groups)]
    return plan


def mindmap_plan(n: int, zh: bool = False) -> dict:
    rnd = random.Random(n)
    nodes = [{"id": "root", "label": "專案風險" if zh else "Project risks"}]
    edges = []
    for i in range(1, n):
        parent = "root" if i <= min(6, n - 1) else f"m{rnd.randrange(1, i)}"
        nodes.append({"id": f"m{i}", "label": _label(i, zh)})
        edges.append({"source": parent, "target": f"m{i}"})
    return {"modality": "whiteboard", "title": "專案風險" if zh else "Project risks", "kind": "mindmap",
            "nodes": nodes, "edges": edges}


def sequence_plan(n: int, zh: bool = False) -> dict:
    names = (["瀏覽器", "伺服器", "認證服務", "資料庫", "佇列"] if zh
             else ["Browser", "API", "Auth service", "DB", "Queue"])
    count = min(5, max(2, n // 3))
    nodes = [{"id": f"p{i}", "label": names[i], "group": "back" if i >= 2 else None} for i in range(count)]
    rnd = random.Random(n)
    edges = []
    for i in range(n):
        a, b = rnd.randrange(count), rnd.randrange(count)
        edges.append({"source": f"p{a}", "target": f"p{b}", "label": _label(i, zh), "dashed": i % 3 == 2})
    return {"modality": "whiteboard", "title": "登入時序" if zh else "Login sequence", "kind": "sequence",
            "nodes": nodes, "edges": edges, "groups": [{"id": "back", "label": "後端" if zh else "Backend"}]}


def timeline_plan(n: int, zh: bool = False, groups: int = 0) -> dict:
    nodes = []
    for i in range(n):
        node = {"id": f"e{i + 1}", "label": _label(i, zh), "time": (f"{2000 + i // 2}年" if zh else str(2000 + i // 2))}
        if groups:
            node["group"] = f"s{i * groups // n + 1}"
        nodes.append(node)
    plan = {"modality": "whiteboard", "title": "大事記" if zh else "History", "kind": "timeline", "nodes": nodes}
    if groups:
        plan["groups"] = [{"id": f"s{k + 1}", "label": f"Era {k + 1}"} for k in range(groups)]
    return plan


def brainstorm_plan(n: int, zh: bool = False, groups: int = 3) -> dict:
    nodes = [{"id": f"b{i}", "label": _label(i, zh), "shape": "note",
              "group": f"g{i % groups}" if i < n - 2 else None} for i in range(n)]
    edges = [{"source": "b0", "target": f"b{n - 1}", "label": "builds on"}] if n > 2 else []
    return {"modality": "whiteboard", "title": "腦力激盪" if zh else "Brainstorm", "kind": "brainstorm", "nodes": nodes,
            "edges": edges,
            "groups": [{"id": f"g{k}", "label": ["Ideas", "Risks", "Questions", "Later"][k % 4]}
                       for k in range(groups)]}


def plan_of(kind: str, n: int, zh: bool = False) -> dict:
    if kind == "flowchart":
        return graph_plan(n, zh=zh)
    if kind == "architecture":
        return graph_plan(n, "architecture", zh, groups=max(1, min(4, n // 5)))
    if kind == "mindmap":
        return mindmap_plan(n, zh)
    if kind == "sequence":
        return sequence_plan(n, zh)
    if kind == "timeline":
        return timeline_plan(n, zh, groups=0 if n < 20 else 3)
    return brainstorm_plan(n, zh, groups=min(4, max(1, n // 5)))


KINDS = ["flowchart", "architecture", "mindmap", "sequence", "timeline", "brainstorm"]

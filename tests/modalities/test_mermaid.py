"""Mermaid in and out: LLM-style Mermaid (awkward labels, Chinese, fences) parses into the board a user meant, and
every board's board.mmd re-imports to the same nodes, edges and groups. Where the real Mermaid CLI is installed
(bench/whiteboard_vs_mermaid.py installs it), the exports are also checked by Mermaid's own parser."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from modalities.registry import parse_plan
from modalities.whiteboard.mermaid_in import MermaidError, looks_like_mermaid, parse_mermaid
from modalities.whiteboard.mermaid_out import plan_to_mermaid
from tests.conftest import FIXTURES, ROOT, load_plan_dict, render_plan
from tests.modalities.whiteboard_plans import KINDS, plan_of

MERMAID = FIXTURES / "mermaid"


def _nodes(plan):
    return [(n.id, n.label, n.shape.value, n.group, n.time) for n in plan.nodes]


def _edges(plan):
    return [(e.source, e.target, e.label, e.dashed, e.heads.value) for e in plan.edges]


def _groups(plan):
    return [(g.id, g.label) for g in plan.groups]


def test_llm_style_flowchart_in_a_fence_with_unquoted_punctuation():
    result = parse_mermaid((MERMAID / "llm_flowchart.md").read_text(encoding="utf-8"))
    plan = result.plan
    assert plan.kind.value == "flowchart" and plan.direction.value == "right"
    assert _nodes(plan) == [
        ("user", "User (browser)", "round", None, None),
        ("api", "API Gateway (v2) - auth/rate limit", "box", None, None),
        ("svc1", "Order Service: create, update", "box", "g1", None),
        ("svc2", "Payment Service [Stripe]", "round", "g1", None),
        ("db", "Postgres DB", "database", "infra", None),
        ("queue", "Retry queue", "note", "infra", None),
    ]
    assert _edges(plan) == [
        ("user", "api", None, False, "end"),
        ("api", "svc1", None, False, "end"),
        ("api", "svc2", "HTTP/JSON", False, "end"),
        ("svc1", "db", None, False, "end"),
        ("svc2", "db", None, False, "end"),
        ("api", "queue", "retries: 3", False, "end"),
    ]
    assert _groups(plan) == [("g1", "Backend Services"), ("infra", "Infrastructure")]
    assert result.skipped == []


def test_chinese_ids_and_labels_get_plan_ids_and_keep_their_text():
    plan = parse_mermaid((MERMAID / "zh_flowchart.mmd").read_text(encoding="utf-8")).plan
    labels = {n.id: (n.label, n.shape.value) for n in plan.nodes}
    assert list(labels.values()) == [("開始", "terminal"), ("填寫請假單（含日期）", "box"), ("主管核准？", "decision"),
                                     ("人資登錄", "box"), ("退回修改", "box"), ("結束", "actor")]
    by_label = {n.label: n.id for n in plan.nodes}
    assert (by_label["主管核准？"], by_label["退回修改"], "否") in [(e.source, e.target, e.label) for e in plan.edges]
    dashed = [e for e in plan.edges if e.dashed]
    assert [(e.source, e.target) for e in dashed] == [(by_label["退回修改"], by_label["填寫請假單（含日期）"])]


def test_mindmap_indentation_is_the_tree():
    plan = parse_mermaid((MERMAID / "mindmap.mmd").read_text(encoding="utf-8")).plan
    assert plan.kind.value == "mindmap"
    label = {n.id: n.label for n in plan.nodes}
    pairs = {(label[e.source], label[e.target]) for e in plan.edges}
    assert pairs == {("專案風險", "時程"), ("時程", "需求變更"), ("時程", "人力不足"), ("專案風險", "預算"),
                     ("預算", "匯率"), ("專案風險", "Technology (new)"), ("Technology (new)", "New framework")}
    assert plan.nodes[0].label == "專案風險" and plan.nodes[0].shape.value == "actor"


def test_sequence_keeps_order_replies_and_boxes_and_reports_notes():
    result = parse_mermaid((MERMAID / "sequence.mmd").read_text(encoding="utf-8"))
    plan = result.plan
    assert plan.kind.value == "sequence"
    assert [(n.id, n.label, n.shape.value, n.group) for n in plan.nodes] == [
        ("U", "User", "actor", None), ("B", "Browser", "box", None), ("A", "API", "box", "box1"),
        ("D", "DB", "box", "box1")]
    assert _groups(plan) == [("box1", "Backend")]  # "Aqua" is the box's colour
    assert [(e.source, e.target, e.label, e.dashed) for e in plan.edges] == [
        ("U", "B", 'Click "login"', False), ("B", "A", "POST /login (user, pass)", False),
        ("A", "D", "SELECT user; check hash", False), ("D", "A", "row", True), ("A", "B", "200 OK + token", True),
        ("B", "U", "show home", False)]
    assert result.skipped == [(16, "notes are not drawn on the board")]


def test_timeline_periods_sections_and_continuations():
    plan = parse_mermaid((MERMAID / "timeline.mmd").read_text(encoding="utf-8")).plan
    assert plan.title == "History of social media" and plan.kind.value == "timeline"
    assert [(n.label, n.time, n.group) for n in plan.nodes] == [
        ("LinkedIn", "2002", "s1"), ("Facebook", "2004", "s1"), ("Google", "2004", "s1"), ("YouTube", "2005", "s2"),
        ("Reddit", "2005", "s2"), ("Twitter", "2006", "s2")]
    assert _groups(plan) == [("s1", "Early days"), ("s2", "Growth")]


@pytest.mark.parametrize(("text", "edges"), [
    ("A --> B --> C", [("A", "B", None), ("B", "C", None)]),
    ("A & B --> C", [("A", "C", None), ("B", "C", None)]),
    ("A -- text with (parens) --> B", [("A", "B", "text with (parens)")]),
    ("A -->|yes| B; B --> C", [("A", "B", "yes"), ("B", "C", None)]),
    ("A -. maybe .-> B", [("A", "B", "maybe")]),
    ("A == main ==> B", [("A", "B", "main")]),
    ("x-ray --> y.z", [("x-ray", "y.z", None)]),
    ("Load balancer --> Web server", [("Load balancer", "Web server", None)]),
    ("A[Call API (POST /v1)] --> B{Is it ok?}", [("Call API (POST /v1)", "Is it ok?", None)]),
    ("A[Unbalanced (label] --> B", [("Unbalanced (label", "B", None)]),
])
def test_link_forms(text, edges):
    plan = parse_mermaid("flowchart TD\n" + text).plan
    label = {n.id: n.label for n in plan.nodes}
    assert [(label[e.source], label[e.target], e.label) for e in plan.edges] == edges


def test_entities_decode_to_the_characters():
    plan = parse_mermaid('flowchart TD\nA["Start: #quot;go#quot; #35;1<br>next"] --> B').plan
    assert plan.nodes[0].label == 'Start: "go" #1\nnext'


def test_unreadable_lines_are_skipped_with_their_numbers_and_empty_text_is_an_error():
    result = parse_mermaid("flowchart TD\nA --> B\n!!! ??? !!!\nB --> C")
    assert [n.id for n in result.plan.nodes] == ["A", "B", "C"]
    assert [number for number, _ in result.skipped] == [3]
    with pytest.raises(MermaidError, match="no Mermaid diagram"):
        parse_mermaid("flowchart TD\n%% nothing here\n")
    assert looks_like_mermaid("```mermaid\nsequenceDiagram\nA->>B: hi\n```")
    assert not looks_like_mermaid("# Notes\nA meeting about the flowchart")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("zh", [False, True])
def test_export_then_import_gives_the_same_board(kind, zh):
    plan = parse_plan(plan_of(kind, 20, zh=zh))
    back = parse_mermaid(plan_to_mermaid(plan)).plan
    assert back.kind == plan.kind and back.title == plan.title
    assert _nodes(back) == _nodes(plan)
    assert _edges(back) == _edges(plan)
    assert _groups(back) == _groups(plan)


def _odd_plan():
    shapes = ["box", "round", "decision", "terminal", "note", "actor", "database"]
    return parse_plan({
        "modality": "whiteboard", "title": 'Quotes " and # hashes', "kind": "flowchart", "direction": "right",
        "nodes": [{"id": f"s_{s}", "label": f'{s} "quoted" (x) [y] {{z}} | pipe; semi #tag', "shape": s,
                   "group": "grp" if i % 2 else None} for i, s in enumerate(shapes)],
        "edges": [{"source": "s_box", "target": "s_round", "heads": "both"},
                  {"source": "s_round", "target": "s_decision", "heads": "none", "dashed": True, "label": 'a "b" | c'},
                  {"source": "s_decision", "target": "s_box", "dashed": True},
                  {"source": "s_note", "target": "s_note", "label": "self"}],
        "groups": [{"id": "grp", "label": "Odd ones"}],
    })


def test_every_shape_head_and_dash_survives_the_round_trip():
    plan = _odd_plan()
    back = parse_mermaid(plan_to_mermaid(plan)).plan
    assert back.model_dump() == plan.model_dump()


def test_mind_map_with_cross_links_goes_out_as_a_flowchart_and_comes_back_a_mind_map():
    plan_dict = plan_of("mindmap", 8)
    plan_dict["edges"].append({"source": "m3", "target": "m5", "label": "affects", "dashed": True})
    plan = parse_plan(plan_dict)
    text = plan_to_mermaid(plan)
    assert "flowchart" in text and "mindmap" not in text.split("\n", 4)[-1]
    assert parse_mermaid(text).plan.model_dump() == plan.model_dump()
    assert plan_to_mermaid(parse_plan(plan_of("mindmap", 8))).count("mindmap") >= 1


def test_rendered_board_mmd_reimports_to_the_plan(tmp_path):
    plan = load_plan_dict("whiteboard")
    render_plan(plan, tmp_path)
    back = parse_mermaid((tmp_path / "board.mmd").read_text(encoding="utf-8")).plan
    assert back.model_dump() == parse_plan(plan).model_dump()


MMDC = ROOT / "bench" / "out" / "mermaid-cli" / "node_modules" / ".bin" / "mmdc"
PUPPETEER = ROOT / "bench" / "out" / "mermaid-cli" / "puppeteer.json"


@pytest.mark.skipif(not (MMDC.exists() and PUPPETEER.exists() and shutil.which("chromium")),
                    reason="mermaid-cli is not installed here (python bench/whiteboard_vs_mermaid.py installs it)")
def test_real_mermaid_accepts_every_export(tmp_path):
    sources = []
    for kind in KINDS:
        for zh in (False, True):
            sources.append(plan_to_mermaid(parse_plan(plan_of(kind, 20, zh=zh))))
    sources.append(plan_to_mermaid(_odd_plan()))
    # one Markdown file, one browser: mermaid-cli renders each ```mermaid block and fails on the first it cannot parse
    md = tmp_path / "all.md"
    md.write_text("\n".join(f"```mermaid\n{s}```\n" for s in sources), encoding="utf-8")
    proc = subprocess.run([str(MMDC), "-q", "-p", str(PUPPETEER), "-i", str(md), "-o", str(tmp_path / "out.md")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert len(list(Path(tmp_path).glob("out-*.svg"))) == len(sources)

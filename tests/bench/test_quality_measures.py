"""The content-quality measures (bench/quality/measures.py) on small hand-made plans: each catches the failure it
is for, in the form issue 16 reports it, and passes the fixed form. No renders: plans are dicts, as in plan.json."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.quality.corpus import Case, NotQuantity, Quantity, Truth
from bench.quality.measures import (
    Render,
    branches,
    cells_kept,
    cuts,
    fidelity,
    kind_shape,
    layouts,
    leaks,
    measure,
    request_echo,
    sections_covered,
    stat_findings,
    structure,
)


def case(prompt: str = "", *, lang: str = "en", source: Path | None = None, **truth) -> Case:
    return Case(id="t", lang=lang, kind="test", prompt=prompt, modalities=["slides"], truth=Truth(**truth),
                source=source, given_as="content" if source else None,
                request_kind=None if source else "explain-how")


def doc_case(tmp_path: Path, text: str = "# Doc\n", prompt: str = "", **truth) -> Case:
    src = tmp_path / "doc.md"
    src.write_text(text, encoding="utf-8")
    return case(prompt, source=src, **truth)


def deck(*slides: dict, title: str = "Heat pumps in older homes", subtitle: str | None = None) -> dict:
    plan = {"modality": "slides", "title": title, "slides": [{"layout": "title", "title": title}, *slides]}
    if subtitle:
        plan["subtitle"] = subtitle
    return plan


def bullets(title: str, *points: str, notes: str = "") -> dict:
    return {"layout": "bullets", "title": title, "bullets": [{"text": p, "level": 0} for p in points], "notes": notes}


def stat_slide(*pairs: tuple[str, str]) -> dict:
    return {"layout": "stat", "title": "Key numbers", "stats": [{"value": v, "label": lab} for v, lab in pairs]}


def info(*blocks: dict, title: str = "Heat pumps", subtitle: str | None = None) -> dict:
    plan = {"modality": "infographic", "title": title, "blocks": list(blocks)}
    if subtitle:
        plan["subtitle"] = subtitle
    return plan


def board(nodes: list[tuple[str, str, str]], edges: list[tuple[str, str, str | None]], kind: str = "flowchart",
          title: str = "Order fulfilment") -> dict:
    return {"modality": "whiteboard", "title": title, "kind": kind,
            "nodes": [{"id": i, "label": lab, "shape": shape} for i, lab, shape in nodes],
            "edges": [{"source": a, "target": b, **({"label": lab} if lab else {})} for a, b, lab in edges]}


def codes(findings) -> list[str]:
    return [f.code for f in findings]


# ---- leaked syntax ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("shown, code", [
    ("Tags: Checkbox 1: false", "front_matter"),
    ("title: Heat pumps author: Mara Lind tags: [energy", "front_matter"),
    ("<!-- headingDivider: 2 -->", "html_comment"),
    ("Flowchart TD N0[Step 0: receive order] N1[…", "mermaid"),
    ("A --> B", "mermaid"),
    ("https://example.org/retrofit?fbclid=IwAR2xYz7Mq81", "url"),
    ("example.org/checklist?utm_source=news", "url"),
    ("Read the **full** checklist", "markdown"),
    ("[Read it](https://blog.example.net)", "markdown"),
    ("| --- | --- |", "markdown"),
    ("Paste a document or data, or configure a language model (ATELIER_LLM_BASE_URL)", "help_text"),
    ("還沒有內容可以整理。貼上文章、筆記或資料，或設定語言模型", "help_text"),
    ("Paste data (CSV or JSON) to get an interactive chart or table", "help_text"),
    ("說明想要的工具：計算機、換算、測驗、閃卡、清單或倒數", "help_text"),
])
def test_leaks_catch_source_syntax_shown_to_the_reader(shown: str, code: str) -> None:
    r = Render(case(), "slides", deck(subtitle=shown))
    assert code in codes(leaks(r))


def test_leaks_pass_the_same_content_interpreted() -> None:
    plan = deck(bullets("Why older homes are different", "Solid walls lose heat two to three times faster",
                        "Radiators (sized for 70 °C) struggle at 45 °C"),
                subtitle="Mara Lind, February 2026")
    assert leaks(Render(case(leak_markers=["headingDivider"]), "slides", plan)) == []


def test_leaks_read_the_case_markers_and_not_speaker_notes() -> None:
    plan = deck(bullets("Running costs", "SCOP of 3.4 in the first winter",
                        notes="Source: https://example.org/report?fbclid=x"))
    assert leaks(Render(case(leak_markers=["fbclid"]), "slides", plan)) == []
    leaked = deck(bullets("Running costs", "Checklist (fbclid IwAR2) before you sign"))
    assert codes(leaks(Render(case(leak_markers=["fbclid"]), "slides", leaked))) == ["source_text"]


def test_a_mermaid_title_on_a_board_is_a_leak_and_its_title_line_is_not() -> None:
    bad = board([("n1", "receive order", "box")], [], title="flowchart TD N0[Step 0: receive order] N1{In stock?}")
    good = board([("n1", "receive order", "box")], [], title="Order fulfilment")
    assert "mermaid" in codes(leaks(Render(case(), "whiteboard", bad)))
    assert leaks(Render(case(), "whiteboard", good)) == []


# ---- headline numbers ---------------------------------------------------------------------------------------------

HEAT = dict(
    quantities=[Quantity("22%", 22, "%", "The household's heating bill fell by 22%"),
                Quantity("9.4 kW", 9.4, "kW", "the survey found a total heat loss of 9.4 kW")],
    not_quantities=[NotQuantity("fbclid=IwAR2xYz7Mq81", 7, "url"), NotQuantity("PostgreSQL 16.2", 16.2, "version"),
                    NotQuantity("+49 30 5557 1234", 49, "phone")],
)


@pytest.mark.parametrize("value, label, code", [
    ("7M", "https://example.org/retrofit/checklist?utm_source=newsletter&fbclid=IwAR2xYz7Mq81", "invented:url"),
    ("12", "月 1 日生效", "invented:date"),
    ("10", "March", "invented:date"),
    ("2026", "Published", "invented:date"),
    ("16.2", "PostgreSQL", "invented:version"),
    ("v3.0.0", "beta build", "invented:version"),
    ("49", "Dial-in", "invented:phone"),
    ("907", "線上會議代碼 552-381-", "invented"),
    ("3.", "Budget time for the verifier", "invented:ordinal"),
    ("40", "clinics on the new plan", "invented"),
])
def test_stats_that_are_not_stated_quantities_are_invented(value: str, label: str, code: str) -> None:
    r = Render(case(**HEAT), "slides", deck(stat_slide((value, label))))
    assert codes(stat_findings(r)) == [code]


def test_a_stated_quantity_labelled_by_its_own_clause_passes() -> None:
    r = Render(case(**HEAT), "slides", deck(stat_slide(("22%", "Lower heating bill"), ("9.4 kW", "Total heat loss"))))
    assert stat_findings(r) == []
    assert cuts(r) == []


def test_a_stat_labelled_by_another_clause_is_mislabelled() -> None:
    r = Render(case(**HEAT), "slides", deck(stat_slide(("22%", "Loft insulation depth"))))
    assert codes(stat_findings(r)) == ["mislabelled"]


def test_a_label_with_its_number_cut_out_is_caught(tmp_path: Path) -> None:
    c = doc_case(tmp_path, "The household's heating bill fell by 22% compared with the last gas winter.", **HEAT)
    bad = Render(c, "infographic", info({"kind": "stat", "items": [
        {"value": "22%", "label": "The household's heating bill fell by compared with the…"}]}))
    good = Render(c, "infographic", info({"kind": "stat", "items": [
        {"value": "22%", "label": "Lower heating bill than the last gas winter"}]}))
    assert codes(stat_findings(bad)) == ["label_hole"]
    assert stat_findings(good) == []


@pytest.mark.parametrize("value, label", [
    ("9.4 k", "In our case study the survey found a total heat loss of W"),  # the unit split in two
    ("22", "% lower heating bill"),  # the percent sign moved to the label
    ("9.4", "Total heat loss"),  # the unit dropped
])
def test_a_number_split_from_its_unit_is_a_cut(value: str, label: str) -> None:
    r = Render(case(**HEAT), "slides", deck(stat_slide((value, label))))
    assert "unit_split" in codes(cuts(r))


def test_chinese_magnitude_left_in_the_label_is_a_cut() -> None:
    c = case(lang="zh", quantities=[Quantity("48 萬", 48, "萬", "好好記帳目前有 48 萬名活躍用戶")])
    assert "unit_split" in codes(cuts(Render(c, "slides", deck(stat_slide(("48", "萬名活躍用戶"))))))
    assert cuts(Render(c, "slides", deck(stat_slide(("48 萬", "活躍用戶"))))) == []


def test_compound_chinese_numbers_are_read_whole() -> None:
    c = case(lang="zh", quantities=[Quantity("6 萬 5 千元", 65000, "元", "總預算 6 萬 5 千元")])
    assert stat_findings(Render(c, "slides", deck(stat_slide(("6 萬 5 千元", "總預算"))))) == []


# ---- cuts ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, code", [
    ("這類工具還有讓營運成本降低潛力的 1…", "number_cut"),
    ("資料不離開客戶的環境（雲端", "unbalanced_bracket"),
    ("Microbore pipes (8 mm may limit flow", "unbalanced_bracket"),
    ("線上會議代碼 552-381-", "number_cut"),
    ("% of clinics on a paid plan", "number_cut"),
    ("Read the full installer checklist at…", "truncated"),
    ("正如我今年在 Y Combinator 演講中強調的", "dangling"),
    ("The replica lag alarm fired twice and", "dangling"),
    ("otherwise the change is reverted and the developer is", "dangling"),
])
def test_cuts_catch_text_cut_inside_numbers_brackets_and_phrases(text: str, code: str) -> None:
    assert code in codes(cuts(Render(case(), "slides", deck(bullets("Points", text)))))


@pytest.mark.parametrize("text", [
    "還有讓整體營運成本再降低 10% 的潛力",
    "資料不離開客戶的環境（雲端或地端皆可），除非客戶明確同意",
    "Microbore pipes (8 mm) may limit flow",
    "1) Seal gaps around windows",
    "Read the full installer checklist before you sign.",
    "真正的門檻不是模型，而是資料與流程",
    "If the customer has neither, look the purchase up by the card they paid with",
])
def test_cuts_pass_whole_clauses(text: str) -> None:
    assert cuts(Render(case(), "slides", deck(bullets("Points", text)))) == []


# ---- coverage -----------------------------------------------------------------------------------------------------

SECTIONS = [["Why older homes are different"], ["Running costs"], ["Radiators and pipework"], ["Choosing the unit"]]


def test_sections_covered_counts_sections_anywhere_in_the_answer_including_notes() -> None:
    plan = deck(bullets("Why older homes are different", "Solid walls lose heat faster"),
                bullets("Running costs", "SCOP 3.4", notes="Radiators and pipework: swap the smallest radiators"))
    assert sections_covered(Render(case(sections=SECTIONS), "slides", plan)) == (3, 4, ["Choosing the unit"])


def test_a_section_named_by_a_content_dropped_warning_is_covered() -> None:
    plan = deck(bullets("Why older homes are different", "x"), bullets("Running costs", "y"),
                bullets("Radiators and pipework", "z"))
    manifest = {"warnings": [{"code": "content_dropped", "where": "plan",
                              "detail": "left out to fit: the section 'Choosing the unit'"}]}
    assert sections_covered(Render(case(sections=SECTIONS), "slides", plan, manifest))[:2] == (4, 4)
    other = {"warnings": [{"code": "text_overflow", "where": "slide 3", "detail": "Choosing the unit"}]}
    assert sections_covered(Render(case(sections=SECTIONS), "slides", plan, other))[:2] == (3, 4)


CELLS = ["Owner", "Task", "Due", "Tom Becker", "Explain the replica lag alarms", "7 March"]


def test_cells_kept_finds_a_table_kept_whole_and_misses_a_dropped_column() -> None:
    whole = deck({"layout": "table", "title": "Action items",
                  "table": {"columns": ["Owner", "Task", "Due"],
                            "rows": [["Tom Becker", "Explain the replica lag alarms", "7 March"]]}})
    no_due = deck({"layout": "table", "title": "Action items",
                   "table": {"columns": ["Owner", "Task"], "rows": [["Tom Becker", "Explain the replica lag alarms"]]}})
    assert cells_kept(Render(case(table_cells=CELLS), "slides", whole)) == (6, 6, [])
    assert cells_kept(Render(case(table_cells=CELLS), "slides", no_due)) == (4, 6, ["Due", "7 March"])


def test_cells_kept_accepts_numbers_kept_in_a_chart() -> None:
    chart = deck({"layout": "chart", "title": "Tickets by channel",
                  "chart": {"kind": "bar", "categories": ["Email", "Chat"],
                            "series": [{"name": "Share", "values": [0.5, 0.35]}, {"name": "Tickets",
                                                                                  "values": [9200, 6440]}]}})
    c = case(table_cells=["Email", "Chat", "9,200", "6,440", "50%", "35%", "3.8 h"])
    assert cells_kept(Render(c, "slides", chart)) == (6, 7, ["3.8 h"])


# ---- titles -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("prompt, title, reason", [
    ("Make an infographic of this process", "N infographic of this process", "eaten article"),
    ("Sales review slides", "Sales review slides", "names the form"),
    ("這個流程", "這個流程", "only request words"),
    ("Flow", "Flow", "only request words"),
    ("Draw how a pull request gets merged: open PR -> CI runs -> review -> merge -> deploy to staging",
     "How a pull request gets merged: open PR -> CI runs -> review -> merge -> deploy to staging", "the whole prompt"),
])
def test_request_echo_titles_are_caught(prompt: str, title: str, reason: str) -> None:
    found = request_echo(Render(case(prompt), "infographic", info(title=title)))
    assert found is not None and found.code == f"echo:{reason}"


def test_a_title_made_of_the_prompt_when_the_source_has_its_own_is_an_echo() -> None:
    c = case("這份年度報告的重點整理", lang="zh", title=["市立圖書館 2025 年度服務報告"])
    assert request_echo(Render(c, "infographic", info(title="年度報告"))).code == \
        "echo:made of the prompt, not the material"
    assert request_echo(Render(c, "infographic", info(title="市立圖書館 2025 年度服務報告"))) is None


@pytest.mark.parametrize("prompt, title", [
    ("Make an infographic of this process", "How a change reaches production"),
    ("這個流程", "員工請假流程"),
    ("Explain how vaccines train the immune system", "How vaccines train the immune system"),
    ("Sales review slides", "Q3 sales by region"),
])
def test_titles_from_the_material_or_the_subject_pass(prompt: str, title: str) -> None:
    assert request_echo(Render(case(prompt), "infographic", info(title=title))) is None


# ---- layouts and mind maps ----------------------------------------------------------------------------------------

def test_layouts_count_distinct_content_layouts_of_a_deck_and_of_an_infographic() -> None:
    plan = deck(bullets("A", "a"), bullets("B", "b"), stat_slide(("22%", "bill")),
                {"layout": "closing", "title": "Thanks", "bullets": []})
    assert layouts(Render(case(), "slides", plan)) == {"distinct": 2, "count": 3, "kinds": ["bullets", "stat"],
                                                       "bullets_share": 2 / 3}
    page = info({"kind": "list", "items": [{"text": "a"}]}, {"kind": "list", "items": [{"text": "b"}]},
                {"kind": "steps", "steps": [{"title": "x"}, {"title": "y"}]})
    assert layouts(Render(case(), "infographic", page))["distinct"] == 2


def test_branches_counts_empty_branches_of_a_documents_mind_map(tmp_path: Path) -> None:
    c = doc_case(tmp_path)
    nodes = [("c", "Heat pumps", "round"), ("a", "Why older homes differ", "round"), ("b", "Running costs", "round"),
             ("a1", "Solid walls lose heat faster", "box")]
    plan = board(nodes, [("c", "a", None), ("c", "b", None), ("a", "a1", None)], kind="mindmap")
    assert branches(Render(c, "whiteboard", plan)) == {"branches": 2, "empty": 1}
    nodes.append(("b1", "SCOP of 3.4", "box"))
    full = board(nodes, [("c", "a", None), ("c", "b", None), ("a", "a1", None), ("b", "b1", None)], kind="mindmap")
    assert branches(Render(c, "whiteboard", full)) == {"branches": 2, "empty": 0}


# ---- structure ----------------------------------------------------------------------------------------------------

CHAIN = ["open PR", "CI runs", "review", "merge", "deploy to staging"]


def test_an_arrow_chain_drawn_as_connected_nodes_passes_and_a_scaffold_fails() -> None:
    c = case("Draw how a pull request gets merged: open PR -> CI runs -> review -> merge -> deploy to staging",
             shape={"chain": CHAIN})
    ids = [f"n{i}" for i in range(len(CHAIN))]
    good = board([(i, s, "box") for i, s in zip(ids, CHAIN)], [(a, b, None) for a, b in zip(ids, ids[1:])])
    assert structure(Render(c, "whiteboard", good)) == (True, [])
    scaffold = board([("n1", " -> ".join(CHAIN), "round"), ("n2", "Goals", "round"), ("n3", "Steps", "round")],
                     [("n1", "n2", None), ("n1", "n3", None)], kind="mindmap")
    ok, problems = structure(Render(c, "whiteboard", scaffold))
    assert not ok and "no node for 'CI runs'" in problems[0]


def test_a_chain_in_a_deck_needs_each_step_in_its_own_point_in_order() -> None:
    c = case("steps", shape={"chain": CHAIN})
    good = deck(bullets("How a change is merged", *CHAIN))
    one_line = deck(bullets("How a change is merged", " -> ".join(CHAIN)))
    shuffled = deck(bullets("How a change is merged", *reversed(CHAIN)))
    assert structure(Render(c, "slides", good)) == (True, [])
    assert structure(Render(c, "slides", one_line))[0] is False
    assert structure(Render(c, "slides", shuffled))[0] is False


def test_conditions_need_labelled_decisions_and_a_loop_back() -> None:
    c = case("process", shape={"decisions": 1, "loop": True})
    straight = board([("a", "CI runs", "box"), ("b", "If CI fails, push a fix and CI runs again", "box"),
                      ("c", "Review", "box")], [("a", "b", None), ("b", "c", None)])
    ok, problems = structure(Render(c, "whiteboard", straight))
    assert not ok and any("decision" in p for p in problems) and "no loop back" in problems
    branched = board([("a", "CI runs", "box"), ("b", "CI passes?", "decision"), ("f", "Push a fix", "box"),
                      ("c", "Review", "box")],
                     [("a", "b", None), ("b", "c", "yes"), ("b", "f", "no"), ("f", "a", None)])
    assert structure(Render(c, "whiteboard", branched)) == (True, [])


def test_dates_typed_in_the_prompt_must_be_shown() -> None:
    c = case("Release timeline: 10 March beta, 2 April public launch", shape={"dates": ["10 March", "2 April"]})
    plan = info({"kind": "timeline", "events": [{"date": "10 March", "title": "Beta"},
                                                {"date": "April", "title": "Public launch"}]})
    assert structure(Render(c, "infographic", plan)) == (False, ["date '2 April' missing"])


def test_structure_is_not_asked_of_modalities_it_does_not_apply_to() -> None:
    c = case("process", shape={"decisions": 1, "loop": True})
    assert structure(Render(c, "slides", deck(bullets("A", "b")))) is None


# ---- outlines for bare prompts ------------------------------------------------------------------------------------

def test_an_explain_how_prompt_needs_what_parts_and_how_headings_not_a_generic_scaffold() -> None:
    c = case("How does a heat pump work?", forbidden=["Next steps", "matters now"],
             shape={"headings_any": [["what"], ["part", "component"], ["how it works", "step"]],
                    "marked_outline": True})
    scaffolded = {"warnings": [{"code": "scaffold", "where": "plan", "detail": "outline"}]}
    generic = deck(bullets("Why it matters", "Why How does a heat pump work? matters now"),
                   bullets("Next steps", "Recommended actions"))
    ok, problems = kind_shape(Render(c, "slides", generic, scaffolded))
    assert not ok and "says 'Next steps'" in problems and "says 'matters now'" in problems
    shaped = deck(bullets("What a heat pump is", "(add)"), bullets("Its parts", "(add)"),
                  bullets("How it works, step by step", "(add)"))
    assert kind_shape(Render(c, "slides", shaped, scaffolded)) == (True, [])
    assert kind_shape(Render(c, "slides", shaped)) == (False, ["not marked as an outline (no scaffold warning)"])


def test_a_comparison_prompt_needs_its_subjects_as_columns() -> None:
    c = case("Compare PostgreSQL and MongoDB", shape={"columns": [["PostgreSQL"], ["MongoDB"]]})
    columns = deck({"layout": "two_column", "title": "PostgreSQL or MongoDB",
                    "columns": [{"heading": "PostgreSQL", "bullets": [{"text": "(add)"}]},
                                {"heading": "MongoDB", "bullets": [{"text": "(add)"}]}]})
    assert kind_shape(Render(c, "slides", columns)) == (True, [])
    no_columns = deck(bullets("Compare PostgreSQL and MongoDB", "Key points"))
    assert kind_shape(Render(c, "slides", no_columns))[0] is False


def test_a_trip_needs_its_days() -> None:
    c = case("Plan a 3-day trip to Kyoto", shape={"count": {"regex": r"(?i)\bday\s*[123]\b", "min": 3}})
    assert kind_shape(Render(c, "slides", deck(bullets("Day 1", "a"), bullets("Day 2", "b"), bullets("Day 3", "c"))))[0]
    assert not kind_shape(Render(c, "slides", deck(bullets("Itinerary", "Places to see"))))[0]


def test_a_timer_prompt_needs_a_countdown_not_a_checklist() -> None:
    c = case("Pomodoro timer", shape={"widget_kinds": ["countdown", "timer"]})
    checklist = {"modality": "widget", "title": "Pomodoro timer",
                 "widget": {"kind": "checklist", "items": [{"text": "Paste a document"}]}}
    countdown = {"modality": "widget", "title": "Pomodoro timer",
                 "widget": {"kind": "countdown", "target": "2027-01-01T09:25:00", "label": "Break"}}
    assert kind_shape(Render(c, "widget", checklist))[0] is False
    assert kind_shape(Render(c, "widget", countdown)) == (True, [])


def test_kind_shape_is_for_bare_prompts_only(tmp_path: Path) -> None:
    assert kind_shape(Render(doc_case(tmp_path, shape={"marked_outline": True}), "slides", deck())) is None


# ---- fidelity -----------------------------------------------------------------------------------------------------

def test_fidelity_catches_a_changed_case_and_passes_the_exact_term() -> None:
    c = case(exact_terms=["eBPF"])
    assert codes(fidelity(Render(c, "slides", deck(bullets("What EBPF is", "x"))))) == ["case"]
    assert fidelity(Render(c, "slides", deck(bullets("What eBPF is", "eBPF programs run in the kernel")))) == []


def test_fidelity_catches_merged_header_lines(tmp_path: Path) -> None:
    c = doc_case(tmp_path, forbidden=["李建國記錄：張雅婷", "記錄：李建國出席"])
    merged = deck(subtitle="記錄：李建國出席：張雅婷、王大明")
    kept = deck(subtitle="記錄：李建國；出席：張雅婷、王大明")
    assert codes(fidelity(Render(c, "slides", merged))) == ["forbidden"]
    assert fidelity(Render(c, "slides", kept)) == []


def test_fidelity_catches_numbered_recommendations_that_lost_their_numbers() -> None:
    c = case(numbered=["Start with existing tools", "Pin the kernel version"])
    lost = deck(bullets("Recommendations", "Start with existing tools (bpftrace, BCC)", "Pin the kernel version"))
    kept = deck(bullets("Recommendations", "1. Start with existing tools (bpftrace, BCC)", "2. Pin the kernel version"))
    steps = info({"kind": "steps",
                  "steps": [{"title": "Start with existing tools"}, {"title": "Pin the kernel version"}]})
    assert codes(fidelity(Render(c, "slides", lost))) == ["number_lost", "number_lost"]
    assert fidelity(Render(c, "slides", kept)) == []
    assert fidelity(Render(c, "infographic", steps)) == []


# ---- all together -------------------------------------------------------------------------------------------------

def test_measure_reports_every_measure_of_a_faithful_render_as_clean() -> None:
    c = case(sections=[["Running costs"]], table_cells=[], **HEAT)
    plan = deck(bullets("Running costs", "The heating bill fell by 22% in the first winter."),
                stat_slide(("22%", "Lower heating bill")))
    m = measure(Render(c, "slides", plan, {"warnings": [], "timings_ms": {"total": 120.0}}, seconds=0.12))
    assert (m["leaks"], m["stats"], m["cuts"], m["mid_phrase"], m["fidelity"], m["echo"]) == ([], [], [], [], [], None)
    assert m["sections"] == {"found": 1, "total": 1, "missing": []}
    assert m["layouts"]["kinds"] == ["bullets", "stat"]


def test_a_counting_word_opening_the_label_is_no_cut_and_a_url_number_is_never_stated() -> None:
    c = case(quantities=[Quantity("1,800", 1800, "responses", "1,800 responses received"),
                         Quantity("2 度", 2, "度", "降低約 2 到 3 度")])
    assert cuts(Render(c, "slides", deck(stat_slide(("1,800", "Responses received"))))) == []
    url = deck(stat_slide(("2m", "//example.tw/cool-city?fbclid=IwAR3Fq9Lk2m")))
    assert codes(stat_findings(Render(c, "slides", url))) == ["invented:url"]


def test_mermaid_comments_are_leaks_not_number_cuts_and_a_leading_article_is_no_echo() -> None:
    r = Render(case(), "slides", deck(bullets("Notes", "%% Planning notes for the community garden")))
    assert codes(leaks(r)) == ["mermaid"] and cuts(r) == []
    assert request_echo(Render(case("Draw it"), "image", {"title": "A lighthouse at dawn"})) is None


def test_a_section_inside_raw_source_pasted_into_the_notes_is_not_covered() -> None:
    c = case(sections=[["Pick and pack"], ["Call customer"]])
    raw = deck(bullets("Orders", "Order fulfilment",
                       notes="flowchart TD\n N1 --> N2[Pick and pack]\n N2 --> N3[Call customer]"))
    read = deck(bullets("Orders", "Pick and pack", notes="If the address is not valid: Call customer"))
    assert sections_covered(Render(c, "slides", raw))[:2] == (0, 2)
    assert sections_covered(Render(c, "slides", read))[:2] == (2, 2)


def test_the_title_taken_from_the_prompt_is_no_heading_of_the_outline() -> None:
    c = case("熱泵是怎麼運作的？", lang="zh", shape={"headings_any": [["運作", "原理"]]})
    assert kind_shape(Render(c, "slides", deck(bullets("背景", "x"), title="熱泵是怎麼運作的？")))[0] is False
    assert kind_shape(Render(c, "slides", deck(bullets("運作原理", "x"), title="熱泵")))[0] is True

"""The LLM planner against a scripted OpenAI-compatible server on 127.0.0.1: routing, the request it sends,
answer formats, long material, outline-first decks, and cancellation."""

from __future__ import annotations

import json
import re
import threading

import pytest

from modalities.registry import specs
from models import prompts
from models.planners.base import Cancelled, PlanRequest
from models.planners.llm import ChatClient, LLMConfig, LLMPlanner
from models.planners.llm.budget import estimate_tokens
from renderers.plan import TableData
from tests.conftest import FIXTURES, load_plan_dict
from tests.fakes.openai_compatible import FakeOpenAI, Reply


def planner(llm: FakeOpenAI, events: list | None = None, cancel=None, **config) -> LLMPlanner:
    cfg = LLMConfig(base_url=llm.base_url, max_retries=0, timeout_s=10, **config)
    progress = (lambda e, d: events.append((e, d))) if events is not None else None
    return LLMPlanner(ChatClient(cfg), specs(), progress=progress, cancel=cancel)


def route_reply(modality: str, rationale: str = "it fits", alternatives=("infographic",)) -> Reply:
    return Reply(json.dumps({"modality": modality, "rationale": rationale, "alternatives": list(alternatives)}))


def schema_name(body: dict) -> str | None:
    fmt = body.get("response_format") or {}
    return (fmt.get("json_schema") or {}).get("name")


def document_of(message: str) -> str:
    m = re.search(r"<document>\n(.*?)\n</document>", message, re.S)
    return m.group(1) if m else ""


def test_the_model_routes_and_writes_the_plan():
    plan = load_plan_dict("whiteboard")
    with FakeOpenAI([route_reply("whiteboard", "a process is best drawn", ["slides", "slides", "image"]),
                     Reply(json.dumps(plan))]) as llm:
        events: list = []
        result = planner(llm, events).plan(PlanRequest(prompt="How does a pull request get merged?"))
    assert result.planner == "llm" and result.model == "fake-model"
    assert result.plan.modality == "whiteboard" and result.plan.title == plan["title"]
    assert result.rationale == "a process is best drawn"
    assert result.alternatives == ["slides", "image"]  # repeats dropped, two kept
    assert result.prompt_version == planner(llm).prompt_version() and result.warnings == []
    assert result.prompt_version.startswith(prompts.VERSION + "+")
    route_request, plan_request = llm.requests
    assert schema_name(route_request) == "atelier_route"
    assert schema_name(plan_request) == "atelier_whiteboard_plan"
    assert plan_request["response_format"]["json_schema"]["schema"]["properties"]["kind"]
    assert "How does a pull request get merged?" in llm.user_messages()[1]
    assert [e for e, _ in events][:2] == ["route", "route"]
    assert events[1][1] == {"status": "done", "modality": "whiteboard", "rationale": "a process is best drawn",
                            "alternatives": ["slides", "image"], "by": "llm"}


def test_a_fixed_modality_skips_routing_and_the_request_carries_schema_and_content():
    content = (FIXTURES / "en_article.md").read_text(encoding="utf-8")
    with FakeOpenAI([Reply(json.dumps(load_plan_dict("infographic")))]) as llm:
        result = planner(llm).plan(PlanRequest(prompt="One page please", content=content,
                                               modality="infographic"))
        assert result.plan.modality == "infographic"
        assert len(llm.requests) == 1
        body = llm.requests[0]
        assert body["model"] == "fake-model" and body["messages"][0]["role"] == "system"
        message = llm.user_messages()[0]
        assert document_of(message).strip() == content.strip()  # fits the budget: sent whole
        assert '"blocks"' in message  # the schema in the prompt, for servers that do not show it to the model
        assert body["response_format"]["type"] == "json_schema"
        assert llm.headers[0]["authorization"] == "Bearer not-needed"


def test_a_long_document_is_condensed_within_the_budget():
    article = (FIXTURES / "en_article.md").read_text(encoding="utf-8")
    content = "\n\n".join(f"## Part {i}\n\n{article}" for i in range(40))
    budget = 1500
    assert estimate_tokens(content) > 4 * budget

    def script(body: dict) -> Reply:
        if schema_name(body) == "atelier_infographic_plan":
            return Reply(json.dumps(load_plan_dict("infographic")))
        part = re.search(r"Condense part (\d+)", body["messages"][-1]["content"]).group(1)
        return Reply(f"## Notes {part}\n\n- Remote teams write things down.\n- Meetings shrink by 30%.")

    with FakeOpenAI(script) as llm:
        events: list = []
        result = planner(llm, events, input_tokens=budget).plan(
            PlanRequest(prompt="Summarise this", content=content, modality="infographic"))
        assert result.planner == "llm"
        condense_calls = [r for r in llm.requests if "response_format" not in r]
        assert len(condense_calls) >= 4
        for call in condense_calls:  # each chunk within the budget too
            assert estimate_tokens(document_of(call["messages"][-1]["content"])) <= budget
        plan_message = llm.user_messages()[-1]
        sent = document_of(plan_message)
        assert "Notes 1" in sent and f"Notes {len(condense_calls)}" in sent
        assert estimate_tokens(sent) <= budget
        assert "condensed to fit" in plan_message
    progress = [d for e, d in events if d.get("status") == "condensing"]
    assert progress[-1]["done"] == progress[-1]["total"] == len(condense_calls)


def test_a_large_table_is_cut_to_the_budget_and_the_model_is_told():
    table = TableData(columns=["month", "sales"], rows=[[f"m{i}", i * 10] for i in range(1500)])
    answer = {"modality": "widget", "title": "Sales", "widget": {"kind": "table", "table": {
        "columns": ["month", "sales"], "rows": [["m0", 0], ["m1", 10]]}}}
    with FakeOpenAI([Reply(json.dumps(answer))]) as llm:
        result = planner(llm, input_tokens=1000).plan(PlanRequest(prompt="A sortable table", data=table,
                                                                  modality="widget"))
        message = llm.user_messages()[0]
    shown = re.search(r"the first (\d+) of 1500 rows", message)
    assert shown and 10 < int(shown.group(1)) < 1500
    assert estimate_tokens(re.search(r"<data>\n(.*?)\n</data>", message, re.S).group(1)) <= 1000
    # The model saw a sample; the widget shows the user's whole table.
    assert len(result.plan.widget.table.rows) == 1500


def test_a_server_without_json_schema_support_gets_json_mode_from_then_on():
    plan = json.dumps(load_plan_dict("image"))
    with FakeOpenAI([Reply(plan, refuse_formats=("json_schema",)), Reply(plan, refuse_formats=("json_schema",)),
                     Reply(plan, refuse_formats=("json_schema",))]) as llm:
        p = planner(llm)
        first = p.plan(PlanRequest(prompt="a lighthouse", modality="image"))
        second = p.plan(PlanRequest(prompt="a lighthouse", modality="image"))
        formats = [r["response_format"]["type"] for r in llm.requests]
    assert first.planner == second.planner == "llm"
    assert formats == ["json_schema", "json_object", "json_object"]


def test_a_long_deck_is_outlined_then_written_slide_by_slide():
    layouts = ["title", "bullets", "section", "chart", "two_column", "stat", "bullets", "quote", "table",
               "bullets", "image", "bullets", "stat", "bullets", "closing"]
    outline = {"title": "Tea", "language": "en", "slides": [
        {"layout": layout, "title": f"Slide {i + 1}", "brief": f"Facts for slide {i + 1}. Tea is brewed hot."}
        for i, layout in enumerate(layouts)]}
    bodies = {
        "bullets": {"bullets": [{"text": "Point one"}, {"text": "Point two"}]},
        "chart": {"chart": {"kind": "column", "categories": ["a", "b"], "series": [{"name": "s", "values": [0, 0]}]}},
        "two_column": {"columns": [{"heading": "A", "bullets": [{"text": "x"}]},
                                   {"heading": "B", "bullets": [{"text": "y"}]}]},
        "stat": {"stats": [{"value": "42%", "label": "share"}]},
        "quote": {"quote": "Tea is liquid wisdom", "attribution": "Anon"},
        "table": {"table": {"columns": ["a", "b"], "rows": [["1", 2]]}},
        "image": {"image": {"prompt": "a teapot on a table", "alt": "a teapot"}},
        "closing": {"bullets": [{"text": "Drink tea"}]},
    }
    lock = threading.Lock()
    slide_calls: list[str] = []

    def script(body: dict) -> Reply:
        name = schema_name(body)
        if name == "atelier_deck_outline":
            return Reply(json.dumps(outline))
        layout = name.removeprefix("atelier_slide_")
        number = int(re.search(r"Write slide (\d+) of", body["messages"][1]["content"]).group(1))
        with lock:
            slide_calls.append(layout)
        titled = {} if layout == "quote" else {"title": f"Slide {number}"}
        return Reply(json.dumps({"layout": layout, **titled, **bodies[layout]}))

    with FakeOpenAI(script) as llm:
        events: list = []
        result = planner(llm, events, parallel=4).plan(
            PlanRequest(prompt="Make a 15-slide deck about tea", modality="slides"))
    plan = result.plan
    assert [s.layout for s in plan.slides] == layouts[:3] + ["bullets"] + layouts[4:]
    assert [getattr(s, "title", None) for s in plan.slides][1:] == [
        f"Slide {i}" if layouts[i - 1] != "quote" else None for i in range(2, 16)]
    # Title and section slides come from the outline; every other slide is its own call.
    assert sorted(slide_calls) == sorted([*(x for x in layouts if x not in ("title", "section")), "chart"])
    # The chart's values were all zero twice: that slide shows its brief, and the user is told which slide.
    fallback = [w for w in result.warnings if w.code == "planner_fallback"]
    assert [w.where for w in fallback] == ["slide 4"] and "every value is 0" in fallback[0].detail
    assert plan.slides[3].layout == "bullets" and plan.slides[3].bullets[0].text.startswith("Facts for slide 4")
    done = [d for e, d in events if d.get("stage") == "slides"]
    assert done[-1]["done"] == done[-1]["total"] == 15


def test_cancelling_stops_the_model_mid_answer():
    plan = json.dumps(load_plan_dict("slides"))
    cancel = threading.Event()
    with FakeOpenAI([Reply(plan, pieces=200, piece_delay_s=0.05)]) as llm:
        def progress(event, data):
            if data.get("status") == "writing" and data.get("chars"):
                cancel.set()

        p = LLMPlanner(ChatClient(LLMConfig(base_url=llm.base_url, max_retries=0)), specs(),
                       progress=progress, cancel=cancel)
        with pytest.raises(Cancelled):
            p.plan(PlanRequest(prompt="slides", modality="slides"))
        # The HTTP stream was closed, so the server stops generating instead of finishing for no one.
        assert llm.disconnected.wait(10)


def test_no_model_named_and_several_served_falls_back_with_the_fix():
    with FakeOpenAI([], models=("llama3", "qwen2.5")) as llm:
        result = planner(llm).plan(PlanRequest(prompt="Slides about tea", modality="slides"))
    assert result.planner == "offline"
    detail = result.warnings[0].detail
    assert "ATELIER_LLM_MODEL" in detail and "llama3, qwen2.5" in detail
    assert llm.requests == []

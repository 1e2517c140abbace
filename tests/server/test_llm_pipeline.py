"""What a user gets from `planner: llm` for each way a model answers or fails: the render and its warnings.

Each case runs the real pipeline (plan, render, write the files) against a scripted OpenAI-compatible server on
127.0.0.1, and opens the deck it wrote.
"""

from __future__ import annotations

import copy
import json

import pytest
from pptx import Presentation

from server.errors import UserError
from server.pipeline import RenderRequest
from server.settings import Settings
from tests.conftest import FIXTURES, load_plan_dict, render_request
from tests.fakes.openai_compatible import FakeOpenAI, Reply

pytestmark = pytest.mark.slow  # waits out a fake model server's timeouts and retries

ARTICLE = (FIXTURES / "en_article.md").read_text(encoding="utf-8")
PLAN = {"modality": "slides", "title": "Remote work, three years on", "language": "en", "slides": [
    {"layout": "title", "title": "Remote work, three years on", "subtitle": "What changed for office teams"},
    {"layout": "bullets", "title": "What teams learned", "bullets": [
        {"text": "Write decisions down"}, {"text": "Agree on core hours"}, {"text": "Invest in onboarding"}]},
    {"layout": "closing", "title": "Takeaways", "bullets": [{"text": "Fewer, better meetings"}]},
]}
PLAN_JSON = json.dumps(PLAN, ensure_ascii=False, indent=2)


def settings_for(llm: FakeOpenAI, tmp_path, **extra) -> Settings:
    values = {"data_dir": tmp_path / "data", "llm_base_url": llm.base_url, "llm_max_retries": 0,
              "llm_timeout_s": 2, **extra}
    return Settings(**values)


def render(llm: FakeOpenAI, tmp_path, modality: str | None = "slides", prompt: str = "Slides for the team",
           content: str = ARTICLE, **extra):
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    req = RenderRequest(prompt=prompt, content=content, modality=modality)
    manifest = render_request(req, out, settings_for(llm, tmp_path, **extra))
    return manifest, out


def deck_text(out) -> str:
    prs = Presentation(str(out / "deck.pptx"))
    return "\n".join(sh.text_frame.text for slide in prs.slides for sh in slide.shapes if sh.has_text_frame)


def fallback_warnings(manifest):
    return [w for w in manifest.warnings if w.code == "planner_fallback"]


def assert_model_wrote_it(manifest, out):
    assert manifest.planner.name == "llm" and manifest.planner.model == "fake-model"
    assert fallback_warnings(manifest) == []
    text = deck_text(out)
    assert "What teams learned" in text and "Agree on core hours" in text
    assert manifest.details["slide_count"] == 3


@pytest.mark.parametrize("stream", [False, True])
def test_a_valid_plan_is_rendered_as_written(tmp_path, stream):
    with FakeOpenAI([Reply(PLAN_JSON)]) as llm:
        manifest, out = render(llm, tmp_path, llm_stream=stream)
        assert llm.requests[0].get("stream", False) is stream
    assert_model_wrote_it(manifest, out)
    assert manifest.planner.autonomy == "content" and manifest.planner.prompt_version
    assert json.loads((out / "plan.json").read_text(encoding="utf-8"))["slides"][1]["title"] == "What teams learned"


def test_a_plan_in_a_fence_after_reasoning(tmp_path):
    answer = ("<think>The user wants a deck. Three slides: {title}, points, close.</think>\n"
              f"Here is the deck plan:\n\n```json\n{PLAN_JSON}\n```\nEnjoy!")
    with FakeOpenAI([Reply(answer, pieces=20)]) as llm:
        manifest, out = render(llm, tmp_path)
    assert_model_wrote_it(manifest, out)


def test_trailing_commas_and_an_extra_brace(tmp_path):
    broken = PLAN_JSON.replace('"Invest in onboarding"\n        }', '"Invest in onboarding",\n        },')
    broken = broken.replace("\n  ]\n}", ",\n  ],\n}}")
    assert broken != PLAN_JSON
    with pytest.raises(json.JSONDecodeError):
        json.loads(broken)
    with FakeOpenAI([Reply(broken)]) as llm:
        manifest, out = render(llm, tmp_path)
    assert_model_wrote_it(manifest, out)


def test_a_schema_violation_is_fixed_by_the_repair_round(tmp_path):
    bad = copy.deepcopy(PLAN)
    bad["slides"][1]["bullets"] = []
    bad["slides"][2]["footer"] = "extra"
    with FakeOpenAI([Reply(json.dumps(bad)), Reply(PLAN_JSON)]) as llm:
        events: list = []
        out = tmp_path / "out"
        out.mkdir()
        manifest = render_request(RenderRequest(prompt="Slides", content=ARTICLE, modality="slides"), out,
                                  settings_for(llm, tmp_path), progress=lambda e, d: events.append((e, d)))
        repair = llm.user_messages()[1]
        # The model is shown its answer and told exactly what is wrong.
        assert llm.requests[1]["messages"][-2] == {"role": "assistant", "content": json.dumps(bad)}
    assert "slides.1.bullets: List should have at least 1 item" in repair
    assert "slides.2.footer: this field is not in the schema" in repair
    assert_model_wrote_it(manifest, out)
    assert [d["status"] for e, d in events if e == "plan"].count("repairing") == 1


def test_a_plan_that_validates_but_would_render_badly_is_repaired(tmp_path):
    bad = copy.deepcopy(PLAN)
    bad["slides"][1] = {"layout": "chart", "title": "Meetings", "chart": {
        "kind": "column", "categories": ["2022", "2023"], "series": [{"name": "hours", "values": [0, 0]}]}}
    bad["slides"].append(copy.deepcopy(bad["slides"][2]))
    with FakeOpenAI([Reply(json.dumps(bad)), Reply(PLAN_JSON)]) as llm:
        manifest, out = render(llm, tmp_path)
        repair = llm.user_messages()[1]
    assert "slides.1.chart: every value is 0" in repair
    assert "slides.3: repeats slide 2" in repair
    assert_model_wrote_it(manifest, out)


def test_a_plan_that_stays_invalid_falls_back_to_the_offline_planner(tmp_path):
    bad = copy.deepcopy(PLAN)
    bad["slides"] = [{"layout": "title", "title": "string"}]
    with FakeOpenAI([Reply(json.dumps(bad)), Reply(json.dumps(bad))]) as llm:
        manifest, out = render(llm, tmp_path)
    assert manifest.planner.name == "offline" and manifest.modality == "slides"
    (warning,) = fallback_warnings(manifest)
    assert "still invalid after a repair round" in warning.detail and "placeholder" in warning.detail
    # The user still gets a real deck from their own document.
    assert "Remote work" in deck_text(out) and manifest.details["slide_count"] >= 3


@pytest.mark.parametrize("reply, cause", [
    (Reply(PLAN_JSON, delay_s=4), "did not answer within 2 s"),
    (Reply(status=500), "HTTP 500"),
    (Reply(PLAN_JSON, drop=True, pieces=10), "dropped mid-answer"),
])
def test_server_failures_fall_back_with_the_cause(tmp_path, reply, cause):
    with FakeOpenAI([reply]) as llm:
        manifest, out = render(llm, tmp_path)
    (warning,) = fallback_warnings(manifest)
    assert cause in warning.detail
    assert manifest.planner.name == "offline" and (out / "deck.pptx").is_file()


def test_a_connection_refused_falls_back(tmp_path):
    with FakeOpenAI([]) as llm:
        url = llm.base_url
    settings = Settings(data_dir=tmp_path / "d", llm_base_url=url, llm_max_retries=0, llm_timeout_s=2,
                        llm_model="m")
    out = tmp_path / "out"
    out.mkdir()
    manifest = render_request(RenderRequest(prompt="Slides", content=ARTICLE, modality="slides"), out, settings)
    (warning,) = fallback_warnings(manifest)
    assert f"could not reach the model server at {url}" in warning.detail


def test_a_plain_answer_dropped_is_retried(tmp_path):
    with FakeOpenAI([Reply(status=503), Reply(PLAN_JSON)]) as llm:
        manifest, out = render(llm, tmp_path, llm_max_retries=1, llm_stream=False)
        assert len(llm.requests) == 2
    assert_model_wrote_it(manifest, out)


def test_auto_routes_with_the_model_and_says_so(tmp_path):
    route = json.dumps({"modality": "slides", "rationale": "a team update is presented",
                        "alternatives": ["infographic", "widget"]})
    with FakeOpenAI([Reply(route), Reply(PLAN_JSON)]) as llm:
        manifest, out = render(llm, tmp_path, modality=None)
    assert manifest.planner.rationale == "a team update is presented"
    assert manifest.planner.alternatives == ["infographic", "widget"]
    assert manifest.planner.autonomy == "full"
    assert_model_wrote_it(manifest, out)


def test_a_chinese_request_answered_in_english_is_sent_back(tmp_path):
    zh = (FIXTURES / "zh_article.txt").read_text(encoding="utf-8")
    zh_plan = {"modality": "slides", "title": "遠距工作三年後", "language": "zh-TW", "slides": [
        {"layout": "title", "title": "遠距工作三年後", "subtitle": "辦公室團隊的改變"},
        {"layout": "bullets", "title": "團隊學到的事",
         "bullets": [{"text": "把決策寫下來"}, {"text": "約定核心工作時段"}]}]}
    with FakeOpenAI([Reply(PLAN_JSON), Reply(json.dumps(zh_plan, ensure_ascii=False))]) as llm:
        manifest, out = render(llm, tmp_path, prompt="幫我做成簡報", content=zh)
        assert "Traditional Chinese" in llm.user_messages()[1]
    assert manifest.planner.name == "llm" and fallback_warnings(manifest) == []
    assert "約定核心工作時段" in deck_text(out)
    assert json.loads((out / "plan.json").read_text(encoding="utf-8"))["language"] == "zh-TW"


def test_a_given_plan_never_calls_the_model(tmp_path):
    with FakeOpenAI([]) as llm:
        out = tmp_path / "out"
        out.mkdir()
        manifest = render_request(RenderRequest(plan=load_plan_dict("widget")), out, settings_for(llm, tmp_path))
        assert llm.requests == []
    assert manifest.planner.name == "given" and manifest.planner.autonomy == "none"


def test_planner_choice(tmp_path):
    with FakeOpenAI([]) as llm:
        out = tmp_path / "out"
        out.mkdir()
        forced = render_request(RenderRequest(prompt="Slides", content=ARTICLE, planner="offline"), out,
                                settings_for(llm, tmp_path))
        assert forced.planner.name == "offline" and llm.requests == []
    unconfigured = Settings(data_dir=tmp_path / "d")
    auto = render_request(RenderRequest(prompt="Slides", content=ARTICLE), out, unconfigured)
    assert auto.planner.name == "offline" and auto.warnings == [] or all(
        w.code != "planner_fallback" for w in auto.warnings)
    with pytest.raises(UserError, match="ATELIER_LLM_BASE_URL"):
        render_request(RenderRequest(prompt="Slides", planner="llm"), out, unconfigured)


def test_settings_honour_the_usual_openai_variables(monkeypatch, tmp_path):
    for name in ("ATELIER_LLM_BASE_URL", "ATELIER_LLM_API_KEY", "ATELIER_LLM_MODEL", "OPENAI_BASE_URL",
                 "OPENAI_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-openai")
    # A key exported for other tools does not send documents to a hosted model.
    assert not Settings(data_dir=tmp_path).llm_configured
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    s = Settings(data_dir=tmp_path)
    assert s.llm_configured and s.llm_base_url == "http://127.0.0.1:9/v1"
    assert s.llm_api_key.get_secret_value() == "sk-from-openai" and "sk-from" not in repr(s)
    monkeypatch.setenv("ATELIER_LLM_BASE_URL", "http://127.0.0.1:8/v1")
    monkeypatch.setenv("ATELIER_LLM_API_KEY", "sk-atelier")
    s = Settings(data_dir=tmp_path)
    assert s.llm_base_url == "http://127.0.0.1:8/v1" and s.llm_api_key.get_secret_value() == "sk-atelier"

"""Bad animation plans are refused with a message that says what is wrong and where."""

from __future__ import annotations

import copy

import pytest
from pydantic import ValidationError

from modalities.animation import SPEC
from modalities.animation.timing import schedule

from .plans import flow_scene


def _error(plan: dict) -> str:
    with pytest.raises(ValidationError) as info:
        SPEC.plan.model_validate(plan)
    return str(info.value)


def _steps(steps: list[dict]) -> dict:
    plan = flow_scene()
    plan["scenes"][0]["steps"] = steps
    return plan


def test_the_benchmark_scene_is_valid_and_lasts_ten_seconds():
    plan = SPEC.plan.model_validate(flow_scene())
    scene = plan.scenes[0]
    assert schedule(scene.steps, scene.hold).length == pytest.approx(10.0)


def test_negative_duration_is_named():
    message = _error(_steps([{"targets": ["browser"], "action": "fade", "duration": -1}]))
    assert "scenes.0.steps.0.duration" in message
    assert "a duration cannot be negative (got -1 s)" in message


def test_negative_delay_is_named():
    message = _error(_steps([{"targets": ["browser"], "action": "fade", "delay": -0.5}]))
    assert "a delay cannot be negative" in message


def test_unknown_target_lists_the_scene_elements():
    message = _error(_steps([{"targets": ["browsr"], "action": "draw"}]))
    assert "step 1 (draw) targets 'browsr', which is not an element of this scene" in message
    assert "browser, server, db" in message


def test_overlapping_steps_on_one_property_are_refused_with_the_times():
    message = _error(_steps([
        {"targets": ["browser"], "action": "fade"},
        {"targets": ["browser"], "action": "move", "to": "right", "duration": 1.0},
        {"targets": ["browser"], "action": "move", "to": "left", "start": "with_previous", "delay": 0.5},
    ]))
    assert "step 3 (move) overlaps step 2 between 1.10 s and 1.60 s" in message
    assert "position of 'browser'" in message


def test_steps_on_different_properties_may_run_together():
    plan = SPEC.plan.model_validate(_steps([
        {"targets": ["browser"], "action": "fade"},
        {"targets": ["browser"], "action": "move", "to": "right"},
        {"targets": ["browser"], "action": "recolour", "color": "accent", "start": "with_previous"},
    ]))
    timing = schedule(plan.scenes[0].steps, 0)
    assert timing.steps[1].start == timing.steps[2].start == pytest.approx(0.6)


def test_acting_after_an_exit_and_entering_twice_are_refused():
    assert "left the scene at step 1" in _error(_steps([
        {"targets": ["db"], "action": "exit"}, {"targets": ["db"], "action": "pulse"}]))
    assert "'db' already entered at step 1" in _error(_steps([
        {"targets": ["db"], "action": "fade"}, {"targets": ["db"], "action": "draw"}]))


def test_connector_to_a_missing_element_and_duplicate_ids():
    plan = flow_scene()
    plan["scenes"][0]["elements"].append({"kind": "connector", "id": "a3", "source": "db", "target": "cache"})
    assert "connector 'a3' joins 'cache', which is not an element of this scene" in _error(plan)
    plan = flow_scene()
    plan["scenes"][0]["elements"].append({"kind": "text", "id": "db", "text": "again"})
    assert "id 'db' is used twice" in _error(plan)


def test_count_needs_a_number_and_move_needs_a_place():
    assert "only numbers count up, and 'db' is a shape" in _error(_steps([{"targets": ["db"], "action": "count"}]))
    assert "move to 'nowhere'" in _error(_steps([{"targets": ["db"], "action": "move", "to": "nowhere"}]))


def test_start_rules_follow_powerpoint():
    plan = SPEC.plan.model_validate(_steps([
        {"targets": ["browser"], "action": "fade", "duration": 1.0},
        {"targets": ["server"], "action": "fade", "start": "with_previous", "delay": 0.5, "duration": 1.0},
        {"targets": ["db"], "action": "fade", "duration": 0.5},
        {"targets": ["a1"], "action": "draw", "start": "on_click", "duration": 0.5},
    ]))
    t = schedule(plan.scenes[0].steps, 0).steps
    assert [round(s.start, 2) for s in t] == [0.0, 0.5, 1.5, 2.0]  # after_previous waits for the longest
    assert [s.click for s in t] == [0, 0, 0, 1] and [s.group for s in t] == [0, 0, 1, 0]


def test_narration_stretches_the_scene():
    plan = SPEC.plan.model_validate(_steps([
        {"targets": ["browser"], "action": "fade", "duration": 0.5, "narration": "First sentence."},
        {"targets": ["server"], "action": "fade", "duration": 0.5, "narration": "Second sentence."},
    ]))
    steps = plan.scenes[0].steps
    timing = schedule(steps, 1.0, {0: 3.0, 1: 2.0})
    assert timing.steps[1].start == pytest.approx(3.25)  # waits for the first sentence and a short pause
    assert timing.length == pytest.approx(3.25 + 2.0 + 1.0)


def test_quality_check_names_problems_a_valid_plan_still_has():
    plan = copy.deepcopy(flow_scene())
    plan["scenes"][0]["steps"].insert(-1, {"targets": ["server"], "action": "pulse", "duration": 0.1})
    problems = SPEC.check(SPEC.plan.model_validate(plan))
    assert any("too quick to see" in p for p in problems)
    assert SPEC.check(SPEC.plan.model_validate(flow_scene())) == []


def test_spec_is_light_to_import_and_describes_the_modality():
    import subprocess
    import sys

    code = ("import sys, modalities.animation as m; print(m.SPEC.name, 'skia' in sys.modules, 'av' in sys.modules, "
            "','.join(m.SPEC.formats))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[:3] == ["animation", "False", "False"]
    assert out[3].split(",")[:3] == ["mp4", "webm", "gif"]
    assert SPEC.embed.viewer == "video" and SPEC.card == "video"
    assert SPEC.file_kind("animation.mp4").role == "primary"
    assert SPEC.label("zh-TW").name == "動畫"
    words = dict(SPEC.routing.words)
    assert {"animation", "video", "clip", "動畫", "動態"} <= set(words)
    from modalities import registry
    from models.planners.offline.router import word_scores

    video, _ = word_scores("做一支介紹新產品的影片", registry.specs())
    assert max(video, key=video.get) == "animation"
    slides, _ = word_scores("把這篇文章做成投影片", registry.specs())  # 投影片 (slides) holds 影片 (video)
    assert slides["animation"] == 0 and max(slides, key=slides.get) == "slides"
    guide = SPEC.guide_text()
    assert "after_previous" in guide and "narration" in guide
    schema = SPEC.plan.model_json_schema()
    step = schema["$defs"]["Step"]["properties"]
    assert step["delay"]["minimum"] == 0 and step["action"]  # limits an LLM's structured output can follow
    assert all(prop.get("description") or "$ref" in prop or "anyOf" in prop
               for prop in schema["$defs"]["Step"]["properties"].values())

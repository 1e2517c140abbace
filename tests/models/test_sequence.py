"""Steps told in paragraphs ("First, … Then … Finally, …"): read only when every paragraph says its step."""

from __future__ import annotations

from modalities.registry import specs
from models.planners.base import PlanRequest
from models.planners.offline import OfflinePlanner
from models.planners.offline.sequence import told_steps


def test_steps_keep_their_own_case_and_any_closing_word():
    assert told_steps(["First, mix.", "Then eBPF hooks load.", "Last, put it away."]) == [
        "Mix.", "eBPF hooks load.", "Put it away."]


def test_a_hyphenated_word_opens_no_step():
    assert told_steps(["First-time users should read this.", "Then add water.", "Finally, bake."]) is None


def test_a_closing_word_before_a_list_is_no_told_sequence_and_no_error():
    content = "First, mix the flour.\n\nThen add water.\n\nFinally:\n\n- bake it\n"
    assert told_steps(["First, mix the flour.", "Then add water.", "Finally:"]) is None
    for modality in ("infographic", "slides"):
        result = OfflinePlanner(specs()).plan(PlanRequest(prompt="this", content=content, modality=modality))
        assert "bake it" in result.plan.model_dump_json()

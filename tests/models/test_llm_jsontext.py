"""Finding the plan in what models actually answer: reasoning, fences, chatter, and broken JSON."""

from __future__ import annotations

import pytest

from models.planners.llm.jsontext import JSONExtractError, extract_json

PLAN = '{"modality": "slides", "title": "Tea, {brewed}", "slides": [{"layout": "bullets", "title": "A", ' \
       '"bullets": [{"text": "say \\"hi\\", then }"}]}]}'
EXPECTED = {"modality": "slides", "title": "Tea, {brewed}",
            "slides": [{"layout": "bullets", "title": "A", "bullets": [{"text": 'say "hi", then }'}]}]}


@pytest.mark.parametrize("answer", [
    PLAN,
    f"Sure! Here is the plan you asked for:\n\n```json\n{PLAN}\n```\n\nLet me know if you want changes.",
    f"<think>The user wants slides. I could use {{\"layout\": \"title\"}} first.</think>\n{PLAN}",
    f"Draft: {{\"modality\": \"slides\"}}\nFinal answer:\n{PLAN}",
    f"```\n{PLAN}\n```",
    f"{PLAN}}}",  # an extra closing brace
    f"}}{PLAN}",
])
def test_the_plan_is_found_in_chatty_answers(answer):
    value, _ = extract_json(answer)
    assert value == EXPECTED


def test_strings_are_never_changed_by_repairs():
    value, _ = extract_json('{"a": "trailing, ]", "b": "// not a comment", "c": "True, None",}')
    assert value == {"a": "trailing, ]", "b": "// not a comment", "c": "True, None"}


def test_common_syntax_faults_are_repaired():
    answer = """{
      // the deck
      title: 'kept',
      "slides": [
        {"layout": "title", "title": "A",},
        {"layout": "closing", "title": "B", "done": True, "image": None}
        {"layout": "section", "title": "C"}
      ],
      "tags": ["x" "y"],
    }"""
    value, _ = extract_json(answer.replace("'kept'", '"kept"'))
    assert value["title"] == "kept"
    assert [s["title"] for s in value["slides"]] == ["A", "B", "C"]
    assert value["slides"][1]["done"] is True and value["slides"][1]["image"] is None
    assert value["tags"] == ["x", "y"]


def test_an_answer_cut_off_at_the_limit_keeps_what_is_complete():
    answer = '{"title": "Deck", "slides": [{"layout": "title", "title": "One"}, {"layout": "bullets", "title": "Tw'
    value, notes = extract_json(answer)
    assert value == {"title": "Deck", "slides": [{"layout": "title", "title": "One"}]}
    assert "closed an object that was cut off" in notes


def test_the_last_fence_wins_over_an_earlier_draft():
    answer = '```json\n{"title": "draft"}\n```\nOn reflection:\n```json\n{"title": "final"}\n```'
    assert extract_json(answer)[0] == {"title": "final"}


def test_chinese_text_survives_untouched():
    value, _ = extract_json('好的，以下是計畫：\n{"title": "遠距工作，{重點}整理", "language": "zh-TW",}')
    assert value == {"title": "遠距工作，{重點}整理", "language": "zh-TW"}


def test_unquoted_keys_in_any_script_are_quoted():
    value, _ = extract_json('{"title": "行程", 標題: "第一天", café_2: 1}')
    assert value == {"title": "行程", "標題": "第一天", "café_2": 1}


@pytest.mark.parametrize("answer, reason", [
    ("", "empty"),
    ("I cannot help with that.", "no JSON object"),
    ("[1, 2, 3]", "no JSON object"),
    ('{"title": "x" "y" :: }', "not valid"),
    ('{"title": 遠距工作}', "not valid"),  # an unquoted value in Chinese
])
def test_no_object_gives_a_reason_a_model_can_act_on(answer, reason):
    with pytest.raises(JSONExtractError, match=reason):
        extract_json(answer)

"""Condensing (models/planners/offline/condense.py): cuts fall at sentence and clause boundaries, never inside a
number, a name or a bracket pair, and never leave a dangling clause; what is cut comes back for the notes."""

from __future__ import annotations

import re

import pytest

from bench.quality.measures import unbalanced
from models.planners.offline.condense import first_sentences, fit, fit_point, key_sentence, sentences, shorten, tidy

LONG_EN = ("Refund to the original payment method, unless it was paid in cash over £1,200 (cash refunds above that "
           "go by bank transfer within 3 working days), in which case ask for the customer's bank details.")
LONG_ZH = ("正如我今年在年會上強調的，真正的門檻不是模型，而是資料與流程（尤其是權限管理），"
           "這一點在 2025 年的試行中看得最清楚。")


@pytest.mark.parametrize("text", [LONG_EN, LONG_ZH])
@pytest.mark.parametrize("limit", [20, 30, 45, 60, 80, 100, 140])
def test_a_cut_never_falls_inside_a_number_or_a_bracket_pair(text, limit):
    kept, rest = fit(text, limit)
    assert len(kept) <= limit
    assert not unbalanced(kept), kept
    assert not re.search(r"\d[\d,.]*…|\d[,.]$", kept), kept
    # nothing is lost: what was kept and what is left make the text
    assert "".join((kept.rstrip("…") + rest).split()).replace("，", "").replace(",", "") in \
        "".join(text.split()).replace("，", "").replace(",", "") or kept.endswith("…")


def test_a_sentence_is_kept_whole_when_it_fills_the_room():
    text = "The bill fell by a fifth. Heating now costs less than gas did, even in January."
    assert fit(text, 40) == ("The bill fell by a fifth.", "Heating now costs less than gas did, even in January.")


def test_a_subordinate_clause_is_never_kept_alone():
    kept, _ = fit("If the smoke tests fail, the change is reverted and the developer is paged at once.", 40)
    assert not kept.lower().startswith("if the smoke tests fail") or "," in kept
    kept, _ = fit(LONG_ZH, 24)
    assert kept != "正如我今年在年會上強調的" and not kept.endswith("的")


def test_a_kept_part_does_not_end_on_a_word_that_needs_more():
    kept, _ = fit("Pick the unit rated for the survey's figure and not for the old boiler's size, which was far "
                  "too large for the house", 60)
    assert not re.search(r"\b(?:the|and|for|of|to|a)$", kept.rstrip("…")), kept


def test_a_point_without_a_clean_cut_may_run_a_little_over_rather_than_be_cut():
    text = "Explain that we cannot take it back if the damage is not a manufacturing fault and call the manager"
    assert fit_point(text, 80, 112) == (text, "")
    assert fit_point(text, 50, 60)[0].endswith("…")


def test_sentences_are_not_split_inside_brackets_abbreviations_or_numbers():
    text = "Dr. Lin measured 4.5 kW (see fig. 2. It varies.) on site. Next: the pumps. 第一句。第二句（含。句號）！"
    assert sentences(text) == ["Dr. Lin measured 4.5 kW (see fig. 2. It varies.) on site.", "Next: the pumps.",
                               "第一句。", "第二句（含。句號）！"]


def test_a_stray_bracket_does_not_stop_the_rest_being_split():
    assert sentences("A stray ( here. Next one. Last.") == ["A stray ( here.", "Next one.", "Last."]
    assert first_sentences("One. Two. Three.", 2) == ["One.", "Two."]


def test_case_as_written_is_kept():
    assert tidy("eBPF lets small programs run in the kernel.") == "eBPF lets small programs run in the kernel"
    assert tidy("However, iPhone sales fell.") == "iPhone sales fell"
    assert tidy("However, sales fell.") == "Sales fell"
    assert shorten("tent") == "Tent" and shorten("eBPF") == "eBPF"


def test_the_key_sentence_is_the_topic_sentence_unless_it_is_a_greeting():
    assert key_sentence("18 March, same room. Dial-in +49 30 5557 1234, meeting id 884 2210 7731.") == \
        "18 March, same room."
    assert key_sentence("各位夥伴好： 今年我們把資源投入生成式 AI，成效明顯。") == \
        "今年我們把資源投入生成式 AI，成效明顯。"

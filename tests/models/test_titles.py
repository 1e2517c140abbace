"""Titles (models/planners/offline/titles.py): the material's own title first; else the request's subject with the
request words taken off whole, in English and Chinese; never "N infographic of this process"."""

from __future__ import annotations

import pytest

from models.planners.offline.document import parse_document
from models.planners.offline.titles import request_subject, topic_of


@pytest.mark.parametrize("prompt, subject", [
    ("Make an infographic of this process", ""),
    ("Create an overview of this memo", ""),
    ("Make an overview of how heat pumps work", "How heat pumps work"),
    ("Create an infographic about eBPF", "eBPF"),
    ("Sales review slides", "Sales review"),
    ("Make a chart of our team budgets by quarter", "Team budgets by quarter"),
    ("Turn this launch plan into slides for the leadership review", ""),
    ("Draw this as a diagram", ""),
    ("A packing checklist: tent, sleeping bag, stove", "Packing checklist"),
    ("How a pull request gets merged: open PR -> CI runs -> review -> merge", "How a pull request gets merged"),
    ("把這封信做成簡報", ""),
    ("這個流程", ""),
    ("做成簡報", ""),
    ("整理成心智圖", ""),
    ("各門市今年每季營收（萬元），做成圖表", "各門市今年每季營收（萬元）"),
    ("請假流程：填寫申請 -> 主管審核 -> 人資登錄", "請假流程"),
    ("用一張圖總結今年的五大成就與關鍵數字", "今年的五大成就與關鍵數字"),
])
def test_the_request_words_come_off_whole(prompt, subject):
    assert request_subject(prompt) == subject


def test_the_materials_title_comes_first():
    doc = parse_document("# Lisbon offsite\n\n## Day one\n\nArrive.\n")
    assert topic_of("Make an infographic of this process", doc) == "Lisbon offsite"


def test_without_a_title_the_content_names_the_answer_not_the_request():
    doc = parse_document("## Day one\n\nArrive and check in.\n\n## Day two\n\nWorkshops.\n")
    assert topic_of("Make an infographic of this process", doc) == "Day one"
    assert topic_of("做成簡報", parse_document("## 第一天\n\n報到。\n\n## 第二天\n\n工作坊。\n")) == "第一天"

"""The document reader (models/planners/offline/document.py, markup.py, mermaid_doc.py) on documents written for
the faithfulness rules (tests/fixtures/faithful): source syntax is interpreted or dropped, never passed on as text;
header lines stay apart; numbered items keep their numbers and sub-points their parents; Mermaid documents are
read as what their diagrams say."""

from __future__ import annotations

import re

import pytest

from models.planners.offline.document import Document, parse_document
from models.planners.offline.markup import clean_inline, remove_html_comments, split_front_matter
from tests.conftest import FIXTURES

FAITHFUL = FIXTURES / "faithful"


def read(name: str) -> Document:
    return parse_document((FAITHFUL / name).read_text(encoding="utf-8"))


def every_text(doc: Document) -> list[str]:
    out = [doc.title or "", *doc.fields]
    for s in doc.all_sections:
        out += [s.heading, *s.paragraphs, *(i.text for i in s.items), *s.quotes]
        out += [str(c) for t in s.tables for row in [t.columns, *t.rows] for c in row]
    return [t for t in out if t]


SYNTAX = re.compile(r"^---|<!--|-->|\*\*|`|\]\(|https?://|www\.|fbclid|utm_|\b(?:tags|draft|marp|headingDivider)\s*:",
                    re.M)


def test_front_matter_is_metadata_and_gives_the_title_when_there_is_no_h1():
    doc = read("en_retro.md")
    assert doc.title == "Checkout rewrite: the retrospective"
    assert doc.meta["author"] == "Dana Whitfield" and doc.meta["tags"] == "payments, retro"
    assert doc.meta["draft"] == "false"


def test_no_source_syntax_survives_reading_a_markdown_article():
    for name in ("en_retro.md", "zh_weekly.md"):
        leaked = [t for t in every_text(read(name)) if SYNTAX.search(t)]
        assert not leaked, f"{name}: {leaked}"


def test_html_comments_are_dropped_and_a_stray_opener_only_hides_its_own_line():
    text = "a <!-- note --> b\n<!-- two\nlines -->c\n<!-- never closed\nkept line\n"
    assert remove_html_comments(text) == "a  b\nc\n\nkept line\n"


def test_a_thematic_break_alone_is_not_front_matter():
    text = "---\nThis is a paragraph: it has a colon.\nAnd a second line.\n---\n"
    assert split_front_matter(text) == ({}, text)


def test_links_keep_their_words_and_lose_their_targets():
    assert clean_inline("after [eleven weeks](https://t.example.com/CHK-220?utm_source=x) of work") == \
        "after eleven weeks of work"
    assert clean_inline("Read the notes at https://example.org/n?fbclid=1 before you start.") == \
        "Read the notes before you start."
    assert clean_inline("Full write-up: https://wiki.example.com/retro?fbclid=IwAR9zz") == ""
    assert clean_inline("![diagram](img/a.png) Cost **went down** by `half`") == "Cost went down by half"
    assert clean_inline("snake_case and 5 * 3 stay") == "snake_case and 5 * 3 stay"


def test_a_line_that_only_pointed_at_an_address_is_gone():
    doc = parse_document("# Reading\n\n## One article\n\nA good read about forms.\n[Read it](https://x.example/a?s=1)\n")
    assert doc.sections[0].paragraphs == ["A good read about forms."]


@pytest.mark.parametrize("name, fields", [
    ("en_retro.md", ["Scribe: Omar Haddad", "Present: Dana Whitfield, Omar Haddad, Lin Qiu"]),
    ("zh_weekly.md", ["主席：林雅琪", "記錄：陳志明", "出席：林雅琪、陳志明、黃淑芬、吳建宏"]),
])
def test_header_lines_stay_one_line_each(name, fields):
    doc = read(name)
    assert doc.fields == fields
    assert not any("陳志明出席" in t or "Haddad Present" in t for t in every_text(doc))


def test_numbered_items_keep_their_numbers_and_sub_points_their_parent():
    doc = read("en_retro.md")
    recs = next(s for s in doc.sections if s.heading == "Recommendations")
    assert recs.ordered and [i.number for i in recs.items] == ["1", "2", "3"]
    assert recs.items[2].marked == "3. Budget one week for load tests before the next rewrite."
    well = next(s for s in doc.sections if s.heading == "What went well")
    assert [i.level for i in well.items] == [0, 0, 1, 1, 0]
    assert well.items[2].text == "Most of the drop came from 3-D Secure retries"


def test_a_wrapped_list_line_belongs_to_its_item_and_a_wrapped_number_is_no_item():
    doc = parse_document("## Steps\n\n1. First step that goes on\n   and on.\n2. Second\n\n## Costs\n\n"
                         "The efficiency was\n3.4. The bill fell.\n")
    steps, costs = doc.sections
    assert [i.text for i in steps.items] == ["First step that goes on and on.", "Second"]
    assert costs.paragraphs == ["The efficiency was 3.4. The bill fell."] and not costs.items


def test_notes_give_each_item_its_own_line_with_its_number():
    notes = next(s for s in read("zh_weekly.md").sections if s.heading == "決議").notes
    assert notes.splitlines() == ["1. 母親節檔期預算提高到 45 萬元，5 月 1 日前完成素材。",
                                  "2. 官網改版延到 6 月 15 日上線。", "3. 每月第一個週五舉行成效檢討會。"]


def test_table_cells_are_read_as_text_without_markup():
    doc = parse_document("## T\n\n| Who | What |\n| --- | --- |\n| **Ann** | [the plan](https://x.example) |\n")
    assert doc.tables[0].rows == [["Ann", "the plan"]]


def test_code_is_kept_for_the_notes_not_read_as_points():
    doc = parse_document("## Setup\n\nRun this:\n\n```bash\npip install atelier\n```\n")
    section = doc.sections[0]
    assert section.code == ["pip install atelier"] and section.paragraphs == ["Run this:"]


def test_an_unclosed_fence_does_not_swallow_the_rest():
    doc = parse_document("## A\n\n```\n\nText after.\n\n## B\n\nMore.\n")
    assert [s.heading for s in doc.sections] == ["A", "B"]


def test_a_mermaid_flowchart_is_read_as_its_steps_and_branches():
    doc = read("en_deploy.mmd")
    assert doc.origin == "mermaid" and doc.title == "Deploying the mobile app"
    items = [(i.level, i.text) for i in doc.sections[0].items]
    assert (0, "Tests green?") in items and (1, "yes: Upload to the stores") in items
    assert (1, "back to: Tag the release") in items
    texts = " ".join(every_text(doc))
    assert "-->" not in texts and "[" not in texts and "Maintained by" not in texts


def test_a_mermaid_mind_map_has_a_section_per_branch_and_its_root_for_title():
    doc = read("zh_trip.mmd")
    assert doc.title == "花蓮三日遊"
    assert [(s.heading, [i.text for i in s.items]) for s in doc.sections] == [
        ("交通", ["台北搭火車", "當地租機車"]), ("住宿", ["民宿兩晚"]), ("景點", ["太魯閣", "七星潭"])]
    assert "草稿" not in " ".join(every_text(doc))


def test_a_mermaid_sequence_is_its_participants_and_its_messages_in_order():
    doc = read("zh_sequence.mmd")
    assert doc.title == "線上掛號流程"
    people, steps = doc.sections
    assert [i.text for i in people.items] == ["病人", "掛號系統"]
    assert [i.marked for i in steps.items] == ["1. 病人對掛號系統：選擇門診時段", "2. 掛號系統對病人：回傳掛號號碼"]


def test_a_mermaid_diagram_with_only_a_comment_takes_it_as_a_fallback_title():
    doc = parse_document("%% Nightly backup, as run today\nflowchart TD\n  A[Dump] --> B[Upload]\n")
    assert doc.title is None and doc.fallback_title == "Nightly backup"


def test_a_mermaid_block_inside_an_article_becomes_items_of_its_section():
    doc = parse_document("# Release\n\n## Flow\n\n```mermaid\nflowchart LR\n  A[Build] --> B[Ship]\n```\n")
    assert doc.title == "Release" and doc.origin == "text"
    assert [(s.heading, [i.text for i in s.items]) for s in doc.sections] == [("Flow", ["Build", "Ship"])]

"""Headline numbers (models/planners/offline/quantities.py, headlines.py): only quantities the text states, with
their units, labelled by the words of their own clause; dates, times, years, ids, versions, URLs, phone numbers and
ordinals never."""

from __future__ import annotations

import pytest

from bench.quality.measures import unbalanced
from models.planners.offline.headlines import headline_stats, stat_candidates
from models.planners.offline.quantities import quantities, scan


@pytest.mark.parametrize("text, kind", [
    ("The upgrade moves to 10 March.", "date"),
    ("It ships on March 10.", "date"),
    ("新方案 12 月 1 日生效。", "date"),
    ("We meet at 10:30 in room B.", "time"),
    ("Founded in 1998 in Taichung.", "year"),
    ("Tracked as INC-20931 in the queue.", "id"),
    ("Meeting code 552-381-907.", "id"),
    ("Runs on PostgreSQL 16.2 now.", "version"),
    ("Fixed in build 4.18.2.", "version"),
    ("Call +44 20 7946 0321 today.", "phone"),
    ("請洽 (02) 2931-4567。", "phone"),
    ("See article 第 12 條.", "ordinal"),
    ("She came 3rd in the race.", "ordinal"),
])
def test_numbers_that_are_not_quantities_are_told_apart(text, kind):
    numbers = scan(text)
    assert numbers and numbers[0].kind == kind, [(n.value, n.kind) for n in numbers]
    assert not quantities(text)


@pytest.mark.parametrize("text, value", [
    ("Failed payments fell by 18% after the change.", "18%"),
    ("The offsite costs €38,500 in total.", "€38,500"),
    ("The survey found a heat loss of 9.4 kW.", "9.4 kW"),
    ("Workers save about 3.5 hours a week.", "3.5 hours"),
    ("Revenue reached $3.2B last year.", "$3.2B"),
    ("總預算 6 萬 5 千元。", "6 萬 5 千元"),
    ("客服回報的登入問題共 37 件。", "37 件"),
    ("樹蔭能讓路面降溫 10 到 15 度。", "10 到 15 度"),
])
def test_a_quantity_keeps_its_unit_in_its_value(text, value):
    assert [n.value for n in quantities(text)] == [value]


def test_a_web_address_gives_no_number():
    assert not stat_candidates("Read https://blog.example.net/p?fbclid=IwAR0kP3&utm_medium=social&id=7000000 now")


def test_labels_come_from_the_numbers_own_clause():
    found = {c.value: c.label for c in stat_candidates(
        "Active clinics on a paid plan by the end of Q3: 120. Support tickets fell to 140 a week (queue PAY-77). "
        "Surveys show that 62% of employees would look for another job.")}
    assert found["62%"] == "Employees would look for another job"
    assert "PAY-77" not in " ".join(found.values())
    for label in found.values():
        assert not unbalanced(label) and "." not in label.rstrip(".")


def test_a_number_ending_its_clause_is_labelled_by_the_words_before_it():
    (c,) = stat_candidates("再生能源約占全國發電量的 11.9%，比去年高。")
    assert (c.value, c.label) == ("11.9%", "再生能源約占全國發電量")


def test_of_two_numbers_in_a_change_the_one_it_arrived_at_is_the_headline():
    (c,) = stat_candidates("CPU overhead fell from 6% to 1.5% per host.")
    assert c.value == "1.5%" and c.label == "CPU overhead fell from 6% to 1.5% per host"


def test_a_condition_is_no_label():
    assert not stat_candidates("Unless it was paid in cash over £200.")


def test_nothing_qualifies_gives_no_stats():
    text = "We meet on 18 March in room 4. Dial-in +49 30 5557 1234, meeting id 884 2210 7731. Release 3.2 ships."
    assert headline_stats(text, 3) == []

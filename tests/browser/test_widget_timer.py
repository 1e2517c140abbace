"""A countdown with intervals is a timer (a Pomodoro timer): in a real browser it starts, pauses, resets, skips,
moves on to the next interval when one runs out, and lets the reader change an interval's length."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import render, widget_plan

pytestmark = pytest.mark.slow  # a real server and Chromium


def open_timer(page, client, intervals: list[dict], label: str = "Pomodoro") -> None:
    manifest = render(client, widget_plan({"kind": "countdown", "label": label, "intervals": intervals},
                                          title="Pomodoro timer"))
    page.goto(manifest["embed"]["url"])
    page.wait_for_selector("html[data-ready]", state="attached")


def test_a_pomodoro_timer_shows_its_first_interval_and_its_lengths_in_minutes(page, client, server):
    open_timer(page, client, [{"label": "Focus", "seconds": 1500}, {"label": "Break", "seconds": 300}])
    assert page.watched.errors == []
    assert page.locator(".timer-phase").inner_text() == "Focus"
    assert page.locator(".timer-clock").inner_text() == "25:00"
    assert page.get_by_label("Focus").input_value() == "25" and page.get_by_label("Break").input_value() == "5"
    page.get_by_role("button", name="Skip").click()
    assert page.locator(".timer-phase").inner_text() == "Break" and page.locator(".timer-clock").inner_text() == "5:00"
    page.get_by_role("button", name="Skip").click()  # back to the first interval: the second round
    assert page.locator(".timer-phase").inner_text() == "Focus" and "Round 2" in page.locator("#app").inner_text()


def test_the_timer_runs_pauses_moves_on_and_resets(page, client, server):
    open_timer(page, client, [{"label": "Work", "seconds": 2}, {"label": "Rest", "seconds": 3}], label="HIIT")
    start = page.get_by_role("button", name="Start")
    start.click()
    assert page.get_by_role("button", name="Pause").is_visible()
    assert page.get_by_label("Work").is_disabled()  # lengths change only while stopped
    expect(page.locator(".timer-phase")).to_have_text("Rest", timeout=10_000)  # the first interval ran out
    page.get_by_role("button", name="Pause").click()
    assert page.get_by_role("button", name="Resume").is_visible()
    page.get_by_role("button", name="Reset").click()
    assert page.locator(".timer-phase").inner_text() == "Work" and page.locator(".timer-clock").inner_text() == "0:02"
    page.get_by_label("Work").fill("45")
    page.get_by_label("Work").dispatch_event("change")
    assert page.locator(".timer-clock").inner_text() == "0:45"
    assert page.watched.errors == []

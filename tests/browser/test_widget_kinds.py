"""Every widget kind in a real browser: it loads cleanly and does what its controls say."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from modalities.widget.formula import evaluate, parse
from renderers.theme import get_theme
from tests.browser.conftest import render, widget_plan
from tests.browser.plans import WIDGETS


def open_widget(page, client, spec: dict, theme: str = "light", **extra) -> dict:
    manifest = render(client, widget_plan(spec, **extra), theme)
    page.goto(manifest["embed"]["url"])
    page.wait_for_selector("html[data-ready]", state="attached")
    return manifest


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("kind", [k for k in WIDGETS if k != "html"])
def test_every_kind_loads_with_no_errors_and_no_other_requests(page, client, server, kind, theme):
    manifest = open_widget(page, client, WIDGETS[kind], theme, title=f"{kind} widget")
    assert page.watched.errors == []
    assert page.watched.requests == [manifest["embed"]["url"]], "the widget must load nothing but itself"
    assert page.locator("h1").inner_text() == f"{kind} widget"
    assert page.locator("#app").inner_text().strip(), "the widget drew nothing"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    r, g, b = (int(get_theme(theme).palette.background[i:i + 2], 16) for i in (1, 3, 5))
    assert background == f"rgb({r}, {g}, {b})"


def test_custom_html_runs_its_own_script_inside_the_sandbox(page, client, server):
    manifest = render(client, widget_plan(WIDGETS["html"]))
    page.goto(manifest["embed"]["url"])
    # /embed/{id} frames /embed/{id}/content, Atelier's page, which frames the model's page (sandboxed, srcdoc).
    content = page.frame_locator("iframe#content").frame_locator("iframe#atelier-widget")
    assert content.locator("h1").inner_text() == "Hello from script"
    assert page.watched.errors == []
    assert set(page.watched.requests) == {manifest["embed"]["url"], manifest["embed"]["url"] + "/content"}


def _column(page, index: int) -> list[str]:
    return page.locator(f"tbody tr td:nth-child({index})").all_inner_texts()


def test_table_sorts_by_clicked_column_and_filters_rows(page, client, server):
    open_widget(page, client, WIDGETS["table"])
    assert _column(page, 1) == ["Taipei", "Tokyo", "Paris", "Lagos", "Lima", "Oslo"]
    population = page.get_by_role("button", name="Population (M)")
    population.click()
    assert _column(page, 3) == ["0.7", "2.1", "2.6", "10.0", "14.0", "15.4"]  # numeric, one format per column
    assert page.locator("th").nth(2).get_attribute("aria-sort") == "ascending"
    population.click()
    assert _column(page, 3)[0] == "15.4"
    assert page.locator("th").nth(2).get_attribute("aria-sort") == "descending"
    page.get_by_role("button", name="Founded").click()
    assert _column(page, 4) == ["1040", "1457", "1472", "1535", "1884", ""]  # years ungrouped, empty cell last
    # keyboard: focus the City heading and press Enter
    page.get_by_role("button", name="City").focus()
    page.keyboard.press("Enter")
    assert _column(page, 1) == ["Lagos", "Lima", "Oslo", "Paris", "Taipei", "Tokyo"]
    page.get_by_role("searchbox", name="Filter rows").fill("ta")
    assert _column(page, 1) == ["Taipei"]
    assert page.locator("#row-count").inner_text() == "Showing 1 of 6 rows"
    page.get_by_role("searchbox", name="Filter rows").fill("zzz")
    assert page.locator("tbody td.empty").inner_text() == "No rows match “zzz”."
    assert page.watched.errors == []


def test_long_table_pages_through_its_rows(page, client, server):
    rows = [[f"item {i:03d}", i] for i in range(1, 121)]
    open_widget(page, client, {"kind": "table", "table": {"columns": ["Name", "N"], "rows": rows}})
    assert page.locator("tbody tr").count() == 50
    assert page.get_by_text("Page 1 of 3").is_visible()
    page.get_by_role("button", name="Next page").click()
    assert _column(page, 1)[0] == "item 051"
    page.get_by_role("button", name="N", exact=True).click()
    page.get_by_role("button", name="N", exact=True).click()  # descending, back to page 1
    assert _column(page, 2)[0] == "120"
    assert page.get_by_role("button", name="Previous page").is_disabled()


def _expected(outputs, env) -> dict[str, float]:
    values = dict(env)
    for o in outputs:
        values[o["name"]] = evaluate(parse(o["formula"]), values)
    return values


def test_calculator_outputs_follow_inputs_and_agree_with_the_server_evaluator(page, client, server):
    spec = WIDGETS["calculator"]
    open_widget(page, client, spec)

    def box(name):
        return page.get_by_role("spinbutton", name=name)

    for principal, rate, years in ((300000, 4.5, 30), (120000, 0, 10), (987654, 7.25, 15)):
        box("Loan amount").fill(str(principal))
        box("Annual rate").fill(str(rate))
        box("Term").fill(str(years))
        expected = _expected(spec["outputs"], {"principal": principal, "rate": rate, "years": years})
        shown = page.locator("output[data-name=payment]").inner_text()
        assert shown == f"{expected['payment']:,.2f}", (principal, rate, years)
        assert page.locator("output[data-name=n]").inner_text() == f"{expected['n']:,.0f}"
    # a number outside the range is said to be so, next to the field
    box("Term").fill("90")
    assert page.locator("#in-years-error").inner_text() == "Enter a number from 1 to 40."
    assert box("Term").get_attribute("aria-invalid") == "true"
    # the slider and the number box stay together
    page.get_by_role("slider", name="Loan amount").fill("500000")
    assert box("Loan amount").input_value() == "500000"
    page.get_by_role("button", name="Reset").click()
    assert box("Term").input_value() == "30"
    assert page.locator("#in-years-error").inner_text() == ""
    assert page.watched.errors == []


def test_quiz_scores_answers_and_explains(page, client, server):
    open_widget(page, client, WIDGETS["quiz"])
    page.get_by_label("Jupiter").check()
    page.get_by_label("1", exact=True).check()
    assert page.get_by_text("2 of 2 answered").is_visible()
    page.get_by_role("button", name="Check answers").click()
    assert page.locator(".score").inner_text() == "You scored 1 of 2."
    first, second = page.locator(".feedback").all_inner_texts()
    assert first.startswith("✓ Correct.") and "more massive" in first
    assert second.startswith("✗ Not quite.") and "The answer is: 2." in second
    assert page.get_by_label("Mars").is_disabled()
    page.get_by_role("button", name="Try again").click()
    assert page.locator(".score").inner_text() == ""
    assert not page.get_by_label("Jupiter").is_checked()


def test_flashcards_flip_move_and_set_known_cards_aside(page, client, server):
    open_widget(page, client, WIDGETS["flashcards"], language="zh-TW")
    card = page.locator("button.flashcard")
    assert page.locator(".front .text").inner_text() == "蘋果"
    card.click()
    assert "flipped" in card.get_attribute("class")
    assert page.locator(".back").get_attribute("aria-hidden") == "false"
    assert page.locator(".front").get_attribute("aria-hidden") == "true"
    card.press("Space")  # flips back
    assert "flipped" not in card.get_attribute("class")
    card.press("ArrowRight")
    assert page.locator(".front .text").inner_text() == "香蕉"
    assert page.get_by_text("第 2 張，共 3 張").is_visible()
    for _ in range(3):
        page.get_by_role("button", name="✓ 我會了").click()
    assert page.get_by_text("3 張卡片全都會了。").is_visible()
    page.get_by_role("button", name="重新開始").click()
    page.get_by_role("button", name="⤮ 洗牌").click()
    seen = set()
    for _ in range(3):
        seen.add(page.locator(".front .text").inner_text())
        page.get_by_role("button", name="下一張 ›").click()
    assert seen == {"蘋果", "香蕉", "葡萄"}
    assert page.evaluate("document.fonts.check('16px \"Noto Sans CJK TC\"', '蘋果香蕉')")


def test_checklist_counts_what_is_done(page, client, server):
    open_widget(page, client, WIDGETS["checklist"])
    assert page.locator("#progress-label").inner_text() == "1 of 3 done"
    page.get_by_label("Passport").check()
    assert page.locator("#progress-label").inner_text() == "2 of 3 done"
    assert page.locator("progress").evaluate("p => p.value") == 2
    page.get_by_role("button", name="Uncheck all").click()
    assert page.locator("#progress-label").inner_text() == "0 of 3 done"


def test_converter_converts_swaps_and_lists_every_unit(page, client, server):
    open_widget(page, client, WIDGETS["converter"])
    page.get_by_label("Amount").fill("100")
    assert page.locator("#result").inner_text() == "3,200 TWD"
    page.get_by_label("To").select_option(label="EUR")
    assert page.locator("#result").inner_text() == "90 EUR"
    page.get_by_role("button", name="Swap the units").click()
    assert page.locator("#result").inner_text() == "111.111 USD"
    assert page.get_by_text("1 EUR = 1.11111 USD").is_visible()
    assert page.locator(".others tbody th").all_text_contents() == ["USD", "TWD"]


def test_countdown_counts_to_the_target_and_says_when_it_is_reached(page, client, server):
    soon = (dt.datetime.now(dt.UTC) + dt.timedelta(days=3, hours=5, minutes=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    open_widget(page, client, {"kind": "countdown", "target": soon, "label": "Launch"})
    days, hours = page.locator(".countdown .n").all_inner_texts()[:2]
    assert days == "3" and hours in ("5", "4")
    assert page.locator("#countdown-caption").inner_text() == "until Launch"
    page.goto("about:blank")
    open_widget(page, client, {"kind": "countdown", "target": "2001-01-01", "label": "New century"})
    assert page.locator(".countdown .n").all_inner_texts() == ["0", "0", "0", "0"]
    assert page.locator("#countdown-caption").inner_text() == "New century: the time has come."


def test_timeline_lists_events_in_order(page, client, server):
    open_widget(page, client, WIDGETS["timeline"])
    assert page.locator(".timeline .date").all_inner_texts() == ["1973", "1987", "2020"]
    assert page.locator(".timeline .title").first.inner_text() == "工研院成立"
    assert page.get_attribute("html", "lang") == "zh-TW"


def test_a_chart_of_branches_has_a_total_but_no_latest_value_or_change(page, client, server):
    """Branches side by side are not a sequence: 'latest (South)' and 'change since West' would be numbers the data
    does not mean; months are (the chart test below keeps its latest value)."""
    open_widget(page, client, {"kind": "chart", "chart": {
        "kind": "column", "categories": ["總館", "東區分館", "西區分館", "南區分館"], "x_label": "分館", "unit": "冊",
        "series": [{"name": "紙本借閱", "values": [820000, 310000, 275000, 190000]}]}}, language="zh-TW")
    assert page.locator(".headline dt").all_inner_texts() == ["總計"]
    assert page.locator(".headline dd").all_inner_texts() == ["1,595,000 冊"]


def test_chart_hovers_toggles_series_switches_views_and_has_the_numbers_in_a_table(page, client, server):
    open_widget(page, client, WIDGETS["chart"])
    plot = page.locator(".chart").first
    label = plot.get_attribute("aria-label")
    assert "Column chart of Atlas, Beacon" in label and "from 80 k to 150 k" in label
    assert page.locator(".chart svg").first.get_attribute("role") == "img"
    # headline numbers above the chart, for every shown series
    assert page.locator(".headline dt").all_inner_texts()[:2] == ["TOTAL", "LATEST (APR)"]
    assert page.locator(".headline dd").first.inner_text() == "929 k"
    # axis titles name what is measured and the unit, and the category column
    texts = page.locator(".chart svg text").all_text_contents()
    assert "Users (k)" in texts and "Month" in texts
    bar = page.locator(".chart svg rect.mark").first.bounding_box()
    page.mouse.move(bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2)
    assert re.search(r"Jan · Atlas: 120 · Beacon: 80", page.locator(".chart .tip").inner_text())
    assert page.locator(".chart svg rect.mark").count() == 8
    page.get_by_role("button", name="Beacon").click()  # hide Beacon
    assert page.get_by_role("button", name="Beacon").get_attribute("aria-pressed") == "false"
    assert page.locator(".chart svg rect.mark").count() == 4
    assert page.locator(".headline dd").first.inner_text() == "554 k"
    page.get_by_role("button", name="Beacon").click()
    page.get_by_role("button", name="Stacked").click()
    assert page.locator(".chart svg rect.mark").count() == 8
    page.get_by_role("button", name="Lines").click()
    assert page.locator(".chart svg polyline").count() == 2
    # the arrow keys move the tooltip from category to category
    plot.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.locator(".chart .tip").inner_text().startswith("Feb")
    page.get_by_text("Show the data").click()
    assert page.locator("details table tbody tr").count() == 4
    assert page.locator("details table tbody tr").first.inner_text().split("\t") == ["Jan", "120", "80"]
    assert page.locator("details table thead th").all_inner_texts() == ["Month", "Atlas (k)", "Beacon (k)"]
    assert page.watched.errors == []


def test_explorer_pivots_long_data_and_switches_measure_grouping_and_view(page, client, server):
    open_widget(page, client, WIDGETS["explorer"])
    keys = page.locator(".legend .key").all_inner_texts()
    assert keys == ["台北", "台中"], "one series per city, from the long-format rows"
    assert page.locator(".chart svg rect.mark").count() == 6
    assert "降雨量(mm)" in page.locator(".chart svg text").all_text_contents()
    assert page.locator(".headline dd").first.inner_text() == "1,669 mm"
    page.get_by_label("指標").select_option("雨天")
    assert "雨天" in page.locator(".chart svg text").all_text_contents()
    assert page.locator(".headline dd").first.inner_text() == "81"
    page.get_by_label("數列依").select_option("none")
    assert page.locator(".legend .key").count() == 0 and page.locator(".chart svg rect.mark").count() == 3
    page.get_by_label("數列依").select_option("swap")
    assert page.locator(".legend .key").all_inner_texts() == ["5月", "6月", "7月"]
    page.get_by_role("button", name="堆疊").click()
    assert page.locator(".chart svg rect.mark").count() == 6
    assert page.watched.errors == []


CONTROLS = """() => Array.from(document.querySelectorAll('input, select, button, summary, [tabindex="0"]'))
  .filter(el => !el.closest('.chart') && !el.disabled && el.tabIndex >= 0 && el.getClientRects().length)"""
NAMELESS = CONTROLS + """.filter(el => {
    const byIds = (el.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean)
      .map(id => (document.getElementById(id) || {}).textContent || '').join('');
    const name = [el.getAttribute('aria-label'), byIds, Array.from(el.labels || []).map(l => l.textContent).join(''),
                  ['BUTTON', 'SUMMARY'].includes(el.tagName) ? el.textContent : '', el.getAttribute('title')];
    return !name.some(n => n && n.trim());
  }).map(el => el.outerHTML.slice(0, 120))"""


@pytest.mark.parametrize("kind", [k for k in WIDGETS if k != "html"])
def test_every_control_has_a_name_and_is_reached_with_the_tab_key(page, client, server, kind):
    open_widget(page, client, WIDGETS[kind])
    assert page.evaluate(NAMELESS) == []
    # a group of radio buttons is one stop for Tab (the arrow keys move within it)
    stop = "el => el.type === 'radio' ? 'radio group ' + el.name : el.outerHTML.slice(0, 200)"
    wanted = page.evaluate(f"() => [...new Set(({CONTROLS})().map({stop}))]")
    reached = []
    for _ in range(len(wanted) + 12):
        page.keyboard.press("Tab")
        reached.append(page.evaluate(f"() => ({stop})(document.activeElement)"))
    assert [w for w in wanted if w not in reached] == [], reached

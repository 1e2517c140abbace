"""A plan full of hostile strings renders them as text everywhere: in every widget kind, in viewers, in snippets."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from tests.browser.conftest import render, widget_plan
from tests.conftest import load_plan_dict

LONG = ('</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
        ' <a href="javascript:alert(3)">x</a>')
assert len(LONG) <= 120  # fits every long field of the plan
MID = '"><img src=x onerror=alert(4)>'  # for fields of 80 characters or fewer
SHORT = "<svg onload=alert()>"  # for fields of 20 characters


PLANS = {
    "chart": {"kind": "chart", "chart": {"kind": "bar", "categories": [MID, "javascript:alert(5)"],
              "series": [{"name": SHORT, "values": [1, 2]}, {"name": "</script>", "values": [3, 4]}],
              "unit": SHORT, "x_label": MID, "y_label": MID}},
    "table": {"kind": "table", "table": {"columns": [MID, "n"], "rows": [[LONG, 1], ["javascript:alert(6)", 2]]}},
    "calculator": {"kind": "calculator", "inputs": [{"name": "a", "label": MID, "default": 1, "unit": SHORT}],
                   "outputs": [{"name": "b", "label": MID, "formula": "a * 2", "unit": SHORT}]},
    "quiz": {"kind": "quiz",
             "questions": [{"question": LONG, "options": [MID, LONG], "answer": 1, "explanation": LONG}]},
    "flashcards": {"kind": "flashcards", "cards": [{"front": LONG, "back": LONG}, {"front": MID, "back": "x"}]},
    "checklist": {"kind": "checklist", "items": [{"text": LONG}, {"text": MID}]},
    "countdown": {"kind": "countdown", "target": "2031-01-01", "label": LONG},
    "timeline": {"kind": "timeline", "events": [{"date": "javascript:alert(7)", "title": MID, "detail": LONG}]},
    "converter": {"kind": "converter", "units": [{"name": MID, "per_base": 1}, {"name": SHORT, "per_base": 2}],
                  "note": LONG},
}


def assert_harmless(page):
    assert page.watched.dialogs == []
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("img[onerror], svg[onload], a[href^='javascript:']").count() == 0


@pytest.mark.parametrize("kind", list(PLANS))
def test_hostile_strings_are_text_in_every_widget_kind(page, client, server, kind):
    manifest = render(client, widget_plan(PLANS[kind], title=MID, description=LONG))
    page.goto(manifest["embed"]["url"])
    page.wait_for_selector("html[data-ready]", state="attached")
    if kind == "quiz":
        page.get_by_role("button", name="Check answers").click()
    if kind == "flashcards":
        page.locator("button.flashcard").click()
    page.locator("details").evaluate_all("ds => ds.forEach(d => d.open = true)")
    assert_harmless(page)
    text = page.locator("body").text_content()
    assert MID in text and LONG in text  # shown, literally
    assert page.title() == MID
    assert page.watched.errors == []


def test_hostile_titles_are_text_in_viewers_and_snippets(page, client, server):
    plan = load_plan_dict("infographic")
    plan["title"] = MID
    manifest = render(client, plan)
    page.goto(manifest["embed"]["url"])
    assert_harmless(page)
    assert page.locator(".bar h1").inner_text() == MID
    assert page.title() == MID

    class Attrs(HTMLParser):
        def handle_starttag(self, tag, attrs):
            self.found = getattr(self, "found", []) + [(tag, dict(attrs))]

    for snippet in (manifest["embed"]["iframe"], manifest["embed"]["script"],
                    client.get("/oembed", params={"url": manifest["embed"]["url"]}).json()["html"]):
        p = Attrs()
        p.feed(snippet)
        assert [t for t, _ in p.found] in (["iframe"], ["iframe", "script"]), snippet
        assert p.found[0][1]["title"] == MID  # the whole title is one attribute value
    custom = render(client, widget_plan({"kind": "html", "html": "<p>hi</p>"}, title=LONG))
    page.goto(custom["embed"]["url"])
    assert_harmless(page)
    assert page.title() == LONG

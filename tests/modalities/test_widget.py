"""The widget renderer without a browser: its page, its policy, custom HTML, and what it works out ahead."""

from __future__ import annotations

import base64
import hashlib
import html as html_module
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from modalities.widget.colors import contrast, widget_colors
from modalities.widget.csp import CUSTOM_POLICY
from modalities.widget.custom import GUARD, custom_page
from modalities.widget.labels import LABELS
from modalities.widget.page import column_formats, describe_chart, safe_language
from renderers.plan.common import ChartData, TableData
from renderers.theme import THEMES, get_theme
from server.browser import WarmBrowser, find_chromium
from server.executors import InlineExecutor
from server.pipeline import RenderRequest
from server.service import RenderService
from server.settings import Settings
from server.store import OutputFolder
from tests.conftest import render_plan
from tests.parts import need


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.scripts, self.data_blocks, self._open = [], [], [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        self._open = ("data" if a.get("type") == "application/json" else "code") if tag == "script" else None
        if self._open:
            (self.data_blocks if self._open == "data" else self.scripts).append("")

    def handle_data(self, data):
        if self._open == "data":
            self.data_blocks[-1] += data
        elif self._open == "code":
            self.scripts[-1] += data

    def handle_endtag(self, tag):
        self._open = None


def read_page(path: Path) -> _Page:
    p = _Page()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def widget(spec: dict, **extra) -> dict:
    return {"modality": "widget", "title": "T", "widget": spec, **extra}


TABLE = {"kind": "table", "table": {"columns": ["Year", "Score", "Name"], "rows": [[2024, 1.5, "a"], [2025, 12, "b"]]}}


def meta_policy(page: _Page) -> str:
    return next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")


@pytest.mark.parametrize("spec", [TABLE, {"kind": "chart", "chart": {
    "kind": "pie", "categories": ["a", "b"], "series": [{"name": "s", "values": [1, 3]}]}}])
def test_the_page_allows_exactly_its_own_scripts(tmp_path, spec):
    render_plan(widget(spec), tmp_path)
    page = read_page(tmp_path / "widget.html")
    policy = meta_policy(page)
    allowed = set(re.search(r"script-src ([^;]+)", policy).group(1).split())
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in page.scripts}
    assert allowed == hashes and len(hashes) == 1
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    # every trusted page, charts included, forbids turning strings into markup at all
    assert "require-trusted-types-for 'script'" in policy


def test_plan_data_is_json_that_cannot_close_its_script_block(tmp_path):
    hostile = "</script><script>alert(1)</script><!--"
    render_plan(widget({"kind": "checklist", "items": [{"text": hostile}]}, title=hostile), tmp_path)
    html = (tmp_path / "widget.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "<!--" not in html.split("</title>")[1]
    page = read_page(tmp_path / "widget.html")
    data = json.loads(page.data_blocks[0])
    assert data["widget"]["items"][0]["text"] == hostile and data["title"] == hostile


def test_labels_follow_the_language_and_both_languages_have_every_label(tmp_path):
    assert set(LABELS["en"]) == set(LABELS["zh"])
    checklist = {"kind": "checklist", "items": [{"text": "護照"}, {"text": "充電器"}]}
    render_plan(widget(checklist, title="行李清單"), tmp_path)
    page = read_page(tmp_path / "widget.html")
    assert dict(page.tags)["html"]["lang"] == "zh-TW"
    assert json.loads(page.data_blocks[0])["labels"]["done"] == LABELS["zh"]["done"]


def test_a_malformed_language_tag_is_not_passed_to_the_page(tmp_path):
    assert safe_language("zh-Hant-TW", "en") == "zh-Hant-TW"
    assert safe_language("english please", "en") == "en"
    render_plan(widget(TABLE, language="en_US!"), tmp_path)
    assert dict(read_page(tmp_path / "widget.html").tags)["html"]["lang"] == "en"


def test_both_themes_colour_the_page(tmp_path):

    for theme in ("light", "dark"):
        background = get_theme(theme).palette.background
        render_plan(widget(TABLE), tmp_path / theme, theme)
        html = (tmp_path / theme / "widget.html").read_text(encoding="utf-8")
        assert f"--bg: {background};" in html
        assert f"color-scheme: {theme};" in html


def test_table_columns_get_one_number_format_each():
    table = TableData(columns=["Year", "Price", "Count", "Label", "Mixed"],
                      rows=[[2021, 3.5, 1200, "a", 1], [2022, 12.25, 3, "b", "x"], [2023, None, 40, None, 2]])
    formats = column_formats(table)
    assert formats[0] == {"numeric": True, "decimals": 0, "grouping": False}  # years read as years
    assert formats[1] == {"numeric": True, "decimals": 2, "grouping": True}
    assert formats[2] == {"numeric": True, "decimals": 0, "grouping": True}
    assert not formats[3]["numeric"] and not formats[4]["numeric"]


def test_charts_are_described_in_one_sentence_per_language():
    chart = ChartData(kind="line", categories=["Jan", "Feb", "Mar"], x_label="Month", unit="k",
                      series=[{"name": "Atlas", "values": [120, 150, 149]}, {"name": "Beacon", "values": [80, 95, 90]}])
    assert describe_chart(chart, LABELS["en"]) == (
        "Line chart of Atlas, Beacon, Month from Jan to Mar; values range from 80 k to 150 k.")
    assert describe_chart(chart, LABELS["zh"]).startswith("折線圖：Atlas、Beacon，Month 從 Jan 到 Mar")
    pie = ChartData(kind="pie", categories=["Tea", "Coffee"], unit="%", series=[{"name": "Drinks", "values": [40, 60]}])
    assert describe_chart(pie, LABELS["en"]) == "Pie chart of Drinks: Tea 40%, Coffee 60%."


def _framed(page: str) -> str:
    """The page inside the stored file's sandboxed srcdoc frame."""
    (inner,) = re.findall(r'<iframe id="atelier-widget" sandbox="allow-scripts" [^>]*srcdoc="([^"]*)"', page)
    return html_module.unescape(inner)


def test_custom_html_is_stored_sanitised_guarded_and_framed(tmp_path):
    source = ("<!DOCTYPE html>\n<html lang='zh-TW'><head><title>Tip &amp; split</title><script>var mine = 1;</script>"
              "</head><body><p>hi</p><iframe src='http://x/'></iframe></body></html>")
    result = render_plan(widget({"kind": "html", "html": source}), tmp_path)
    page = (tmp_path / "widget.html").read_text(encoding="utf-8")
    # Our page: a policy that lets nothing load or frame, and the model's page only inside a sandboxed frame.
    assert page.startswith('<!doctype html>\n<html lang="zh-TW">')
    ours = page.split("<iframe", 1)[0]
    assert f'content="{CUSTOM_POLICY}"' in ours and "default-src 'none'" in ours and "frame-src 'none'" in ours
    assert "<title>Tip &amp; split</title>" in ours and "var mine" not in ours
    inner = _framed(page)
    # Inside: the doctype first (no quirks mode), then the policy and the guard before the page's own code.
    assert inner.startswith("<!doctype html>\n")
    assert inner.index("Content-Security-Policy") < inner.index(GUARD) < inner.index("var mine = 1;")
    assert "<p>hi</p>" in inner and "<iframe" not in inner and "http://x/" not in inner
    assert [w.code for w in result.warnings] == ["unsafe_html_removed"] and "<iframe>" in result.warnings[0].detail
    assert custom_page("<p>plain</p>").removed == []


@pytest.fixture(scope="module")
def chromium():
    need("chromium")
    path = find_chromium()
    b = WarmBrowser(path)
    yield b
    b.close()


def _render_with(browser, plan, out):
    """The render as the CLI makes it: the widget, then its preview with this browser (the local render service)."""
    service = RenderService(Settings(), OutputFolder(out), InlineExecutor(Settings()), browser=browser)
    return service.render(RenderRequest(plan=plan))


def test_previews_draw_trusted_widgets_and_never_run_custom_html(chromium, tmp_path):
    result = _render_with(chromium, widget(TABLE), tmp_path / "a")
    assert [f.name for f in result.files] == ["widget.html", "preview.png"] and result.pending == []
    with Image.open(tmp_path / "a" / "preview.png") as im:
        assert im.width == 1600 and im.height == 2 * result.details["page_size"][1]
        assert len(im.convert("RGB").getcolors(1 << 20) or range(3)) > 2  # a drawn table, not a blank page
    page = ("<!doctype html><html><body style='margin:0;background:rgb(0,128,0)'><div style='height:200px'></div>"
            "<script>document.body.style.background = 'rgb(255,0,0)'</script></body></html>")
    result = _render_with(chromium, widget({"kind": "html", "html": page}), tmp_path / "b")
    assert result.details["preview_note"] == "drawn without running the page's scripts"
    with Image.open(tmp_path / "b" / "preview.png") as im:
        assert im.convert("RGB").getpixel((20, 20)) == (0, 128, 0)  # the markup's colour: the script never ran


def test_no_browser_or_a_missing_one_is_a_warning_not_a_failure(tmp_path, caplog):
    for browser, detail in ((None, "no headless browser"), (WarmBrowser("/nowhere/chromium"), "not found")):
        result = _render_with(browser, widget(TABLE), tmp_path / str(id(browser)))
        assert [f.name for f in result.files] == ["widget.html"] and result.pending == []
        assert [w.code for w in result.warnings] == ["preview_skipped"]
        assert detail in result.warnings[0].detail
    # A file given up is logged with its cause, not only reported
    assert any(r.exc_info and "preview.png" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("name", sorted(THEMES))
def test_every_theme_gives_widgets_readable_text_and_visible_controls(name):
    p = THEMES[name].palette
    ink = widget_colors(p)
    for ground in (p.background, p.surface):
        assert contrast(p.text, ground) >= 4.5
        assert contrast(ink["accent_ink"], ground) >= 4.5 and contrast(ink["muted_ink"], ground) >= 4.5
        assert contrast(ink["control"], ground) >= 3.0
    assert contrast(p.accent_text, ink["accent_fill"]) >= 4.5


LONG = {"kind": "explorer", "table": {"columns": ["date", "region", "sales", "margin %"], "rows": [
    [f"2024-{m:02d}", region, 100 + m * k, 10 + k] for m in range(1, 13) for k, region in enumerate(["N", "S", "E"])]},
    "x": "date", "group": "region", "measures": ["sales", "margin %"], "units": [{"column": "sales", "unit": "USD"}]}


def test_chart_pages_weigh_well_under_a_megabyte(tmp_path):
    """No plotly.js (4.8 MB) inlined: the chart is drawn by our own script, so even a 2,000-row explorer is small."""
    chart = {"kind": "chart", "chart": {"kind": "line", "categories": [str(y) for y in range(1900, 2100)],
                                        "series": [{"name": f"s{k}", "values": [float(i) for i in range(200)]}
                                                   for k in range(8)]}}
    big = {**LONG, "table": {"columns": LONG["table"]["columns"], "rows": [
        [f"{1900 + i // 12}-{i % 12 + 1:02d}", f"region {i % 7}", i * 1.5, i % 40] for i in range(2000)]}}
    for name, spec in (("chart", chart), ("explorer", big)):
        render_plan(widget(spec), tmp_path / name)
        size = (tmp_path / name / "widget.html").stat().st_size
        assert size <= 1_000_000, f"{name} page weighs {size} bytes"
        assert "plotly" not in (tmp_path / name / "widget.html").read_text(encoding="utf-8").lower()


def test_chart_panels_split_units_and_title_axes():
    from modalities.widget.page import chart_panels

    chart = ChartData(kind="column", categories=["Q1", "Q2"], x_label="Quarter",
                      series=[{"name": "Revenue", "unit": "USD", "values": [1, 2]},
                              {"name": "Margin (%)", "values": [10, 12]},
                              {"name": "Cost", "unit": "USD", "values": [1, 1]}])
    panels = chart_panels(chart, ["#111111", "#222222", "#333333"], LABELS["en"])
    assert [(p["unit"], [s["name"] for s in p["series"]]) for p in panels] == [("USD", ["Revenue", "Cost"]),
                                                                                ("%", ["Margin (%)"])]
    assert [p["value_title"] for p in panels] == ["USD", "Margin (%)"]
    assert all(p["category_title"] == "Quarter" for p in panels)
    assert panels[0]["colors"] == ["#111111", "#333333"], "a series keeps its colour when the chart is split"


def test_explorer_checks_its_columns():
    from pydantic import ValidationError

    from modalities.widget.plan import ExplorerWidget

    ExplorerWidget.model_validate(LONG)
    with pytest.raises(ValidationError, match="not in the table"):
        ExplorerWidget.model_validate({**LONG, "measures": ["profit"]})
    with pytest.raises(ValidationError, match="must be a column of numbers"):
        ExplorerWidget.model_validate({**LONG, "measures": ["region"], "group": None})
    with pytest.raises(ValidationError, match="another column"):
        ExplorerWidget.model_validate({**LONG, "group": "date"})

"""Artifacts in notebooks: the MIME bundle, and a real notebook run by nbclient on a real kernel, converted by
nbconvert and opened in Chromium."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest
from PIL import Image

import atelier
from tests.api.conftest import NOTES, PROMPTS
from tests.conftest import ROOT

SHOTS = ROOT / "test-output" / "notebooks"


def _picture(b64: str) -> Image.Image:
    image = Image.open(io.BytesIO(base64.b64decode(b64)))
    image.load()
    return image


def _not_blank(image: Image.Image) -> bool:
    colours = image.convert("RGB").getcolors(maxcolors=1 << 16)
    return colours is None or len(colours) > 8


def test_the_bundle_has_a_picture_html_and_text():
    art = atelier.render(PROMPTS["infographic"], content=NOTES, modality="infographic")
    data, metadata = art._repr_mimebundle_()
    assert {"text/plain", "image/png", "text/html"} <= set(data)
    picture = _picture(data["image/png"])
    assert picture.format == "PNG" and _not_blank(picture)
    assert metadata["image/png"]["width"] <= 800
    assert art.title in data["text/plain"] and str(art.files["infographic.svg"]) in data["text/plain"]
    html = data["text/html"]
    assert 'class="atelier atelier-infographic"' in html
    assert "data:image/png;base64," in html  # the picture travels inside the output
    assert "http://" not in html and "https://" not in html


def test_include_and_exclude_choose_the_mime_types():
    art = atelier.render(PROMPTS["whiteboard"], content=NOTES, modality="whiteboard")
    data, _ = art._repr_mimebundle_(include=["image/png", "text/plain"])
    assert set(data) == {"image/png", "text/plain"}
    data, _ = art._repr_mimebundle_(exclude=["text/html"])
    assert set(data) == {"image/png", "text/plain"}


def test_a_deck_shows_all_its_slides_and_a_sheet_of_them():
    art = atelier.render(PROMPTS["slides"], content=NOTES, modality="slides", pdf=False)
    slides = [n for n in art.files if n.startswith("slide-")]
    data, _ = art._repr_mimebundle_()
    assert data["text/html"].count('<img src="data:image/png') == len(slides) > 1
    sheet = _picture(data["image/png"])
    with Image.open(art.files["slide-01.png"]) as first:
        assert sheet.size != first.size  # several slides on one picture, not the first slide alone
    assert sheet.width > sheet.height


# ---- a real notebook --------------------------------------------------------------------------------------------

CELLS = {
    "deck": f"deck = atelier.render({PROMPTS['slides']!r}, content={NOTES!r}, pdf=False)\ndeck",
    "widget": 'atelier.render("A checklist for the launch", content="- Write the notes\\n- Tag the release\\n'
              '- Announce it", modality="widget")',
    "chart": 'atelier.render("sales by month", data=[{"month": "Jan", "sales": 120}, {"month": "Feb", "sales": 135},'
             ' {"month": "Mar", "sales": 160}], modality="infographic")',
    "board": f"atelier.render({PROMPTS['whiteboard']!r}, content={NOTES!r}, modality='whiteboard')",
}


@pytest.fixture(scope="module")
def notebook(tmp_path_factory):
    nbformat = pytest.importorskip("nbformat")
    from nbclient import NotebookClient

    folder = tmp_path_factory.mktemp("notebook")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Atelier in a notebook"), nbformat.v4.new_code_cell("import atelier")]
    nb.cells += [nbformat.v4.new_code_cell(source, metadata={"name": name}) for name, source in CELLS.items()]
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    path = folder / "atelier.ipynb"
    nbformat.write(nb, path)
    return path


def _outputs(path: Path) -> dict[str, dict]:
    import nbformat

    nb = nbformat.read(path, as_version=4)  # multi-line strings joined again
    found = {}
    for cell in nb["cells"]:
        name = cell.get("metadata", {}).get("name")
        if name:
            errors = [o for o in cell["outputs"] if o["output_type"] == "error"]
            assert not errors, errors
            results = [o for o in cell["outputs"] if o["output_type"] == "execute_result"]
            assert len(results) == 1, cell["outputs"]
            found[name] = results[0]
    return found


@pytest.mark.slow
def test_a_real_kernel_displays_every_answer_with_picture_html_and_text(notebook):
    import nbformat

    nbformat.validate(nbformat.read(notebook, as_version=4))
    outputs = _outputs(notebook)
    assert set(outputs) == set(CELLS)
    for name, output in outputs.items():
        assert {"text/plain", "image/png", "text/html"} <= set(output["data"]), name
        picture = _picture(output["data"]["image/png"])
        assert picture.width >= 200 and _not_blank(picture), name
    assert "deck.pptx" in outputs["deck"]["data"]["text/plain"]
    assert "srcdoc=" in outputs["widget"]["data"]["text/html"]
    assert 'sandbox="allow-scripts"' in outputs["widget"]["data"]["text/html"]


def _html(notebook: Path, out: Path) -> Path:
    """The notebook as nbconvert's HTML (the lab template), with its own CDN scripts pointed at nothing, so
    any request the page makes comes from the outputs."""
    import nbformat
    from nbconvert import HTMLExporter

    nothing = "data:text/javascript,"
    exporter = HTMLExporter(template_name="lab", require_js_url=nothing, mathjax_url=nothing, jquery_url=nothing,
                            mermaid_js_url=nothing, mermaid_layout_elk_js_url=nothing)
    body, _ = exporter.from_notebook_node(nbformat.read(notebook, as_version=4))
    out.write_text(body, encoding="utf-8")
    return out


def _browse(html: Path, *, scripts: bool):
    """Opens `html` in Debian's Chromium; returns (playwright, browser, page, outside) where `outside` collects
    every request to anything but the page's own file and data: URLs (each is refused)."""
    from playwright.sync_api import sync_playwright

    from server.browser import CHROMIUM_ARGS

    pw = sync_playwright().start()
    browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
    context = browser.new_context(viewport={"width": 1100, "height": 900}, java_script_enabled=scripts)
    outside: list[str] = []

    def guard(route):
        url = route.request.url
        if url == html.as_uri() or url.startswith("data:"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.goto(html.as_uri())
    return pw, browser, page, outside


@pytest.mark.slow
def test_in_chromium_the_deck_steps_and_the_widget_works_with_no_request(notebook, tmp_path):
    from playwright.sync_api import expect

    html = _html(notebook, tmp_path / "atelier.html")
    pw, browser, page, outside = _browse(html, scripts=True)
    try:
        deck = page.locator("figure.atelier-slides")
        count = deck.locator(".atelier-count")
        expect(count).to_be_visible()
        total = deck.locator(".atelier-strip img").count()
        assert total > 1
        expect(count).to_have_text(f"1 / {total}")
        expect(deck.locator("[data-step='-1']")).to_be_disabled()
        deck.locator("[data-step='1']").click()
        expect(count).to_have_text(f"2 / {total}")
        strip_box = deck.locator(".atelier-strip").bounding_box()
        second = deck.locator(".atelier-strip img").nth(1).bounding_box()
        assert strip_box and second and abs(second["x"] - strip_box["x"]) < 3  # slide 2 is the one in view
        deck.locator(".atelier-strip").focus()
        page.keyboard.press("ArrowLeft")
        expect(count).to_have_text(f"1 / {total}")

        widget = page.locator("figure.atelier-widget")
        expect(widget.locator("iframe.atelier-frame")).to_be_visible()
        expect(widget.locator("img.atelier-still")).to_be_hidden()
        frame = widget.frame_locator("iframe.atelier-frame")
        expect(frame.get_by_text("0 of 3 done")).to_be_visible()
        frame.get_by_role("checkbox").first.check()
        expect(frame.get_by_text("1 of 3 done")).to_be_visible()

        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "notebook.png"), full_page=True)
        assert outside == []
    finally:
        browser.close()
        pw.stop()


@pytest.mark.slow
def test_without_scripts_the_pictures_remain(notebook, tmp_path):
    """Where a viewer strips scripts (GitHub, an untrusted notebook), every slide and the widget's picture show."""
    from playwright.sync_api import expect

    html = _html(notebook, tmp_path / "atelier.html")
    pw, browser, page, outside = _browse(html, scripts=False)
    try:
        deck = page.locator("figure.atelier-slides")
        expect(deck.locator(".atelier-controls")).to_be_hidden()  # no buttons that would do nothing
        slides = deck.locator(".atelier-strip img")
        assert slides.count() > 1
        for i in range(slides.count()):
            assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", slides.nth(i).element_handle())
        widget = page.locator("figure.atelier-widget")
        expect(widget.locator("img.atelier-still")).to_be_visible()
        expect(widget.locator("iframe.atelier-frame")).to_be_hidden()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "notebook-no-scripts.png"), full_page=True)
        assert outside == []
    finally:
        browser.close()
        pw.stop()

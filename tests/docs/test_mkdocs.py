"""The MkDocs plugin, through a real `mkdocs build --strict` of a small site with nested pages and every modality."""

from __future__ import annotations

import filecmp
import functools
import http.server
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.docs.links import read, unresolved

pytest.importorskip("mkdocs", reason="the docs extra (mkdocs) is not installed")
pytestmark = pytest.mark.slow
SHOTS = ROOT / "test-output" / "docs"

CONFIG = """site_name: Atelier blocks
theme:
  name: mkdocs
  highlightjs: false   # the theme's highlighter comes from a CDN; the site must work offline
nav:
  - Home: index.md
  - Guide: guide/index.md
  - Deep: guide/deep/page.md
plugins:
  - atelier{options}
"""
PAGES = {
    "index.md": """# Home

An infographic:

```atelier infographic prompt="Key numbers of the year"
# 2025 in numbers
- Revenue grew 18% to 4.2 M
- 120 new customers
- 3 new offices
```

And a picture:

```atelier image
a lighthouse at dawn, watercolour
```
""",
    "guide/index.md": """# Guide

```atelier slides
# Tea
## Green
Light and grassy, steamed or pan-fired.
## Black
Malty and strong, fully oxidised.
## Oolong
Between the two, rolled and partly oxidised.
```

```python
print("a plain code block stays a code block")
```
""",
    "guide/deep/page.md": """# Deep page

```atelier whiteboard prompt="Draw how a pull request gets merged"
1. Open a pull request
2. Review
3. CI passes
4. Merge
```

A chart from a file beside the guide:

```atelier widget data=../sales.csv prompt="Sales by month"
```

- Inside a list:

    ```atelier widget prompt="A checklist for the launch"
    - Write the notes
    - Tag the release
    - Announce it
    ```
""",
    "guide/sales.csv": "month,sales\nJan,120\nFeb,135\nMar,160\nApr,150\n",
}
BLOCKS = {"index.html": 2, "guide/index.html": 1, "guide/deep/page/index.html": 3}


def make_site(root: Path, options: str = "", pages: dict[str, str] = PAGES) -> Path:
    for name, text in pages.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(CONFIG.format(options=options), encoding="utf-8")
    return root


def build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, capture_output=True,
                          text=True, timeout=600)


def cache_files(root: Path) -> dict[str, bytes]:
    cache = root / ".atelier-cache"
    return {str(p.relative_to(cache)): p.read_bytes() for p in sorted(cache.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site built twice: the first build renders every block, the second finds them all in the cache."""
    root = make_site(tmp_path_factory.mktemp("site"))
    first = build(root)
    assert first.returncode == 0, first.stderr
    cached = cache_files(root)
    built = {str(p.relative_to(root / "site")): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    second = build(root)
    return {"root": root, "first": first, "second": second, "cache_after_first": cached, "built_first": built}


def test_every_block_is_rendered_into_generated_files(site):
    root = site["root"]
    assert "atelier: 6 block(s): 6 rendered, 0 from the cache" in site["first"].stderr
    entries = [p for p in (root / ".atelier-cache").iterdir() if p.is_dir()]
    assert len(entries) == 6
    import json

    for entry in entries:
        manifest = json.loads((entry / "manifest.json").read_text(encoding="utf-8"))
        for f in manifest["files"]:
            published = root / "site" / "assets" / "atelier" / entry.name / f["name"]
            assert published.is_file(), published
            assert filecmp.cmp(published, entry / f["name"], shallow=False)
    for page, count in BLOCKS.items():
        assert read(root / "site" / page).figures == count, page
    guide = (root / "site" / "guide" / "index.html").read_text(encoding="utf-8")
    assert "a plain code block stays a code block" in guide and "```atelier" not in guide
    deck = guide[guide.index('<figure class="atelier atelier-slides"'):]
    assert 'download>PowerPoint</a>' in deck and ".pptx" in deck
    deep = (root / "site" / "guide" / "deep" / "page" / "index.html").read_text(encoding="utf-8")
    assert "board.svg" in deep and "Open in Excalidraw" in deep and "board.excalidraw" in deep
    assert deep.count('sandbox="allow-scripts"') == 2
    # A widget's page is only ever framed in its sandbox, never linked to open at the site's own origin.
    widget_links = [tag for tag, address in read(root / "site" / "guide" / "deep" / "page" / "index.html").found
                    if address.endswith("widget.html")]
    assert widget_links == ["iframe", "iframe"]


def test_every_src_and_href_resolves_on_every_page(site):
    # The renders' own widget pages (under assets/) link nothing; every page of the site is checked.
    missing, checked = unresolved(site["root"] / "site", skip=("assets",))
    assert missing == []
    assert checked > 30


def test_the_second_build_is_served_from_the_cache(site):
    root = site["root"]
    assert site["second"].returncode == 0, site["second"].stderr
    assert "atelier: 6 block(s): 0 rendered, 6 from the cache" in site["second"].stderr
    # Every entry is byte for byte what the first build wrote (a render would write a new id and time).
    assert cache_files(root) == site["cache_after_first"]
    for name, body in site["built_first"].items():
        if name.startswith("assets/atelier/"):
            assert (root / "site" / name).read_bytes() == body, name


@pytest.fixture(scope="module")
def served(site):
    handler = functools.partial(_QuietHandler, directory=str(site["root"] / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        return None


def test_the_built_pages_work_in_chromium_with_no_outside_request(served):
    from playwright.sync_api import expect, sync_playwright

    from server.browser import CHROMIUM_ARGS

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        outside: list[str] = []

        def guard(route):
            url = route.request.url
            if url.startswith((served + "/", "data:", "about:")):
                route.continue_()
            else:
                outside.append(url)
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        try:
            for path, shot in (("/", "home"), ("/guide/", "guide"), ("/guide/deep/page/", "deep")):
                page.goto(served + path)
                figures = page.locator("figure.atelier")
                for i in range(figures.count()):
                    figures.nth(i).scroll_into_view_if_needed()
                    for img in figures.nth(i).locator("img").all():
                        img.scroll_into_view_if_needed()
                        page.wait_for_function("(img) => img.complete", arg=img.element_handle())
                        assert img.evaluate("(img) => img.naturalWidth > 0"), img.get_attribute("src")
                if path == "/guide/":
                    deck = page.locator("figure.atelier-slides")
                    count = deck.locator(".atelier-count")
                    total = deck.locator(".atelier-strip img").count()
                    expect(count).to_have_text(f"{total} / {total}")  # the counter followed the strip's scrolling
                    deck.locator(".atelier-strip").evaluate("(strip) => strip.scrollTo({left: 0})")
                    expect(count).to_have_text(f"1 / {total}")
                    deck.locator("[data-step='1']").click()
                    expect(count).to_have_text(f"2 / {total}")
                if path == "/guide/deep/page/":
                    checklist = page.locator("figure.atelier-widget").nth(1)
                    checklist.scroll_into_view_if_needed()
                    frame = checklist.frame_locator("iframe")
                    expect(frame.get_by_text("0 of 3 done")).to_be_visible()
                    frame.get_by_role("checkbox").first.check()
                    expect(frame.get_by_text("1 of 3 done")).to_be_visible()
                    chart = page.locator("figure.atelier-widget").first.frame_locator("iframe")
                    expect(chart.get_by_text("Sales by month").first).to_be_visible()
                # The whole page in one viewport: a full-page capture of a scrolled page shows the theme's fixed
                # bar mid-way, and leaves sandboxed (out-of-process) frames outside the viewport unpainted.
                page.evaluate("window.scrollTo(0, 0)")
                page.set_viewport_size({"width": 1200, "height": page.evaluate("document.body.scrollHeight")})
                page.screenshot(path=str(SHOTS / f"{shot}.png"))
                page.set_viewport_size({"width": 1200, "height": 900})
        finally:
            browser.close()
    assert outside == []


BROKEN = {"broken.md": "# Broken\n\n```atelier poster\nA poster, which is not a modality\n```\n"}


@pytest.mark.parametrize("fail_on_error", [True, False])
def test_a_broken_block_fails_the_build_only_with_fail_on_error(site, tmp_path, fail_on_error):
    cache = site["root"] / ".atelier-cache"
    options = f":\n      cache_dir: {cache}\n      fail_on_error: {str(fail_on_error).lower()}"
    root = make_site(tmp_path, options, {**PAGES, **BROKEN})
    result = build(root)
    if fail_on_error:
        assert result.returncode != 0
        assert "atelier block at broken.md:3: unknown modality 'poster'; known modalities:" in result.stderr
        assert "Traceback" not in result.stderr
    else:
        assert result.returncode == 0, result.stderr
        page = (root / "site" / "broken" / "index.html").read_text(encoding="utf-8")
        assert "atelier-error" in page and "unknown modality &#x27;poster&#x27;" in page
        assert "could not be rendered" in result.stderr
        assert "0 rendered, 6 from the cache, 1 failed" in result.stderr
    shutil.rmtree(root / "site", ignore_errors=True)

"""preview.png: one warm Chromium shared by every render, safe from any thread, and a clear warning without it."""

from __future__ import annotations

import asyncio
import threading

import pytest
from PIL import Image

from renderers.base import CaptureError
from server.browser import WarmBrowser, find_chromium
from tests.conftest import ServerProcess, load_plan_dict, settled
from tests.parts import strict

pytestmark = pytest.mark.slow  # drives Chromium

CHROMIUM = find_chromium()
needs_chromium = pytest.mark.skipif(CHROMIUM is None and not strict(),
                                    reason="Chromium is not installed (run scripts/setup.sh)")

PAGE = """<!doctype html><html><head><style>html,body{margin:0;background:#fff}</style></head><body>
<div id="box" style="height:%dpx;background:#1f6feb"></div>
<script>document.getElementById('box').style.background = '#e4473c';
document.documentElement.setAttribute('data-ready', '')</script>
</body></html>"""


@pytest.fixture(scope="module")
def warm():
    b = WarmBrowser(CHROMIUM, timeout_s=15)
    yield b
    b.close()


def page(tmp_path, name: str, height: int) -> tuple:
    html = tmp_path / f"{name}.html"
    html.write_text(PAGE % height, encoding="utf-8")
    return html, tmp_path / f"{name}.png"


def color_at(png, x, y):
    with Image.open(png) as im:
        return im.convert("RGB").getpixel((x, y))


@needs_chromium
def test_one_browser_draws_every_page_at_its_own_height(warm, tmp_path):
    for k, height in enumerate((300, 900)):
        html, png = page(tmp_path, f"p{k}", height)
        shot = warm.capture(html, png, width=400, max_height=2000, ready="html[data-ready]", scale=1)
        assert (shot.width, shot.height, shot.truncated) == (400, height, False)
        with Image.open(png) as im:
            assert im.size == (400, height)
        assert color_at(png, 10, 10) == (228, 71, 60)  # the page's script ran
    assert warm.launches == 1


@needs_chromium
def test_tall_pages_are_cut_at_the_limit_and_scale_sharpens(warm, tmp_path):
    html, png = page(tmp_path, "tall", 3000)
    shot = warm.capture(html, png, width=300, max_height=1000, scale=2)
    assert shot.height == 3000 and shot.truncated
    with Image.open(png) as im:
        assert im.size == (600, 2000)


@needs_chromium
def test_pages_drawn_without_scripts_do_not_run_them(warm, tmp_path):
    html, png = page(tmp_path, "static", 200)
    warm.capture(html, png, width=300, max_height=1000, scripts=False, scale=1)
    assert color_at(png, 10, 10) == (31, 111, 235)  # the colour in the markup, not the script's


TICKING = """<!doctype html><html><body><script>
window.ticks = 0; setInterval(() => { window.ticks += 1; }, 20);
document.documentElement.setAttribute('data-ready', '')</script></body></html>"""


@needs_chromium
def test_a_page_kept_for_the_next_capture_runs_nothing_meanwhile(tmp_path):
    browser = WarmBrowser(CHROMIUM, timeout_s=15)
    try:
        html = tmp_path / "ticking.html"
        html.write_text(TICKING, encoding="utf-8")
        browser.capture(html, tmp_path / "ticking.png", width=300, max_height=500, ready="html[data-ready]", scale=1)
        (kept,) = browser._idle[(True, 1)]

        def run(job) -> int:
            return asyncio.run_coroutine_threadsafe(job, browser._loop).result(timeout=10)

        async def ticks_while_idle(seconds: float) -> int:
            """How far the kept page's counter moved in `seconds` (read with its scripts briefly on)."""
            await browser._run_scripts(kept, True)
            before = await kept.evaluate("window.ticks")
            await browser._run_scripts(kept, False)
            await asyncio.sleep(seconds)
            await browser._run_scripts(kept, True)
            moved = await kept.evaluate("window.ticks") - before
            await browser._run_scripts(kept, False)
            return moved

        assert run(ticks_while_idle(1)) <= 2  # 50 ticks, had its timer run

        async def ticks_awake(seconds: float) -> int:
            await browser._run_scripts(kept, True)
            before = await kept.evaluate("window.ticks")
            await asyncio.sleep(seconds)
            return await kept.evaluate("window.ticks") - before

        assert run(ticks_awake(0.3)) >= 5  # the same counter runs once its scripts may
    finally:
        browser.close()


@needs_chromium
def test_captures_from_many_threads_share_the_browser(warm, tmp_path):
    launches = warm.launches
    errors, shots = [], []

    def work(k):
        try:
            html, png = page(tmp_path, f"t{k}", 100 + k * 10)
            shots.append(warm.capture(html, png, width=320, max_height=800, ready="html[data-ready]", scale=1).height)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(shots) == [100 + k * 10 for k in range(6)]
    assert warm.launches == max(launches, 1)


@needs_chromium
def test_a_page_that_never_finishes_is_an_error_and_the_browser_lives_on(tmp_path):
    b = WarmBrowser(CHROMIUM, timeout_s=2)
    try:
        hung = tmp_path / "hung.html"
        hung.write_text("<!doctype html><p>spin</p><script>while (true) {}</script>", encoding="utf-8")
        with pytest.raises(CaptureError, match="could not be drawn|did not finish"):
            b.capture(hung, tmp_path / "hung.png", width=300, max_height=500)
        html, png = page(tmp_path, "after", 120)
        assert b.capture(html, png, width=300, max_height=500, scale=1).height == 120
    finally:
        b.close()


def test_a_missing_chromium_is_a_clear_error(tmp_path):
    html, png = page(tmp_path, "x", 10)
    with pytest.raises(CaptureError, match="Chromium was not found at /nowhere/chromium"):
        WarmBrowser("/nowhere/chromium").capture(html, png, width=100, max_height=100)
    with pytest.raises(CaptureError, match="no Chromium was found"):
        WarmBrowser(None).capture(html, png, width=100, max_height=100)


@needs_chromium
def test_server_renders_a_widget_preview_and_sizes_the_embed_from_it(client):
    answered = client.post("/render", json={"plan": load_plan_dict("widget")}).json()
    assert answered["pending"] == ["preview.png"]  # the widget is answered at once; its picture follows
    m = settled(client, answered)
    preview = next(f for f in m["files"] if f["name"] == "preview.png")
    assert preview["role"] == "preview"
    png = client.get(preview["url"])
    assert png.content.startswith(b"\x89PNG")
    width, height = m["details"]["page_size"]
    assert width == 800 and m["embed"]["height"] == height
    assert [w["code"] for w in m["warnings"]] == []


def test_server_without_chromium_warns_and_still_renders(tmp_path):
    server = ServerProcess(tmp_path, env={"ATELIER_CHROMIUM": "/nowhere/chromium"}).start()
    try:
        with server.client() as c:
            m = settled(c, c.post("/render", json={"plan": load_plan_dict("widget")}).json())
    finally:
        server.stop()
    assert [f["name"] for f in m["files"]] == ["widget.html"]
    warning = next(w for w in m["warnings"] if w["code"] == "preview_skipped")
    assert warning["where"] == "preview.png" and "/nowhere/chromium" in warning["detail"]
    assert m["embed"]["height"] == 480  # no measurement: the table's usual height

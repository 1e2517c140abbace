"""The view (`ui://atelier/viewer.html`) in headless Chromium, inside a small MCP Apps host (host/host.html, served
with its sandbox proxy by fake_host.py): the bridge handshake, one real tool result per modality, what is drawn,
the size it reports, its buttons, light and dark, and that it makes no network request of its own.

Screenshots of the host page go to test-output/mcp/ (one per modality and theme)."""

from __future__ import annotations

import base64
import io
import json
import time
from contextlib import ExitStack
from urllib.parse import urlsplit

import httpx
import pytest
from PIL import Image
from pptx import Presentation

from .conftest import MODALITIES, OUTPUT, Harness, plan, settings_for
from .fake_host import FakeHost

pytestmark = pytest.mark.slow

VIEW_URI = "ui://atelier/viewer.html"
ASKS = {
    "slides": "Make me a two-slide deck I can present.",
    "infographic": "Summarise these numbers as an infographic.",
    "whiteboard": "Draw the release flow as a diagram.",
    "widget": "Give me a table of the scores I can sort.",
    "image": "A picture of a lighthouse at dawn, please.",
    "animation": "Animate the three steps.",
}
LIGHT = {"--color-background-primary": "#ffffff", "--color-text-primary": "#22231f",
         "--color-background-secondary": "#f4f4f1", "--color-border-primary": "#e2e1dc",
         "--font-sans": "\"Noto Sans\", system-ui, sans-serif"}
DARK = {"--color-background-primary": "#26272b", "--color-text-primary": "#ececea",
        "--color-background-secondary": "#303136", "--color-background-tertiary": "#38393e",
        "--color-border-primary": "#45464c", "--color-text-secondary": "#b6b7b1",
        "--font-sans": "\"Noto Sans\", system-ui, sans-serif"}
CAPABILITIES = {"openLinks": {}, "serverTools": {}, "serverResources": {}, "logging": {}, "downloadFile": {}}


def wait_until(check, timeout: float = 20.0, what: str = "the condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {timeout} s")
        time.sleep(0.05)


@pytest.fixture(scope="module")
def chromium(browser):
    """Debian's full Chromium (/usr/bin/chromium), started by the session's Playwright (one per thread)."""
    from server.browser import CHROMIUM_ARGS

    launched = browser.browser_type.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
    yield launched
    launched.close()


@pytest.fixture(scope="module")
def view_client(server, tmp_path_factory):
    """Atelier's MCP server in process (its renders in a folder of its own), knowing the test's `atelier serve`
    as the server whose canvas whiteboards open in."""
    from anyio.from_thread import start_blocking_portal
    from mcp import Client
    from mcp.client import advertise
    from mcp.server.apps import APP_MIME_TYPE, EXTENSION_ID

    from server.mcp.calls import Backend
    from server.mcp.tools import build_server

    backend = Backend(settings_for(tmp_path_factory.mktemp("view-data"), public_url=server.base))
    mcp_server = build_server(lambda: backend, local=True)
    with ExitStack() as stack:
        portal = stack.enter_context(start_blocking_portal())
        client = stack.enter_context(portal.wrap_async_context_manager(
            Client(mcp_server, extensions=[advertise(EXTENSION_ID, {"mimeTypes": [APP_MIME_TYPE]})])))
        harness = Harness(portal, client)
        harness.backend = backend
        yield harness
    backend.close()


@pytest.fixture(scope="module")
def view_resource(view_client) -> dict:
    contents = view_client.read(VIEW_URI).contents[0]
    return {"html": contents.text, "csp": contents.meta["ui"]["csp"],
            "prefersBorder": contents.meta["ui"]["prefersBorder"]}


@pytest.fixture(scope="module")
def host(view_client, view_resource):
    with FakeHost(view_client, view_resource["csp"]) as fake:
        yield fake


class Shown:
    """A view opened in the test host: the page, the view's frame, and every request the page made."""

    def __init__(self, page, frame, requests):
        self.page, self.frame, self.requests = page, frame, requests

    def log(self, key: str):
        return self.page.evaluate(f"window.hostLog.{key}")

    def view_requests(self) -> list[str]:
        """Requests made by the view or anything inside it (its widget frame): there must be none."""
        return [url for url, frame_name in self.requests if frame_name in ("atelier-view", "inner")
                and not url.startswith(("data:", "about:"))]


def open_view(browser, host, view_resource, tool_name: str, args: dict, result, theme: str = "light",
              width: int = 860) -> Shown:
    context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
    page = context.new_page()
    requests: list[tuple[str, str]] = []
    errors: list[str] = []

    def on_request(request):
        frame = request.frame
        name = frame.name if frame.name == "atelier-view" else ("inner" if frame.parent_frame and
                                                               frame.parent_frame.name == "atelier-view" else "")
        requests.append((request.url, name))

    page.on("request", on_request)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
    page.errors = errors
    page.goto(f"{host.url}/")
    payload = result.model_dump(mode="json", by_alias=True, exclude_none=True)
    page.evaluate("(a) => window.openView(a)", {
        "html": view_resource["html"], "csp": view_resource["csp"], "prefersBorder": view_resource["prefersBorder"],
        "args": args, "result": payload, "toolName": tool_name, "ask": ASKS.get(args.get("plan", {}).get(
            "modality", ""), "Show me that render again."),
        "theme": theme, "variables": DARK if theme == "dark" else LIGHT, "sandboxUrl": host.sandbox_url,
        "capabilities": CAPABILITIES})
    frame = wait_until(lambda: page.frame(name="atelier-view"), what="the view's frame")
    wait_js(frame, "['ready', 'error'].includes(document.documentElement.dataset.state)")
    return Shown(page, frame, requests)


def wait_js(frame, expression: str, timeout: float = 30.0):
    """Waits until `expression` is true in the frame. (Playwright's wait_for_function evaluates its predicate with
    eval, which the view's Content-Security-Policy forbids; evaluate() goes through DevTools instead.)"""
    check = f"() => {{ try {{ return Boolean({expression}); }} catch (e) {{ return false; }} }}"
    return wait_until(lambda: frame.evaluate(check), timeout, what=expression)


def settle_size(shown: Shown) -> dict:
    """Waits until the size the view last reported is its document's height, and returns it."""
    def matched():
        sizes = shown.log("sizes")
        body = shown.frame.evaluate("Math.ceil(document.body.getBoundingClientRect().height)")
        return sizes[-1] if sizes and abs(sizes[-1]["height"] - body) <= 1 else None
    return wait_until(matched, what="a size report that matches the view")


def shot(shown: Shown, name: str) -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    shown.page.locator("main").screenshot(path=str(OUTPUT / f"{name}.png"))


def check_quiet(shown: Shown) -> None:
    assert shown.view_requests() == []
    hosts = {urlsplit(url).netloc for url, _ in shown.requests if url.startswith("http")}
    assert all(h.startswith(("127.0.0.1:", "localhost:")) for h in hosts), hosts
    assert not [e for e in shown.page.errors if "Content Security Policy" in e or "uncaught" in e], shown.page.errors


def picture_size(frame, selector: str) -> tuple[int, int]:
    return tuple(frame.eval_on_selector(selector, "img => [img.naturalWidth, img.naturalHeight]"))


@pytest.fixture(scope="module")
def results(view_client) -> dict:
    return {m: view_client.call("render_plan", {"plan": plan(m)}) for m in MODALITIES}


# ---- one tool result per modality ---------------------------------------------------------------------------

def test_deck_steps_through_its_slides_and_downloads_the_pptx(chromium, host, view_resource, results):
    shown = open_view(chromium, host, view_resource, "render_plan", {"plan": plan("slides")}, results["slides"])
    frame = shown.frame
    assert shown.log("methods")[:3] == ["ui/notifications/sandbox-proxy-ready", "ui/initialize",
                                        "ui/notifications/initialized"]
    assert frame.inner_text("#title") == "Minimal deck" and frame.inner_text("#kind") == "SLIDES"
    assert frame.inner_text(".pager .count") == "Slide 1 of 2"
    wait_js(frame, "document.querySelector('.slide img').naturalWidth > 0")
    assert frame.get_attribute(".slide img", "data-file") == "slide-01.png"
    assert picture_size(frame, ".slide img")[0] >= 960
    size = settle_size(shown)
    assert 300 < size["height"] < 900
    shot(shown, "slides-light")

    frame.click("button[aria-label='Next slide']")
    wait_js(frame, "document.querySelector('.slide img').dataset.file === 'slide-02.png' && "
                            "document.querySelector('.slide img').complete")
    assert frame.inner_text(".pager .count") == "Slide 2 of 2"
    assert frame.get_attribute(".slide img", "alt") == "Slide 2 of 2: Points"
    assert frame.is_disabled("button[aria-label='Next slide']")

    frame.click("button[title='Download deck.pptx']")
    download = wait_until(lambda: shown.log("downloads"), what="a ui/download-file request")[0]
    resource = download["contents"][0]["resource"]
    assert resource["uri"] == "file:///deck.pptx"
    assert len(Presentation(io.BytesIO(base64.b64decode(resource["blob"]))).slides) == 2
    assert {"name": "export", "arguments": {"id": results["slides"].structured_content["id"], "format": "pptx"}} \
        in shown.log("calls")
    check_quiet(shown)
    shown.page.context.close()


def test_infographic_is_drawn_from_its_png(chromium, host, view_resource, results):
    shown = open_view(chromium, host, view_resource, "render_plan", {"plan": plan("infographic")},
                      results["infographic"])
    frame = shown.frame
    wait_js(frame, "document.querySelector('#stage img').naturalWidth > 0")
    assert frame.get_attribute("#stage img", "data-file") == "infographic.png"
    assert frame.inner_text("#kind") == "INFOGRAPHIC"
    settle_size(shown)
    shot(shown, "infographic-light")
    check_quiet(shown)
    shown.page.context.close()


def test_whiteboard_shows_its_svg_and_opens_in_the_canvas(chromium, host, view_resource, results, server):
    shown = open_view(chromium, host, view_resource, "render_plan", {"plan": plan("whiteboard")},
                      results["whiteboard"])
    frame = shown.frame
    wait_js(frame, "document.querySelector('#stage img').naturalWidth > 0")
    assert frame.get_attribute("#stage img", "data-file") == "board.svg"
    settle_size(shown)
    shot(shown, "whiteboard-light")
    frame.click("text=Open in canvas")
    link = wait_until(lambda: shown.log("links"), what="a ui/open-link request")[0]
    assert link.startswith(f"{server.base}/?board=")
    board = httpx.get(f"{server.base}/boards/{link.rsplit('=', 1)[1]}").json()
    labels = {e.get("text") for e in board["scene"]["elements"]}
    assert {"Start", "Is it ready?", "Ship it"} <= labels
    check_quiet(shown)
    shown.page.context.close()


def test_widget_runs_live_in_its_own_sandbox(chromium, host, view_resource, results):
    shown = open_view(chromium, host, view_resource, "render_plan", {"plan": plan("widget")}, results["widget"])
    frame = shown.frame
    widget = wait_until(lambda: frame.child_frames and frame.child_frames[0], what="the widget's frame")
    widget.wait_for_selector("text=Ann")
    assert "Score" in widget.inner_text("body")
    assert frame.get_attribute("iframe.widget", "sandbox") == "allow-scripts"
    # Live: sorting by a column is the widget's own script at work.
    before = widget.inner_text("tbody")
    widget.click("text=Score")
    wait_until(lambda: widget.inner_text("tbody") != before, what="the table to sort")
    rows = widget.inner_text("tbody")
    assert rows.index("Cy") < rows.index("Bo") or rows.index("Bo") < rows.index("Cy")
    settle_size(shown)
    shot(shown, "widget-light")
    check_quiet(shown)
    shown.page.context.close()


def test_image_fills_its_frame(chromium, host, view_resource, results):
    shown = open_view(chromium, host, view_resource, "render_plan", {"plan": plan("image")}, results["image"])
    frame = shown.frame
    wait_js(frame, "document.querySelector('#stage img').naturalWidth > 0")
    assert picture_size(frame, "#stage img") == (512, 384)
    assert frame.get_attribute("#stage img", "alt") == "A lighthouse on a cliff at dawn"
    assert "image_fallback" in frame.inner_text("#notes summary + ul") or frame.inner_text("#notes")
    settle_size(shown)
    shot(shown, "image-light")
    check_quiet(shown)
    shown.page.context.close()


def test_dark_host_colours_the_view(chromium, host, view_resource, results):
    shown = open_view(chromium, host, view_resource, "render_plan", {"plan": plan("slides")}, results["slides"],
                      theme="dark")
    frame = shown.frame
    assert frame.evaluate("document.documentElement.dataset.theme") == "dark"
    assert frame.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(38, 39, 43)"
    assert frame.evaluate("getComputedStyle(document.querySelector('#title')).color") == "rgb(236, 236, 234)"
    wait_js(frame, "document.querySelector('.slide img').naturalWidth > 0")
    settle_size(shown)
    shot(shown, "slides-dark")
    shown.page.context.close()
    for modality in ("whiteboard", "widget"):
        shown = open_view(chromium, host, view_resource, "render_plan", {"plan": plan(modality)}, results[modality],
                          theme="dark")
        settle_size(shown)
        shot(shown, f"{modality}-dark")
        check_quiet(shown)
        shown.page.context.close()


def test_a_validation_error_is_shown_as_such(chromium, host, view_resource, view_client):
    bad = {"modality": "slides", "title": "Broken", "slides": [{"layout": "bullets", "bullets": []}]}
    result = view_client.call("render_plan", {"plan": bad})
    shown = open_view(chromium, host, view_resource, "render_plan", {"plan": bad}, result)
    frame = shown.frame
    assert frame.evaluate("document.documentElement.dataset.state") == "error"
    text = frame.inner_text("#stage")
    assert "Atelier could not render this." in text and "plan.slides[0].title: Field required" in text
    settle_size(shown)
    shot(shown, "error-light")
    shown.page.context.close()


# ---- a video (the animation modality is being built: a real WebM, stored as a render, shown by get_render) ----

def make_webm(browser) -> bytes:
    """A 1.2 s WebM recorded by Chromium's own encoder from a canvas."""
    context = browser.new_context()
    page = context.new_page()
    data = page.evaluate("""async () => {
      const c = document.createElement('canvas'); c.width = 640; c.height = 360;
      const g = c.getContext('2d');
      const rec = new MediaRecorder(c.captureStream(30), { mimeType: 'video/webm' });
      const parts = []; rec.ondataavailable = (e) => parts.push(e.data);
      const done = new Promise((r) => { rec.onstop = r; });
      rec.start();
      const t0 = performance.now();
      await new Promise((resolve) => { (function frame() {
        const t = (performance.now() - t0) / 1200;
        g.fillStyle = '#f7f4ec'; g.fillRect(0, 0, 640, 360);
        g.fillStyle = '#0a7896'; g.beginPath(); g.arc(80 + 480 * Math.min(t, 1), 180, 40, 0, 7); g.fill();
        if (t < 1) requestAnimationFrame(frame); else resolve();
      })(); });
      rec.stop(); await done;
      const buf = await new Blob(parts, { type: 'video/webm' }).arrayBuffer();
      let s = ''; const bytes = new Uint8Array(buf);
      for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
      return btoa(s);
    }""")
    context.close()
    return base64.b64decode(data)


def store_animation(backend, video: bytes) -> str:
    """Stores a render the way the animation modality will (a video/* primary file and a poster PNG)."""
    import datetime as dt

    from server.manifest import FileInfo, Manifest, PlannerInfo, Timings

    render_id, folder = backend.store.workdir()
    (folder / "animation.webm").write_bytes(video)
    poster = Image.new("RGB", (640, 360), "#f7f4ec")
    from PIL import ImageDraw

    ImageDraw.Draw(poster).ellipse((40, 140, 120, 220), fill="#0a7896")
    poster.save(folder / "poster.png")
    plan_ = {"modality": "animation", "title": "Three steps, animated"}
    (folder / "plan.json").write_text(json.dumps(plan_), encoding="utf-8")
    files = [FileInfo(name="animation.webm", media_type="video/webm", role="primary",
                      bytes=(folder / "animation.webm").stat().st_size, url=""),
             FileInfo(name="poster.png", media_type="image/png", role="preview",
                      bytes=(folder / "poster.png").stat().st_size, url="")]
    manifest = Manifest(id=render_id, created=dt.datetime.now(dt.UTC).isoformat(), modality="animation",
                        title=plan_["title"], theme="light", schema_version="1.0",
                        planner=PlannerInfo(name="given", rationale="given", alternatives=[]), files=files,
                        warnings=[], timings_ms=Timings(plan=0, render=0, total=1))
    backend.store.commit(render_id, folder, manifest)
    return render_id


def test_a_video_plays_with_its_poster(chromium, host, view_resource, view_client):
    render_id = store_animation(view_client.backend, make_webm(chromium))
    result = view_client.call("get_render", {"id": render_id})
    assert not result.is_error
    shown = open_view(chromium, host, view_resource, "get_render", {"id": render_id}, result)
    frame = shown.frame
    wait_js(frame, "document.querySelector('video').readyState >= 1")
    assert frame.evaluate("document.querySelector('video').videoWidth") == 640
    assert frame.evaluate("document.querySelector('video').poster.startsWith('data:image/png')")
    assert frame.get_attribute("video", "data-file") == "animation.webm"
    settle_size(shown)
    shot(shown, "animation-light")
    check_quiet(shown)
    shown.page.context.close()


# ---- a host that predates MCP Apps ------------------------------------------------------------------------------

def test_the_embedded_page_shows_the_render_without_a_bridge(chromium, mcp_session):
    result = mcp_session["plain"].call("render_plan", {"plan": plan("slides")})
    page_html = next(c for c in result.content if c.type == "resource").resource.text
    context = chromium.new_context(viewport={"width": 760, "height": 700})
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.set_content(page_html)
    wait_js(page, "document.documentElement.dataset.state === 'ready'")
    wait_js(page, "document.querySelector('.slide img').naturalWidth > 0")
    assert page.inner_text(".pager .count") == "Slide 1 of 2"
    page.click("button[aria-label='Next slide']")
    wait_js(page, "document.querySelector('.slide img').dataset.file === 'slide-02.png'")
    assert page.locator("#actions button").count() == 0  # no bridge: no tools to call
    assert [u for u in requests if not u.startswith(("data:", "about:"))] == []
    context.close()

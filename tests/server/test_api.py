"""The HTTP API, through a real `atelier serve` process on 127.0.0.1."""

from __future__ import annotations

import io
import json

import httpx
import pytest
from pptx import Presentation

from tests.conftest import FIXTURES, ServerProcess, excalidraw_problems, load_plan_dict

pytestmark = pytest.mark.slow  # drives a real server process


def test_health_and_docs(client):
    assert client.get("/healthz").json()["status"] == "ok"
    assert client.get("/openapi.json").json()["paths"]["/render"]["post"]
    assert client.get("/docs").status_code == 200
    home = client.get("/")
    assert home.status_code == 200 and "/docs" in home.text


def test_render_returns_manifest_and_files_are_served(client):
    content = (FIXTURES / "en_article.md").read_text(encoding="utf-8")
    r = client.post("/render", json={"prompt": "Turn this into slides", "content": content})
    assert r.status_code == 200, r.text
    m = r.json()
    assert m["modality"] == "slides" and m["planner"]["name"] == "offline"
    assert m["planner"]["rationale"] and len(m["planner"]["alternatives"]) == 2
    assert set(m["timings_ms"]) == {"plan", "render", "total"}
    primary = next(f for f in m["files"] if f["role"] == "primary")
    deck = client.get(primary["url"])
    assert deck.status_code == 200 and deck.headers["content-type"].startswith("application/vnd.openxml")
    prs = Presentation(io.BytesIO(deck.content))
    assert len(prs.slides) == m["details"]["slide_count"]
    assert client.get(f"/render/{m['id']}").json() == m
    plan = client.get(f"/render/{m['id']}/plan.json").json()
    assert plan["modality"] == "slides"


def test_format_returns_the_file_bytes(client):
    for fmt, modality, magic in (("pptx", "slides", b"PK"), ("svg", "infographic", b"<svg"),
                                 ("png", "infographic", b"\x89PNG"), ("excalidraw", "whiteboard", b"{"),
                                 ("html", "widget", b"<!doctype html>")):
        r = client.post(f"/render?format={fmt}", json={"plan": load_plan_dict(modality)})
        assert r.status_code == 200, r.text
        assert r.content.startswith(magic), fmt
        assert r.headers["x-atelier-render-id"]
    r = client.post("/render?format=pptx", json={"plan": load_plan_dict("image")})
    assert r.status_code == 422 and "no pptx" in r.json()["detail"]


def test_widget_file_is_sandboxed_on_our_origin(client):
    r = client.post("/render?format=html", json={"plan": {"modality": "widget", "title": "x", "widget": {
        "kind": "html", "html": "<script>document.cookie</script>"}}})
    csp = r.headers["content-security-policy"]
    assert csp.startswith("sandbox allow-scripts") and "connect-src 'none'" in csp
    assert "allow-same-origin" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"


def test_event_stream_reports_progress_and_ends_with_the_manifest(client):
    with client.stream("POST", "/render", json={"plan": load_plan_dict("infographic")},
                       headers={"accept": "text/event-stream"}) as r:
        assert r.headers["content-type"].startswith("text/event-stream")
        events = []
        for line in r.iter_lines():
            if line.startswith("event: "):
                events.append(line[7:])
            elif line.startswith("data: ") and events[-1] == "manifest":
                manifest = json.loads(line[6:])
    assert events[0] == "plan" and events[-1] == "manifest"
    assert events.count("file") == len(manifest["files"]) == 3  # svg, png and the one-slide pptx
    assert client.get(f"/render/{manifest['id']}").status_code == 200


def test_bad_inputs_get_clear_4xx(client, server):
    cases = [
        ({}, 422, "prompt"),
        ({"prompt": "   "}, 422, "prompt"),
        ({"prompt": "x", "modality": "video"}, 422, "known modalities: slides, infographic, whiteboard, widget, image"),
        ({"prompt": "x", "data": "a,b\n1,2\n3,4,5\n"}, 422, "CSV line 3"),
        ({"prompt": "x", "theme": "neon"}, 422, "known themes"),
        ({"plan": {"modality": "slides", "title": "t", "slides": []}}, 422, "plan.slides"),
        ({"prompt": "x", "surprise": 1}, 422, "surprise"),
        ({"prompt": "x", "planner": "llm"}, 422, "ATELIER_LLM_BASE_URL"),
        ({"prompt": "x" * 5000}, 413, "limit"),
    ]
    for body, status, fragment in cases:
        r = client.post("/render", json=body)
        assert r.status_code == status, (body, r.text)
        assert fragment in r.json()["detail"], (body, r.json())
    big = client.post("/render", content=b'{"prompt": "' + b"x" * 5_000_000 + b'"}',
                      headers={"content-type": "application/json"})
    assert big.status_code == 413 and "limit" in big.json()["detail"]
    broken = client.post("/render", content=b"{not json", headers={"content-type": "application/json"})
    assert broken.status_code == 422


def test_unknown_ids_and_files_are_404_without_traversal(client):
    m = client.post("/render", json={"plan": load_plan_dict("widget")}).json()
    for path in (f"/render/{'a' * 16}", "/render/..%2F..%2Fetc%2Fpasswd", f"/render/{m['id']}/..%2Fmanifest.json",
                 f"/render/{m['id']}/deck.pptx", f"/render/{m['id']}/%2Fetc%2Fpasswd", "/render/x/widget.html"):
        r = client.get(path)
        assert r.status_code == 404, path
        assert "root:" not in r.text


def test_a_restarted_server_still_serves_earlier_renders(tmp_path):
    first = ServerProcess(tmp_path).start()
    try:
        with first.client() as c:
            m = c.post("/render", json={"plan": load_plan_dict("whiteboard")}).json()
    finally:
        first.stop()
    second = ServerProcess(tmp_path).start()
    try:
        with second.client() as c:
            assert c.get(f"/render/{m['id']}").json()["id"] == m["id"]
            scene = c.get(f"/render/{m['id']}/board.excalidraw").json()
            assert excalidraw_problems(scene) == []
            assert [r["id"] for r in c.get("/renders").json()] == [m["id"]]
    finally:
        second.stop()


def test_server_is_on_loopback(server):
    assert server.base.startswith("http://127.0.0.1:")
    assert httpx.get(f"{server.base}/healthz").status_code == 200

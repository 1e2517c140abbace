"""Access control, backpressure, time limits, deletion, CORS and security headers, on real server processes."""

from __future__ import annotations

import threading

import httpx
import pytest

from tests.conftest import ServerProcess, load_plan_dict

pytestmark = pytest.mark.slow  # drives real server processes

# A deck long enough to outlast a 0.2 s limit in any worker: its PDF would not do, it follows the answer now.
SLOW = {"plan": {"modality": "slides", "title": "Slow", "slides": [
    {"layout": "bullets", "title": f"Part {i}", "bullets": [{"text": f"Point {j} of part {i}"} for j in range(6)]}
    for i in range(60)]}}


def test_token_guards_the_api_but_not_health(tmp_path):
    server = ServerProcess(tmp_path, env={"ATELIER_API_TOKEN": "s3cret-token"}).start()
    try:
        with server.client() as c:
            assert c.get("/healthz").status_code == 200
            for method, path, body in (("POST", "/render", {"prompt": "x"}), ("GET", "/renders", None),
                                       ("GET", "/render/aaaaaaaaaaaaaaaa", None),
                                       ("DELETE", "/render/aaaaaaaaaaaaaaaa", None)):
                r = c.request(method, path, json=body)
                assert r.status_code == 401, path
                assert "Authorization: Bearer" in r.json()["detail"]
                r = c.request(method, path, json=body, headers={"authorization": "Bearer wrong"})
                assert r.status_code == 401, path
            ok = c.post("/render", json={"plan": load_plan_dict("widget")},
                        headers={"authorization": "Bearer s3cret-token"})
            assert ok.status_code == 200
            rid = ok.json()["id"]
            assert c.get(f"/render/{rid}", headers={"authorization": "Bearer s3cret-token"}).status_code == 200
            assert c.get(f"/render/{rid}/widget.html").status_code == 401
    finally:
        server.stop()


def test_full_queue_answers_429_with_retry_after(tmp_path):
    server = ServerProcess(tmp_path, env={"ATELIER_RENDER_WORKERS": "1", "ATELIER_RENDER_QUEUE": "0"}).start()
    results: list[httpx.Response] = []
    try:
        def send() -> None:
            with server.client() as c:
                results.append(c.post("/render", json=SLOW))

        threads = [threading.Thread(target=send) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        statuses = sorted(r.status_code for r in results)
        assert 200 in statuses and 429 in statuses, statuses
        busy = next(r for r in results if r.status_code == 429)
        assert int(busy.headers["retry-after"]) >= 1
        assert "busy" in busy.json()["detail"]
        with server.client() as c:
            assert c.get("/healthz").status_code == 200
            assert len(c.get("/renders").json()) == statuses.count(200)
    finally:
        server.stop()


def test_renders_past_the_time_limit_get_504_and_leave_nothing(tmp_path):
    server = ServerProcess(tmp_path, env={"ATELIER_RENDER_TIMEOUT_S": "0.2"}).start()
    try:
        with server.client() as c:
            r = c.post("/render", json=SLOW)
            assert r.status_code == 504 and "time limit" in r.json()["detail"]
            with c.stream("POST", "/render", json=SLOW, headers={"accept": "text/event-stream"}) as s:
                text = "".join(s.iter_text())
            assert "event: error" in text and '"status": 504' in text
            assert c.get("/renders").json() == []
    finally:
        server.stop()
    assert not any((tmp_path / "renders").iterdir())


def test_delete_removes_the_render_and_its_files(client, server):
    m = client.post("/render", json={"plan": load_plan_dict("infographic")}).json()
    folder = server.data_dir / "renders" / m["id"]
    assert folder.is_dir()
    assert client.delete(f"/render/{m['id']}").status_code == 204
    assert not folder.exists()
    assert client.get(f"/render/{m['id']}").status_code == 404
    assert client.get(m["files"][0]["url"]).status_code == 404
    assert client.delete(f"/render/{m['id']}").status_code == 404
    assert client.delete("/render/..%2F..%2Fetc").status_code == 404


def test_security_headers_and_offline_docs(client):
    for path in ("/", "/docs", "/redoc", "/healthz", "/openapi.json"):
        r = client.get(path)
        assert r.headers["x-content-type-options"] == "nosniff", path
        assert r.headers["referrer-policy"] == "no-referrer", path
        assert "default-src" in r.headers["content-security-policy"], path
    docs = client.get("/docs").text
    assert "cdn." not in docs and "https://" not in docs.split("openapi.json")[0]
    assert client.get("/docs-static/swagger-ui-bundle.js").status_code == 200
    assert client.get("/docs-static/..%2F..%2Fconsts.py").status_code == 404


def test_cors_is_closed_by_default_and_open_to_configured_origins(client, tmp_path):
    preflight = {"origin": "https://app.example", "access-control-request-method": "POST"}
    r = client.options("/render", headers=preflight)
    assert "access-control-allow-origin" not in r.headers
    server = ServerProcess(tmp_path, env={"ATELIER_CORS_ORIGINS": "https://app.example"}).start()
    try:
        with server.client() as c:
            r = c.options("/render", headers=preflight)
            assert r.headers["access-control-allow-origin"] == "https://app.example"
            r = c.options("/render", headers={**preflight, "origin": "https://other.example"})
            assert r.headers.get("access-control-allow-origin") != "https://other.example"
    finally:
        server.stop()

"""The outside attack of issue 15, replayed against a real `atelier serve` on loopback: each hole it found stays
closed. (Custom HTML's network escapes are in tests/browser/test_custom_html_network.py, formula injection in
tests/renderers/test_workbook.py, the body limits in process in tests/server/test_limits.py.)"""

from __future__ import annotations

import json
import sqlite3
import threading
import time

import httpx
import pytest
from fastapi.testclient import TestClient

from server import workers
from server.app import create_app
from server.limits import MAX_JSON_DEPTH
from server.settings import Settings
from tests.conftest import ServerProcess, load_plan_dict, settled
from tests.fakes.openai_compatible import FakeOpenAI, Reply

pytestmark = pytest.mark.slow


def deep(levels: int) -> str:
    return "[" * levels + "1" + "]" * levels


def _post_raw(c: httpx.Client, body: str, path: str = "/render", method: str = "POST") -> httpx.Response:
    return c.request(method, path, content=body.encode(), headers={"content-type": "application/json"})


# ---- hole 1: three small requests stopped all rendering --------------------------------------------------------

def test_deep_requests_as_many_as_there_are_workers_leave_rendering_working(tmp_path):
    server = ServerProcess(tmp_path, env={"ATELIER_RENDER_WORKERS": "2", "ATELIER_RENDER_QUEUE": "2"}).start()
    try:
        with server.client(timeout=30) as c:
            started = time.monotonic()
            # The attack: nesting that parses but cannot be pickled for a worker, in data and in plan, several times
            # the number of workers and queue places (each one used to keep a worker and a queue place for good).
            for n in range(8):
                levels = (450, 990, 5_000)[n % 3]
                key = "data" if n % 2 else "plan"
                r = _post_raw(c, f'{{"prompt": "chart", "{key}": {deep(levels)}}}')
                assert r.status_code == 422, r.text
                assert f"'{key}'" in r.json()["detail"] and f"limit is {MAX_JSON_DEPTH}" in r.json()["detail"]
            assert time.monotonic() - started < 30, "the refusals must not wait on anything"
            health = c.get("/healthz")
            assert health.status_code == 200 and health.json()["ready"] is True
            # A normal render still works, and so does a burst as large as the workers and the queue.
            results: list[int] = []
            burst = [threading.Thread(target=lambda: results.append(
                c.post("/render", json={"plan": load_plan_dict("whiteboard")}).status_code)) for _ in range(4)]
            for t in burst:
                t.start()
            for t in burst:
                t.join(timeout=60)
            assert results == [200] * 4
    finally:
        server.stop()


def test_healthz_says_503_when_the_pool_cannot_render(tmp_path, monkeypatch):
    def cannot_start(*args, **kwargs):
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(workers, "_Worker", cannot_start)
    app = create_app(Settings(data_dir=tmp_path, render_workers=1, chromium=""))
    with TestClient(app) as c:
        deadline = time.monotonic() + 30
        while c.get("/healthz").status_code == 200 and time.monotonic() < deadline:
            time.sleep(0.05)  # the pool starts its workers on a thread of its own
        health = c.get("/healthz")
        assert health.status_code == 503 and health.json() == {**health.json(), "status": "unavailable",
                                                                "ready": False}
        r = c.post("/render", json={"plan": load_plan_dict("whiteboard")})
        assert r.status_code == 503 and "could be started" in r.json()["detail"]
        monkeypatch.undo()  # the cause goes away (the process limit was raised): the next render starts a worker
        assert c.post("/render", json={"plan": load_plan_dict("whiteboard")}).status_code == 200
        assert c.get("/healthz").status_code == 200


# ---- hole 4 (second half): a render's time limit starts when a worker takes it -----------------------------------

def test_renders_queued_behind_slow_ones_are_not_timed_out_for_their_wait(tmp_path):
    # One worker, a 6 s limit; two renders of about 3.5 s each go first (a model that answers slowly), and a third
    # waits about 7 s behind them: longer than the limit, though its own render takes a fraction of a second.
    plan = json.dumps(load_plan_dict("whiteboard"))
    with FakeOpenAI(lambda body: Reply(content=plan, delay_s=3.5, times=100)) as llm:
        server = ServerProcess(tmp_path, env={
            "ATELIER_RENDER_WORKERS": "1", "ATELIER_RENDER_QUEUE": "4", "ATELIER_RENDER_TIMEOUT_S": "6",
            "ATELIER_LLM_BASE_URL": llm.base_url, "ATELIER_LLM_MODEL": "fake-model",
            "ATELIER_LLM_STREAM": "false"}).start()
        try:
            with server.client(timeout=60) as c:
                answers: dict[str, httpx.Response] = {}

                def send(name: str, body: dict) -> None:
                    answers[name] = c.post("/render", json=body)

                slow = {"prompt": "A flowchart of the release", "modality": "whiteboard", "planner": "llm"}
                threads = [threading.Thread(target=send, args=("slow1", slow))]
                threads[0].start()
                time.sleep(0.5)
                threads.append(threading.Thread(target=send, args=("slow2", slow)))
                threads[1].start()
                time.sleep(0.5)
                queued_at = time.monotonic()
                threads.append(threading.Thread(target=send, args=("queued", {"plan": load_plan_dict("whiteboard")})))
                threads[2].start()
                for t in threads:
                    t.join(timeout=60)
                waited = time.monotonic() - queued_at
            assert len(llm.requests) >= 2, "the slow renders did not ask the model"
            assert {k: r.status_code for k, r in answers.items()} == {"slow1": 200, "slow2": 200, "queued": 200}
            assert waited > 6, f"the queued render waited only {waited:.1f} s: the test did not queue it long enough"
        finally:
            server.stop()


# ---- holes 5 and 6: boards ----------------------------------------------------------------------------------

def test_a_deeply_nested_element_is_refused_and_an_old_one_no_longer_bricks_a_board(client, server):
    board = client.post("/boards", json={"name": "deep"}).json()
    element = '{"id": "x", "type": "rectangle", "customData": ' + deep(600) + "}"
    body = '{"base_version": 1, "scene": {"elements": [' + element + ']}, "answers": {}}'
    r = _post_raw(client, body, f"/boards/{board['id']}", method="PUT")
    assert r.status_code == 422 and "'scene'" in r.json()["detail"] and "limit" in r.json()["detail"]
    assert client.get(f"/boards/{board['id']}").status_code == 200
    # A board saved before the limit existed, with such an element in its row, opens without it.
    kept = {"id": "ok", "type": "rectangle"}
    scene = '{"elements": [' + json.dumps(kept) + ", " + element + '], "appState": {}, "files": {}}'
    with sqlite3.connect(next(server.data_dir.rglob("index.sqlite3"))) as db:
        db.execute("UPDATE boards SET scene = ? WHERE id = ?", (scene, board["id"]))
    back = client.get(f"/boards/{board['id']}")
    assert back.status_code == 200 and back.json()["scene"]["elements"] == [kept]


def test_a_board_keeps_saving_after_one_of_its_renders_is_deleted(client):
    board = client.post("/boards", json={"name": "keeps saving"}).json()
    render_id = client.post("/render", json={"plan": load_plan_dict("whiteboard")}).json()["id"]
    scene = {"elements": [{"id": "card", "type": "embeddable", "customData": {"atelier": {"renderId": render_id}}}]}
    first = client.put(f"/boards/{board['id']}", json={"base_version": 1, "scene": scene,
                                                       "answers": {render_id: {}}})
    assert first.status_code == 200
    assert client.delete(f"/render/{render_id}").status_code == 204
    for version in (2, 3):  # every later save, as the canvas sends them
        again = client.put(f"/boards/{board['id']}", json={"base_version": version, "scene": scene,
                                                           "answers": {render_id: {}}})
        assert again.status_code == 200, again.text
    back = client.get(f"/boards/{board['id']}").json()
    assert back["answers"] == {render_id: {"request": None}} and back["version"] == 4
    assert client.get(f"/render/{render_id}").status_code == 404  # the canvas shows it as "render deleted"


# ---- hole 7: same-host CSRF -------------------------------------------------------------------------------------

def test_requests_another_site_could_make_a_browser_send_are_refused(client, server):
    before = len(client.get("/boards").json())
    other = "http://127.0.0.1:8618"  # same site as the server (the port is not part of a site), another origin
    refused = [
        client.post("/boards", content=b"", headers={"content-type": "application/x-www-form-urlencoded",
                                                      "origin": other}),
        client.post("/boards", content=b"name=x", headers={"content-type": "application/x-www-form-urlencoded"}),
        client.post("/boards", content=b"{}", headers={"content-type": "text/plain"}),
        client.post("/boards", json={"name": "x"}, headers={"origin": other}),
        client.post("/boards", json={"name": "x"}, headers={"origin": "null"}),
        client.delete(f"/boards/{'a' * 16}", headers={"origin": other}),
        client.post("/render", json={"plan": load_plan_dict("whiteboard")}, headers={"origin": other}),
    ]
    for r in refused:
        assert r.status_code == 403, (r.request.method, r.request.headers, r.text)
        assert r.json()["detail"]
    assert len(client.get("/boards").json()) == before
    # The canvas (its own origin, JSON) and programs (no Origin) still get through.
    own = client.post("/boards", json={"name": "mine"}, headers={"origin": server.base})
    assert own.status_code == 201
    assert client.post("/boards", json={"name": "script"}).status_code == 201
    assert client.delete(f"/boards/{own.json()['id']}", headers={"origin": server.base}).status_code == 204


def test_an_auto_submitted_form_on_another_port_creates_nothing(client, server, browser, tmp_path):
    from tests.browser.conftest import StaticSite

    site = StaticSite(tmp_path)
    try:
        (tmp_path / "attack.html").write_text(
            f"<form id='f' method='post' action='{server.base}/boards'></form>"
            "<script>document.getElementById('f').submit()</script>", encoding="utf-8")
        before = len(client.get("/boards").json())
        context = browser.new_context()
        page = context.new_page()
        with page.expect_response(f"{server.base}/boards") as answer:
            page.goto(f"{site.url}/attack.html")
        assert answer.value.status == 403
        context.close()
        assert len(client.get("/boards").json()) == before
    finally:
        site.close()


# ---- caching of answers that depend on Host or on the token ---------------------------------------------------

def test_embed_answers_vary_with_host_and_unshared_ones_stay_private(tmp_path):
    server = ServerProcess(tmp_path, env={"ATELIER_API_TOKEN": "t0ken"}).start()
    try:
        auth = {"authorization": "Bearer t0ken"}
        with server.client() as c:
            shared = c.post("/render", json={"plan": load_plan_dict("whiteboard"), "shareable": True},
                            headers=auth).json()
            private = c.post("/render", json={"plan": load_plan_dict("whiteboard")}, headers=auth).json()
            page = c.get(f"/embed/{shared['id']}")
            assert page.headers["cache-control"].startswith("public") and page.headers["vary"] == "Host"
            oembed = c.get("/oembed", params={"url": shared["embed"]["url"]})
            assert oembed.headers["cache-control"].startswith("public") and oembed.headers["vary"] == "Host"
            assert c.get(f"/embed/{private['id']}").status_code == 404
            mine = c.get(f"/embed/{private['id']}", headers=auth)
            assert mine.status_code == 200 and mine.headers["cache-control"].startswith("private")
            assert c.get("/oembed", params={"url": private["embed"]["url"]},
                         headers=auth).headers["cache-control"].startswith("private")
    finally:
        server.stop()


# ---- a deck answers before its PDF ------------------------------------------------------------------------------

def test_a_deck_answers_before_its_pdf_and_format_pdf_waits_for_it(client):
    plan = load_plan_dict("slides")
    r = client.post("/render", json={"plan": plan})
    assert r.status_code == 200
    manifest = r.json()
    names = [f["name"] for f in manifest["files"]]
    assert "deck.pptx" in names and "deck.pdf" not in names and manifest["pending"] == ["deck.pdf"]
    done = settled(client, manifest)
    pdf = next(f for f in done["files"] if f["name"] == "deck.pdf")
    assert pdf["role"] == "export" and client.get(pdf["url"]).content.startswith(b"%PDF")
    # ?format=pdf answers with the PDF itself, made meanwhile.
    direct = client.post("/render", params={"format": "pdf"}, json={"plan": plan})
    assert direct.status_code == 200 and direct.headers["content-type"] == "application/pdf"
    assert direct.content.startswith(b"%PDF")
    again = client.get(f"/render/{direct.headers['x-atelier-render-id']}").json()
    assert again["pending"] == [] and "deck.pdf" in [f["name"] for f in again["files"]]

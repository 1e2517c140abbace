"""Boards and /config through a real server: saving, restoring, conflicts, validation, and survival across restarts."""

from __future__ import annotations

import pytest

from tests.conftest import ServerProcess, load_plan_dict

pytestmark = pytest.mark.slow  # drives a real server process

SCENE = {"elements": [{"id": "a1", "type": "rectangle", "x": 0, "y": 0, "width": 10, "height": 10}],
         "appState": {"scrollX": 12.5, "scrollY": -3, "zoom": {"value": 1.5}, "selectedElementIds": {"a1": True}},
         "files": {}}


def _render(client, modality="widget") -> str:
    r = client.post("/render", json={"plan": load_plan_dict(modality)})
    assert r.status_code == 200, r.text
    return r.json()["id"]


def test_board_round_trip_with_answers_and_requests(client):
    board = client.post("/boards", json={"name": "  Q3 planning 第三季  "}).json()
    assert board["name"] == "Q3 planning 第三季" and board["version"] == 1 and board["scene"]["elements"] == []
    request = {"prompt": "A tip calculator", "content": "長文 " * 500, "modality": "widget"}
    req_id = client.post(f"/boards/{board['id']}/requests", json=request).json()["id"]
    # The same request kept twice is one request.
    assert client.post(f"/boards/{board['id']}/requests", json=request).json()["id"] == req_id
    assert client.get(f"/boards/{board['id']}/requests/{req_id}").json()["content"] == request["content"]

    render_id = _render(client)
    saved = client.put(f"/boards/{board['id']}", json={
        "base_version": 1, "scene": SCENE, "answers": {render_id: {"request": req_id}}})
    assert saved.status_code == 200, saved.text
    assert saved.json()["version"] == 2 and saved.json()["answers"] == 1

    back = client.get(f"/boards/{board['id']}").json()
    assert back["scene"]["elements"] == SCENE["elements"]
    # View settings survive; per-session state (the selection) does not.
    assert back["scene"]["appState"] == {"scrollX": 12.5, "scrollY": -3, "zoom": {"value": 1.5}}
    assert back["answers"] == {render_id: {"request": req_id}}
    listed = {b["id"]: b for b in client.get("/boards").json()}
    assert listed[board["id"]]["answers"] == 1

    renamed = client.patch(f"/boards/{board['id']}", json={"name": "Renamed"})
    assert renamed.status_code == 200 and renamed.json()["name"] == "Renamed"
    assert client.delete(f"/boards/{board['id']}").status_code == 204
    assert client.get(f"/boards/{board['id']}").status_code == 404
    assert client.get(f"/boards/{board['id']}/requests/{req_id}").status_code == 404


def test_a_stale_save_is_refused_not_merged(client):
    board = client.post("/boards", json={"name": "two tabs"}).json()
    first = client.put(f"/boards/{board['id']}", json={"base_version": 1, "scene": SCENE, "answers": {}})
    assert first.status_code == 200
    stale = client.put(f"/boards/{board['id']}", json={"base_version": 1, "scene": {"elements": []}, "answers": {}})
    assert stale.status_code == 409
    assert "changed elsewhere" in stale.json()["detail"] and "version 2" in stale.json()["detail"]
    assert client.get(f"/boards/{board['id']}").json()["scene"]["elements"] == SCENE["elements"]


def test_bad_input_gets_a_clear_4xx(client):
    board = client.post("/boards", json={}).json()
    assert board["name"] == "My board"
    bid = board["id"]
    cases = [
        (client.get("/boards/NOT-AN-ID"), 404, "no board"),
        (client.get("/boards/" + "a" * 16), 404, "no board"),
        (client.get(f"/boards/{bid}/requests/zzzz"), 404, "no request"),
        (client.put("/boards/" + "b" * 16, json={"base_version": 1, "scene": {}, "answers": {}}), 404, "no board"),
        (client.post("/boards", json={"name": "   "}), 422, "needs a name"),
        (client.post("/boards", json={"name": "x" * 121}), 422, "name"),
        (client.put(f"/boards/{bid}", json={"base_version": 1, "scene": {"elements": [{"x": 1}]}, "answers": {}}),
         422, "needs a string 'id'"),
        (client.put(f"/boards/{bid}", json={"base_version": 1, "scene": {"elements": [],
         "files": {"f": {"mimeType": "text/html", "dataURL": "data:text/html,<script>"}}}, "answers": {}}),
         422, "must be an image"),
        (client.put(f"/boards/{bid}", json={"base_version": 1, "scene": {}, "answers": {"../../etc": {}}}),
         422, "is not a render id"),
        (client.put(f"/boards/{bid}", json={"scene": {}, "answers": {}}), 422, "base_version"),
        (client.put(f"/boards/{bid}", content=b"{not json", headers={"content-type": "application/json"}), 422, ""),
        (client.post(f"/boards/{bid}/requests", json={"prompt": "x", "planner": "gpt"}), 422, "planner"),
    ]
    for response, status, words in cases:
        assert response.status_code == status, (response.request.url, response.text)
        assert words in response.json()["detail"], response.text
    render_id = _render(client)
    unknown_request = client.put(f"/boards/{bid}", json={
        "base_version": 1, "scene": {}, "answers": {render_id: {"request": "d" * 16}}})
    assert unknown_request.status_code == 422 and "no request" in unknown_request.json()["detail"]


def test_config_says_what_the_prompt_bar_may_offer(client):
    config = client.get("/config").json()
    assert [m["name"] for m in config["modalities"]] == ["slides", "infographic", "whiteboard", "widget", "image"]
    deck = config["modalities"][0]
    assert deck["labels"]["zh"]["name"] == "簡報" and deck["card"] == "deck" and "pptx" in deck["formats"]
    assert deck["steps"][:2] == ["images", "layout"]
    assert config["limits"]["max_prompt_chars"] > 0 and "light" in config["themes"]
    assert config["llm"]["configured"] is False and config["planners"] == ["offline"]


def test_boards_survive_a_restart(tmp_path):
    server = ServerProcess(tmp_path).start()
    try:
        with server.client() as c:
            bid = c.post("/boards", json={"name": "kept"}).json()["id"]
            assert c.put(f"/boards/{bid}", json={"base_version": 1, "scene": SCENE, "answers": {}}).status_code == 200
    finally:
        server.stop()
    server = ServerProcess(tmp_path).start()
    try:
        with server.client() as c:
            board = c.get(f"/boards/{bid}").json()
            assert board["name"] == "kept" and board["version"] == 2 and board["scene"]["elements"] == SCENE["elements"]
    finally:
        server.stop()

"""The LLM planner through a real `atelier serve` process and the `atelier` command, with the model served by a
scripted OpenAI-compatible server on 127.0.0.1: progress events, cancellation on disconnect, the CLI's display."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import httpx
import pytest
from pptx import Presentation

from tests.conftest import FIXTURES, ROOT, ServerProcess
from tests.fakes.openai_compatible import FakeOpenAI, Reply

pytestmark = pytest.mark.slow  # a real server and CLI against a fake model server

ARTICLE = (FIXTURES / "en_article.md").read_text(encoding="utf-8")
ROUTE = json.dumps({"modality": "slides", "rationale": "a team update is presented", "alternatives": ["infographic"]})
PLAN = json.dumps({"modality": "slides", "title": "Remote work", "slides": [
    {"layout": "title", "title": "Remote work", "subtitle": "Three years on"},
    {"layout": "bullets", "title": "What teams learned", "bullets": [{"text": "Write decisions down"},
                                                                      {"text": "Agree on core hours"}]}]})


def llm_env(llm: FakeOpenAI) -> dict[str, str]:
    return {"ATELIER_LLM_BASE_URL": llm.base_url, "ATELIER_LLM_MAX_RETRIES": "0", "ATELIER_LLM_TIMEOUT_S": "10"}


def read_events(response: httpx.Response, stop_after=None) -> list[tuple[str, dict]]:
    events: list[tuple[str, dict]] = []
    name = None
    for line in response.iter_lines():
        if line.startswith("event: "):
            name = line[7:]
        elif line.startswith("data: "):
            events.append((name, json.loads(line[6:])))
            if stop_after and stop_after(events[-1]):
                break
    return events


@pytest.fixture()
def llm_server(tmp_path):
    with FakeOpenAI() as llm:
        server = ServerProcess(tmp_path / "data", env=llm_env(llm)).start()
        try:
            yield llm, server
        finally:
            server.stop()


def test_the_event_stream_follows_the_model(llm_server):
    llm, server = llm_server
    llm.add(Reply(ROUTE), Reply(PLAN, pieces=12, piece_delay_s=0.02))
    with server.client() as c, c.stream("POST", "/render", json={"prompt": "Brief the team", "content": ARTICLE},
                                        headers={"accept": "text/event-stream"}) as r:
        events = read_events(r)
    names = [(e, d.get("status")) for e, d in events]
    # Routing, the plan as the model writes it, the render, each file, then the manifest.
    assert names[:4] == [("plan", "started"), ("route", "started"), ("route", "done"), ("plan", "writing")]
    writing = [d for e, d in events if d.get("status") == "writing"]
    assert len(writing) >= 2 and writing[-1]["chars"] > writing[0]["chars"]
    assert any(d.get("latest") == "What teams learned" for d in writing)
    after = names[names.index(("plan", "checked")):]
    assert after[:3] == [("plan", "checked"), ("plan", "done"), ("render", "started")]
    assert after[-1] == ("manifest", None) and ("file", None) in after
    manifest = events[-1][1]
    planner = manifest["planner"]
    assert planner["name"] == "llm" and planner["model"] == "fake-model" and planner["autonomy"] == "full"
    assert planner["rationale"] == "a team update is presented"
    assert planner["alternatives"][0] == "infographic" and len(planner["alternatives"]) == 2
    assert planner["prompt_version"].startswith("1+")
    with server.client() as c:
        deck = c.get(f"/render/{manifest['id']}/deck.pptx")
    prs = Presentation(io.BytesIO(deck.content))
    second = [sh.text_frame.text for sh in prs.slides[1].shapes if sh.has_text_frame]
    assert "What teams learned" in second and any("Agree on core hours" in t for t in second)


def test_a_fallback_is_announced_in_the_stream(llm_server):
    llm, server = llm_server
    llm.add(Reply(status=500))
    with server.client() as c, c.stream("POST", "/render", json={"prompt": "x", "content": ARTICLE,
                                                                  "modality": "infographic"},
                                        headers={"accept": "text/event-stream"}) as r:
        events = read_events(r)
    fallback = [d for e, d in events if d.get("status") == "fallback"]
    assert fallback and "HTTP 500" in fallback[0]["cause"]
    manifest = events[-1][1]
    assert manifest["planner"]["name"] == "offline" and manifest["modality"] == "infographic"
    assert [w["code"] for w in manifest["warnings"]][0] == "planner_fallback"


def test_a_client_that_disconnects_cancels_the_work(llm_server):
    llm, server = llm_server
    llm.add(Reply(PLAN, pieces=400, piece_delay_s=0.05))  # 20 s of answer unless stopped
    with server.client() as c:
        with c.stream("POST", "/render", json={"prompt": "Slides", "content": ARTICLE, "modality": "slides"},
                      headers={"accept": "text/event-stream"}) as r:
            events = read_events(r, stop_after=lambda ev: ev[1].get("status") == "writing" and ev[1].get("chars"))
        assert events[-1][1]["status"] == "writing"
        # Leaving the stream closed the connection: the server stops asking the model, which sees its client go.
        assert llm.disconnected.wait(15)
        assert c.get("/renders").json() == []


def test_the_cli_shows_the_model_at_work(tmp_path):
    with FakeOpenAI([Reply(ROUTE), Reply(PLAN, pieces=8)]) as llm:
        env = {**os.environ, **llm_env(llm), "ATELIER_DATA_DIR": str(tmp_path / "data")}
        out = tmp_path / "deck"
        r = subprocess.run([sys.executable, "-m", "server.cli", "render", "Brief the team", "-i",
                            str(FIXTURES / "en_article.md"), "-o", str(out)],
                           capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    lines = r.stderr.splitlines()
    assert lines[0] == "choosing the form of the answer..."
    assert lines[1] == "form: slides (a team update is presented)"
    assert lines[2].startswith("writing the plan")
    assert lines[3] == "planned slides 'Remote work' (llm with fake-model: a team update is presented)"
    assert "  wrote deck.pptx" in lines
    assert "\r" not in r.stderr  # not a terminal: no status line rewritten in place
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["planner"]["model"] == "fake-model"
    assert f"slides: {out / 'deck.pptx'}" in r.stdout


def test_the_cli_reports_a_fallback_in_one_line(tmp_path):
    with FakeOpenAI([Reply(status=500)]) as llm:
        env = {**os.environ, **llm_env(llm), "ATELIER_DATA_DIR": str(tmp_path / "data")}
        r = subprocess.run([sys.executable, "-m", "server.cli", "render", "Slides", "-i",
                            str(FIXTURES / "en_article.md"), "-m", "slides", "-o", str(tmp_path / "o")],
                           capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    assert any(line.startswith("the model could not plan this (the model server failed (HTTP 500")
               for line in r.stderr.splitlines())
    assert "warning [planner_fallback] plan:" in r.stdout
    assert "Traceback" not in r.stderr

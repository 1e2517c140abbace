"""The hostile-input corpus against a real server: every case ends in a clear 4xx or a safe render, never a 500,
and nothing already stored changes."""

from __future__ import annotations

import copy
import hashlib
import io
import json
import os
import random
import re

import pytest
from lxml import etree
from pptx import Presentation

from tests.conftest import FIXTURES, ServerProcess, load_plan_dict, settled
from tests.modalities.test_contract import check_html

pytestmark = pytest.mark.slow  # drives a real server process

HOSTILE = FIXTURES / "hostile"
INJECTIONS = [line for line in (HOSTILE / "injection.txt").read_text(encoding="utf-8").splitlines() if line]
# Plan fields that are identifiers or choices rather than free text: injected text there must be refused, not shown.
NOT_TEXT = {"modality", "schema_version", "layout", "kind", "id", "source", "target", "group", "shape", "name",
            "formula", "orientation", "direction", "language", "style"}


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    proc = ServerProcess(tmp_path_factory.mktemp("hostile-data")).start()
    yield proc
    proc.stop()


def snapshot(data_dir) -> dict[str, str]:
    """Every stored file with its digest, and the index rows."""
    out = {}
    for root, _, files in os.walk(data_dir / "renders"):
        for name in files:
            path = os.path.join(root, name)
            out[os.path.relpath(path, data_dir)] = hashlib.sha256(open(path, "rb").read()).hexdigest()
    return out


@pytest.fixture(scope="module")
def seeded(hostile_server):
    with hostile_server.client() as c:
        # Settled: a board's PNG joins its render after the answer, and that is not what this test looks for.
        ids = [settled(c, c.post("/render", json={"plan": load_plan_dict(m), "pdf": False}).json())["id"]
               for m in ("slides", "whiteboard")]
    return ids, snapshot(hostile_server.data_dir)


def assert_unchanged(server, seeded):
    ids, before = seeded
    after = snapshot(server.data_dir)
    for path, digest in before.items():
        assert after.get(path) == digest, f"{path} changed"
    with server.client() as c:
        for render_id in ids:
            assert c.get(f"/render/{render_id}").status_code == 200


def test_corpus_requests(hostile_server, seeded):
    cases = json.loads((HOSTILE / "requests.json").read_text(encoding="utf-8"))
    with hostile_server.client() as c:
        for case in cases:
            r = c.post("/render", json=case["body"])
            assert r.status_code < 500, (case["why"], r.text)
            if case["expect"] == "4xx":
                assert 400 <= r.status_code < 500, (case["why"], r.status_code, r.text)
                detail = r.json()["detail"]
                assert isinstance(detail, str) and detail and "Traceback" not in detail, case["why"]
            else:
                assert r.status_code == 200, (case["why"], r.text)
    assert_unchanged(hostile_server, seeded)


def test_oversized_binary_and_malformed_bodies(hostile_server, seeded):
    rng = random.Random(1)
    with hostile_server.client() as c:
        big = c.post("/render", json={"prompt": "summarise", "content": "word " * 2_100_000})
        assert big.status_code == 413
        binary = bytes(rng.getrandbits(8) for _ in range(50_000))
        for body, ctype in ((binary, "application/json"), (b'{"prompt": "\xff\xfe\xfa"}', "application/json"),
                            (b"[" * 100_000 + b"]" * 100_000, "application/json"), (binary, "text/csv"),
                            (b"", "application/json"), (b"null", "application/json")):
            r = c.post("/render", content=body, headers={"content-type": ctype})
            assert 400 <= r.status_code < 500, (body[:20], r.status_code, r.text[:200])
        rows = "\n".join(f"row{i},{i},{i * 2}" for i in range(100_000))
        r = c.post("/render", json={"prompt": "chart", "data": "name,a,b\n" + rows})
        assert r.status_code == 422 and "2000 rows" in r.json()["detail"]
        ragged = c.post("/render", json={"prompt": "table", "data": (HOSTILE / "ragged.csv").read_text()})
        assert ragged.status_code == 422 and "CSV line 2" in ragged.json()["detail"]
        too_many = {"modality": "slides", "title": "t", "slides": [{"layout": "title", "title": "x"}] * 61}
        assert c.post("/render", json={"plan": too_many}).status_code == 422
    assert_unchanged(hostile_server, seeded)


SHORT_FIELDS = {"value": 24, "date": 40, "unit": 20, "label": 60, "columns": 60, "categories": 60}


def poison(plan: dict, payload: str, key: str | None = None):
    """The plan with every free-text field replaced by the payload (cut to the field's usual size)."""
    if isinstance(plan, dict):
        return {k: poison(v, payload, k) for k, v in plan.items()}
    if isinstance(plan, list):
        return [poison(v, payload, key) for v in plan]
    if isinstance(plan, str) and key not in NOT_TEXT:
        return payload[: SHORT_FIELDS.get(key, 100)]
    return plan


@pytest.mark.parametrize("modality", ["slides", "infographic", "whiteboard", "widget"])
def test_injection_in_every_text_field_stays_text(hostile_server, seeded, modality):
    with hostile_server.client() as c:
        for payload in INJECTIONS:
            plan = poison(copy.deepcopy(load_plan_dict(modality)), payload)
            r = c.post("/render", json={"plan": plan, "pdf": False})
            assert r.status_code == 200, (payload, r.text)
            m = r.json()
            expected = re.sub(r"\s+", "", payload[:100].strip())
            for f in m["files"]:
                body = c.get(f["url"]).content
                if f["name"].endswith(".svg"):
                    root = etree.fromstring(body)
                    assert not root.findall(".//{http://www.w3.org/2000/svg}script")
                    for el in root.iter():
                        assert not any(a.lower().startswith("on") for a in el.attrib), f["name"]
                    texts = re.sub(r"\s+", "", "".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")))
                    assert expected[:12] in texts, (payload, f["name"])
                elif f["name"].endswith(".html"):
                    html = body.decode()
                    path = hostile_server.data_dir / "check.html"
                    path.write_text(html, encoding="utf-8")
                    check_html(path)  # its own CSP; no tag points at another host
                    for raw in ("<script>alert", "<script>fetch", "<img src=x", "<svg onload"):
                        assert raw not in html, raw  # the "<" must arrive escaped
                elif f["name"].endswith(".pptx"):
                    prs = Presentation(io.BytesIO(body))
                    frames = (sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame)
                    texts = re.sub(r"\s+", "", " ".join(frames))
                    assert expected[:12] in texts, payload
                elif f["name"].endswith(".excalidraw"):
                    scene = json.loads(body)
                    labels = re.sub(r"\s+", "", " ".join(e.get("text", "") for e in scene["elements"]))
                    assert expected[:8] in labels
    assert_unchanged(hostile_server, seeded)


def test_prompt_injection_cannot_reach_the_network(hostile_server, seeded):
    content = (HOSTILE / "prompt_injection.md").read_text(encoding="utf-8")
    with hostile_server.client() as c:
        for modality in ("widget", "infographic", "slides", "whiteboard"):
            r = c.post("/render", json={"prompt": "Make a checklist", "content": content, "modality": modality,
                                        "pdf": False})
            assert r.status_code == 200, r.text
            for f in r.json()["files"]:
                if f["name"].endswith((".html", ".svg")):
                    body = c.get(f["url"]).text
                    assert not re.search(r"<(script|iframe|img)[^>]*(src|href)\s*=\s*[\"']?https?:", body), f["name"]
                    assert "<script src" not in body
    assert_unchanged(hostile_server, seeded)


def test_path_traversal_in_ids_and_file_names(hostile_server, seeded):
    ids, _ = seeded
    with hostile_server.client() as c:
        for path in ("/render/..%2F..%2F..%2Fetc%2Fpasswd", "/render/%2e%2e",
                     f"/render/{ids[0]}/..%2F..%2Findex.sqlite3",
                     f"/render/{ids[0]}/%2e%2e%2findex.sqlite3", f"/render/{ids[0]}/....//manifest.json",
                     f"/render/{ids[0].upper()}", f"/render/{ids[0]}%00/deck.pptx", "/render/" + "a" * 5000):
            r = c.get(path)
            assert r.status_code == 404, path
            assert "root:" not in r.text and "SQLite" not in r.text
    assert_unchanged(hostile_server, seeded)

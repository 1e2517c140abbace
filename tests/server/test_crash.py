"""Kill the server with SIGKILL in the middle of a burst of renders, start it again: every render it reported as
done is complete and readable, and nothing half-written is listed."""

from __future__ import annotations

import os
import signal
import threading
import time

import httpx
import pytest

from tests.conftest import ServerProcess, load_plan_dict

pytestmark = pytest.mark.slow  # kills and restarts real server processes


def test_sigkill_during_a_burst_loses_nothing_reported_done(tmp_path):
    server = ServerProcess(tmp_path).start()
    done: list[dict] = []
    lock = threading.Lock()
    stop = threading.Event()
    plans = [load_plan_dict(m) for m in ("slides", "infographic", "whiteboard", "widget")]

    def client(n: int) -> None:
        with httpx.Client(base_url=server.base, timeout=30) as c:
            i = 0
            while not stop.is_set():
                try:
                    r = c.post("/render", json={"plan": plans[(n + i) % len(plans)], "pdf": False})
                except httpx.HTTPError:
                    return  # the server died mid-request: that render was never reported as done
                if r.status_code == 200:
                    with lock:
                        done.append(r.json())
                i += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 60
    while len(done) < 12 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(server.proc.pid, signal.SIGKILL)  # no shutdown handlers, no flushing: a crash
    server.proc.wait()
    stop.set()
    for t in threads:
        t.join()
    assert len(done) >= 12

    restarted = ServerProcess(tmp_path).start()
    try:
        with restarted.client() as c:
            listed = {m["id"]: m for m in c.get("/renders", params={"limit": 500}).json()}
            for m in done:
                assert m["id"] in listed, "a render reported as done is missing"
            for m in listed.values():
                for f in m["files"]:
                    r = c.get(f["url"])
                    assert r.status_code == 200 and len(r.content) == f["bytes"], f["url"]
        assert list((tmp_path / "tmp").iterdir()) == [], "unfinished work is cleaned up on start"
        on_disk = {p.name for p in (tmp_path / "renders").iterdir()}
        assert on_disk == set(listed), "every folder is listed and every listed render has its folder"
    finally:
        restarted.stop()

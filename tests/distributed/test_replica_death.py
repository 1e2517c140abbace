"""An API replica dies while its renders run: another replica's reconciler finds their heartbeats stopped, runs them
again under the same ids, and serves them, within the heartbeat timeout plus 30 s."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT, load_plan_dict

from .services import free_port

pytestmark = [pytest.mark.distributed, pytest.mark.slow]

RENDERS = 6
JOB_TIMEOUT_S = 3.0  # services.env(): ATELIER_JOB_TIMEOUT_S


class Replica:
    """`atelier serve` joined to the test cluster, on a loopback port of the private namespace."""

    def __init__(self, folder: Path, env: dict[str, str]):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        folder.mkdir(parents=True, exist_ok=True)
        self.log = open(folder / "serve.log", "wb")
        self.proc = subprocess.Popen([sys.executable, "-m", "server.cli", "serve", "--port", str(self.port)],
                                     cwd=ROOT, env={**os.environ, "ATELIER_DATA_DIR": str(folder), **env},
                                     stdout=self.log, stderr=subprocess.STDOUT)

    def wait_ready(self, limit_s: float = 120) -> None:
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"the replica exited: {Path(self.log.name).read_text()[-3000:]}"
            try:
                if httpx.get(f"{self.base}/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise AssertionError("the replica did not start")

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def _follow(base: str, body: dict, ids: queue.Queue) -> None:
    """Streams one render's progress from a replica, passing on its id from the `job` event; the stream stays
    open (a client that hangs up cancels its render) until the replica dies."""
    try:
        with httpx.stream("POST", f"{base}/render", json=body, headers={"accept": "text/event-stream"},
                          timeout=120) as response:
            event = None
            for line in response.iter_lines():
                if line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data: ") and event == "job":
                    ids.put(json.loads(line[6:])["id"])
    except httpx.HTTPError:
        pass  # the replica was killed


@pytest.fixture(scope="module")
def replicas(services):
    """Two API replicas of the cluster (the second test of this module kills the first)."""
    first = Replica(services.folder / "replica-a", services.env())
    second = Replica(services.folder / "replica-b", services.env())
    try:
        first.wait_ready()
        second.wait_ready()
        yield first, second
    finally:
        first.stop()
        second.stop()


def test_boards_are_the_same_whichever_replica_a_request_reaches(replicas):
    first, second = (httpx.Client(base_url=r.base, timeout=30) for r in replicas)
    with first, second:
        board = first.post("/boards", json={"name": "Shared"}).json()
        scene = {"elements": [{"id": "a", "type": "rectangle"}], "appState": {}, "files": {}}
        saved = second.put(f"/boards/{board['id']}", json={"base_version": 1, "scene": scene, "answers": {}})
        assert saved.status_code == 200 and saved.json()["version"] == 2
        assert first.get(f"/boards/{board['id']}").json()["scene"]["elements"] == scene["elements"]
        stale = first.put(f"/boards/{board['id']}", json={"base_version": 1, "scene": scene, "answers": {}})
        assert stale.status_code == 409  # a tab on another replica saved first: refused, never overwritten


def test_renders_of_a_dead_replica_finish_on_another(services, replicas):
    first, second = replicas
    # A deck with its slide previews takes a few hundred ms: the replica dies while they run (checked below).
    # Not with its PDF: LibreOffice's processes would outlive the killed replica's tasks and slow what follows.
    body = {"plan": load_plan_dict("slides"), "pdf": False}
    ids: queue.Queue = queue.Queue()
    streams = [threading.Thread(target=_follow, args=(first.base, body, ids), daemon=True)
               for _ in range(RENDERS)]
    for stream in streams:
        stream.start()
    render_ids = [ids.get(timeout=60) for _ in range(RENDERS)]
    first.kill()
    killed_at = time.monotonic()
    with psycopg_connection(services) as con:
        cut_off = [r[0] for r in con.execute("SELECT id FROM jobs WHERE id = ANY(%s) AND state <> 'done'",
                                             (render_ids,))]
    assert cut_off, "every render finished before the replica died; the test proves nothing"

    served: dict[str, dict] = {}
    with httpx.Client(base_url=second.base, timeout=30) as client:
        while len(served) < RENDERS and time.monotonic() - killed_at < JOB_TIMEOUT_S + 30:
            for render_id in render_ids:
                if render_id not in served:
                    answer = client.get(f"/render/{render_id}")
                    if answer.status_code == 200:
                        served[render_id] = answer.json()
            time.sleep(0.25)
        assert sorted(served) == sorted(render_ids), "not every render was finished by the other replica"
        for manifest in served.values():
            primary = next(f for f in manifest["files"] if f["role"] == "primary")
            answer = client.get(f"/render/{manifest['id']}/{primary['name']}")
            assert answer.status_code == 200 and len(answer.content) == primary["bytes"]
    with psycopg_connection(services) as con:
        rows = dict(con.execute("SELECT id, attempts FROM jobs WHERE id = ANY(%s) AND state = 'done'",
                                (render_ids,)).fetchall())
    assert set(rows) == set(render_ids)
    assert all(rows[i] >= 2 for i in cut_off), "a cut-off render was not run again"


def psycopg_connection(services):
    import psycopg

    return psycopg.connect(services.postgres.url, autocommit=True)

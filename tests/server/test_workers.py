"""Render worker processes: renders run outside the server's process, and a worker that dies or will not stop
costs only its own render. The pool is driven directly here, with real forked workers; the server-level tests
use a real `atelier serve`."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import httpx
import pytest

from models.planners.base import Cancelled
from server import workers
from server.errors import RenderFailed
from server.pipeline import Job, RenderRequest
from server.settings import Settings
from server.workers import WorkerPool
from tests.conftest import ServerProcess, children, load_plan_dict, render_worker_pids
from tests.fakes.openai_compatible import FakeOpenAI, Reply

pytestmark = pytest.mark.slow  # forks real render worker processes


def render_workers(pool: WorkerPool) -> list[int]:
    return [w.process.pid for w in pool._all if w.process.is_alive()]


def job(tmp_path: Path, request: RenderRequest, name: str = "r") -> Job:
    workdir = tmp_path / name
    workdir.mkdir()
    return Job(request, "a" * 16, workdir, "/render/aaaaaaaaaaaaaaaa/")


LLM_REQUEST = RenderRequest(prompt="Slides about tea", planner="llm")


class Background:
    """An LLM-planned render running in the pool on a thread of its own; `outcome` holds what it raised."""

    def __init__(self, pool: WorkerPool, tmp_path: Path, cancel: threading.Event):
        self.outcome: list[BaseException] = []
        self.thread = threading.Thread(target=self._run, args=(pool, job(tmp_path, LLM_REQUEST), cancel))
        self.thread.start()

    def _run(self, pool: WorkerPool, work: Job, cancel: threading.Event) -> None:
        try:
            pool.run(work, lambda e, d: None, cancel)
        except BaseException as exc:  # noqa: BLE001 - the test looks at it
            self.outcome.append(exc)

    def ended_with(self, within_s: float) -> BaseException:
        self.thread.join(timeout=within_s)
        assert not self.thread.is_alive(), f"the render was still running after {within_s} s"
        (exc,) = self.outcome
        return exc


def llm_pool(tmp_path: Path, llm: FakeOpenAI) -> WorkerPool:
    """One worker, planning with the fake model server."""
    return WorkerPool(Settings(data_dir=tmp_path / "data", llm_base_url=llm.base_url, llm_model="fake-model"), size=1)


def render_next(pool: WorkerPool, tmp_path: Path) -> str:
    """Renders a whiteboard plan in the pool: whether a worker is there to take the next render. Its modality."""
    outcome = pool.run(job(tmp_path, RenderRequest(plan=load_plan_dict("whiteboard")), "next"),
                       lambda e, d: None, threading.Event())
    return outcome.manifest.modality


@pytest.fixture()
def stalled_llm():
    """A model server that takes its time: the render waits inside an HTTP read, with no progress to report."""
    with FakeOpenAI(lambda body: Reply(content="{}", delay_s=20)) as llm:
        yield llm


def _wait_for(predicate, limit_s: float = 30) -> None:
    deadline = time.monotonic() + limit_s
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_a_render_runs_in_a_worker_process_and_reports_its_progress(tmp_path):
    pool = WorkerPool(Settings(data_dir=tmp_path / "data"), size=1)
    events: list[str] = []
    try:
        outcome = pool.run(job(tmp_path, RenderRequest(plan=load_plan_dict("widget"))),
                           lambda event, data: events.append(event), threading.Event())
        manifest, later = outcome.manifest, outcome.pending
        assert render_workers(pool) and os.getpid() not in render_workers(pool)
    finally:
        pool.close()
    assert manifest.modality == "widget" and (tmp_path / "r" / "widget.html").is_file()
    assert events[0] == "plan" and "render" in events and events[-1] == "file"
    # The preview is left to the server, which has the browser: it comes back as something to make later.
    assert manifest.pending == ["preview.png"] and [item.name for item in later] == ["preview.png"]


def test_bad_input_in_a_worker_is_answered_like_bad_input_anywhere(tmp_path):
    pool = WorkerPool(Settings(data_dir=tmp_path / "data"), size=1)
    try:
        with pytest.raises(RenderFailed) as failed:
            pool.run(job(tmp_path, RenderRequest(prompt="x", modality="poster")), lambda e, d: None,
                     threading.Event())
        assert failed.value.status == 422 and "known modalities" in failed.value.detail
        # The worker is still good for the next render.
        first = render_workers(pool)
        assert render_next(pool, tmp_path) == "whiteboard"
        assert render_workers(pool) == first
    finally:
        pool.close()


def deeply_nested(levels: int) -> list:
    value: list = []
    for _ in range(levels):
        value = [value]
    return value


def test_a_job_that_cannot_be_pickled_is_refused_and_its_worker_given_back(tmp_path):
    # The edge refuses such requests (server/limits.py); this is the pool's own guard for any other door. A request
    # nested past pickle's recursion limit never reaches the worker, and the worker is not lost with it.
    pool = WorkerPool(Settings(data_dir=tmp_path / "data"), size=1)
    try:
        pool.start()
        first = render_workers(pool)
        for n in range(3):  # more than there are workers: each one used to leak the worker it took
            deep = RenderRequest.model_construct(prompt="x", data=deeply_nested(5_000), planner="offline")
            with pytest.raises(RenderFailed) as failed:
                pool.run(job(tmp_path, deep, f"deep{n}"), lambda e, d: None, threading.Event())
            assert failed.value.status == 422 and "nested too deeply" in failed.value.detail
        assert render_next(pool, tmp_path) == "whiteboard"
        assert render_workers(pool) == first and pool.ready
    finally:
        pool.close()


def test_a_pool_whose_workers_cannot_start_says_it_is_not_ready_and_recovers(tmp_path, monkeypatch):
    def cannot_start(*args, **kwargs):
        raise OSError("Resource temporarily unavailable")  # what fork says when the process limit is reached

    pool = WorkerPool(Settings(data_dir=tmp_path / "data"), size=1)
    try:
        monkeypatch.setattr(workers, "_Worker", cannot_start)
        pool.start()
        assert not pool.ready
        with pytest.raises(RenderFailed) as failed:
            pool.run(job(tmp_path, RenderRequest(plan=load_plan_dict("whiteboard")), "refused"),
                     lambda e, d: None, threading.Event())
        assert failed.value.status == 503 and "could be started" in failed.value.detail
        monkeypatch.undo()
        assert render_next(pool, tmp_path) == "whiteboard" and pool.ready
    finally:
        pool.close()


def test_a_worker_killed_mid_render_fails_that_render_only_and_is_replaced(tmp_path, stalled_llm):
    pool = llm_pool(tmp_path, stalled_llm)
    try:
        render = Background(pool, tmp_path, threading.Event())
        _wait_for(lambda: stalled_llm.requests)  # the render is under way, inside its worker
        (victim,) = render_workers(pool)
        os.kill(victim, signal.SIGKILL)
        exc = render.ended_with(within_s=10)
        assert isinstance(exc, RenderFailed) and exc.status == 500 and "stopped unexpectedly" in exc.detail
        assert render_next(pool, tmp_path) == "whiteboard" and victim not in render_workers(pool)
    finally:
        pool.close()


def test_a_cancelled_render_stops_at_once_and_keeps_its_worker(tmp_path):
    # The model streams its answer slowly; the planner looks at the cancellation between pieces.
    with FakeOpenAI(lambda body: Reply(content="{}" * 40, pieces=40, piece_delay_s=0.5)) as llm:
        pool = llm_pool(tmp_path, llm)
        cancel = threading.Event()
        try:
            render = Background(pool, tmp_path, cancel)
            _wait_for(lambda: llm.requests)
            (kept,) = render_workers(pool)
            cancel.set()
            # Stopped politely, well before its worker would have been killed.
            assert isinstance(render.ended_with(within_s=workers.CANCEL_GRACE_S - 1), Cancelled)
            assert render_next(pool, tmp_path) == "whiteboard"
            assert render_workers(pool) == [kept]
        finally:
            pool.close()


def test_a_cancelled_render_that_cannot_stop_has_its_worker_replaced(tmp_path, stalled_llm, monkeypatch):
    monkeypatch.setattr(workers, "CANCEL_GRACE_S", 0.5)
    pool = llm_pool(tmp_path, stalled_llm)
    cancel = threading.Event()
    try:
        render = Background(pool, tmp_path, cancel)
        _wait_for(lambda: stalled_llm.requests)
        (stuck,) = render_workers(pool)
        os.kill(stuck, signal.SIGSTOP)  # stuck where no cancellation can reach it, as in a long native call
        cancel.set()
        assert isinstance(render.ended_with(within_s=10), Cancelled)
        assert stuck not in render_workers(pool) and not _alive(stuck)
        assert render_next(pool, tmp_path) == "whiteboard"
    finally:
        pool.close()


def test_a_render_the_time_limit_cannot_stop_still_frees_its_place(tmp_path, stalled_llm):
    server = ServerProcess(tmp_path, env={
        "ATELIER_RENDER_WORKERS": "1", "ATELIER_RENDER_QUEUE": "0", "ATELIER_RENDER_TIMEOUT_S": "1",
        "ATELIER_LLM_BASE_URL": stalled_llm.base_url, "ATELIER_LLM_MODEL": "fake-model"}).start()
    try:
        with server.client() as c:
            answer: list[httpx.Response] = []
            first = threading.Thread(target=lambda: answer.append(
                c.post("/render", json={"prompt": "Slides about tea", "planner": "llm"})))
            first.start()
            _wait_for(lambda: stalled_llm.requests)
            (stuck,) = render_worker_pids(server.proc.pid)
            os.kill(stuck, signal.SIGSTOP)  # past any polite cancellation
            first.join(timeout=30)
            r = answer[0]
            assert r.status_code == 504 and "time limit" in r.json()["detail"]
            # Its worker is stopped within the grace period, so the one place is free again long before the
            # model would have answered.
            deadline = time.monotonic() + workers.CANCEL_GRACE_S + 10
            while True:
                r = c.post("/render", json={"plan": load_plan_dict("whiteboard")})
                if r.status_code == 200 or time.monotonic() > deadline:
                    break
                assert r.status_code == 429
                time.sleep(0.2)
            assert r.status_code == 200
            assert c.get("/renders").json()[0]["id"] == r.json()["id"] and len(c.get("/renders").json()) == 1
        assert list((tmp_path / "tmp").iterdir()) == []
    finally:
        server.stop()


def test_a_server_killed_outright_leaves_no_workers_behind(tmp_path):
    server = ServerProcess(tmp_path).start()
    with server.client() as c:
        assert c.post("/render", json={"plan": load_plan_dict("whiteboard")}).status_code == 200
    forkserver = children(server.proc.pid, "forkserver")
    assert forkserver, "the render workers' forkserver is running"
    below = children(forkserver[0])
    assert below, "the render workers are running"
    os.kill(server.proc.pid, signal.SIGKILL)
    server.proc.wait()
    _wait_for(lambda: not any(_alive(pid) for pid in [*forkserver, *below]), limit_s=10)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"

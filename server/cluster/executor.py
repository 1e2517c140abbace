"""The Ray executor: each render is a Ray task on any node of the cluster (an `Executor`, server/executors.py).

The task plans and renders the job into a temporary folder on its node and returns the outcome with the files'
bytes; the executor writes them into the job's work folder here, and the render service stores them as for any
executor. A task on a node that dies is run again by Ray (`max_retries`) while this process lives; jobs of a
process that dies are the job table's business (server/cluster/jobs.py).

Progress goes through Postgres (server/cluster/events.py) when a database is configured, so a stream shows the
render live wherever it runs; without one, the task's events are relayed when it ends. Cancelling asks Ray to
interrupt the task, then, after a grace period, to kill its worker.
"""

from __future__ import annotations

import logging
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ray

from models.planners.base import Cancelled

from ..errors import RenderFailed, failure_answer
from ..pipeline import Job, Outcome, Progress, RenderRequest, images_for_render, run_job
from ..settings import Settings
from . import events
from .ray_connect import connect

log = logging.getLogger("atelier.cluster")

CANCEL_GRACE_S = 5.0
TASK_RETRIES = 3  # a render whose node dies runs again on another, up to this many times
END_WAIT_S = 2.0  # how long the result waits for the last progress events still on their way


def _images(settings: Settings):
    if settings.image_model and settings.image_service != "process" and (
            settings.image_service == "serve" or settings.executor == "ray"):
        from models.images import RenderImages

        from .images import ServeImages

        return RenderImages(ServeImages(settings), settings.image_max_per_render)
    return images_for_render(settings)


def render_task(request: RenderRequest, render_id: str, url_prefix: str, settings: Settings,
                live: bool) -> tuple:
    """Runs on a Ray worker: the job rendered into a temporary folder; ("done", outcome, files, events) or
    ("failed", status, detail) or ("cancelled",)."""
    collected: list[tuple[str, dict[str, Any]]] = []
    url = settings.database_url.get_secret_value() if live and settings.database_url else None

    def progress(event: str, data: dict[str, Any]) -> None:
        if url:
            events.publish(url, render_id, event, data)
        else:
            collected.append((event, data))

    with tempfile.TemporaryDirectory(prefix="atelier-render-") as folder:
        job = Job(request, render_id, Path(folder), url_prefix)
        try:
            try:
                outcome = run_job(job, settings, progress, None, images=_images(settings))
            finally:
                if url:
                    events.publish(url, render_id, events.END, {})
        except (Cancelled, KeyboardInterrupt):
            return ("cancelled",)
        except Exception as exc:  # noqa: BLE001 - every failure becomes an answer, as in a local worker
            return ("failed", *failure_answer(exc))
        files = {p.name: p.read_bytes() for p in Path(folder).iterdir() if p.is_file()}
    return ("done", outcome, files, collected)


class RayExecutor:
    def __init__(self, settings: Settings, listener: events.ProgressListener | None = None):
        self.settings = settings
        self.listener = listener
        connect(settings)
        self._task = ray.remote(render_task).options(max_retries=TASK_RETRIES, retry_exceptions=False,
                                                     num_cpus=1, name="atelier-render")
        self._closed = False

    @property
    def ready(self) -> bool:
        return not self._closed and ray.is_initialized()

    def run(self, job: Job, progress: Progress, cancel: threading.Event,
            started: Callable[[], None] = lambda: None) -> Outcome:
        if self._closed:
            raise RenderFailed(503, "the server is shutting down; try again in a moment")
        ended = threading.Event()
        began = threading.Event()

        def relay(event: str, data: dict[str, Any]) -> None:
            if event == events.END:
                ended.set()
                return
            if not began.is_set():  # the first word from the task: a worker has taken it
                began.set()
                started()
            progress(event, data)

        live = self.listener is not None
        if self.listener is not None:
            self.listener.subscribe(job.render_id, relay)
        try:
            ref = self._task.remote(job.request, job.render_id, job.url_prefix, self.settings, live)
            answer = self._wait(ref, cancel)
            if live and answer[0] == "done":
                ended.wait(END_WAIT_S)
        finally:
            if self.listener is not None:
                self.listener.unsubscribe(job.render_id)
        if not began.is_set():
            started()
        kind = answer[0]
        if kind == "cancelled":
            raise Cancelled()
        if kind == "failed":
            raise RenderFailed(answer[1], answer[2])
        _, outcome, files, collected = answer
        for event, data in collected:
            progress(event, data)
        for name, data in files.items():
            (job.workdir / name).write_bytes(data)
        return outcome

    def _wait(self, ref, cancel: threading.Event) -> tuple:
        asked_to_stop: float | None = None
        while True:
            done, _ = ray.wait([ref], timeout=0.2)
            if done:
                try:
                    return ray.get(ref)
                except ray.exceptions.TaskCancelledError:
                    raise Cancelled() from None
                except ray.exceptions.RayError as exc:
                    log.error("a render task failed in the cluster: %s", exc)
                    raise RenderFailed(500, "the render failed in the cluster (its node may have died more "
                                       f"often than {TASK_RETRIES} times); the server log has the details") from None
            if self._closed:
                raise RenderFailed(503, "the server is shutting down; try again in a moment")
            if cancel.is_set():
                if asked_to_stop is None:
                    asked_to_stop = time.monotonic()
                    ray.cancel(ref)
                elif time.monotonic() - asked_to_stop > CANCEL_GRACE_S:
                    ray.cancel(ref, force=True)
                    raise Cancelled()

    def close(self) -> None:
        self._closed = True

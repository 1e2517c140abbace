"""Where a job runs: the `Executor` seam, and the simplest executor, this very thread.

An executor takes a job (server/pipeline.py), runs `run_job` somewhere, relays its progress, honours its cancel
event, and returns its outcome. The CLI, the Python API and the docs plugin run jobs in their own process
(`InlineExecutor`); the server runs them in worker processes (`server.workers.WorkerPool`); a cluster runs them
elsewhere. Whatever runs the job, `started()` is called when it actually begins, so a time limit counts from then
and not from when the job was queued.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol

from .pipeline import Job, Outcome, Progress, run_job
from .settings import Settings


def _nothing() -> None:
    return None


class Executor(Protocol):
    def run(self, job: Job, progress: Progress, cancel: threading.Event,
            started: Callable[[], None] = _nothing) -> Outcome:
        """Runs the job and blocks until it ends; raises what the job raised (UserError, Cancelled, ...)."""
        ...

    def close(self) -> None:
        """Stops taking jobs and frees what the executor holds; jobs still running end with an error."""
        ...


class InlineExecutor:
    """Runs each job in the calling thread: no processes, nothing to start or stop."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def run(self, job: Job, progress: Progress, cancel: threading.Event,
            started: Callable[[], None] = _nothing) -> Outcome:
        started()
        return run_job(job, self.settings, progress, cancel)

    def close(self) -> None:
        return None

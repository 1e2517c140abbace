"""Admission control for renders: a bounded pool of workers and a bounded queue in front of it.

Each admitted render holds one of the limiter's places while a worker process (server/workers.py) renders it, so
the event loop (and /healthz) stays responsive. When every worker is busy and the queue is full, new renders are
refused at once with 429 and a Retry-After estimate, instead of piling up until everything times out.
"""

from __future__ import annotations

import math
import statistics
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor

import anyio


class RenderGate:
    def __init__(self, workers: int, queue: int):
        self.limiter = anyio.CapacityLimiter(workers)
        self.workers = workers
        self.capacity = workers + queue
        self.admitted = 0  # running plus waiting; only touched on the event loop, so no lock
        self._recent: deque[float] = deque(maxlen=50)

    def try_enter(self) -> bool:
        if self.admitted >= self.capacity:
            return False
        self.admitted += 1
        return True

    def leave(self, seconds: float | None = None) -> None:
        self.admitted -= 1
        if seconds is not None:
            self._recent.append(seconds)

    def retry_after(self) -> int:
        """Seconds until a slot is likely free: the queue ahead, served by the workers at the recent pace."""
        typical = statistics.median(self._recent) if self._recent else 1.0
        return max(1, math.ceil(typical * (self.admitted - self.workers + 1) / self.workers))


class LaterQueue:
    """One worker for the extras made after a render is answered (widget previews), with a bounded backlog: when it
    is full, new extras are refused (the render gets a warning instead) rather than queued behind minutes of work."""

    def __init__(self, backlog: int):
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="atelier-later")
        self._slots = threading.BoundedSemaphore(backlog)

    def offer(self, fn, *args) -> bool:
        if not self._slots.acquire(blocking=False):
            return False

        def run() -> None:
            try:
                fn(*args)
            finally:
                self._slots.release()

        self._pool.submit(run)
        return True

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

"""Admission control for renders: as many run as there are workers, a bounded number wait, the rest are refused.

When every worker is busy and every waiting place is taken, a new render is refused at once (HTTP 429 with a
Retry-After estimate) instead of piling up until everything times out.
"""

from __future__ import annotations

import math
import statistics
import threading
from collections import deque


class Busy(Exception):
    """Every worker and waiting place is taken; `retry_after` is the estimated wait in seconds."""

    def __init__(self, retry_after: int):
        super().__init__(f"the server is busy with other renders; try again in about {retry_after} s")
        self.retry_after = retry_after


class RenderGate:
    def __init__(self, workers: int, queue: int):
        self.workers = workers
        self.capacity = workers + queue
        self.admitted = 0  # running plus waiting
        self._lock = threading.Lock()
        self._recent: deque[float] = deque(maxlen=50)

    def enter(self) -> None:
        """Takes a place, or raises Busy."""
        with self._lock:
            if self.admitted < self.capacity:
                self.admitted += 1
                return
        raise Busy(self.retry_after())

    def leave(self, seconds: float | None = None) -> None:
        with self._lock:
            self.admitted -= 1
            if seconds is not None:
                self._recent.append(seconds)

    def retry_after(self) -> int:
        """Seconds until a place is likely free: the queue ahead, served by the workers at the recent pace."""
        typical = statistics.median(self._recent) if self._recent else 1.0
        return max(1, math.ceil(typical * (self.admitted - self.workers + 1) / self.workers))

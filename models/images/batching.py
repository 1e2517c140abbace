"""A queue that gathers concurrent picture requests into batches for one device.

A GPU makes 8 pictures in one call in little more time than one, but renders ask for pictures one at a time
from many threads (a deck's picture slides, several renders at once). Every request goes into this queue; one
worker thread owns the device, takes the oldest request, waits a few milliseconds for compatible ones (same
`key`: same sampled size, steps and guidance) to join it, and runs them as one batch. Requests that cannot join
wait for the next round in arrival order, so nobody starves. The worker knows nothing of torch: it calls
`run_batch(payloads) -> results`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger("atelier.images")


@dataclass
class _Waiting:
    key: Hashable
    payload: Any
    future: Future = field(default_factory=Future)
    enqueued: float = field(default_factory=time.perf_counter)


@dataclass(frozen=True)
class BatchInfo:
    """Facts about the batch a result came from, for manifests and benchmarks."""

    size: int  # pictures in the device call
    waited_ms: float  # from enqueueing to the start of the device call
    run_ms: float  # the device call itself


class BatchQueue:
    """Runs `run_batch` on one worker thread over batches of up to `max_batch` compatible payloads.

    `submit`/`submit_many` return futures whose results are `(result, BatchInfo)`. If `run_batch` raises, every
    request in that batch gets the exception.
    """

    def __init__(self, run_batch: Callable[[list[Any]], Sequence[Any]], max_batch: int = 8,
                 window_s: float = 0.015, name: str = "images"):
        if max_batch < 1:
            raise ValueError("max_batch must be at least 1")
        self._run_batch = run_batch
        self.max_batch = max_batch
        self.window_s = max(0.0, window_s)
        self._name = name
        self._pending: list[_Waiting] = []
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._closed = False
        self.batches_run = 0

    def submit(self, key: Hashable, payload: Any) -> Future:
        return self.submit_many(key, [payload])[0]

    def submit_many(self, key: Hashable, payloads: Sequence[Any]) -> list[Future]:
        """Enqueues several payloads at once, so they are guaranteed to meet in the same batch(es)."""
        jobs = [_Waiting(key, p) for p in payloads]
        with self._cond:
            if self._closed:
                raise RuntimeError("the image queue is closed")
            self._pending.extend(jobs)
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name=f"atelier-{self._name}", daemon=True)
                self._thread.start()
            self._cond.notify_all()
        return [j.future for j in jobs]

    def close(self) -> None:
        """Stops the worker after the batch it is running; requests still waiting fail."""
        with self._cond:
            self._closed = True
            left, self._pending = self._pending, []
            self._cond.notify_all()
        for job in left:
            job.future.set_exception(RuntimeError("the image queue was closed"))

    def _take_batch(self) -> list[_Waiting] | None:
        with self._cond:
            while not self._pending and not self._closed:
                self._cond.wait()
            if self._closed:
                return None
            key = self._pending[0].key
            deadline = time.monotonic() + self.window_s
            while True:
                same = [j for j in self._pending if j.key == key]
                remaining = deadline - time.monotonic()
                if len(same) >= self.max_batch or remaining <= 0 or self._closed:
                    break
                self._cond.wait(remaining)
            batch = same[: self.max_batch]
            taken = {id(j) for j in batch}
            self._pending = [j for j in self._pending if id(j) not in taken]
            return batch

    def _work(self) -> None:
        while True:
            batch = self._take_batch()
            if batch is None:
                return
            started = time.perf_counter()
            try:
                results = list(self._run_batch([j.payload for j in batch]))
                if len(results) != len(batch):
                    raise RuntimeError(f"the batch runner returned {len(results)} results for {len(batch)} requests")
            except BaseException as exc:  # noqa: BLE001 - handed to every waiting caller
                for job in batch:
                    job.future.set_exception(exc)
                continue
            finally:
                self.batches_run += 1
            run_ms = (time.perf_counter() - started) * 1000
            for job, result in zip(batch, results):
                info = BatchInfo(len(batch), round((started - job.enqueued) * 1000, 1), round(run_ms, 1))
                job.future.set_result((result, info))

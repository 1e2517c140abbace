"""The queue that batches concurrent picture requests onto one device, with a runner that records its batches.

No sleeps decide anything here: the runner blocks on an event while the test queues more work, so what lands in
which batch is determined, not timed.
"""

from __future__ import annotations

import threading

import pytest

from models.images.batching import BatchQueue


class _Runner:
    """Records each batch; the first batch waits until the test releases it."""

    def __init__(self, fail_on: str | None = None):
        self.batches: list[list[str]] = []
        self.started = threading.Event()
        self.release = threading.Event()
        self.fail_on = fail_on

    def __call__(self, payloads):
        self.batches.append(list(payloads))
        if len(self.batches) == 1:
            self.started.set()
            assert self.release.wait(30)
        if self.fail_on in payloads:
            raise RuntimeError(f"cannot draw {self.fail_on}")
        return [p.upper() for p in payloads]


def test_requests_that_arrive_while_the_device_is_busy_share_the_next_batch():
    runner = _Runner()
    queue = BatchQueue(runner, max_batch=8, window_s=0)
    first = queue.submit("512", "a")
    assert runner.started.wait(30)
    later = [queue.submit("512", p) for p in "bcde"]
    runner.release.set()
    assert first.result(30)[0] == "A"
    results = [f.result(30) for f in later]
    assert [r for r, _ in results] == ["B", "C", "D", "E"]
    assert runner.batches == [["a"], ["b", "c", "d", "e"]]
    assert {info.size for _, info in results} == {4}
    queue.close()


def test_batches_hold_one_key_and_respect_the_size_limit_in_arrival_order():
    runner = _Runner()
    queue = BatchQueue(runner, max_batch=2, window_s=0)
    queue.submit("k0", "x")
    assert runner.started.wait(30)
    futures = [queue.submit(key, p) for key, p in
               [("512x512", "a"), ("768x512", "b"), ("512x512", "c"), ("512x512", "d"), ("768x512", "e")]]
    runner.release.set()
    for f in futures:
        f.result(30)
    assert runner.batches[1:] == [["a", "c"], ["b", "e"], ["d"]]
    queue.close()


def test_submit_many_lands_in_one_batch_and_a_failure_reaches_every_caller_in_it():
    runner = _Runner(fail_on="boom")
    queue = BatchQueue(runner, max_batch=8, window_s=0)
    runner.release.set()
    ok = queue.submit_many("k", ["a", "b", "c"])
    assert [f.result(30)[0] for f in ok] == ["A", "B", "C"]
    assert runner.batches[0] == ["a", "b", "c"]
    bad = queue.submit_many("k", ["boom", "fine"])
    for f in bad:
        with pytest.raises(RuntimeError, match="cannot draw boom"):
            f.result(30)
    assert queue.submit("k", "after").result(30)[0] == "AFTER"  # the worker survives a failed batch
    queue.close()


def test_a_closed_queue_refuses_work_and_fails_what_was_waiting():
    runner = _Runner()
    queue = BatchQueue(runner, max_batch=8, window_s=0)
    queue.submit("k", "a")
    assert runner.started.wait(30)
    waiting = queue.submit("k", "b")
    queue.close()
    runner.release.set()
    with pytest.raises(RuntimeError, match="closed"):
        waiting.result(30)
    with pytest.raises(RuntimeError, match="closed"):
        queue.submit("k", "c")

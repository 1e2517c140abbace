"""50 pictures asked for at once, through the image model's Serve deployment, meet in batches: on a model that
takes a fixed time per batch, that is what lets a GPU serve many renders."""

from __future__ import annotations

import statistics
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

pytestmark = [pytest.mark.distributed, pytest.mark.slow]

PICTURES = 50


def test_concurrent_pictures_share_batches(services):
    from ray import serve

    from server.cluster.executor import _images
    from server.cluster.images import APP_NAME, ensure_deployed
    from server.cluster.ray_connect import connect

    settings = services.settings(image_model="sleepy", image_max_batch=16, image_batch_window_ms=100,
                                 image_max_per_render=256)
    connect(settings)
    ensure_deployed(settings, model="tests.distributed.fake_model:SleepyModel", replicas=1)
    images = _images(settings)  # what a render task on the cluster draws with
    try:
        # Every call from a thread of its own: a render task calls from a worker thread, and this test session's
        # main thread has an event loop (Playwright's), where Serve refuses blocking calls
        with ThreadPoolExecutor(1) as thread:
            thread.submit(images.generate, "warm-up", width=64, height=64).result()
        with ThreadPoolExecutor(PICTURES) as threads:
            began = time.perf_counter()
            pictures = list(threads.map(lambda i: images.generate(f"picture {i}", width=64, height=64),
                                        range(PICTURES)))
            took = time.perf_counter() - began
    finally:
        serve.delete(APP_NAME)

    assert [p.model for p in pictures] == ["sleepy"] * PICTURES and not any(p.fallback for p in pictures)
    mean_batch = statistics.mean(p.details["batch_size"] for p in pictures)
    assert mean_batch >= 8, f"a mean batch of {mean_batch:.1f} pictures"
    assert took < 2.0, f"{PICTURES} pictures took {took:.2f} s"

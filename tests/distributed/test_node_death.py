"""A worker node dies in the middle of 60 renders: Ray runs its tasks again elsewhere, and every render is stored
once: one `done` job row, one renders row, one set of files in the bucket, the set its manifest lists."""

from __future__ import annotations

import time

import pytest

from server.pipeline import RenderRequest
from tests.conftest import load_plan_dict

pytestmark = [pytest.mark.distributed, pytest.mark.slow]

RENDERS = 60


def test_renders_survive_the_death_of_a_worker_node(cluster, services):
    plans = [load_plan_dict(name) for name in ("whiteboard", "infographic", "slides")]
    tickets = [cluster.service.submit(RenderRequest(plan=plans[i % len(plans)], pdf=False))
               for i in range(RENDERS)]

    while sum(t.future.done() for t in tickets) < 10:  # a few have finished: the cluster is in full swing
        time.sleep(0.05)
    unfinished = sum(not t.future.done() for t in tickets)
    services.ray.kill_worker()

    manifests = [t.future.result(timeout=300) for t in tickets]
    services.ray.worker = services.ray.add_worker()  # a replacement node, for the tests after this one

    assert unfinished >= RENDERS // 2, "the node died too late to matter; the test proves nothing"
    ids = [m.id for m in manifests]
    assert len(set(ids)) == RENDERS
    with cluster.store.db.connection() as con:
        jobs = con.execute("SELECT id, state FROM jobs WHERE id = ANY(%s)", (ids,)).fetchall()
        runs = dict(con.execute("SELECT id, run FROM renders WHERE id = ANY(%s)", (ids,)).fetchall())
    assert sorted(jobs) == sorted((i, "done") for i in ids)
    assert set(runs) == set(ids)
    for answer in manifests:
        manifest = _settled(cluster.store, answer.id)  # the files the answer named pending are made, or given up
        keys = cluster.store.files.keys(f"renders/{manifest.id}/")
        expected = {f"renders/{manifest.id}/{runs[manifest.id]}/{name}"
                    for name in [f.name for f in manifest.files] + ["plan.json", "manifest.json"]}
        assert set(keys) == expected


def _settled(store, render_id: str, timeout_s: float = 120):
    """The stored manifest once no file is pending any more."""
    deadline = time.monotonic() + timeout_s
    while True:
        manifest = store.get(render_id)
        if not manifest.pending or time.monotonic() > deadline:
            return manifest
        time.sleep(0.2)

"""Renders through Ray (with Postgres and S3) against the local worker pool, on this one machine; and how long the
renders of a worker node that dies take to finish.

    .venv/bin/python bench/distributed.py [--renders 60] [--sequential 15]

Starts its own Postgres, S3 server (weed mini) and a Ray cluster of a head and one worker node, inside a private
network namespace with only loopback (tests/distributed/netns.py; needs root), like the distributed tests. Prints:

- throughput: `--renders` renders (whiteboard, infographic, slides without PDF) submitted at once;
- added latency: `--sequential` renders one after another, median and p90 per render;
- recovery: the same burst with the worker node killed after 10 renders, from the kill to the last render stored.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from server.pipeline import RenderRequest  # noqa: E402
from tests.conftest import load_plan_dict  # noqa: E402
from tests.distributed.netns import PrivateNetwork  # noqa: E402
from tests.distributed.services import PostgresServer, RayCluster, S3Server, ray_environment  # noqa: E402

PLANS = [load_plan_dict(name) for name in ("whiteboard", "infographic", "slides")]


def requests(count: int) -> list[RenderRequest]:
    return [RenderRequest(plan=PLANS[i % len(PLANS)], pdf=False) for i in range(count)]


def burst(service, count: int, kill=None) -> tuple[float, float | None]:
    """Seconds for `count` renders submitted at once; with `kill`, also seconds from the kill to the last one."""
    began = time.perf_counter()
    tickets = [service.submit(r) for r in requests(count)]
    killed_at = None
    if kill is not None:
        while sum(t.future.done() for t in tickets) < 10:
            time.sleep(0.02)
        kill()
        killed_at = time.perf_counter()
    for t in tickets:
        t.future.result(timeout=600)
    ended = time.perf_counter()
    return ended - began, (ended - killed_at) if killed_at else None


def one_by_one(service, count: int) -> list[float]:
    times = []
    for r in requests(count):
        began = time.perf_counter()
        service.render(r)
        times.append((time.perf_counter() - began) * 1000)
    return times


class Split:
    """Where a cluster render's time goes, one render at a time: the task (submitted, run, files back), the render
    inside it (its manifest's own timing), and storing (files to S3, the Postgres transaction)."""

    def __init__(self, parts):
        self.parts = parts
        self.task: list[float] = []
        self.inside: list[float] = []
        self.commit: list[float] = []
        self._run, self._commit = parts.service.executor.run, parts.store.commit

        def run(job, *a, **k):
            began = time.perf_counter()
            outcome = self._run(job, *a, **k)
            self.task.append((time.perf_counter() - began) * 1000)
            self.inside.append(outcome.manifest.timings_ms.total)
            return outcome

        def commit(*a, **k):
            began = time.perf_counter()
            won = self._commit(*a, **k)
            self.commit.append((time.perf_counter() - began) * 1000)
            return won

        parts.service.executor.run, parts.store.commit = run, commit

    def stop(self) -> None:
        self.parts.service.executor.run, self.parts.store.commit = self._run, self._commit
        med = statistics.median
        print(f"one render at a time, medians: the render itself {med(self.inside):.0f} ms; the Ray task around it "
              f"{med(self.task) - med(self.inside):+.0f} ms (submit, schedule, files back); storing it "
              f"{med(self.commit):.0f} ms (S3 puts and the Postgres transaction)")


def serve_batches(settings, count: int = 50) -> str:
    """`count` pictures at once through the Serve deployment, on the tests' stand-in model (0.15 s a batch)."""
    from concurrent.futures import ThreadPoolExecutor

    from ray import serve

    from server.cluster.executor import _images
    from server.cluster.images import APP_NAME, ensure_deployed

    ensure_deployed(settings, model="tests.distributed.fake_model:SleepyModel", replicas=1)
    images = _images(settings)
    images.generate("warm-up", width=64, height=64)
    with ThreadPoolExecutor(count) as threads:
        began = time.perf_counter()
        made = list(threads.map(lambda i: images.generate(f"picture {i}", width=64, height=64), range(count)))
        took = time.perf_counter() - began
    serve.delete(APP_NAME)
    sizes = [p.details["batch_size"] for p in made]
    return (f"Serve: {count} pictures at once in {took:.2f} s, batches of {min(sizes)}-{max(sizes)} "
            f"(mean {statistics.mean(sizes):.1f} a picture)")


def row(name: str, renders: int, seconds: float, latencies: list[float]) -> str:
    ordered = sorted(latencies)
    return (f"| {name} | {renders / seconds:.1f} | {statistics.median(ordered):.0f} | "
            f"{ordered[int(0.9 * (len(ordered) - 1))]:.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--renders", type=int, default=60)
    parser.add_argument("--sequential", type=int, default=15)
    args = parser.parse_args()

    from server.gate import RenderGate
    from server.service import RenderService
    from server.settings import Settings
    from server.store import Store
    from server.workers import WorkerPool

    folder = Path(tempfile.mkdtemp(prefix="atl-bench-", dir="/tmp"))
    rows = []
    # The local pool: the single-machine default (3 workers on 2 cores).
    settings = Settings(data_dir=folder / "local", chromium=None, render_queue=1000)
    pool = WorkerPool(settings, settings.render_workers)
    pool.start()
    local = RenderService(settings, Store(settings.data_dir), pool,
                          gate=RenderGate(settings.render_workers, settings.render_queue))
    one_by_one(local, 3)  # warm-up
    seconds, _ = burst(local, args.renders)
    rows.append(row(f"local pool ({settings.render_workers} workers), SQLite, folder", args.renders, seconds,
                    one_by_one(local, args.sequential)))
    local.close()

    network = PrivateNetwork()
    network.enter()
    started = []
    try:
        postgres = PostgresServer(folder / "pg").start()
        started.append(postgres)
        s3 = S3Server(folder / "s3").start()
        started.append(s3)
        s3.make_bucket("atelier")
        os.environ.update(s3.env())
        os.environ.update(ray_environment(folder / "r"))
        cluster = RayCluster(folder / "r").start()
        started.append(cluster)
        from server.cluster import open_cluster

        parts = open_cluster(Settings(data_dir=folder / "replica", executor="ray", ray_address=cluster.address,
                                      database_url=postgres.url, files_url="s3://atelier/bench", chromium=None,
                                      render_queue=1000))
        one_by_one(parts.service, 3)
        seconds, _ = burst(parts.service, args.renders)
        split = Split(parts)
        rows.append(row("Ray tasks (head 1 CPU + worker 2 CPUs), Postgres, S3", args.renders, seconds,
                        one_by_one(parts.service, args.sequential)))
        split.stop()
        seconds, recovery = burst(parts.service, args.renders, kill=cluster.kill_worker)
        parts.close()
        pictures = serve_batches(Settings(ray_address=cluster.address, executor="ray", image_model="sleepy",
                                          image_max_batch=16, image_batch_window_ms=100, image_max_per_render=256))
        import ray

        ray.shutdown()
    finally:
        for service in reversed(started):
            service.stop()
        network.leave()
        shutil.rmtree(folder, ignore_errors=True)

    print("| executor | renders/s (burst) | median ms (one at a time) | p90 ms |")
    print("| --- | ---: | ---: | ---: |")
    print("\n".join(rows))
    print(f"\n{pictures}")
    print(f"\nworker node killed after 10 of {args.renders} renders: all stored {seconds:.1f} s after the burst began, "
          f"{recovery:.1f} s after the kill (the head's 1 CPU ran the rest)")


if __name__ == "__main__":
    main()

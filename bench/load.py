"""Load test: a real `atelier serve` in one process, a mix of non-image renders sent from another, at several
levels of concurrency for a bounded time each.

    .venv/bin/python bench/load.py [--seconds 20] [--levels 1,8,32]

For each level it prints throughput, p50/p95/p99 latency of renders, the count of each error status, the slowest
and p95 health check (probed every 100 ms from a third process), the cores used by the server with its render
workers and Chromium, and their peak memory; then it checks that every render the server accepted is in the store
with all its files, and counts the widget previews drawn (under load the server gives previews up before answers).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.procs import cores_used, cpu_seconds, descendants, memory_mb  # noqa: E402
from tests.conftest import ServerProcess, load_plan_dict  # noqa: E402

MIX = [
    {"plan": load_plan_dict("slides"), "pdf": False},
    {"plan": load_plan_dict("infographic")},
    {"plan": load_plan_dict("whiteboard")},
    {"plan": load_plan_dict("widget")},
    {"prompt": "Turn these notes into slides", "content": "# Plan\n## Goals\n- Ship v1\n- Hire two people\n## Risks\n"
               "- Budget\n- Timeline", "pdf": False},
    {"prompt": "A flowchart", "content": "Request -> Validate -> Render -> Store -> Done"},
]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


_probes = multiprocessing.get_context("spawn")


def probe_health(base: str, server_pid: int, end: float, out) -> None:
    """Every 100 ms until `end`: time one GET /healthz; every second, read the memory of the server's processes
    (reading it costs the kernel a walk of every page table, so not more often)."""
    health: list[float] = []
    memory: list[float] = []
    with httpx.Client(base_url=base, timeout=10) as c:
        probes = 0
        while time.monotonic() < end:
            start = time.perf_counter()
            c.get("/healthz")
            health.append(time.perf_counter() - start)
            if probes % 10 == 0:
                memory.append(memory_mb(server_pid))
            probes += 1
            time.sleep(0.1)
    out.put((health, memory))


def preview_state(manifest: dict) -> str:
    """What became of a widget render's preview.png: drawn, skipped (too busy, with a warning) or pending."""
    if any(f["name"] == "preview.png" for f in manifest["files"]):
        return "drawn"
    return "pending" if manifest["pending"] else "skipped"


def run_level(server: ServerProcess, concurrency: int, seconds: float):
    latencies: list[float] = []
    statuses: Counter = Counter()
    accepted: list[str] = []
    lock = threading.Lock()
    end = time.monotonic() + seconds

    def worker(n: int) -> None:
        with httpx.Client(base_url=server.base, timeout=120) as c:
            i = n
            while time.monotonic() < end:
                body = MIX[i % len(MIX)]
                i += 1
                start = time.perf_counter()
                try:
                    r = c.post("/render", json=body)
                    status = r.status_code
                except httpx.HTTPError:
                    status = "transport"
                elapsed = time.perf_counter() - start
                with lock:
                    statuses[status] += 1
                    if status == 200:
                        latencies.append(elapsed)
                        accepted.append(r.json()["id"])
                if status == 429:
                    time.sleep(float(r.headers.get("retry-after", "1")) / 10)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(concurrency)]
    # The health prober is a process of its own: in this one its requests would wait for the load threads' turn at
    # the interpreter, and the figure would be the client's latency, not the server's.
    samples = _probes.Queue()
    prober = _probes.Process(target=probe_health, args=(server.base, server.proc.pid, end, samples))
    prober.start()
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    health, memory = samples.get(timeout=60)
    prober.join()
    return {
        "concurrency": concurrency,
        "ok": statuses[200],
        "throughput": statuses[200] / wall,
        "p50": percentile(latencies, 0.5),
        "p95": percentile(latencies, 0.95),
        "p99": percentile(latencies, 0.99),
        "errors": {k: v for k, v in statuses.items() if k != 200},
        "health_max": max(health) if health else float("nan"),
        "health_p95": percentile(health, 0.95),
        "accepted": accepted,
        "memory_mb": max(memory, default=0.0),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--levels", default="1,8,32")
    args = parser.parse_args()
    data = Path(tempfile.mkdtemp(prefix="atelier-load-"))
    server = ServerProcess(data, env={"ATELIER_LOG_LEVEL": "warning"}).start()
    rows = []
    try:
        for level in (int(x) for x in args.levels.split(",")):
            server_cpu = cpu_seconds(descendants(server.proc.pid))
            client_cpu, wall = time.process_time(), time.perf_counter()
            row = run_level(server, level, args.seconds)
            wall = time.perf_counter() - wall
            row["server_cores"] = cores_used(server.proc.pid, server_cpu, wall)
            row["client_cores"] = (time.process_time() - client_cpu) / wall
            rows.append(row)
        peak = max(r["memory_mb"] for r in rows)
        with server.client() as c:
            missing = []
            for row in rows:
                row["previews"] = Counter()
                for render_id in row["accepted"]:
                    m = c.get(f"/render/{render_id}")
                    if m.status_code != 200 or any(c.get(f["url"]).status_code != 200 for f in m.json()["files"]):
                        missing.append(render_id)
                    elif m.json()["modality"] == "widget":
                        row["previews"][preview_state(m.json())] += 1
    finally:
        server.stop()
    cpu = os.cpu_count()
    print(f"Mixed non-image renders, {args.seconds:.0f} s per level, {cpu} CPU cores; peak memory of the server and "
          f"its processes (summed PSS) {peak:.0f} MB\n")
    print("| concurrency | renders/s | p50 ms | p95 ms | p99 ms | errors | slowest /healthz ms | p95 /healthz ms "
          "| server cores | load-client cores | widget previews drawn |")
    print("| ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        errors = ", ".join(f"{k}×{v}" for k, v in sorted(r["errors"].items(), key=str)) or "none"
        previews = r["previews"]
        print(f"| {r['concurrency']} | {r['throughput']:.1f} | {r['p50'] * 1000:.0f} | {r['p95'] * 1000:.0f} | "
              f"{r['p99'] * 1000:.0f} | {errors} | {r['health_max'] * 1000:.0f} | {r['health_p95'] * 1000:.0f} | "
              f"{r['server_cores']:.2f} | {r['client_cores']:.2f} | "
              f"{previews['drawn']} of {sum(previews.values())} |")
    total = sum(len(r["accepted"]) for r in rows)
    print(f"\nEvery accepted render in the store: {total - len(missing)} of {total}"
          + ("" if not missing else f" (missing: {missing[:5]})"))
    skipped = sum(r["previews"]["skipped"] for r in rows)
    pending = sum(r["previews"]["pending"] for r in rows)
    print(f"Widget previews not drawn: {skipped} given up while the server was busy (their renders carry a "
          f"preview_skipped warning), {pending} still pending when the run ended")


if __name__ == "__main__":
    main()

"""What a process and everything it started use, read from /proc: the process tree, CPU time and memory.

The benchmarks measure servers that fork workers and start Chromium, so a figure for one process would leave most
of the work out.
"""

from __future__ import annotations

import os
from pathlib import Path


def descendants(pid: int) -> list[int]:
    """`pid` and every process below it (render workers, the forkserver, Chromium), from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(children.get(p, []))
    return found


def _pss_kb(pid: int) -> int:
    """A process's proportional set size: its own pages, plus its share of pages it shares with others."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def memory_mb(pid: int) -> float:
    """Memory of the server and everything it started (workers, forkserver, Chromium), as summed PSS, so pages the
    forked workers share are counted once."""
    return sum(_pss_kb(p) for p in descendants(pid)) / 1024


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """CPU time (user + system) each process has used, with that of the children it has reaped (a worker's
    Graphviz runs, Chromium's finished renderers), from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    used = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        used[pid] = sum(int(x) for x in fields[11:15]) / ticks
    return used


def cores_used(pid: int, before: dict[int, float], wall: float) -> float:
    """Cores the process tree under `pid` used since `before` (a `cpu_seconds` of it). Totals are compared, not
    processes: a process that ended meanwhile has its time counted in the parent that reaped it."""
    now = cpu_seconds(descendants(pid))
    return (sum(now.values()) - sum(before.values())) / wall

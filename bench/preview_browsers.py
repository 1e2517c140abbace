"""Widget previews drawn by Chromium's headless shell against the full Chromium in headless mode: wall time and
the CPU time of the whole browser (every Chromium process, Playwright's driver and its Python side) per picture.

    .venv/bin/python bench/preview_browsers.py [--captures 20]

Each browser is started once and warmed, as the server keeps it, then draws every widget kind of
`tests/browser/plans.py` but the chart (whose 4.7 MB of plotly.js would dominate) in turn. Under load the CPU per
picture is what counts: the server draws previews on the same cores as renders.
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

from bench.procs import cpu_seconds, descendants  # noqa: E402
from modalities.registry import parse_plan, render  # noqa: E402
from modalities.widget.preview import WIDTH  # noqa: E402
from models.images.fallback import FallbackImageBackend  # noqa: E402
from renderers.base import PendingFile, RenderContext  # noqa: E402
from renderers.theme import get_theme  # noqa: E402
from server.browser import WarmBrowser  # noqa: E402
from tests.browser.plans import WIDGETS  # noqa: E402

BROWSERS = {"headless shell": "chromium-headless-shell", "full Chromium, headless": "chromium"}


def widget_previews(folder: Path) -> list[tuple[Path, PendingFile]]:
    """Every kind's page, with the preview the server would draw of it after answering (scripts run, or not)."""
    pages = []
    for kind, spec in WIDGETS.items():
        if kind == "chart":
            continue
        out = folder / kind
        result = render(parse_plan({"modality": "widget", "title": f"{kind} widget", "widget": spec}),
                        RenderContext(out_dir=out, theme=get_theme("light"), images=FallbackImageBackend()))
        pages.extend((out, item) for item in result.pending)
    return pages


def tree_cpu() -> float:
    """CPU seconds of this process and everything below it (Playwright's driver, Chromium)."""
    return sum(cpu_seconds(descendants(os.getpid())).values())


def measure(executable: str, previews: list[tuple[Path, PendingFile]], captures: int) -> tuple[float, float]:
    browser = WarmBrowser(executable)
    try:
        for folder, preview in previews:  # start and warm: one of each kind, as a running server would have drawn
            preview.make(folder, browser)
        walls = []
        cpu_before = tree_cpu()
        for i in range(captures):
            folder, preview = previews[i % len(previews)]
            t = time.perf_counter()
            preview.make(folder, browser)
            walls.append(time.perf_counter() - t)
        cpu = (tree_cpu() - cpu_before) / captures
        return statistics.median(walls), cpu
    finally:
        browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--captures", type=int, default=20)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        previews = widget_previews(Path(tmp))
        for label, name in BROWSERS.items():
            executable = shutil.which(name)
            if executable is None:
                print(f"{name} is not installed; skipped (scripts/setup.sh installs both)")
                continue
            wall, cpu = measure(executable, previews, args.captures)
            rows.append((label, name, wall, cpu))
    print(f"widget previews ({WIDTH} CSS px wide at 2x), {args.captures} captures over {len(previews)} kinds, "
          f"{os.cpu_count()} CPU cores\n")
    print("| browser | executable | median wall ms | CPU ms per preview |")
    print("| --- | --- | ---: | ---: |")
    for label, name, wall, cpu in rows:
        print(f"| {label} | `{name}` | {wall * 1000:.0f} | {cpu * 1000:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

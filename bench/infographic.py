"""Infographic speed: an 8-block page with a chart, written as SVG + PNG + one-slide PPTX.

    .venv/bin/python bench/infographic.py [--runs 15]

"cold" is the first render in a fresh process (fonts found, icon index loaded, modules imported on first use);
"warm" is every render after it, as in a running server. Prints a table of medians.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

COLD = """
import sys, time, tempfile
from pathlib import Path
sys.path.insert(0, {root!r})
start = time.perf_counter()
from tests.renderers.test_infographic import FULL_PLAN
from modalities.registry import parse_plan
from modalities.registry import render
from renderers.base import RenderContext
from renderers.theme import get_theme
from models.images.fallback import FallbackImageBackend
plan = parse_plan({{k: v for k, v in FULL_PLAN.items() if k != "hero_image"}})
imported = time.perf_counter()
render(plan, RenderContext(out_dir=Path(tempfile.mkdtemp()), theme=get_theme("light"), images=FallbackImageBackend()))
print(imported - start, time.perf_counter() - imported)
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    from modalities.registry import parse_plan, render
    from models.images.fallback import FallbackImageBackend
    from renderers.base import RenderContext
    from renderers.theme import get_theme
    from tests.renderers.test_infographic import FULL_PLAN

    plan = parse_plan({k: v for k, v in FULL_PLAN.items() if k != "hero_image"})
    assert len(plan.blocks) == 8 and any(b.kind == "chart" for b in plan.blocks)

    colds = []
    for _ in range(max(3, args.runs // 5)):
        out = subprocess.run([sys.executable, "-c", COLD.format(root=str(ROOT))], capture_output=True, text=True,
                             check=True).stdout.split()
        colds.append(float(out[1]))

    def once() -> float:
        out = Path(tempfile.mkdtemp(prefix="bench-info-"))
        start = time.perf_counter()
        result = render(plan, RenderContext(out_dir=out, theme=get_theme("light"), images=FallbackImageBackend()))
        elapsed = time.perf_counter() - start
        assert {f.name for f in result.files} == {"infographic.svg", "infographic.png", "infographic.pptx"}
        return elapsed

    once()
    warms = [once() for _ in range(args.runs)]
    print(f"8-block infographic with a chart, SVG + PNG + PPTX ({args.runs} warm runs, {len(colds)} cold)\n")
    print("| render | median ms | min ms |")
    print("| --- | ---: | ---: |")
    print(f"| cold (first in a new process, imports excluded) | {statistics.median(colds) * 1000:.0f} "
          f"| {min(colds) * 1000:.0f} |")
    print(f"| warm | {statistics.median(warms) * 1000:.0f} | {min(warms) * 1000:.0f} |")


if __name__ == "__main__":
    main()

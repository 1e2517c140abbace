"""Widget renders and their preview.png: one warm Chromium reused (what the server does) against a Chromium
started for every render (what a naive implementation does), per widget kind.

    .venv/bin/python bench/widget_previews.py [--rounds 3]

Prints a table: median milliseconds to write widget.html, to draw preview.png with the warm browser and with a
cold one, and the page's size plain and gzipped (what /embed sends).
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from modalities.registry import (
    parse_plan,  # noqa: E402
    render,  # noqa: E402
)
from models.images.fallback import FallbackImageBackend  # noqa: E402
from renderers.base import RenderContext  # noqa: E402
from renderers.theme import get_theme  # noqa: E402
from server.browser import WarmBrowser, find_chromium  # noqa: E402
from server.executors import InlineExecutor  # noqa: E402
from server.pipeline import RenderRequest  # noqa: E402
from server.service import RenderService  # noqa: E402
from server.settings import Settings  # noqa: E402
from server.store import OutputFolder  # noqa: E402
from tests.browser.plans import WIDGETS  # noqa: E402

SETTINGS = Settings()


def with_preview(browser, plan: dict, out: Path) -> None:
    """The widget and its preview, as the CLI makes them: the render service in this process, with this browser."""
    RenderService(SETTINGS, OutputFolder(out), InlineExecutor(SETTINGS), browser=browser).render(
        RenderRequest(plan=plan))


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    chromium = find_chromium()
    if chromium is None:
        print("Chromium is not installed; nothing to measure")
        return 1
    theme = get_theme("light")
    warm = WarmBrowser(chromium)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        # start the warm browser once, outside the timings, as a running server would have
        with_preview(warm, {"modality": "widget", "title": "x", "widget": WIDGETS["checklist"]}, Path(tmp) / "start")
        for kind, spec in WIDGETS.items():
            spec_plan = {"modality": "widget", "title": f"{kind} widget", "widget": spec}
            plan = parse_plan(spec_plan)
            html_s, warm_s, cold_s = [], [], []
            for r in range(args.rounds):
                out = Path(tmp) / f"{kind}-{r}"
                t = time.perf_counter()
                render(plan, RenderContext(out_dir=out / "html", theme=theme, images=FallbackImageBackend(),
                                           options={"preview": False}))
                html_s.append(time.perf_counter() - t)
                t = time.perf_counter()
                with_preview(warm, spec_plan, out / "warm")
                warm_s.append(time.perf_counter() - t)
                cold = WarmBrowser(chromium)
                t = time.perf_counter()
                with_preview(cold, spec_plan, out / "cold")
                cold.close()
                cold_s.append(time.perf_counter() - t)
            page = (out / "html" / "widget.html").read_bytes()
            rows.append((kind, statistics.median(html_s), statistics.median(warm_s), statistics.median(cold_s),
                         len(page), len(gzip.compress(page, 6))))
    warm.close()
    print(f"widget renders, median of {args.rounds} (ms); warm = one Chromium kept for every render, "
          f"cold = a Chromium started for each; launches of the warm one: {warm.launches}")
    print(f"{'kind':<11} {'html only':>9} {'+ preview warm':>15} {'+ preview cold':>15} {'page KB':>8} {'gzip KB':>8}")
    for kind, html, w, c, size, packed in rows:
        print(f"{kind:<11} {ms(html):>9} {ms(w):>15} {ms(c):>15} {size / 1024:>8,.0f} {packed / 1024:>8,.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

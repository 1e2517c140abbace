"""Slides: Atelier (editable PPTX + a PNG preview per slide) against marp-cli (PPTX of slide pictures), same deck.

    .venv/bin/python bench/slides_vs_marp.py [--runs 7]

Installs @marp-team/marp-cli into bench/.peers (gitignored) on first use and drives Debian's Chromium with it.
Prints the median wall time of each, and the ratio. "warm" is Atelier inside a running server: the answer of
/render, which no longer waits for the PDF (deck.pdf is a pending file the server makes next, timed on its own row
from the same decks); "cold" starts the `atelier` command afresh each time, as marp-cli is started each time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PEERS = ROOT / "bench" / ".peers"
DECK = ROOT / "bench" / "fixtures" / "deck10.md"
MARP_VERSION = "4.5.1"
sys.path.insert(0, str(ROOT))


def ensure_marp() -> Path:
    marp = PEERS / "node_modules" / ".bin" / "marp"
    if not marp.exists():
        PEERS.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(PEERS), "--no-audit", "--no-fund", "--loglevel=error",
                        f"@marp-team/marp-cli@{MARP_VERSION}"],
                       check=True, env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"})
    return marp


def timed(fn, runs: int) -> list[float]:
    fn()  # warm-up, not counted
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    from modalities.registry import render, specs
    from modalities.slides.pdf import make_pdf
    from models.images.fallback import FallbackImageBackend
    from models.planners.base import PlanRequest
    from models.planners.offline import OfflinePlanner
    from renderers.base import RenderContext
    from renderers.theme import get_theme

    content = DECK.read_text(encoding="utf-8")
    work = Path(tempfile.mkdtemp(prefix="bench-slides-"))
    slides = {}

    answered: list[Path] = []

    def atelier_warm():
        plan = OfflinePlanner(specs()).plan(PlanRequest(prompt="slides", content=content)).plan
        out = Path(tempfile.mkdtemp(dir=work))
        result = render(plan, RenderContext(out_dir=out, theme=get_theme("light"), images=FallbackImageBackend()))
        slides["atelier"] = result.details["slide_count"]
        assert sum(f.role == "preview" for f in result.files) == slides["atelier"]
        assert [p.name for p in result.pending] == ["deck.pdf"], "the PDF should follow the answer"
        answered.append(out)

    def atelier_pdf():
        make_pdf(answered.pop())  # the pending file, as the server's background queue makes it

    def atelier_cold():
        out = tempfile.mkdtemp(dir=work)
        subprocess.run([sys.executable, "-m", "server.cli", "render", "slides", "-i", str(DECK), "-o", out,
                        "--no-pdf", "-q"], check=True, cwd=ROOT, capture_output=True)

    marp = ensure_marp()
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium", "CHROME_NO_SANDBOX": "1"}

    def marp_pptx():
        out = Path(tempfile.mkdtemp(dir=work)) / "deck.pptx"
        subprocess.run([str(marp), str(DECK), "--pptx", "-o", str(out), "--allow-local-files"], check=True, env=env,
                       capture_output=True)
        assert out.stat().st_size > 0

    answer = timed(atelier_warm, args.runs)
    rows = [
        ("Atelier, warm answer (PPTX + previews; PDF pending)", answer),
        ("then deck.pdf after the answer (LibreOffice)", timed(atelier_pdf, args.runs)),
        ("Atelier, cold CLI (PPTX + previews)", timed(atelier_cold, args.runs)),
        (f"marp-cli {MARP_VERSION} (PPTX of images)", timed(marp_pptx, args.runs)),
    ]
    marp_median = statistics.median(rows[-1][1])
    print(f"10-slide deck ({DECK.relative_to(ROOT)}), {args.runs} runs each, Atelier made {slides['atelier']} slides\n")
    print("| tool | median ms | min ms | marp-cli ÷ this |")
    print("| --- | ---: | ---: | ---: |")
    for name, times in rows:
        med = statistics.median(times)
        print(f"| {name} | {med * 1000:.0f} | {min(times) * 1000:.0f} | {marp_median / med:.1f}× |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

"""The same 20-node flowchart drawn by Atelier and by mermaid-cli, in one run, several times each.

Atelier: the Mermaid text parsed into a plan, then the whiteboard render that answers (Excalidraw scene, hand-drawn
SVG and board.mmd) in a warm process as the server runs it, with the PNG that follows the answer timed beside it
(the server draws it in a helper process after answering); and a fresh `atelier render` process per diagram, which
makes the PNG before it exits.
mermaid-cli: `mmdc` to SVG with Debian's Chromium, one process per diagram as it is used.

mermaid-cli 11.17.0 (the last release that runs on Node 20) is installed into bench/out/mermaid-cli on first use
(`PUPPETEER_SKIP_DOWNLOAD=1`, so it drives /usr/bin/chromium instead of downloading a browser).

    .venv/bin/python bench/whiteboard_vs_mermaid.py [--runs 7]

Prints a table of medians and the ratio; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from modalities.registry import render  # noqa: E402
from modalities.whiteboard.excalidraw import scene  # noqa: E402
from modalities.whiteboard.fonts import board_fonts  # noqa: E402
from modalities.whiteboard.layout import layout_diagram  # noqa: E402
from modalities.whiteboard.mermaid_in import parse_mermaid  # noqa: E402
from modalities.whiteboard.sketch import board_svg  # noqa: E402
from models.images.fallback import FallbackImageBackend  # noqa: E402
from renderers.base import RenderContext  # noqa: E402
from renderers.plan import plan_to_json  # noqa: E402
from renderers.raster import rasterise  # noqa: E402
from renderers.theme import get_theme  # noqa: E402

MERMAID_CLI = "@mermaid-js/mermaid-cli@11.17.0"
TOOLS = ROOT / "bench" / "out" / "mermaid-cli"
MMDC = TOOLS / "node_modules" / ".bin" / "mmdc"
PUPPETEER = TOOLS / "puppeteer.json"
CHROMIUM = "/usr/bin/chromium"
SOURCE = ROOT / "bench" / "flowchart20.mmd"


def install_mermaid_cli() -> None:
    if MMDC.exists() and PUPPETEER.exists():
        return
    if not shutil.which("npm") or not Path(CHROMIUM).exists():
        sys.exit("mermaid-cli needs npm and Debian's chromium (/usr/bin/chromium); run scripts/setup.sh first")
    TOOLS.mkdir(parents=True, exist_ok=True)
    (TOOLS / "package.json").write_text('{"private": true}\n')
    print(f"installing {MERMAID_CLI} into {TOOLS.relative_to(ROOT)} …", file=sys.stderr)
    env = {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"}
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", MERMAID_CLI], cwd=TOOLS, env=env,
                   check=True)
    PUPPETEER.write_text(json.dumps({
        "executablePath": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    }, indent=1))


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def steps(source: str, runs: int) -> dict[str, float]:
    """Median milliseconds of each step of Atelier's render, to show where the time goes."""
    theme = get_theme("light")
    fonts = board_fonts(theme)
    times: dict[str, list[float]] = {}

    def clock(name: str, fn, *args):
        start = time.perf_counter()
        value = fn(*args)
        times.setdefault(name, []).append((time.perf_counter() - start) * 1000)
        return value

    def scene_json(diagram) -> str:
        return json.dumps(scene(diagram, theme), ensure_ascii=False, indent=1)

    for _ in range(runs):
        plan = clock("Mermaid → plan", lambda: parse_mermaid(source).plan)
        diagram = clock("layout (Graphviz dot)", layout_diagram, plan, theme)
        clock("Excalidraw scene (JSON)", scene_json, diagram)
        svg = clock("hand-drawn SVG (rough)", board_svg, diagram, theme, fonts)
        clock("PNG (resvg)", rasterise, svg, fonts)
    return {k: statistics.median(v) for k, v in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per tool (default 7)")
    args = parser.parse_args()
    install_mermaid_cli()
    source = SOURCE.read_text(encoding="utf-8")
    plan = parse_mermaid(source).plan
    work = Path(tempfile.mkdtemp(prefix="wb-bench-"))
    ctx = RenderContext(out_dir=work / "atelier", theme=get_theme("light"), images=FallbackImageBackend())
    answered: list = []

    def atelier_warm() -> None:
        result = render(parse_mermaid(source).plan, ctx)
        assert [p.name for p in result.pending] == ["board.png"], "the PNG should follow the answer"
        answered.append(result.pending[0])

    def atelier_png() -> None:
        answered.pop().make(ctx.out_dir, None)  # the pending file, as the server's helper process makes it

    plan_file = work / "plan.json"
    plan_file.write_text(plan_to_json(plan), encoding="utf-8")
    cli = ROOT / ".venv" / "bin" / "atelier"

    def atelier_cold() -> None:
        subprocess.run([str(cli), "render", "--plan", str(plan_file), "-o", str(work / "cli")], check=True,
                       capture_output=True)

    def mermaid_cli() -> None:
        subprocess.run([str(MMDC), "-q", "-p", str(PUPPETEER), "-i", str(SOURCE), "-o", str(work / "mmdc.svg")],
                       check=True, capture_output=True)

    atelier_warm()  # warm-up: fonts measured, modules imported
    atelier_png()
    mermaid_cli()
    warm_times, png_times = [], []
    for _ in range(args.runs):
        warm_times += timed(atelier_warm, 1)
        png_times += timed(atelier_png, 1)
    rows = [
        ("Atelier, warm process (server)", "the answer: scene, SVG, .mmd", warm_times),
        ("  then its PNG (after the answer)", "PNG", png_times),
        ("Atelier, `atelier render` process", "scene + SVG + .mmd + PNG", timed(atelier_cold, max(3, args.runs // 2))
         if cli.exists() else []),
        ("mermaid-cli 11.17.0 (`mmdc`)", "SVG", timed(mermaid_cli, args.runs)),
    ]
    png = work / "atelier" / "board.png"
    print(f"\n{len(plan.nodes)}-node flowchart ({SOURCE.relative_to(ROOT)}), {len(plan.edges)} edges; "
          f"Atelier PNG {png.stat().st_size // 1024} KB; {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}\n")
    print(f"| {'tool':<36} | {'output':<24} | {'median ms':>9} | {'min ms':>7} | runs |")
    print(f"|{'-' * 38}|{'-' * 26}|{'-' * 11}|{'-' * 9}|------|")
    for name, what, times in rows:
        if times:
            print(f"| {name:<36} | {what:<24} | {statistics.median(times):>9.0f} | {min(times):>7.0f} "
                  f"| {len(times):>4} |")
    warm, png_ms, cold, mmdc = (statistics.median(t) if t else float("nan") for _, _, t in rows)
    print(f"\nmermaid-cli / Atelier's answer: {mmdc / warm:.1f}×   mermaid-cli / Atelier's answer and PNG: "
          f"{mmdc / (warm + png_ms):.1f}×   mermaid-cli / `atelier render`: {mmdc / cold:.1f}×")
    print("\nAtelier's steps (median ms): " + ", ".join(f"{k} {v:.0f}" for k, v in steps(source, args.runs).items()))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

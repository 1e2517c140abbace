"""The same 10 s scene animated by Atelier and by Manim, several runs each, CPU seconds and wall time.

The scene (the issue's): a title, three labelled shapes and two arrows; fade, draw, grow, move with recolour,
pulse, a wait and a fade out, 10 s long. Atelier renders tests/modalities/animation/plans.py's `flow_scene`;
Manim renders the same story written as a Manim scene (below). Each run is a fresh process, as a user runs either
tool, so imports count; CPU is user + system time of the process and its children.

    .venv/bin/python bench/animation_vs_manim.py [--runs 3] [--install-manim] [--presets]

Manim (Community 0.22) is installed into bench/out/manim-venv on `--install-manim`, with the Debian packages it
builds against (libcairo2-dev libpango1.0-dev pkg-config ffmpeg); without it, only Atelier's rows are printed.
`--presets` also measures x264's presets on the scene (encode CPU and file size), the measurement behind
modalities/animation/encode.py's choice. Prints tables; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TOOLS = ROOT / "bench" / "out" / "manim-venv"
MANIM = TOOLS / "bin" / "manim"
MANIM_VERSION = "manim==0.22.0"
DEBIAN = ["libcairo2-dev", "libpango1.0-dev", "pkg-config", "ffmpeg"]

MANIM_SCENE = '''
from manim import *

class Flow(Scene):
    def construct(self):
        self.camera.background_color = WHITE
        ink = "#1F2430"
        title = Text("How a request flows", font_size=40, weight=BOLD, color=ink).to_corner(UL)
        self.play(FadeIn(title), run_time=0.6)
        a = RoundedRectangle(width=3.0, height=1.8, corner_radius=0.3, color="#2F5BEA", fill_opacity=1)
        b = Rectangle(width=3.0, height=1.8, color="#F08A24", fill_opacity=1)
        c = Ellipse(width=3.0, height=1.8, color="#1BA784", fill_opacity=1)
        row = VGroup(a, b, c).arrange(RIGHT, buff=1.4)
        la = Text("Browser", font_size=30, weight=BOLD).move_to(a)
        lb = Text("Server", font_size=30, weight=BOLD, color=ink).move_to(b)
        lc = Text("Database", font_size=30, weight=BOLD, color=ink).move_to(c)
        self.play(Create(a), Write(la), run_time=1.0)
        self.play(GrowFromCenter(VGroup(b, lb)), run_time=0.8)
        self.play(Create(c), Write(lc), run_time=1.0)
        a1 = Arrow(a.get_right(), b.get_left(), buff=0.15, color="#5B6475")
        self.play(GrowArrow(a1), run_time=0.6)
        a2 = Arrow(b.get_right(), c.get_left(), buff=0.15, color="#5B6475")
        self.play(GrowArrow(a2), run_time=0.6)
        self.play(VGroup(c, lc).animate.shift(DOWN * 2), c.animate.set_fill("#D64545"), run_time=1.0)
        self.play(Indicate(VGroup(b, lb)), run_time=0.6)
        self.wait(3.0)
        self.play(FadeOut(*self.mobjects), run_time=0.8)
'''

ATELIER = '''
import sys, json
from pathlib import Path
sys.path.insert(0, {root!r})
from models.images.fallback import FallbackImageBackend
from modalities.animation import SPEC
from renderers.base import RenderContext
from renderers.theme import get_theme
from tests.modalities.animation.plans import flow_scene
plan = SPEC.plan.model_validate(flow_scene(fps={fps}, size={size!r}))
ctx = RenderContext(out_dir=Path({out!r}), theme=get_theme("light"), images=FallbackImageBackend(),
                    options={options!r})
result = SPEC.render(plan, ctx)
print(json.dumps(result.details))
'''


def install_manim() -> None:
    if MANIM.exists():
        return
    missing = [p for p in DEBIAN if subprocess.run(["dpkg", "-s", p], capture_output=True).returncode != 0]
    if missing:
        print(f"installing Debian packages for Manim: {' '.join(missing)}", file=sys.stderr)
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    print(f"installing {MANIM_VERSION} into {TOOLS.relative_to(ROOT)} …", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", str(TOOLS)], check=True)
    subprocess.run([str(TOOLS / "bin" / "pip"), "install", "-q", MANIM_VERSION], check=True)


def child_run(cmd: list[str], cwd: Path | None = None) -> tuple[float, float, str]:
    """(CPU seconds of the child and its children, wall seconds, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed: {done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, done.stdout


def atelier(work: Path, fps: int, size: str, formats: list[str]) -> tuple[float, float, dict]:
    out = work / f"atelier-{fps}-{len(formats)}"
    shutil.rmtree(out, ignore_errors=True)
    code = ATELIER.format(root=str(ROOT), fps=fps, size=size, out=str(out), options={"formats": formats,
                                                                                      "narration": False})
    cpu, wall, stdout = child_run([sys.executable, "-c", code])
    return cpu, wall, json.loads(stdout.strip().splitlines()[-1])


def manim(work: Path, quality: str) -> tuple[float, float]:
    scene = work / "flow_scene.py"
    scene.write_text(MANIM_SCENE, encoding="utf-8")
    cpu, wall, _ = child_run([str(MANIM), "render", quality, "--disable_caching", "--progress_bar", "none",
                              "--media_dir", str(work / "manim-media"), str(scene), "Flow"], cwd=work)
    return cpu, wall


def frame_costs(runs: int) -> dict[str, float]:
    """In one warm process: milliseconds to draw a 720p frame, to encode the whole MP4, and to make the poster."""
    import skia

    from modalities.animation import SPEC
    from modalities.animation.draw import Painter
    from modalities.animation.encode import png, snapshot
    from modalities.animation.layout import Frame, layout_scenes
    from modalities.animation.stills import poster_time
    from modalities.animation.tracks import compile_timeline
    from renderers.base import Lints
    from renderers.theme import get_theme
    from tests.modalities.animation.plans import flow_scene

    theme = get_theme("light")
    draws, posters, plans = [], [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        plan = SPEC.plan.model_validate(flow_scene())
        frame = Frame(plan.canvas.width, plan.canvas.height, theme)
        tl = compile_timeline(plan, layout_scenes(plan, frame, Lints(), lambda *a: b""), theme, {}, frame.margin)
        plans.append((time.perf_counter() - t0) * 1000)
        painter = Painter(tl)
        t0 = time.perf_counter()
        png(snapshot(painter, poster_time(tl)))
        posters.append((time.perf_counter() - t0) * 1000)
        surface = skia.Surface.MakeRasterN32Premul(tl.width, tl.height)
        canvas = surface.getCanvas()
        t0 = time.perf_counter()
        for i in range(tl.frames):
            painter.paint(canvas, i / tl.fps)
        draws.append((time.perf_counter() - t0) * 1000 / tl.frames)
    return {"layout + tracks ms": statistics.median(plans), "draw ms/frame (720p)": statistics.median(draws),
            "poster ms (720p PNG)": statistics.median(posters)}


def presets(work: Path, runs: int) -> list[tuple[str, float, float, int]]:
    names = ("ultrafast", "superfast", "veryfast", "faster", "medium")
    times: dict[str, list[tuple[float, float]]] = {n: [] for n in names}
    for _ in range(runs):  # interleaved, as above
        for preset in names:
            out = work / f"preset-{preset}"
            code = ATELIER.format(root=str(ROOT), fps=30, size="1280x720", out=str(out),
                                  options={"formats": ["mp4"], "narration": False, "x264_preset": preset})
            cpu, wall, _ = child_run([sys.executable, "-c", code])
            times[preset].append((cpu, wall))
    return [(n, statistics.median(c for c, _ in times[n]), statistics.median(w for _, w in times[n]),
             (work / f"preset-{n}" / "animation.mp4").stat().st_size) for n in names]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs per row (default 3)")
    parser.add_argument("--install-manim", action="store_true", help="install Manim into bench/out (and its "
                        "Debian build packages) if it is not there")
    parser.add_argument("--presets", action="store_true", help="also measure x264's presets")
    args = parser.parse_args()
    if args.install_manim:
        install_manim()
    work = Path(tempfile.mkdtemp(prefix="anim-bench-"))
    mp4 = ["mp4"]
    everything = ["mp4", "webm", "gif", "svg", "pptx", "vtt", "stills"]
    tools = [
        ("Atelier, 720p30", "MP4", lambda: atelier(work, 30, "1280x720", mp4)[:2]),
        ("Atelier, 720p30, every output", "MP4 WebM GIF SVG PPTX PNGs",
         lambda: atelier(work, 30, "1280x720", everything)[:2]),
        ("Atelier, 1080p60", "MP4", lambda: atelier(work, 60, "1920x1080", mp4)[:2]),
    ]
    if MANIM.exists():
        tools += [("manim -qm (720p30)", "MP4", lambda: manim(work, "-qm")),
                  ("manim -qh (1080p60)", "MP4", lambda: manim(work, "-qh"))]
    else:
        print("(Manim is not installed: run with --install-manim for its rows)", file=sys.stderr)
    for _, _, run in tools:
        run()  # warm the disk cache and Manim's own first-run set-up
    # Runs are interleaved, tool after tool, so a change in the machine's load falls on every tool alike.
    times: dict[str, list[tuple[float, float]]] = {label: [] for label, _, _ in tools}
    for _ in range(args.runs):
        for label, _, run in tools:
            times[label].append(run())
    rows = [(label, what, times[label]) for label, what, _ in tools]
    print(f"\n10 s scene, {args.runs} runs each, fresh process per run; {os.cpu_count()} CPUs, "
          f"load {os.getloadavg()[0]:.1f} (1 min) / {os.getloadavg()[2]:.1f} (15 min)\n")
    print(f"| {'tool':<32} | {'output':<28} | {'CPU s (median)':>14} | {'wall s (median)':>15} "
          f"| {'wall s (min)':>12} |")
    print(f"|{'-' * 34}|{'-' * 30}|{'-' * 16}|{'-' * 17}|{'-' * 14}|")
    medians = {}
    for label, what, measured in rows:
        cpu = statistics.median(t[0] for t in measured)
        wall = statistics.median(t[1] for t in measured)
        medians[label] = (cpu, wall)
        print(f"| {label:<32} | {what:<28} | {cpu:>14.2f} | {wall:>15.2f} | {min(t[1] for t in measured):>12.2f} |")
    if "manim -qm (720p30)" in medians:
        ratio_720 = medians["manim -qm (720p30)"][0] / medians["Atelier, 720p30"][0]
        ratio_1080 = medians["manim -qh (1080p60)"][0] / medians["Atelier, 1080p60"][0]
        print(f"\nCPU, manim -qm / Atelier 720p30: {ratio_720:.1f}×   manim -qh / Atelier 1080p60: {ratio_1080:.1f}×")
    costs = frame_costs(args.runs)
    print("\nWarm process: " + ", ".join(f"{k} {v:.1f}" for k, v in costs.items()))
    if args.presets:
        print("\n| x264 preset | CPU s (median) | wall s (median) | MP4 KB |\n|---|---|---|---|")
        for preset, cpu, wall, size in presets(work, args.runs):
            print(f"| {preset} | {cpu:.2f} | {wall:.2f} | {size // 1024} |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Renders every corpus case in every modality that fits, through the real pipeline in this process, and measures
the content of each render.

    .venv/bin/python -m bench.quality.run                      # everything; out: bench/out/quality
    .venv/bin/python -m bench.quality.run --cases en-memo-platform-sync,zh-chain-leave --modalities slides
    .venv/bin/python -m bench.quality.run --out /tmp/q --no-sheets
    .venv/bin/python -m bench.quality.run --remeasure        # measure the renders already in --out again

Prints one table (per modality, per language and overall), writes every render's measures to
`<out>/details.json`, the renders themselves to `<out>/renders/<case>/<modality>/`, and one contact sheet per case
to `<out>/sheets/<case>.png`. Nothing here is asserted by the tests; the figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from .corpus import CORPUS, MODALITIES, Case, load_cases
from .measures import Render, measure
from .report import failure_classes, print_table
from .sheets import Band, band_lines, contact_sheet, pictures_of

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "out" / "quality"


class Pipeline:
    """The one place that calls Atelier's render service (as the CLI does: into a folder, in this process). Holds
    one warm browser for widget previews, closed by `close()`."""

    def __init__(self) -> None:
        from server.browser import WarmBrowser
        from server.settings import get_settings

        self.settings = get_settings()
        self.browser = WarmBrowser(self.settings.chromium)

    def render(self, case: Case, modality: str, out_dir: Path) -> tuple[dict[str, Any], dict[str, Any]]:
        """Renders one case in one modality into `out_dir`; returns (plan, manifest) as written there."""
        from server.pipeline import RenderRequest
        from server.service import RenderService

        text = case.source_text()
        given = {"data": text} if case.given_as == "data" else {"content": text or None}
        request = RenderRequest(prompt=case.prompt or None, modality=modality, planner="offline", pdf=False, **given)
        RenderService.local(self.settings, out_dir, browser=self.browser).render(request)
        plan = json.loads((out_dir / "plan.json").read_text(encoding="utf-8"))
        manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
        return plan, manifest

    def close(self) -> None:
        self.browser.close()


def _previous_seconds(out: Path) -> dict[tuple[str, str], float]:
    try:
        rows = json.loads((out / "details.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {(r["case"], r["modality"]): r["seconds"] for r in rows if "seconds" in r}


def _reread(folder: Path, seconds: float | None) -> tuple[dict[str, Any], dict[str, Any], float]:
    plan = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return plan, manifest, seconds if seconds is not None else manifest["timings_ms"]["total"] / 1000


def run(cases: list[Case], modalities: list[str] | None, out: Path, sheets: bool = True,
        log=sys.stderr, remeasure: bool = False) -> list[dict[str, Any]]:
    """Renders and measures; returns one measures row per render (failed renders carry `error`). With `remeasure`,
    the renders already in `out` are measured again (after a change to the measures or the truth) and their
    times are those recorded when they were made."""
    pipeline = None if remeasure else Pipeline()
    before = _previous_seconds(out) if remeasure else {}
    rows: list[dict[str, Any]] = []
    try:
        for case in cases:
            bands = []
            for modality in case.modalities:
                if modalities and modality not in modalities:
                    continue
                folder = out / "renders" / case.id / modality
                try:
                    if pipeline is None:
                        plan, manifest, seconds = _reread(folder, before.get((case.id, modality)))
                    else:
                        shutil.rmtree(folder, ignore_errors=True)
                        folder.mkdir(parents=True)
                        started = time.perf_counter()
                        plan, manifest = pipeline.render(case, modality, folder)
                        seconds = time.perf_counter() - started
                except Exception as exc:  # noqa: BLE001 - a failed render is a finding, not the end of the run
                    print(f"  {case.id} {modality}: render failed: {exc}", file=log)
                    rows.append({"case": case.id, "lang": case.lang, "modality": modality, "error": str(exc)})
                    bands.append(Band(modality, [], band_lines(None, str(exc))))
                    continue
                m = measure(Render(case, modality, plan, manifest, seconds, folder))
                rows.append(m)
                bands.append(Band(modality, pictures_of(folder, modality), band_lines(m)))
                print(f"  {case.id} {modality}: {seconds:.2f} s", file=log)
            if sheets and bands:
                source = f"   source: {case.source.name}" if case.source else ""
                header = [f"{case.id} ({case.lang}): {case.kind}", f"prompt: {case.prompt or '(none)'}{source}"]
                contact_sheet(header, bands, out / "sheets" / f"{case.id}.png")
    finally:
        if pipeline is not None:
            pipeline.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", help="comma-separated case ids (default: all)")
    parser.add_argument("--modalities", help=f"comma-separated, from {', '.join(MODALITIES)} (default: all that fit)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default: {DEFAULT_OUT})")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=argparse.SUPPRESS)
    parser.add_argument("--no-sheets", action="store_true", help="skip the contact sheets")
    parser.add_argument("--remeasure", action="store_true",
                        help="measure the renders already in --out again instead of rendering")
    args = parser.parse_args(argv)

    try:
        cases = load_cases(args.corpus)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.cases:
        wanted = [c.strip() for c in args.cases.split(",") if c.strip()]
        unknown = sorted(set(wanted) - {c.id for c in cases})
        if unknown:
            print(f"error: unknown case(s): {', '.join(unknown)}", file=sys.stderr)
            return 2
        cases = [c for c in cases if c.id in wanted]
    modalities = None
    if args.modalities:
        modalities = [m.strip() for m in args.modalities.split(",") if m.strip()]
        bad = [m for m in modalities if m not in MODALITIES]
        if bad:
            print(f"error: unknown modality {', '.join(bad)} (known: {', '.join(MODALITIES)})", file=sys.stderr)
            return 2

    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    rows = run(cases, modalities, args.out, sheets=not args.no_sheets, remeasure=args.remeasure)
    measured = [r for r in rows if "error" not in r]
    failed = [r for r in rows if "error" in r]
    (args.out / "details.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")

    docs = sum(not c.is_bare_prompt for c in cases)
    print(f"\n{len(cases)} cases ({docs} documents, {len(cases) - docs} bare prompts), {len(rows)} renders "
          f"({len(failed)} failed) in {time.perf_counter() - started:.0f} s\n")
    if measured:
        print_table(measured, sys.stdout)
        print("\nmost frequent failure classes:")
        for name, n in failure_classes(measured).most_common(15):
            print(f"  {n:4d}  {name}")
    for r in failed:
        print(f"render failed: {r['case']} {r['modality']}: {r['error']}")
    print(f"\ndetails: {args.out / 'details.json'}; contact sheets: {args.out / 'sheets'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

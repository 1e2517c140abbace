"""The `atelier` command: render, serve, schema, mcp, worker.

Bad input ends with one line on stderr and exit status 2, like the HTTP API's 4xx answers.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import NoReturn

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage mistakes in one line."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"atelier: error: {message} (see 'atelier {self.prog.split()[-1]} --help')\n"
                  if " " in self.prog else f"atelier: error: {message} (see 'atelier --help')\n")


def _fail(message: str, code: int = EXIT_USAGE) -> None:
    sys.stderr.write(f"atelier: error: {message}\n")
    raise SystemExit(code)


def _read_text(path: str, what: str) -> str:
    if path == "-":
        raw = sys.stdin.buffer.read()
    else:
        p = Path(path)
        if not p.exists() or p.is_dir():
            _fail(f"{what} file '{path}' does not exist")
        try:
            raw = p.read_bytes()
        except OSError as exc:
            _fail(f"cannot read {what} file '{path}': {exc.strerror}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        _fail(f"{what} file '{path}' is not UTF-8 text")
    return ""


class _ProgressDisplay:
    """Progress on stderr from the same events the HTTP stream sends.

    On a terminal, one status line is rewritten in place while the model writes; elsewhere (a log, a pipe) only
    each stage's first line is printed, so a captured log reads as a list of steps.
    """

    def __init__(self, stream, quiet: bool = False):
        self.stream = stream
        self.quiet = quiet
        self.live = hasattr(stream, "isatty") and stream.isatty()
        self.status_shown = False
        self.stages: set[str] = set()

    def line(self, text: str) -> None:
        if self.status_shown:
            self.stream.write("\r\x1b[K")
            self.status_shown = False
        self.stream.write(text + "\n")
        self.stream.flush()

    def status(self, text: str, stage: str) -> None:
        """A passing state: rewritten in place on a terminal, printed once per stage elsewhere."""
        if self.live:
            self.stream.write("\r\x1b[K" + text[:200])
            self.stream.flush()
            self.status_shown = True
        elif stage not in self.stages:
            self.stages.add(stage)
            self.line(text)

    def __call__(self, event: str, data: dict) -> None:
        if self.quiet:
            return
        status = data.get("status")
        if event == "route" and status == "started":
            self.status("choosing the form of the answer...", "route")
        elif event == "route" and status == "done":
            self.line(f"form: {data['modality']} ({data['rationale']})")
        elif event == "plan" and status == "condensing":
            self.status(f"condensing the document: {data['done']} of {data['total']} parts", "condensing")
        elif event == "plan" and status == "writing":
            stage = data.get("stage", "plan")
            if stage == "slides":
                text = f"writing slides: {data['done']} of {data['total']}"
            else:
                text = f"writing the {stage}" + (f": {data['chars']:,} characters" if data.get("chars") else "...")
            if data.get("latest"):
                text += f" · {data['latest']}"
            self.status(text, f"writing-{stage}")
        elif event == "plan" and status == "repairing":
            problem = (data.get("problems") or ["problems"])[0]
            self.line(f"the model's answer is not usable yet ({problem}); asking it to fix it")
        elif event == "plan" and status == "fallback":
            self.line(f"the model could not plan this ({data['cause']}); the offline planner takes over")
        elif event == "plan" and status == "done":
            by = data["planner"] + (f" with {data['model']}" if data.get("model") else "")
            self.line(f"planned {data['modality']} '{data['title']}' ({by}: {data['rationale']})")
        elif event == "render" and status == "started":
            self.status(f"rendering the {data['modality']}...", "render")
        elif event == "file":
            self.line(f"  wrote {data['name']}")


def _quiet_logs(debug: bool) -> None:
    """What the CLI's user reads is its progress lines and warnings; the log (with tracebacks of what degraded to a
    warning) is shown only with --debug."""
    import logging

    if debug:
        logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(name)s %(levelname)s %(message)s")
    else:
        logging.getLogger("atelier").addHandler(logging.NullHandler())


def cmd_render(args: argparse.Namespace) -> int:
    from .browser import WarmBrowser
    from .errors import UserError
    from .pipeline import RenderRequest
    from .service import RenderService
    from .settings import get_settings

    content = _read_text(args.input, "input") if args.input else None
    data = _read_text(args.data, "data") if args.data else None
    plan = None
    if args.plan:
        text = _read_text(args.plan, "plan")
        try:
            plan = json.loads(text)
        except json.JSONDecodeError as exc:
            _fail(f"plan file '{args.plan}' is not valid JSON (line {exc.lineno}: {exc.msg})")
        if not isinstance(plan, dict):
            _fail(f"plan file '{args.plan}' must hold a JSON object")
    req = RenderRequest(prompt=args.prompt, content=content, data=data, modality=args.modality,
                        planner=args.planner, theme=args.theme, plan=plan, pdf=not args.no_pdf)
    out = Path(args.output)
    if out.exists() and not out.is_dir():
        _fail(f"output '{out}' exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    display = _ProgressDisplay(sys.stderr, args.quiet)
    _quiet_logs(args.debug)
    settings = get_settings()
    service = RenderService.local(settings, out, browser=WarmBrowser(settings.chromium))
    try:
        manifest = service.render(req, progress=display)
    except UserError as exc:
        _fail(exc.message, EXIT_USAGE)
    except KeyboardInterrupt:
        if display.status_shown:
            display.line("")
        _fail("cancelled", 130)
    except Exception as exc:  # noqa: BLE001 - one line for the user; the trace only when asked for
        if args.debug:
            raise
        _fail(f"the render failed: {exc} (run again with --debug for details)", 1)
    finally:
        service.close()
    primary = manifest.primary()
    print(f"{manifest.modality}: {out / primary.name}")
    previews = [f for f in manifest.files if f.role == "preview"]
    for f in manifest.files:
        if f is not primary and f.role != "preview":
            print(f"  also: {out / f.name}")
    if len(previews) > 1:
        print(f"  previews: {len(previews)} files, {out / previews[0].name} … {previews[-1].name}")
    elif previews:
        print(f"  preview: {out / previews[0].name}")
    print(f"  plan: {out / 'plan.json'}  manifest: {out / 'manifest.json'}")
    for w in manifest.warnings:
        print(f"  warning [{w.code}] {w.where}: {w.detail}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .app import create_app

    print(f"Atelier is serving on http://{args.host}:{args.port}  (API docs: /docs)", flush=True)
    uvicorn.run(create_app(), host=args.host, port=args.port, log_level="info" if args.verbose else "warning")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from modalities import registry

    if args.list:
        for spec in registry.specs().values():
            print(f"{spec.name:<12} {spec.label().name}: {', '.join(spec.formats)}")
        return 0
    try:
        schema = registry.plan_schema(args.modality)
    except registry.UnknownModality as exc:
        _fail(str(exc))
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return 0


def cmd_mcp(args: argparse.Namespace) -> int:
    from .mcp.stdio import run_stdio

    return run_stdio()


def cmd_worker(args: argparse.Namespace) -> int:
    """Joins this machine to the Ray cluster as a worker node (`ray start --block`), with this environment, so
    renders, previews and pictures can run here; needs the 'distributed' extra."""
    import os
    import shutil

    from .settings import get_settings

    address = args.address or get_settings().ray_address or os.environ.get("RAY_ADDRESS")
    if not address:
        _fail("no cluster to join: give --address HEAD:6379 or set ATELIER_RAY_ADDRESS")
    ray = shutil.which("ray") or str(Path(sys.executable).with_name("ray"))
    if not Path(ray).exists():
        _fail("the 'ray' command is missing: pip install 'atelier[distributed]'")
    command = [ray, "start", "--block", f"--address={address}"]  # the head's GCS address, HOST:6379
    if args.num_cpus is not None:
        command.append(f"--num-cpus={args.num_cpus}")
    if args.num_gpus is not None:
        command.append(f"--num-gpus={args.num_gpus}")
    os.execv(ray, command)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="atelier",
                     description="Render answers as decks, infographics, whiteboards, widgets and images.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    r = sub.add_parser("render", help="render a request into files")
    r.add_argument("prompt", nargs="?", default=None, help="what you want, in your words")
    r.add_argument("-i", "--input", metavar="FILE", help="a document to work from (Markdown or text; '-' for stdin)")
    r.add_argument("--data", metavar="FILE", help="a table to work from (CSV or JSON)")
    r.add_argument("-m", "--modality", help="the form of the answer, e.g. slides, infographic, whiteboard, widget or "
                   "image ('atelier schema --list' shows them all; default: chosen for you)")
    r.add_argument("-o", "--output", metavar="DIR", default="atelier-out",
                   help="folder for the files (default: %(default)s)")
    r.add_argument("--plan", metavar="PLAN.json", help="render this plan as is, without a planner")
    r.add_argument("--planner", choices=["auto", "offline", "llm"], default="auto", help="who writes the plan")
    r.add_argument("--theme", help="light, dark or bold")
    r.add_argument("--no-pdf", action="store_true",
                   help="decks: skip deck.pdf (LibreOffice), which takes about a second")
    r.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    r.add_argument("--debug", action="store_true", help="show the log, and the full error when a render fails")
    r.set_defaults(func=cmd_render)

    s = sub.add_parser("serve", help="serve the API and the canvas")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("-v", "--verbose", action="store_true", help="log every request")
    s.set_defaults(func=cmd_serve)

    sc = sub.add_parser("schema", help="print the plan's JSON schema")
    sc.add_argument("modality", nargs="?", help="one modality's schema (default: all)")
    sc.add_argument("--list", action="store_true", help="list the modalities and the formats each writes")
    sc.set_defaults(func=cmd_schema)

    w = sub.add_parser("worker", help="join a Ray cluster as a worker node (needs the 'distributed' extra)")
    w.add_argument("--address", help="the head's address, HOST:6379 (default: ATELIER_RAY_ADDRESS)")
    w.add_argument("--num-cpus", type=int, help="CPUs to offer for renders (default: all)")
    w.add_argument("--num-gpus", type=int, help="GPUs to offer for the image model (default: all)")
    w.set_defaults(func=cmd_worker)

    m = sub.add_parser("mcp", help="serve Atelier to an MCP client over stdio (needs the 'mcp' extra)")
    m.set_defaults(func=cmd_mcp)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # the output was piped into something that stopped reading (e.g. `head`)
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    raise SystemExit(main())

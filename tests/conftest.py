"""Shared test fixtures: fixture files, rendering a plan into a temporary folder, and a real server process."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from modalities.registry import parse_plan, render
from models.images.fallback import FallbackImageBackend
from renderers.base import RenderContext, RenderedFile
from renderers.theme import get_theme
from tests.parts import need

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[1]


# Tests that use these fixtures need a server process, a browser, Node or a diffusion pipeline: the slow tier.
SLOW_FIXTURES = {"server", "client", "browser", "page", "canvas", "canvas_server", "frontend_build", "npm",
                 "chromium", "tiny_sd", "mcp_session", "apps_client", "plain_client", "rendered"}
SLOW_FOLDERS = ("browser", "canvas")


def pytest_collection_modifyitems(items):
    """Marks the slow tier (`pytest -m "not slow"` is the fast loop: every renderer and planner, no browser, no
    LibreOffice, no server process) from the fixtures a test uses, so a new test lands in the right tier."""
    for item in items:
        folder = item.path.parent.name
        if folder in SLOW_FOLDERS or SLOW_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.slow)


def load_plan_dict(name: str) -> dict:
    return json.loads((FIXTURES / "plans" / f"{name}.json").read_text(encoding="utf-8"))


def render_plan(plan: dict, out_dir: Path, theme: str = "light", progress=None, pdf: bool = False,
                finish: bool = True):
    """A plan rendered straight by its renderer (no planner, no service), with the offline pictures; a deck's PDF
    only when asked for (LibreOffice belongs to the slow tier). With `finish`, pending files that need no browser
    (a board's PNG) are made at once and listed with the others, as the CLI does."""
    ctx = RenderContext(out_dir=out_dir, theme=get_theme(theme), images=FallbackImageBackend(),
                        progress=progress or (lambda event, data: None), options={"pdf": pdf})
    result = render(parse_plan(plan), ctx)
    if finish:
        for item in [p for p in result.pending if p.apart]:
            item.make(out_dir, None)
            result.pending.remove(item)
            result.files.append(RenderedFile(item.name, item.media_type, item.role))
    return result


def render_request(request, out_dir: Path, settings, progress=None):
    """Renders a RenderRequest into `out_dir` the way the CLI does (the local render service); its manifest."""
    from server.service import RenderService

    service = RenderService.local(settings, out_dir)
    try:
        return service.render(request, progress=progress or (lambda event, data: None))
    finally:
        service.close()


def run_async(function, *args):
    """Runs an async function to completion on a thread of its own. The browser tests' Playwright (one per session,
    sync API) keeps an event loop marked as running on the main thread, so `asyncio.run` or `anyio.run` there fails
    once any browser test has run."""
    from concurrent.futures import ThreadPoolExecutor

    import anyio

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(anyio.run, function, *args).result()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerProcess:
    """`atelier serve` in a child process on a free loopback port, with its own data folder."""

    def __init__(self, data_dir: Path, env: dict[str, str] | None = None):
        self.data_dir = data_dir
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "ATELIER_DATA_DIR": str(data_dir), **(env or {})}
        self.proc: subprocess.Popen | None = None

    def start(self) -> ServerProcess:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "server.cli", "serve", "--port", str(self.port)],
            cwd=ROOT, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )
        # Readiness, not a guess at start-up time: /healthz answers 200 only once the server can render. An idle
        # machine gets there in about 2 s; CI's worst case (2 cores shared with browsers, LibreOffice and other
        # suites, a cold disk cache for Python's imports and the forkserver's) took over 30 s once (test_crash.py),
        # so the deadline is generous, and a server that exits or answers 503 for good still fails fast below.
        limit_s = float(os.environ.get("ATELIER_TEST_SERVER_START_S", "180"))
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.proc.stdout.read().decode(errors='replace')}")
            try:
                if httpx.get(f"{self.base}/healthz", timeout=5).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server was not ready within {limit_s:.0f} s (ATELIER_TEST_SERVER_START_S)")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def client(self, timeout: float = 60) -> httpx.Client:
        return httpx.Client(base_url=self.base, timeout=timeout)


def children(pid: int, marker: str = "") -> list[int]:
    """The processes whose parent is `pid` (and whose command line holds `marker`), from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            command = (stat.parent / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        if parent == pid and marker.encode() in command:
            found.append(int(stat.parent.name))
    return found


def render_worker_pids(server_pid: int) -> list[int]:
    """A running server's render worker processes: the children of its forkserver."""
    return [pid for forkserver in children(server_pid, "forkserver") for pid in children(forkserver)]


def settled(client: httpx.Client, manifest: dict, limit_s: float = 90) -> dict:
    """The render's manifest once its pending files (a widget's preview, made after the answer) have joined it."""
    deadline = time.monotonic() + limit_s
    while manifest.get("pending"):
        if time.monotonic() > deadline:
            raise AssertionError(f"{manifest['pending']} never arrived")
        time.sleep(0.1)
        manifest = client.get(f"/render/{manifest['id']}").json()
    return manifest


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    proc = ServerProcess(tmp_path_factory.mktemp("server-data")).start()
    yield proc
    proc.stop()


@pytest.fixture()
def client(server):
    with server.client() as c:
        yield c


@pytest.fixture(scope="session")
def browser():
    """One Chromium for every browser test (Playwright's sync API allows one instance per thread), Debian's own,
    driven by Playwright from PyPI: never `playwright install`."""
    from playwright.sync_api import sync_playwright

    from server.browser import CHROMIUM_ARGS, find_chromium

    need("chromium")
    chromium = find_chromium()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()


REQUIRED_ELEMENT_FIELDS = {
    "id", "type", "x", "y", "width", "height", "angle", "strokeColor", "backgroundColor", "fillStyle", "strokeWidth",
    "strokeStyle", "roughness", "opacity", "groupIds", "frameId", "roundness", "seed", "version", "versionNonce",
    "isDeleted", "boundElements", "updated", "link", "locked",
}
REQUIRED_BY_TYPE = {
    "text": {"text", "fontSize", "fontFamily", "textAlign", "verticalAlign", "containerId", "originalText",
             "lineHeight", "autoResize"},
    "arrow": {"points", "startBinding", "endBinding", "startArrowhead", "endArrowhead", "lastCommittedPoint"},
    "line": {"points", "startBinding", "endBinding", "lastCommittedPoint"},
    "frame": {"name"},
}


def excalidraw_problems(scene: dict) -> list[str]:
    """Everything in a scene that Excalidraw would reject or repair: missing fields and dangling bindings."""
    problems = []
    if scene.get("type") != "excalidraw" or scene.get("version") != 2:
        problems.append("not an excalidraw v2 scene")
    elements = scene.get("elements", [])
    by_id = {e["id"]: e for e in elements}
    if len(by_id) != len(elements):
        problems.append("duplicate element ids")
    for e in elements:
        missing = (REQUIRED_ELEMENT_FIELDS | REQUIRED_BY_TYPE.get(e.get("type"), set())) - set(e)
        if missing:
            problems.append(f"{e.get('id')}: missing {sorted(missing)}")
        if e.get("type") == "text" and e.get("containerId"):
            container = by_id.get(e["containerId"])
            if container is None:
                problems.append(f"{e['id']}: container {e['containerId']} does not exist")
            elif {"type": "text", "id": e["id"]} not in (container.get("boundElements") or []):
                problems.append(f"{e['id']}: container does not list its text")
        if e.get("type") == "arrow":
            for end in ("startBinding", "endBinding"):
                binding = e.get(end)
                if binding is None:
                    continue
                target = by_id.get(binding["elementId"])
                if target is None:
                    problems.append(f"{e['id']}: {end} points at missing {binding['elementId']}")
                elif {"type": "arrow", "id": e["id"]} not in (target.get("boundElements") or []):
                    problems.append(f"{e['id']}: {binding['elementId']} does not list the arrow")
        for bound in e.get("boundElements") or []:
            if bound["id"] not in by_id:
                problems.append(f"{e['id']}: bound element {bound['id']} does not exist")
        if e.get("frameId") and e["frameId"] not in by_id:
            problems.append(f"{e['id']}: frame {e['frameId']} does not exist")
        elif e.get("frameId"):
            frame = by_id[e["frameId"]]
            if frame.get("type") != "frame":
                problems.append(f"{e['id']}: frameId names a {frame.get('type')}, not a frame")
            elif elements.index(e) > elements.index(frame):
                problems.append(f"{e['id']}: comes after its frame (Excalidraw keeps frames above their children)")
        if e.get("type") in ("arrow", "line"):
            points = e.get("points") or []
            if len(points) < 2 or points[0] != [0, 0]:
                problems.append(f"{e['id']}: a linear element needs two or more points, the first at [0, 0]")
        if e.get("type") == "text" and e.get("containerId") in by_id:
            if by_id[e["containerId"]].get("type") not in ("rectangle", "ellipse", "diamond", "arrow"):
                problems.append(f"{e['id']}: bound to a {by_id[e['containerId']].get('type')}, which cannot hold text")
    # Fractional indices (Excalidraw 0.17+): valid keys, strictly increasing in array order.
    indices = [e.get("index") for e in elements]
    if any(i is not None for i in indices):
        for e, key in zip(elements, indices):
            if not isinstance(key, str) or not FRACTIONAL_INDEX.match(key) or not _index_length_ok(key):
                problems.append(f"{e['id']}: invalid fractional index {key!r}")
        if any(a >= b for a, b in zip(indices, indices[1:]) if isinstance(a, str) and isinstance(b, str)):
            problems.append("fractional indices do not increase in element order")
    return problems


FRACTIONAL_INDEX = __import__("re").compile(r"^[a-zA-Z][0-9A-Za-z]+$")


def _index_length_ok(key: str) -> bool:
    """The head letter fixes the integer part's length ('a' one digit, 'b' two, …; 'Z' one, 'Y' two, …), and a
    fractional part must not end in '0'."""
    head = key[0]
    size = ord(head) - ord("a") + 2 if head.islower() else ord("Z") - ord(head) + 2
    return len(key) >= size and (len(key) == size or key[-1] != "0")

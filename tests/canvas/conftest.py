"""The canvas app in a real browser: the real frontend build, a real `atelier serve` on 127.0.0.1, Debian's Chromium
driven by Playwright (from PyPI; never `playwright install`).

Every page a test opens is watched: requests to any host but the test server, and console errors, are collected
and each test checks them at its end with `canvas.assert_clean()`.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT, ServerProcess

FRONTEND = ROOT / "frontend"
SHOTS = ROOT / "test-output" / "canvas"


def _build_is_stale() -> bool:
    index = FRONTEND / "dist" / "index.html"
    if not index.is_file():
        return True
    built = index.stat().st_mtime
    sources = [FRONTEND / "index.html", FRONTEND / "package.json", FRONTEND / "vite.config.ts",
               *(FRONTEND / "src").rglob("*")]
    return any(p.is_file() and p.stat().st_mtime > built for p in sources)


@pytest.fixture(scope="session")
def frontend_build() -> Path:
    """The app as users get it: `npm ci` when needed, `npm run build` when the sources are newer than the build."""
    if shutil.which("npm") is None:
        pytest.fail("npm is needed to build the canvas app (Node 20 with npm); scripts/setup.sh installs the rest")
    if not (FRONTEND / "node_modules").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=FRONTEND, check=True)
    if _build_is_stale():
        subprocess.run(["npm", "run", "--silent", "build"], cwd=FRONTEND, check=True, stdout=subprocess.DEVNULL)
    return FRONTEND / "dist"


def modality_config(server: ServerProcess) -> dict[str, dict]:
    """The server's modalities as GET /config describes them (the canvas's labels, cards and progress steps come
    from there), by name in routing order."""
    with server.client() as c:
        listed = c.get("/config").json()["modalities"]
    return {m["name"]: m for m in listed}


@pytest.fixture(scope="session")
def canvas_server(frontend_build, tmp_path_factory):
    proc = ServerProcess(tmp_path_factory.mktemp("canvas-data")).start()
    try:
        modality_config(proc)
        yield proc
    finally:
        proc.stop()


@pytest.fixture(scope="session")
def modalities(canvas_server) -> dict[str, dict]:
    return modality_config(canvas_server)


def noun(modalities: dict[str, dict], name: str) -> str:
    """How the canvas names a modality in a sentence ("a slide deck"): its English noun from /config."""
    return modalities[name]["labels"]["en"]["noun"]


@pytest.fixture(scope="session")
def shots() -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS


class Canvas:
    """One browser tab on one board, with the user's moves as methods and a watch on what the page does."""

    def __init__(self, browser, server: ServerProcess, viewport=(1440, 900), color_scheme="light",
                 token: str | None = None):
        self.server = server
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                                           color_scheme=color_scheme, accept_downloads=True)
        self.page = self.context.new_page()
        self.page.set_default_timeout(90_000)
        self.foreign: list[str] = []
        self.errors: list[str] = []
        host = urlsplit(server.base).netloc
        self.context.on("request", lambda r: self._request(r.url, host))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        headers = {"authorization": f"Bearer {token}"} if token else {}
        with server.client() as c:
            self.board_id = c.post("/boards", json={"name": "Test board"}, headers=headers).json()["id"]

    def _request(self, url: str, host: str) -> None:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != host:
            self.foreign.append(url)

    def open(self, board_id: str | None = None) -> Canvas:
        self.page.goto(f"{self.server.base}/?board={board_id or self.board_id}")
        self.page.wait_for_function("() => !!window.atelierCanvas")
        return self

    # --- what a user does ------------------------------------------------------------------------------

    def ask(self, prompt: str, *, modality: str | None = None, content: str | None = None) -> None:
        page = self.page
        if content is not None:
            page.get_by_role("button", name="Paste a document").click()
            page.get_by_label("Pasted document").fill(content)
        if modality:
            page.get_by_label("Modality").select_option(modality)
        page.get_by_label("Request", exact=True).fill(prompt)
        page.get_by_label("Request", exact=True).press("Enter")

    def wait_for_answers(self, count: int) -> list[dict]:
        """Waits until `count` answers are on the board and no render is running; returns them."""
        self.page.wait_for_function(
            """n => {
                const els = window.atelierCanvas.api.getSceneElements();
                const ids = new Set(els.filter(e => e.customData?.atelier?.kind === 'answer')
                                       .map(e => e.customData.atelier.renderId));
                const running = els.some(e => e.customData?.atelier?.kind === 'job');
                return ids.size >= n && !running;
            }""", arg=count)
        return self.answers()

    def answers(self) -> list[dict]:
        return self.page.evaluate("""() => {
            const seen = new Map();
            for (const e of window.atelierCanvas.api.getSceneElements()) {
                const a = e.customData?.atelier;
                if (a?.kind !== 'answer') continue;
                if (!seen.has(a.renderId)) seen.set(a.renderId, {...a, elements: []});
                seen.get(a.renderId).elements.push({id: e.id, type: e.type, x: e.x, y: e.y, width: e.width,
                    height: e.height, text: e.text ?? null, fileId: e.fileId ?? null, link: e.link ?? null});
            }
            return [...seen.values()];
        }""")

    def to_viewport(self, x: float, y: float) -> tuple[float, float]:
        """Scene coordinates to the page's, as Excalidraw maps them."""
        return tuple(self.page.evaluate("""([x, y]) => {
            const s = window.atelierCanvas.api.getAppState();
            return [(x + s.scrollX) * s.zoom.value + s.offsetLeft, (y + s.scrollY) * s.zoom.value + s.offsetTop];
        }""", [x, y]))

    def show(self, render_id: str, zoom: float | None = None) -> None:
        """Scrolls the board so this answer is in the middle of the view (as the user would pan to it), fitted to
        the view or at the given zoom."""
        self.page.evaluate("""([id, zoom]) => {
            const api = window.atelierCanvas.api;
            const els = api.getSceneElements().filter(e => e.customData?.atelier?.renderId === id);
            if (zoom) {
                api.updateScene({appState: {zoom: {value: zoom}}});
                api.scrollToContent(els, {animate: false});
            } else {
                api.scrollToContent(els, {fitToViewport: true, viewportZoomFactor: 0.7, animate: false});
            }
        }""", [render_id, zoom])
        self.page.wait_for_timeout(300)  # let the frame paint before a screenshot; nothing is asserted on time

    def select(self, render_id: str) -> None:
        """Clicks the answer's edge, as a user selects an element (a card's middle is for using what is inside)."""
        el = next(a for a in self.answers() if a["renderId"] == render_id)["elements"][0]
        x, y = self.to_viewport(el["x"] + 8, el["y"] + 8)
        self.page.mouse.click(x, y)
        self.page.get_by_test_id("answer-panel").wait_for()

    def wait_saved(self) -> None:
        self.page.wait_for_function(
            "() => document.querySelector('[data-testid=save-status]')?.dataset.state === 'saved'")

    def assert_clean(self) -> None:
        assert self.foreign == [], f"the page reached other hosts: {self.foreign[:5]}"
        assert self.errors == [], f"console errors: {self.errors[:5]}"

    def close(self) -> None:
        self.context.close()


@pytest.fixture()
def canvas(browser, canvas_server):
    c = Canvas(browser, canvas_server)
    yield c
    c.close()

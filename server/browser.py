"""One warm headless Chromium per process, shared by every render that needs a picture of a page.

Launching Chromium costs far more than drawing one page in it, so the browser is started on the first capture and
kept. Captures come from several threads (the server's `later` worker, the CLI), and Playwright's sync API belongs
to the thread that started it; so the browser lives on one thread of its own, running an asyncio loop with
Playwright's async API, and `capture()` (callable from any thread) hands each job to that loop and waits for its
answer. Pages are drawn concurrently, a few at a time. Each page has a browser context of its own and is kept for
later captures with the same settings (its scripts stopped between captures, so nothing it ran keeps running); a
page that fails is closed, not reused. The browser runs at a lower CPU priority than the server's renders.

Every page is served to the browser from memory at an address that cannot resolve, with a Content-Security-Policy
header, and every other request it makes is refused: a capture never reaches the network.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import shutil
import threading
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

from renderers.base import CaptureError, PageShot

log = logging.getLogger("atelier.browser")

# Flags that make Chromium quiet and self-contained here: no sandbox as root, no GPU, no calls home.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
PREVIEW_NICENESS = 5
PAGE_ORIGIN = "https://preview.atelier.invalid"  # .invalid never resolves; pages come from memory
PAGE_CSP = (
    "sandbox allow-scripts; default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:; media-src data:; connect-src 'none'"
)


def find_chromium() -> str | None:
    """The first Chromium or Chrome on PATH: the headless shell when it is there (Debian's package
    chromium-headless-shell), which draws a widget preview for about 40 % of the CPU that the full browser's
    headless mode takes (bench/preview_browsers.py), else the full browser (Debian's chromium, /usr/bin/chromium)."""
    for name in ("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


class WarmBrowser:
    """A lazily started, reused headless Chromium; `capture()` is safe to call from any thread."""

    def __init__(self, executable: str | None, *, max_pages: int = 3, timeout_s: float = 30.0):
        self.executable = executable
        self.max_pages = max_pages
        self.timeout_s = timeout_s
        self.launches = 0  # how many times Chromium was started (1 while it stays healthy)
        self.captures = 0
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._playwright = None
        self._browser = None
        self._start_lock: asyncio.Lock | None = None
        self._pages: asyncio.Semaphore | None = None
        self._idle: dict[tuple[bool, float], list] = {}  # pages kept for the next capture, by (scripts, scale)
        self._sessions: dict = {}  # each kept page's DevTools session, which stops and restarts its scripts
        self._bodies: dict[str, bytes] = {}  # the page each capture in flight is drawing, by its address
        self._serial = itertools.count(1)

    # ---- the public, thread-safe side ------------------------------------------------------------------

    def capture(self, html: Path, png: Path, *, width: int, max_height: int, scripts: bool = True,
                ready: str | None = None, scale: float = 2.0) -> PageShot:
        """Draws `html` at `width` CSS pixels into `png` (at most `max_height` tall); raises CaptureError."""
        if not self.executable:
            raise CaptureError("no Chromium was found (install the 'chromium' package or set ATELIER_CHROMIUM)")
        if not Path(self.executable).is_file():
            raise CaptureError(f"Chromium was not found at {self.executable}")
        loop = self._ensure_thread()
        job = self._capture(Path(html).read_bytes(), Path(png), width, max_height, scripts, ready, scale)
        future = asyncio.run_coroutine_threadsafe(job, loop)
        try:
            return future.result(timeout=self.timeout_s + 10)
        except FutureTimeout:
            future.cancel()
            raise CaptureError(f"the page did not finish drawing within {self.timeout_s:.0f} s") from None

    def close(self) -> None:
        """Stops Chromium and the browser thread; later captures start them again."""
        with self._lock:
            loop, thread = self._loop, self._thread
            self._loop = self._thread = None
        if loop is None:
            return
        try:
            asyncio.run_coroutine_threadsafe(self._shutdown(), loop).result(timeout=15)
        except Exception:  # noqa: BLE001 - closing must not fail the caller
            log.warning("the preview browser did not close cleanly", exc_info=True)
        loop.call_soon_threadsafe(loop.stop)
        if thread is not None:
            thread.join(timeout=15)

    # ---- the browser thread ----------------------------------------------------------------------------

    def _ensure_thread(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                loop = asyncio.new_event_loop()
                ready = threading.Event()

                def run() -> None:
                    # Niceness is a thread's own on Linux, and what this thread starts (Playwright's driver, then
                    # Chromium) inherits it: pictures of pages yield the cores to renders, whose answers someone
                    # is waiting for, and are drawn with what is left (bench/load.py).
                    os.nice(PREVIEW_NICENESS)
                    asyncio.set_event_loop(loop)
                    self._start_lock = asyncio.Lock()
                    self._pages = asyncio.Semaphore(self.max_pages)
                    ready.set()
                    loop.run_forever()
                    loop.close()

                self._thread = threading.Thread(target=run, name="atelier-browser", daemon=True)
                self._thread.start()
                ready.wait()
                self._loop = loop
            return self._loop

    async def _ensure_browser(self):
        async with self._start_lock:
            if self._browser is not None and self._browser.is_connected():
                return self._browser
            try:
                from playwright.async_api import async_playwright
            except ImportError:
                raise CaptureError("the 'playwright' Python package is not installed") from None
            if self._playwright is None:
                self._playwright = await async_playwright().start()
            try:
                self._browser = await self._playwright.chromium.launch(
                    executable_path=self.executable, args=CHROMIUM_ARGS, timeout=self.timeout_s * 1000)
            except Exception as exc:  # noqa: BLE001 - Playwright reports launch failures as plain Errors
                self._browser = None
                first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                raise CaptureError(f"Chromium at {self.executable} did not start: {first_line}") from None
            self.launches += 1
            self._idle.clear()  # pages of a browser that went away
            self._sessions.clear()
            return self._browser

    async def _capture(self, body: bytes, png: Path, width: int, max_height: int, scripts: bool,
                       ready: str | None, scale: float) -> PageShot:
        browser = await self._ensure_browser()
        assert self._pages is not None, "made on the browser thread before its loop runs anything"
        async with self._pages:
            page = await self._take_page(browser, scripts, scale)
            url = f"{PAGE_ORIGIN}/{next(self._serial)}.html"
            self._bodies[url] = body
            healthy = False
            try:
                shot = await self._draw(page, url, png, width, max_height, ready)
                healthy = True
                return shot
            except Exception as exc:  # noqa: BLE001 - a page that fails to draw is a warning, not a crash
                message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                raise CaptureError(f"the page could not be drawn: {message}") from None
            finally:
                self._bodies.pop(url, None)
                await self._give_back(page, (scripts, scale), healthy)

    async def _take_page(self, browser, scripts: bool, scale: float):
        """An idle page drawn with these settings, or a new one in a context of its own."""
        idle = self._idle.setdefault((scripts, scale), [])
        while idle:
            page = idle.pop()
            if page.is_closed():
                continue
            try:
                await self._run_scripts(page, True)
                return page
            except Exception:  # noqa: BLE001 - a page that cannot be woken is closed; the next one is tried
                await self._close(page)
        context = await browser.new_context(viewport={"width": 800, "height": 400}, device_scale_factor=scale,
                                            java_script_enabled=scripts, service_workers="block")
        await context.route("**/*", self._serve)
        return await context.new_page()

    async def _give_back(self, page, key: tuple, healthy: bool) -> None:
        """Keeps a page that drew well for the next capture, with script execution stopped: its timers and
        handlers stay silent until then, so nothing it ran keeps running. (Stopping scripts costs a fraction of
        navigating the page to about:blank, which takes Chromium a new renderer: bench/preview_browsers.py.)"""
        if healthy:
            try:
                await self._run_scripts(page, False)
                self._idle.setdefault(key, []).append(page)
                return
            except Exception:  # noqa: BLE001 - a page that cannot be stopped is closed instead
                log.warning("a preview page could not be kept for reuse; it is closed", exc_info=True)
        await self._close(page)

    async def _run_scripts(self, page, on: bool) -> None:
        session = self._sessions.get(page)
        if session is None:
            session = self._sessions[page] = await page.context.new_cdp_session(page)
        await session.send("Emulation.setScriptExecutionDisabled", {"value": not on})

    async def _close(self, page) -> None:
        self._sessions.pop(page, None)
        try:
            await page.context.close()
        except Exception:  # noqa: BLE001 - the browser may have gone; it is restarted next time
            log.info("a preview page could not be closed (the browser may have gone)", exc_info=True)

    async def _serve(self, route) -> None:
        """Each capture's page from memory, with the policy header; every other request is refused."""
        body = self._bodies.get(route.request.url)
        if body is not None and route.request.is_navigation_request():
            await route.fulfill(status=200, body=body, headers={
                "content-type": "text/html; charset=utf-8", "content-security-policy": PAGE_CSP})
        else:
            await route.abort("blockedbyclient")

    async def _draw(self, page, url: str, png: Path, width: int, max_height: int, ready: str | None) -> PageShot:
        timeout = self.timeout_s * 1000
        await page.set_viewport_size({"width": width, "height": 400})
        await page.goto(url, wait_until="load", timeout=timeout)
        if ready:
            await page.wait_for_selector(ready, state="attached", timeout=timeout)
        await self._fit_frames(page)
        # The root element's own box is the content's height (scrollHeight would never be less than the window).
        # Playwright's evaluation runs even when the page's scripts are disabled.
        height = await page.evaluate(
            "async () => { if (document.fonts) { await document.fonts.ready; }"
            " return Math.ceil(document.documentElement.getBoundingClientRect().height); }"
        )
        shown = max(1, min(int(height), max_height))
        await page.set_viewport_size({"width": width, "height": shown})
        await page.screenshot(path=str(png), full_page=False, animations="disabled", caret="hide", timeout=timeout)
        self.captures += 1
        return PageShot(width=width, height=int(height), truncated=height > max_height)

    @staticmethod
    async def _fit_frames(page) -> None:
        """Gives each frame of the page the height of its content, as the page's own script would (a custom widget
        is a sandboxed frame inside a page of ours, and its preview is drawn with scripts off). Playwright's
        evaluation runs in any frame, scripts on or off."""
        for frame in page.main_frame.child_frames:
            try:
                height = await frame.evaluate(
                    "() => Math.ceil(document.documentElement.getBoundingClientRect().height)")
                element = await frame.frame_element()
                await element.evaluate("(el, h) => { el.style.height = h + 'px'; }", max(40, min(int(height), 20000)))
            except Exception:  # noqa: BLE001 - a frame that cannot be measured keeps the height it has
                log.debug("a frame could not be fitted to its content", exc_info=True)

    async def _shutdown(self) -> None:
        self._idle.clear()
        self._sessions.clear()
        if self._browser is not None:
            try:
                await self._browser.close()
            except Exception:  # noqa: BLE001 - stopping anyway
                log.info("the preview browser did not close cleanly", exc_info=True)
            self._browser = None
        if self._playwright is not None:
            await self._playwright.stop()
            self._playwright = None


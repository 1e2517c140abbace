"""Pending files: the parts of a render made after it is stored and answered (a widget's preview picture).

`make_pending` makes a stored render's pending files and records them in its manifest, or records why they could
not be made. The CLI and the Python API call it right away; the server hands it to a `PendingQueue`, one
background thread with a bounded backlog, so a burst of renders answers at once and their previews follow.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

from renderers.base import PageCapture, PendingFile

from .embedding import embed_info
from .manifest import FileInfo, Manifest
from .pipeline import Progress, no_progress
from .workers import die_with_parent

log = logging.getLogger("atelier.pending")


Maker = Callable[[Path, PageCapture | None], dict]  # makes pending files in a folder: a PendingFile's `make`
Apart = Callable[[Maker, Path, PageCapture | None], dict]  # runs a maker marked `apart`, wherever it is run


def _here(make: Maker, folder: Path, browser: PageCapture | None) -> dict:
    return make(folder, browser)


def make_pending(store, render_id: str, items: list[PendingFile], browser: PageCapture | None,
                 public_url: str = "", progress: Progress = no_progress, apart: Apart = _here) -> Manifest | None:
    """Makes a stored render's pending files and records them; None when the render was deleted meanwhile.
    `apart(make, folder, browser)` runs the makers marked `apart` (by default, here like the others)."""
    folder = store.folder(render_id)
    made: list[FileInfo] = []
    details: dict = {}
    failed: dict[str, str] = {}
    for item in items:
        try:
            details.update(apart(item.make, folder, None) if item.apart else item.make(folder, browser))
        except Exception as exc:  # noqa: BLE001 - a missing preview is a warning on the render, never a failure
            if not folder.exists():
                return None  # deleted meanwhile
            log.warning("render %s: %s could not be made", render_id, item.name, exc_info=True)
            failed[item.name] = str(exc)[:300] or type(exc).__name__
            continue
        made.append(FileInfo(name=item.name, media_type=item.media_type, role=item.role,
                             bytes=(folder / item.name).stat().st_size,
                             url=f"{store.url_prefix(render_id)}{item.name}"))
        progress("file", {"name": item.name})

    def change(manifest: Manifest) -> None:
        manifest.files.extend(made)
        manifest.details.update(details)
        for name, why in failed.items():
            manifest.give_up([name], why)
        manifest.pending = [name for name in manifest.pending if name not in {i.name for i in items}]
        if public_url and manifest.embed is not None:  # a preview measured the page: size the snippets by it
            manifest.embed = embed_info(manifest, folder, public_url)

    return store.revise(render_id, change)


class PendingQueue:
    """One background thread for pending files, with a bounded backlog: when it is full, new work is refused (the
    render gets a warning instead) rather than queued behind minutes of pictures. Makers marked `apart` (CPU work
    that holds the interpreter, such as rasterising a board) run in a helper process, started on first use, so the
    server's event loop never waits behind them."""

    def __init__(self, backlog: int):
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="atelier-pending")
        self._slots = threading.BoundedSemaphore(backlog)
        self._helper: ProcessPoolExecutor | None = None
        self._helper_lock = threading.Lock()

    def apart(self, make: Maker, folder: Path, browser: PageCapture | None) -> dict:
        """Runs `make` in the helper process and waits for it (on the pending thread, not the event loop)."""
        with self._helper_lock:
            if self._helper is None:
                # A child of this process (not of the render workers' forkserver, which would outlive a server
                # killed outright while it has children), told to die with it.
                self._helper = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                                   initializer=die_with_parent)
            helper = self._helper
        return helper.submit(make, folder, None).result()

    def offer(self, fn, *args) -> bool:
        if not self._slots.acquire(blocking=False):
            return False

        def run() -> None:
            try:
                fn(*args)
            except Exception:  # noqa: BLE001 - logged; the render keeps its pending names until the next start
                log.exception("pending files could not be made")
            finally:
                self._slots.release()

        try:
            self._pool.submit(run)
        except RuntimeError:  # shut down meanwhile
            self._slots.release()
            return False
        return True

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        if self._helper is not None:
            self._helper.shutdown(wait=True, cancel_futures=True)

"""The render service: the one way every door (HTTP, the CLI, MCP, the Python API, the docs plugin) renders.

    request → admission → job (plan → render, in the executor) → store → pending files → embed snippets

Each door builds a service with the parts it needs: the server a SQLite store, worker processes, a background
queue for pending files and its public address for embed snippets; the CLI an output folder, this thread, and
pending files made right away. No door re-implements a step.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from renderers.base import PageCapture

from .embedding import embed_info
from .executors import Executor, InlineExecutor
from .gate import RenderGate
from .manifest import Manifest
from .pending import Apart, PendingQueue, make_pending
from .pipeline import Job, Progress, RenderRequest, no_progress
from .settings import Settings
from .store import OutputFolder

log = logging.getLogger("atelier.service")


@dataclass
class Ticket:
    """A render admitted by the service: its result (a future), how to stop it, and whether it has begun."""

    future: Future
    cancel: threading.Event = field(default_factory=threading.Event)
    started: threading.Event = field(default_factory=threading.Event)


class RenderService:
    def __init__(self, settings: Settings, store, executor: Executor, *, pending: PendingQueue | None = None,
                 browser: PageCapture | None = None, gate: RenderGate | None = None, owns_browser: bool = True):
        self.settings = settings
        self.store = store
        self.executor = executor
        self.pending = pending  # None: pending files are made right away, in the caller's thread
        self.browser = browser
        self.owns_browser = owns_browser  # False: the browser is lent (one per process) and outlives this service
        self.gate = gate
        capacity = gate.capacity if gate is not None else 4
        # Renders whose pending files are being made in the background, each with the event that says they are done
        # (made, or given up): what `?format=pdf` waits on.
        self._settling: dict[str, threading.Event] = {}
        self._settling_lock = threading.Lock()
        self._threads = ThreadPoolExecutor(max_workers=capacity, thread_name_prefix="atelier-render")

    @classmethod
    def local(cls, settings: Settings, folder, browser: PageCapture | None = None,
              owns_browser: bool = True) -> RenderService:
        """A service that renders into one folder, in this process: what the CLI and the Python API use."""
        return cls(settings, OutputFolder(folder), InlineExecutor(settings), browser=browser,
                   owns_browser=owns_browser)

    @property
    def ready(self) -> bool:
        """Whether renders can run now or soon (an executor that says it cannot is not ready)."""
        return bool(getattr(self.executor, "ready", True))

    def render(self, request: RenderRequest, *, public_url: str = "", progress: Progress = no_progress,
               cancel: threading.Event | None = None, started: threading.Event | None = None) -> Manifest:
        """Runs one render to its stored manifest, blocking; raises UserError, Cancelled, RenderFailed, ..."""
        render_id, workdir = self.store.workdir()
        return self._run(render_id, workdir, request, public_url, progress, cancel, started)

    def _run(self, render_id: str, workdir: Path, request: RenderRequest, public_url: str, progress: Progress,
             cancel: threading.Event | None, started: threading.Event | None) -> Manifest:
        """Runs the job in `workdir` and keeps what it made: the manifest (with embed snippets when served)
        committed under `render_id`, or the folder discarded if anything fails; then its pending files made now,
        queued, or given up when the queue is full. A cluster replica runs a dead replica's jobs through here too,
        so a commit may find the render already stored by another run: that one is the render."""
        cancel = cancel or threading.Event()
        job = Job(request, render_id, workdir, self.store.url_prefix(render_id))
        try:
            outcome = self.executor.run(job, progress, cancel, lambda: self._started(render_id, started))
            manifest = outcome.manifest
            if public_url:  # served renders can be embedded; the snippets need the server's address
                manifest.embed = embed_info(manifest, workdir, public_url)
            kept = self.store.commit(render_id, workdir, manifest)
        except BaseException as exc:
            self.store.discard(workdir)
            self._failed(render_id, exc)
            raise
        if not kept:
            self.store.discard(workdir)
            return self.store.get(render_id) or manifest
        if not outcome.pending:
            return manifest
        if self.pending is None:
            return make_pending(self.store, render_id, outcome.pending, self.browser, public_url,
                                progress) or manifest
        done = threading.Event()
        with self._settling_lock:
            self._settling[render_id] = done
        if self.pending.offer(self._make_pending, render_id, outcome.pending, public_url, done, self.pending.apart):
            return manifest
        self._settled(render_id, done)
        # Pending files are the first thing to give up under load: the render stands without its preview.
        names = [item.name for item in outcome.pending]
        return self.store.revise(render_id, lambda m: m.give_up(
            names, "the server was too busy to draw it; render again later for one")) or manifest

    def _started(self, render_id: str, started: threading.Event | None) -> None:
        """A worker took the render's job (the time limit counts from here)."""
        if started is not None:
            started.set()

    def _failed(self, render_id: str, exc: BaseException) -> None:
        """The render failed with `exc` (its work folder is gone); a cluster records the answer on the job."""

    def _make_pending(self, render_id: str, items: list, public_url: str, done: threading.Event,
                      apart: Apart) -> None:
        try:
            make_pending(self.store, render_id, items, self.browser, public_url, apart=apart)
        finally:
            self._settled(render_id, done)

    def _settled(self, render_id: str, done: threading.Event) -> None:
        with self._settling_lock:
            if self._settling.get(render_id) is done:
                del self._settling[render_id]
        done.set()

    def settling(self, render_id: str) -> threading.Event | None:
        """The event set once a render's pending files are made (or given up); None when none are being made."""
        with self._settling_lock:
            return self._settling.get(render_id)

    def submit(self, request: RenderRequest, *, public_url: str = "", progress: Progress = no_progress) -> Ticket:
        """Admits a render (or raises gate.Busy) and runs it on the service's threads; the ticket's future holds
        the manifest or the exception."""
        if self.gate is not None:
            self.gate.enter()
        admitted = time.monotonic()
        ticket = Ticket(Future())

        def run() -> Manifest:
            try:
                return self.render(request, public_url=public_url, progress=progress, cancel=ticket.cancel,
                                   started=ticket.started)
            finally:  # before the future completes, so whoever sees the result also sees the place free
                if self.gate is not None:
                    self.gate.leave(time.monotonic() - admitted)

        try:
            ticket.future = self._threads.submit(run)
        except BaseException:
            if self.gate is not None:
                self.gate.leave()
            raise
        return ticket

    def close(self) -> None:
        """Stops taking renders, ends the executor, finishes (or drops) pending files, closes the browser."""
        self._threads.shutdown(wait=False, cancel_futures=True)
        self.executor.close()
        if self.pending is not None:
            self.pending.close()
        if self.browser is not None and self.owns_browser:
            close = getattr(self.browser, "close", None)
            if close is not None:
                close()

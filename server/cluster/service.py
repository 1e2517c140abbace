"""The render service of a cluster replica: the single-machine service (server/service.py) with a job row for every
render, heartbeats for the renders this replica runs, and the reconciler that runs the renders of dead replicas.

A render's life: a row `queued` (its id is told to the client at once, in a `job` progress event, so the render can
be fetched from any replica later) → `running` when a worker takes it → stored and `done` in one transaction, or
`failed` with the answer the client got. If this replica dies meanwhile, its heartbeats stop; once they are older
than ATELIER_JOB_TIMEOUT_S, the replica holding the reconciler's advisory lock claims the job and runs it again
under the same id. Committing is idempotent (server/cluster/renders.py), so a job that runs twice is stored once.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

from ..errors import failure_answer
from ..manifest import Manifest
from ..pipeline import Progress, RenderRequest, no_progress
from ..service import RenderService
from .jobs import JobTable
from .postgres import RECONCILER_LOCK, Postgres

log = logging.getLogger("atelier.cluster")


def replica_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{os.urandom(3).hex()}"


class ClusterRenderService(RenderService):
    def __init__(self, settings, store, executor, *, postgres: Postgres, pending=None, browser=None, gate=None):
        super().__init__(settings, store, executor, pending=pending, browser=browser, gate=gate)
        self.postgres = postgres
        self.jobs = JobTable(postgres)
        self.replica = replica_name()
        self._mine: set[str] = set()
        self._mine_lock = threading.Lock()
        self._stop = threading.Event()
        self._lock_connection: Any = None  # holds the reconciler's advisory lock while this replica has it
        self._resumed = ThreadPoolExecutor(max_workers=max(2, self.settings.render_workers),
                                           thread_name_prefix="atelier-resumed")
        self._loop = threading.Thread(target=self._keep_alive, name="atelier-jobs", daemon=True)
        self._loop.start()

    @property
    def reconciling(self) -> bool:
        """Whether this replica holds the reconciler's lock."""
        return self._lock_connection is not None

    # -- rendering ---------------------------------------------------------------------------------------------

    def render(self, request: RenderRequest, *, public_url: str = "", progress: Progress = no_progress,
               cancel: threading.Event | None = None, started: threading.Event | None = None) -> Manifest:
        render_id, workdir = self.store.workdir()
        with self._holding(render_id):
            self.jobs.add(render_id, request.model_dump(mode="json"), public_url, self.replica)
            progress("job", {"id": render_id, "status": "queued"})
            return self._run(render_id, workdir, request, public_url, progress, cancel, started)

    def _started(self, render_id: str, started: threading.Event | None) -> None:
        self.jobs.running(render_id)
        super()._started(render_id, started)

    def _failed(self, render_id: str, exc: BaseException) -> None:
        # Cancelled, UserError, RenderFailed, ...: the answer the client got. A replica that is stopping leaves its
        # jobs for another to finish.
        if isinstance(exc, Exception) and not self._stop.is_set():
            self.jobs.fail(render_id, *failure_answer(exc))

    @contextmanager
    def _holding(self, render_id: str):
        """Counts the render among this replica's own while the block runs: its heartbeat is renewed."""
        with self._mine_lock:
            self._mine.add(render_id)
        try:
            yield
        finally:
            with self._mine_lock:
                self._mine.discard(render_id)

    def resume(self, render_id: str, request: dict, public_url: str) -> None:
        """Runs a job claimed from a dead replica, under its own id (the reconciler calls this)."""
        with self._holding(render_id):
            try:
                self._run(render_id, self.store.workdir_for(render_id), RenderRequest.model_validate(request),
                          public_url, no_progress, None, None)
                log.info("render %s, taken over from a replica that stopped, is stored", render_id)
            except Exception:  # noqa: BLE001 - recorded as the job's failure by _run
                log.exception("render %s, taken over from a replica that stopped, failed", render_id)

    # -- heartbeats and the reconciler -------------------------------------------------------------------------

    def _keep_alive(self) -> None:
        period = self.settings.job_heartbeat_s
        while not self._stop.wait(period):
            try:
                with self._mine_lock:
                    mine = list(self._mine)
                self.jobs.beat(self.replica, mine)
                if self._hold_reconciler_lock():
                    self._reconcile()
            except Exception:  # noqa: BLE001 - the database may be away for a moment; try again next beat
                log.exception("job heartbeat or reconciliation failed")

    def _hold_reconciler_lock(self) -> bool:
        con = self._lock_connection
        if con is not None:
            try:
                con.execute("SELECT 1")
                return True
            except Exception:  # noqa: BLE001 - the session (and with it the lock) is gone
                self._lock_connection = None
                return False
        con = self.postgres.dedicated()
        row = con.execute("SELECT pg_try_advisory_lock(%s)", (RECONCILER_LOCK,)).fetchone()
        if row is not None and row[0]:
            self._lock_connection = con
            log.info("this replica (%s) is the reconciler", self.replica)
            return True
        con.close()
        return False

    def _reconcile(self) -> None:
        timeout = self.settings.job_timeout_s
        for render_id in self.jobs.expired(timeout):
            claimed = self.jobs.claim(render_id, self.replica, timeout)
            if claimed is None:
                continue
            request, public_url = claimed
            log.warning("render %s lost its replica; running it again here", render_id)
            with self._mine_lock:
                self._mine.add(render_id)  # heartbeats from now on, before a thread takes it
            self._resumed.submit(self.resume, render_id, request, public_url)

    def close(self) -> None:
        self._stop.set()
        self._loop.join(timeout=5)
        self._resumed.shutdown(wait=False, cancel_futures=True)
        super().close()
        if self._lock_connection is not None:
            self._lock_connection.close()

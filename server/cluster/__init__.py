"""Atelier beyond one machine: renders on Ray, the image model on Ray Serve, metadata in Postgres, files in S3.

Each part is chosen by one setting (docs/deploy.md) and imported only when chosen, so a single-machine server never
imports ray, psycopg or boto3:

    ATELIER_EXECUTOR=ray                 renders are Ray tasks (executor.py); widget previews by a browser actor
                                         per node (browser.py); the image model a Serve deployment (images.py)
    ATELIER_DATABASE_URL=postgresql://   renders' index, boards, the job table with heartbeats and the reconciler
                                         (renders.py, boards.py, jobs.py, service.py), progress events (events.py)
    ATELIER_FILES_URL=s3://bucket/prefix render files in an S3-compatible store (files.py); needs the database

`open_cluster(settings)` builds the parts an API replica needs; `server/cluster/app.py` puts them on the app.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Any

from ..errors import UserError
from ..settings import Settings

log = logging.getLogger("atelier.cluster")


class ClusterConfigError(UserError):
    pass


@dataclass
class Cluster:
    store: Any
    boards: Any
    service: Any
    closers: list = field(default_factory=list)

    def close(self) -> None:
        self.service.close()
        for close in reversed(self.closers):
            try:
                close()
            except Exception:  # noqa: BLE001 - closing the rest matters more
                log.exception("a cluster part did not close cleanly")


def open_cluster(settings: Settings) -> Cluster:
    from ..gate import RenderGate
    from ..pending import PendingQueue

    closers: list = []
    postgres = listener = None
    if settings.files_url and settings.database_url is None:
        raise ClusterConfigError("ATELIER_FILES_URL needs ATELIER_DATABASE_URL too: the bucket holds the files, "
                                 "Postgres the index of what is in it")
    if settings.database_url is not None:
        from .boards import PgBoards
        from .events import ProgressListener
        from .files import S3Files, SharedFolder
        from .postgres import Postgres
        from .renders import ClusterStore

        url = settings.database_url.get_secret_value()
        postgres = Postgres(url)
        closers.append(postgres.close)
        files = S3Files(settings.files_url) if settings.files_url else SharedFolder(settings.data_dir / "files")
        store: Any = ClusterStore(postgres, files, settings.data_dir / "cache", settings.files_presign_s)
        boards: Any = PgBoards(postgres)
        listener = ProgressListener(url)
        closers.append(listener.close)
    else:
        from ..boards import Boards
        from ..store import Store

        store = Store(settings.data_dir)
        boards = Boards(store.db_path)

    browser: Any
    if settings.executor == "ray":
        from .browser import RemoteBrowser
        from .executor import RayExecutor

        executor: Any = RayExecutor(settings, listener)
        browser = RemoteBrowser(settings.chromium)
        if settings.image_model and settings.image_service != "process":
            from .images import ensure_deployed

            ensure_deployed(settings)
    else:
        from ..browser import WarmBrowser
        from ..workers import WorkerPool

        executor = WorkerPool(settings, settings.render_workers)
        threading.Thread(target=executor.start, name="atelier-workers-start", daemon=True).start()
        browser = WarmBrowser(settings.chromium)

    gate = RenderGate(settings.render_workers, settings.render_queue)
    pending = PendingQueue(backlog=32)
    if postgres is not None:
        from .service import ClusterRenderService

        service: Any = ClusterRenderService(settings, store, executor, postgres=postgres, pending=pending,
                                            browser=browser, gate=gate)
    else:
        from ..service import RenderService

        service = RenderService(settings, store, executor, pending=pending, browser=browser, gate=gate)
    return Cluster(store, boards, service, closers)

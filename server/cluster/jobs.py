"""The job table: every render admitted on a cluster has a row, so a render outlives the replica that took it.

    queued → running → done | failed

The replica running a job renews its heartbeat every `ATELIER_JOB_HEARTBEAT_S`. One reconciler at a time (the
replica holding a Postgres advisory lock; when it dies its session ends and another replica takes the lock) looks
for open jobs whose heartbeat is older than `ATELIER_JOB_TIMEOUT_S` and claims them for its own replica, which runs
them again under the same id. Durability comes from here, not from Ray: a Ray task dies with the replica that
submitted it. `done` is set by the store in the transaction that lists the render (server/cluster/renders.py).
"""

from __future__ import annotations

import json
from typing import Any

from .postgres import Postgres


class JobTable:
    def __init__(self, postgres: Postgres):
        self.db = postgres

    def add(self, render_id: str, request: dict[str, Any], public_url: str, owner: str) -> None:
        with self.db.connection() as con:
            con.execute("INSERT INTO jobs (id, state, request, public_url, owner) VALUES (%s, 'queued', %s, %s, %s)",
                        (render_id, json.dumps(request, ensure_ascii=False), public_url, owner))

    def running(self, render_id: str) -> None:
        with self.db.connection() as con:
            con.execute("UPDATE jobs SET state = 'running', heartbeat = now() WHERE id = %s AND state = 'queued'",
                        (render_id,))

    def beat(self, owner: str, render_ids: list[str]) -> None:
        if not render_ids:
            return
        with self.db.connection() as con:
            con.execute("UPDATE jobs SET heartbeat = now() WHERE id = ANY(%s) AND owner = %s "
                        "AND state IN ('queued', 'running')", (render_ids, owner))

    def fail(self, render_id: str, status: int, detail: str) -> None:
        with self.db.connection() as con:
            con.execute("UPDATE jobs SET state = 'failed', status = %s, detail = %s, finished = now() "
                        "WHERE id = %s AND state IN ('queued', 'running')", (status, detail[:2000], render_id))

    def expired(self, timeout_s: float, limit: int = 32) -> list[str]:
        with self.db.connection() as con:
            rows = con.execute("SELECT id FROM jobs WHERE state IN ('queued', 'running') AND heartbeat < now() - "
                               "make_interval(secs => %s) ORDER BY created LIMIT %s", (timeout_s, limit)).fetchall()
        return [r[0] for r in rows]

    def claim(self, render_id: str, owner: str, timeout_s: float) -> tuple[dict[str, Any], str] | None:
        """Takes over an expired job for `owner` (its request and public address), or None when another replica
        claimed it first or its heartbeat came back."""
        with self.db.connection() as con:
            row = con.execute(
                "UPDATE jobs SET owner = %s, heartbeat = now(), attempts = attempts + 1 WHERE id = %s "
                "AND state IN ('queued', 'running') AND heartbeat < now() - make_interval(secs => %s) "
                "RETURNING request, public_url", (owner, render_id, timeout_s)).fetchone()
        return (row[0], row[1]) if row else None

    def get(self, render_id: str) -> dict[str, Any] | None:
        with self.db.connection() as con:
            row = con.execute("SELECT state, owner, attempts, status, detail FROM jobs WHERE id = %s",
                              (render_id,)).fetchone()
        return dict(zip(("state", "owner", "attempts", "status", "detail"), row, strict=True)) if row else None

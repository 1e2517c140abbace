"""The Postgres database a cluster shares: one connection pool per process, and the tables, made if missing.

Every replica (and the reconciler among them) talks to the same database. Tables are created idempotently when a
replica starts (`CREATE TABLE IF NOT EXISTS`, under an advisory lock so two replicas starting together do not race).
"""

from __future__ import annotations

import logging
from contextlib import contextmanager

import psycopg
from psycopg_pool import ConnectionPool

log = logging.getLogger("atelier.cluster")

SCHEMA_LOCK = 0x61746C01  # advisory lock ids: "atl" + a number, so they do not collide with another application's
RECONCILER_LOCK = 0x61746C02

SCHEMA = [
    # Renders: one row per stored render. `run` names the attempt whose files are the render's (files live under
    # renders/<id>/<run>/), so a second attempt at the same job never overwrites the files the manifest describes.
    """CREATE TABLE IF NOT EXISTS renders (id TEXT PRIMARY KEY, created TEXT NOT NULL, modality TEXT NOT NULL,
       title TEXT NOT NULL, manifest JSONB NOT NULL, run TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS renders_created ON renders(created)",
    # Jobs: queued -> running -> done | failed. `owner` is the replica running it, `heartbeat` when it last said
    # so; a job whose heartbeat is older than the timeout is taken over by the reconciler.
    """CREATE TABLE IF NOT EXISTS jobs (id TEXT PRIMARY KEY, state TEXT NOT NULL, request JSONB NOT NULL,
       public_url TEXT NOT NULL, owner TEXT NOT NULL, heartbeat TIMESTAMPTZ NOT NULL DEFAULT now(),
       attempts INTEGER NOT NULL DEFAULT 1, status INTEGER, detail TEXT,
       created TIMESTAMPTZ NOT NULL DEFAULT now(), finished TIMESTAMPTZ)""",
    "CREATE INDEX IF NOT EXISTS jobs_open ON jobs(heartbeat) WHERE state IN ('queued', 'running')",
    """CREATE TABLE IF NOT EXISTS boards (id TEXT PRIMARY KEY, name TEXT NOT NULL, created TEXT NOT NULL,
       updated TEXT NOT NULL, version INTEGER NOT NULL, scene TEXT NOT NULL, answers TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS boards_updated ON boards(updated)",
    """CREATE TABLE IF NOT EXISTS board_requests (board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
       id TEXT NOT NULL, request TEXT NOT NULL, created TEXT NOT NULL, PRIMARY KEY (board_id, id))""",
]


class Postgres:
    """A small connection pool (autocommit; explicit transactions with `transaction()`), and the schema."""

    def __init__(self, url: str, *, max_size: int = 8):
        self.url = url
        self.pool = ConnectionPool(url, min_size=1, max_size=max_size, kwargs={"autocommit": True}, open=True,
                                   name="atelier")
        self.pool.wait(timeout=30)
        with self.connection() as con, con.transaction():
            con.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
            for statement in SCHEMA:
                con.execute(statement)

    @contextmanager
    def connection(self):
        with self.pool.connection() as con:
            yield con

    def dedicated(self) -> psycopg.Connection:
        """A connection of its own, outside the pool: for LISTEN and for holding a session-level advisory lock."""
        return psycopg.connect(self.url, autocommit=True)

    def close(self) -> None:
        self.pool.close()

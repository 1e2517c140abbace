"""One SQLite connection per thread for a database file, shared by the render store and the board store.

Renders and boards live in the same file; each thread (the event loop, every worker) keeps its own connection,
because sqlite3 connections must not cross threads. WAL mode, set when the store opens, lets readers and the one
writer proceed together; the busy timeout makes concurrent writers wait instead of failing.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path


class Database:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._local = threading.local()

    def connection(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(self.path, timeout=30, isolation_level=None)  # autocommit; explicit BEGIN when needed
            con.execute("PRAGMA busy_timeout=30000")
            con.execute("PRAGMA synchronous=NORMAL")
            con.execute("PRAGMA foreign_keys=ON")
            self._local.con = con
        return con

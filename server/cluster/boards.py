"""Canvas boards in Postgres: the same calls and rules as `server.boards.Boards` (SQLite), shared by every replica.

A save names the version it was based on and is refused when another save came first (`StaleBoard`), checked
under a row lock, so two tabs on two replicas never overwrite each other's work.
"""

from __future__ import annotations

import json
from typing import Any

from ..boards import StaleBoard, _now, board_of, request_key, summary_of
from ..store import ID_PATTERN, new_id
from .postgres import Postgres

_SUMMARY = "SELECT id, name, created, updated, version, answers FROM boards"


class PgBoards:
    def __init__(self, postgres: Postgres):
        self.db = postgres

    def create(self, name: str) -> dict[str, Any]:
        board_id, now = new_id(), _now()
        scene: dict[str, Any] = {"elements": [], "appState": {}, "files": {}}
        with self.db.connection() as con:
            con.execute("INSERT INTO boards VALUES (%s, %s, %s, %s, 1, %s, '{}')",
                        (board_id, name, now, now, json.dumps(scene)))
        board = self.get(board_id)
        assert board is not None, "a board just made under a new id"
        return board

    def list(self) -> list[dict[str, Any]]:
        with self.db.connection() as con:
            rows = con.execute(f"{_SUMMARY} ORDER BY updated DESC").fetchall()
        return [summary_of(r) for r in rows]

    def get(self, board_id: str) -> dict[str, Any] | None:
        if not ID_PATTERN.match(board_id):
            return None
        with self.db.connection() as con:
            row = con.execute("SELECT id, name, created, updated, version, answers, scene FROM boards WHERE id = %s",
                              (board_id,)).fetchone()
        if row is None:
            return None
        return board_of(row)

    def save(self, board_id: str, base_version: int, scene: dict, answers: dict) -> dict[str, Any]:
        with self.db.connection() as con, con.transaction():
            row = con.execute("SELECT version FROM boards WHERE id = %s FOR UPDATE", (board_id,)).fetchone()
            if row is None:
                raise KeyError(board_id)
            if row[0] != base_version:
                raise StaleBoard(row[0])
            con.execute("UPDATE boards SET scene = %s, answers = %s, updated = %s, version = version + 1 "
                        "WHERE id = %s", (json.dumps(scene, ensure_ascii=False),
                                          json.dumps(answers, ensure_ascii=False), _now(), board_id))
            # Read in the same transaction: a delete right after the commit cannot leave nothing to answer.
            saved = con.execute(f"{_SUMMARY} WHERE id = %s", (board_id,)).fetchone()
        return summary_of(saved)

    def summary(self, board_id: str) -> dict[str, Any] | None:
        if not ID_PATTERN.match(board_id):
            return None
        with self.db.connection() as con:
            row = con.execute(f"{_SUMMARY} WHERE id = %s", (board_id,)).fetchone()
        return summary_of(row) if row else None

    def rename(self, board_id: str, name: str) -> dict[str, Any] | None:
        with self.db.connection() as con:
            con.execute("UPDATE boards SET name = %s, updated = %s WHERE id = %s", (name, _now(), board_id))
        return self.summary(board_id)

    def delete(self, board_id: str) -> bool:
        if not ID_PATTERN.match(board_id):
            return False
        with self.db.connection() as con:
            return con.execute("DELETE FROM boards WHERE id = %s", (board_id,)).rowcount > 0

    def add_request(self, board_id: str, request: dict[str, Any]) -> str:
        key = request_key(request)
        with self.db.connection() as con:
            con.execute("INSERT INTO board_requests VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING",
                        (board_id, key, json.dumps(request, ensure_ascii=False), _now()))
        return key

    def get_request(self, board_id: str, key: str) -> dict[str, Any] | None:
        if not ID_PATTERN.match(key):
            return None
        with self.db.connection() as con:
            row = con.execute("SELECT request FROM board_requests WHERE board_id = %s AND id = %s",
                              (board_id, key)).fetchone()
        return json.loads(row[0]) if row else None

    def request_ids(self, board_id: str) -> set[str]:
        with self.db.connection() as con:
            return {r[0] for r in con.execute("SELECT id FROM board_requests WHERE board_id = %s", (board_id,))}

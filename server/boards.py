"""Canvas boards in the renders' SQLite file: one row per board, plus the requests its answers were made from.

A board is the canvas app's Excalidraw scene (kept as the JSON the app sent, after checking its shape) and the
map of render ids on it to the request each came from. Requests are kept apart from the scene, content-addressed,
so a long pasted document is stored once however often the user tries it as another modality, and the scene that
is saved every few seconds while someone works stays small.

Every save names the version it was based on; a save based on an older version is refused (409), so two tabs on
one board never silently overwrite each other's work.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .db import Database
from .limits import MAX_JSON_DEPTH, nesting_depth
from .store import ID_PATTERN, new_id

log = logging.getLogger("atelier.boards")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def request_key(request: dict[str, Any]) -> str:
    """A stable id for a request: equal requests get the same one (16 hex digits, the shape of every id here)."""
    canonical = json.dumps(request, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def _servable(scene: dict[str, Any]) -> dict[str, Any]:
    """The scene without elements nested too deeply to serialise: a board saved before depth was checked at the
    door (one hostile element) opens again instead of failing for good."""
    elements = scene.get("elements")
    if isinstance(elements, list):
        kept = [el for el in elements if nesting_depth(el) <= MAX_JSON_DEPTH - 3]
        if len(kept) != len(elements):
            log.warning("a board had %d elements nested too deeply to serve; they were left out",
                        len(elements) - len(kept))
            scene = {**scene, "elements": kept}
    return scene


def summary_of(row) -> dict[str, Any]:
    """A board's summary from a row (id, name, created, updated, version, answers), as every board store reads it."""
    return {"id": row[0], "name": row[1], "created": row[2], "updated": row[3], "version": row[4],
            "answers": len(json.loads(row[5]))}


def board_of(row) -> dict[str, Any]:
    """A whole board from a row (the summary's columns, then the scene), ready to serve."""
    return {**summary_of(row), "answers": json.loads(row[5]), "scene": _servable(json.loads(row[6]))}


class StaleBoard(Exception):
    """A save based on a version that is no longer the latest."""

    def __init__(self, current: int):
        super().__init__(current)
        self.current = current


class Boards:
    def __init__(self, db_path: Path):
        self.db_path = Path(db_path)
        self.database = Database(self.db_path)
        with self._db() as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS boards (id TEXT PRIMARY KEY, name TEXT NOT NULL, created TEXT NOT NULL, "
                "updated TEXT NOT NULL, version INTEGER NOT NULL, scene TEXT NOT NULL, answers TEXT NOT NULL)"
            )
            db.execute("CREATE INDEX IF NOT EXISTS boards_updated ON boards(updated)")
            db.execute(
                "CREATE TABLE IF NOT EXISTS board_requests (board_id TEXT NOT NULL REFERENCES boards(id) "
                "ON DELETE CASCADE, id TEXT NOT NULL, request TEXT NOT NULL, created TEXT NOT NULL, "
                "PRIMARY KEY (board_id, id))"
            )

    @contextmanager
    def _db(self):
        yield self.database.connection()

    def create(self, name: str) -> dict[str, Any]:
        board_id, now = new_id(), _now()
        scene: dict[str, Any] = {"elements": [], "appState": {}, "files": {}}
        with self._db() as db:
            db.execute("INSERT INTO boards VALUES (?, ?, ?, ?, 1, ?, '{}')",
                       (board_id, name, now, now, json.dumps(scene)))
        board = self.get(board_id)
        assert board is not None, "a board just made under a new id"
        return board

    def list(self) -> list[dict[str, Any]]:
        with self._db() as db:
            rows = db.execute("SELECT id, name, created, updated, version, answers FROM boards "
                              "ORDER BY updated DESC").fetchall()
        return [summary_of(r) for r in rows]

    def get(self, board_id: str) -> dict[str, Any] | None:
        if not ID_PATTERN.match(board_id):
            return None
        with self._db() as db:
            row = db.execute("SELECT id, name, created, updated, version, answers, scene FROM boards WHERE id = ?",
                             (board_id,)).fetchone()
        if row is None:
            return None
        return board_of(row)

    def save(self, board_id: str, base_version: int, scene: dict, answers: dict) -> dict[str, Any]:
        """Replaces the scene and answers if `base_version` is the latest; returns the new summary."""
        now = _now()
        with self._db() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                row = db.execute("SELECT version FROM boards WHERE id = ?", (board_id,)).fetchone()
                if row is None:
                    raise KeyError(board_id)
                if row[0] != base_version:
                    raise StaleBoard(row[0])
                db.execute("UPDATE boards SET scene = ?, answers = ?, updated = ?, version = version + 1 "
                           "WHERE id = ?", (json.dumps(scene, ensure_ascii=False),
                                            json.dumps(answers, ensure_ascii=False), now, board_id))
                # Read in the same transaction: a delete right after the commit cannot leave nothing to answer.
                saved = db.execute("SELECT id, name, created, updated, version, answers FROM boards WHERE id = ?",
                                   (board_id,)).fetchone()
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return summary_of(saved)

    def summary(self, board_id: str) -> dict[str, Any] | None:
        if not ID_PATTERN.match(board_id):
            return None
        with self._db() as db:
            row = db.execute("SELECT id, name, created, updated, version, answers FROM boards WHERE id = ?",
                             (board_id,)).fetchone()
        return summary_of(row) if row else None

    def rename(self, board_id: str, name: str) -> dict[str, Any] | None:
        with self._db() as db:
            db.execute("UPDATE boards SET name = ?, updated = ? WHERE id = ?", (name, _now(), board_id))
        return self.summary(board_id)

    def delete(self, board_id: str) -> bool:
        if not ID_PATTERN.match(board_id):
            return False
        with self._db() as db:
            return db.execute("DELETE FROM boards WHERE id = ?", (board_id,)).rowcount > 0

    def add_request(self, board_id: str, request: dict[str, Any]) -> str:
        key = request_key(request)
        with self._db() as db:
            db.execute("INSERT OR IGNORE INTO board_requests VALUES (?, ?, ?, ?)",
                       (board_id, key, json.dumps(request, ensure_ascii=False), _now()))
        return key

    def get_request(self, board_id: str, key: str) -> dict[str, Any] | None:
        if not ID_PATTERN.match(key):
            return None
        with self._db() as db:
            row = db.execute("SELECT request FROM board_requests WHERE board_id = ? AND id = ?",
                             (board_id, key)).fetchone()
        return json.loads(row[0]) if row else None

    def request_ids(self, board_id: str) -> set[str]:
        with self._db() as db:
            return {r[0] for r in db.execute("SELECT id FROM board_requests WHERE board_id = ?", (board_id,))}

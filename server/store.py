"""Renders on disk with a SQLite index.

Each render is a folder `renders/<id>/` (its files, plan.json, manifest.json) and one index row. A render is
written under `tmp/`, moved into `renders/` with one atomic rename, and only then listed in the index, so a crash
at any point leaves nothing half-listed; leftovers are removed when the store opens.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import threading
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from .db import Database
from .manifest import Manifest

ID_PATTERN = re.compile(r"^[a-z0-9]{16}$")


def new_id() -> str:
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(secrets.choice(alphabet) for _ in range(16))


class Store:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.renders = self.root / "renders"
        self.tmp = self.root / "tmp"
        self.renders.mkdir(parents=True, exist_ok=True)
        self.tmp.mkdir(parents=True, exist_ok=True)
        self.db_path = self.root / "index.sqlite3"
        self.database = Database(self.db_path)
        self._update_lock = threading.Lock()
        with self._db() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS renders (id TEXT PRIMARY KEY, created TEXT NOT NULL, "
                "modality TEXT NOT NULL, title TEXT NOT NULL, manifest TEXT NOT NULL)"
            )
            db.execute("CREATE INDEX IF NOT EXISTS renders_created ON renders(created)")
        self._recover()

    @contextmanager
    def _db(self):
        yield self.database.connection()

    def _recover(self) -> None:
        """Removes work folders of renders that never finished, and folders the index does not list."""
        for leftover in self.tmp.iterdir():
            shutil.rmtree(leftover, ignore_errors=True)
        with self._db() as db:
            listed = {row[0] for row in db.execute("SELECT id FROM renders")}
        for folder in self.renders.iterdir():
            if folder.name not in listed:
                shutil.rmtree(folder, ignore_errors=True)
        # Extras still pending when the last server stopped will not be made now: say so instead of waiting forever.
        with self._db() as db:
            waiting = [r[0] for r in db.execute("SELECT id FROM renders WHERE manifest LIKE '%\"pending\":[\"%'")]
        for render_id in waiting:
            self.revise(render_id, lambda m: m.give_up(list(m.pending), "the server stopped before it was "
                                                         "drawn; render again for one"))

    def workdir(self) -> tuple[str, Path]:
        """A fresh id and an empty folder to render into."""
        render_id = new_id()
        path = self.tmp / render_id
        path.mkdir()
        return render_id, path

    def discard(self, workdir: Path) -> None:
        shutil.rmtree(workdir, ignore_errors=True)

    def folder(self, render_id: str) -> Path:
        return self.renders / render_id

    def url_prefix(self, render_id: str) -> str:
        return f"/render/{render_id}/"

    def commit(self, render_id: str, workdir: Path, manifest: Manifest) -> bool:
        """Publishes a finished work folder: manifest.json written, files on disk, folder renamed, row listed."""
        write_json(workdir / "manifest.json", manifest.model_dump(mode="json"))
        final = self.renders / render_id
        for f in workdir.iterdir():  # the files must be on disk before the folder is published
            if f.is_file():
                with open(f, "rb") as fh:
                    os.fsync(fh.fileno())
        os.replace(workdir, final)
        with self._db() as db:
            db.execute(
                "INSERT INTO renders (id, created, modality, title, manifest) VALUES (?, ?, ?, ?, ?)",
                (render_id, manifest.created, manifest.modality, manifest.title, manifest.model_dump_json()),
            )
        return True

    def get(self, render_id: str) -> Manifest | None:
        if not ID_PATTERN.match(render_id):
            return None
        with self._db() as db:
            row = db.execute("SELECT manifest FROM renders WHERE id = ?", (render_id,)).fetchone()
        return Manifest.model_validate_json(row[0]) if row else None

    def file_path(self, render_id: str, name: str) -> Path | None:
        """The path of a file the render's manifest lists (plan.json and manifest.json included); None otherwise."""
        manifest = self.get(render_id)
        if manifest is None:
            return None
        names = {f.name for f in manifest.files} | {"plan.json", "manifest.json"}
        if name not in names:
            return None
        path = self.renders / render_id / name
        return path if path.is_file() else None

    def revise(self, render_id: str, change: Callable[[Manifest], None]) -> Manifest | None:
        """Applies `change` to a stored render's manifest and saves it (the row, and manifest.json replaced whole),
        one revision at a time: how files made after the render (a widget's preview) join it. None when the render
        was deleted meanwhile."""
        with self._update_lock:
            manifest = self.get(render_id)
            if manifest is None:
                return None
            change(manifest)
            folder = self.renders / render_id
            temp = folder / ".manifest.json.tmp"
            write_json(temp, manifest.model_dump(mode="json"))
            os.replace(temp, folder / "manifest.json")
            with self._db() as db:
                db.execute("UPDATE renders SET manifest = ? WHERE id = ?", (manifest.model_dump_json(), render_id))
            return manifest

    def delete(self, render_id: str) -> bool:
        """Unlists the render, then removes its files; a crash in between leaves an unlisted folder that the next
        start removes. False when there is no such render."""
        if not ID_PATTERN.match(render_id):
            return False
        with self._update_lock, self._db() as db:
            gone = db.execute("DELETE FROM renders WHERE id = ?", (render_id,)).rowcount
        if not gone:
            return False
        folder = self.renders / render_id
        if folder.exists():
            doomed = self.tmp / f"deleting-{render_id}"
            os.replace(folder, doomed)
            shutil.rmtree(doomed, ignore_errors=True)
        return True

    def list(self, limit: int = 50) -> list[Manifest]:
        with self._db() as db:
            rows = db.execute("SELECT manifest FROM renders ORDER BY created DESC LIMIT ?", (limit,)).fetchall()
        return [Manifest.model_validate_json(r[0]) for r in rows]

    def count(self) -> int:
        with self._db() as db:
            return db.execute("SELECT COUNT(*) FROM renders").fetchone()[0]


class OutputFolder:
    """A store of renders in one folder the user chose (the CLI's `-o`): the same calls as `Store`, no index.

    Each render writes straight into the folder, so a second render there replaces the first's files."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def workdir(self) -> tuple[str, Path]:
        self.path.mkdir(parents=True, exist_ok=True)
        return new_id(), self.path

    def discard(self, workdir: Path) -> None:
        return None  # what was written stays, for the user to look at

    def folder(self, render_id: str) -> Path:
        return self.path

    def url_prefix(self, render_id: str) -> str:
        return ""

    def commit(self, render_id: str, workdir: Path, manifest: Manifest) -> bool:
        write_json(self.path / "manifest.json", manifest.model_dump(mode="json"))
        return True

    def revise(self, render_id: str, change: Callable[[Manifest], None]) -> Manifest | None:
        path = self.path / "manifest.json"
        manifest = Manifest.model_validate_json(path.read_text(encoding="utf-8"))
        change(manifest)
        write_json(path, manifest.model_dump(mode="json"))
        return manifest


def write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")

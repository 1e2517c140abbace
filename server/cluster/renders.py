"""The render store of a cluster: the index in Postgres, the files in a `FileStore` (S3, or a shared folder), and a
local cache of the files this replica has served or made.

Committing a render is idempotent, because a job may run twice (a replica thought dead, a node that died after
finishing): every attempt uploads its files under a key of its own, `renders/<id>/<run>/`, then one transaction
lists the render and marks its job done only if no attempt did so first. The winner removes the files of other
attempts; a loser removes its own. So a render always has exactly one set of files, the one its manifest describes.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..manifest import Manifest
from ..store import ID_PATTERN, new_id, write_json
from .files import FileStore
from .postgres import Postgres

log = logging.getLogger("atelier.cluster")


class ClusterStore:
    def __init__(self, postgres: Postgres, files: FileStore, cache: Path, presign_s: int = 0):
        self.db = postgres
        self.files = files
        self.cache = Path(cache)
        self.tmp = self.cache / "tmp"
        self.renders = self.cache / "renders"
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.tmp.mkdir(parents=True, exist_ok=True)
        self.renders.mkdir(parents=True, exist_ok=True)
        self.presign_s = presign_s
        self._revising = threading.Lock()
        self._uploads = ThreadPoolExecutor(max_workers=16, thread_name_prefix="atelier-upload")

    # -- writing -----------------------------------------------------------------------------------------------

    def workdir(self) -> tuple[str, Path]:
        render_id = new_id()
        return render_id, self.workdir_for(render_id)

    def workdir_for(self, render_id: str) -> Path:
        """An empty local folder for one attempt at `render_id` (a resumed job keeps its id)."""
        path = self.tmp / f"{render_id}-{secrets.token_hex(4)}"
        path.mkdir()
        return path

    def discard(self, workdir: Path) -> None:
        shutil.rmtree(workdir, ignore_errors=True)

    def url_prefix(self, render_id: str) -> str:
        return f"/render/{render_id}/"

    @staticmethod
    def _prefix(render_id: str, run: str) -> str:
        return f"renders/{render_id}/{run}/"

    def commit(self, render_id: str, workdir: Path, manifest: Manifest) -> bool:
        """Uploads the work folder as one run of the render and lists it, unless another run was listed first
        (then this run's files are removed again and False is returned). The job row, if any, becomes `done` in
        the same transaction."""
        run = secrets.token_hex(4)
        write_json(workdir / "manifest.json", manifest.model_dump(mode="json"))
        media = {f.name: f.media_type for f in manifest.files}
        prefix = self._prefix(render_id, run)
        uploads = [self._uploads.submit(self.files.put, prefix + f.name, f, media.get(f.name, "application/json"))
                   for f in sorted(workdir.iterdir()) if f.is_file()]
        for upload in uploads:  # side by side: a render's latency pays for its largest file, not for all of them
            upload.result()
        with self.db.connection() as con, con.transaction():
            listed = con.execute(
                "INSERT INTO renders (id, created, modality, title, manifest, run) VALUES (%s, %s, %s, %s, %s, %s) "
                "ON CONFLICT (id) DO NOTHING",
                (render_id, manifest.created, manifest.modality, manifest.title, manifest.model_dump_json(), run),
            ).rowcount == 1
            if listed:
                con.execute("UPDATE jobs SET state = 'done', finished = now() WHERE id = %s", (render_id,))
        if not listed:
            log.info("render %s was already stored by another attempt; this attempt's files are removed", render_id)
            self.files.delete(self.files.keys(prefix))
            return False
        # Files of attempts that died before they could list themselves (a killed replica) go now.
        stale = [k for k in self.files.keys(f"renders/{render_id}/") if not k.startswith(prefix)]
        if stale:
            self.files.delete(stale)
        target = self.renders / render_id
        shutil.rmtree(target, ignore_errors=True)
        os.replace(workdir, target)  # the cache holds the files this replica just made
        return True

    def revise(self, render_id: str, change: Callable[[Manifest], None]) -> Manifest | None:
        """Applies `change` to a stored render's manifest, one revision at a time across the cluster (a row lock);
        files the change adds to the manifest are uploaded from this replica's cache folder of the render."""
        with self._revising, self.db.connection() as con, con.transaction():
            row = con.execute("SELECT manifest, run FROM renders WHERE id = %s FOR UPDATE", (render_id,)).fetchone()
            if row is None:
                return None
            manifest = Manifest.model_validate(row[0])
            before = {f.name for f in manifest.files}
            change(manifest)
            folder = self.renders / render_id
            prefix = self._prefix(render_id, row[1])
            for f in manifest.files:
                if f.name not in before and (folder / f.name).is_file():
                    self.files.put(prefix + f.name, folder / f.name, f.media_type)
            folder.mkdir(parents=True, exist_ok=True)
            write_json(folder / "manifest.json", manifest.model_dump(mode="json"))
            self.files.put(prefix + "manifest.json", folder / "manifest.json", "application/json")
            con.execute("UPDATE renders SET manifest = %s WHERE id = %s", (manifest.model_dump_json(), render_id))
            return manifest

    def delete(self, render_id: str) -> bool:
        if not ID_PATTERN.match(render_id):
            return False
        with self.db.connection() as con:
            gone = con.execute("DELETE FROM renders WHERE id = %s", (render_id,)).rowcount > 0
        if not gone:
            return False
        self.files.delete(self.files.keys(f"renders/{render_id}/"))
        shutil.rmtree(self.renders / render_id, ignore_errors=True)
        return True

    # -- reading -----------------------------------------------------------------------------------------------

    def _row(self, render_id: str) -> tuple[Manifest, str] | None:
        if not ID_PATTERN.match(render_id):
            return None
        with self.db.connection() as con:
            row = con.execute("SELECT manifest, run FROM renders WHERE id = %s", (render_id,)).fetchone()
        return (Manifest.model_validate(row[0]), row[1]) if row else None

    def get(self, render_id: str) -> Manifest | None:
        found = self._row(render_id)
        return found[0] if found else None

    def _cached(self, render_id: str, run: str, name: str) -> Path | None:
        folder = self.renders / render_id
        path = folder / name
        if path.is_file():
            return path
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f".{name}.{secrets.token_hex(4)}"
        if not self.files.fetch(self._prefix(render_id, run) + name, partial):
            return None
        partial.replace(path)
        return path

    def folder(self, render_id: str) -> Path:
        """The render's files in this replica's cache, fetched as needed (files never change once stored)."""
        found = self._row(render_id)
        folder = self.renders / render_id
        if found is not None:
            manifest, run = found
            for name in [f.name for f in manifest.files] + ["plan.json"]:
                self._cached(render_id, run, name)
            folder.mkdir(parents=True, exist_ok=True)
            write_json(folder / "manifest.json", manifest.model_dump(mode="json"))
        return folder

    def file_path(self, render_id: str, name: str) -> Path | None:
        found = self._row(render_id)
        if found is None:
            return None
        manifest, run = found
        if name == "manifest.json":
            folder = self.renders / render_id
            folder.mkdir(parents=True, exist_ok=True)
            write_json(folder / name, manifest.model_dump(mode="json"))
            return folder / name
        if name not in {f.name for f in manifest.files} | {"plan.json"}:
            return None
        return self._cached(render_id, run, name)

    def file_link(self, render_id: str, name: str) -> str | None:
        """A presigned download URL for a stored file (ATELIER_FILES_PRESIGN_S), or None: serve it through us."""
        if not self.presign_s or name == "manifest.json":
            return None
        found = self._row(render_id)
        if found is None:
            return None
        manifest, run = found
        media = next((f.media_type for f in manifest.files if f.name == name), None)
        if media is None:
            return None
        return self.files.link(self._prefix(render_id, run) + name, name, media, self.presign_s)

    def list(self, limit: int = 50) -> list[Manifest]:
        with self.db.connection() as con:
            rows = con.execute("SELECT manifest FROM renders ORDER BY created DESC LIMIT %s", (limit,)).fetchall()
        return [Manifest.model_validate(r[0]) for r in rows]

    def count(self) -> int:
        with self.db.connection() as con:
            return con.execute("SELECT COUNT(*) FROM renders").fetchone()[0]

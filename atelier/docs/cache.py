"""Rendering blocks once: a cache folder of finished renders, keyed by a hash of each block's whole input.

Each entry is a folder `<cache>/<key>/` holding what `atelier render -o` writes (the files, plan.json,
manifest.json). An entry appears whole or not at all (it is rendered beside the cache and renamed into place), so
an interrupted build never leaves half an entry. The folder can be committed: a build that finds an entry for
every block renders nothing, and needs neither Chromium nor LibreOffice. Entries no block uses any more are
listed by `unused()`, for a tool to report or remove.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .blocks import BlockError, request_key

log = logging.getLogger("atelier.docs")
KEY_LENGTH = 20  # hex digits of the hash kept in folder names: 80 bits, plenty for one site's blocks


@dataclass(frozen=True)
class Rendered:
    """A block's render: its folder in the cache, its manifest, and whether it was there before this build."""

    key: str
    folder: Path
    manifest: dict[str, Any]
    cached: bool

    @property
    def names(self) -> list[str]:
        return [f["name"] for f in self.manifest["files"]]


class BlockCache:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.used: set[str] = set()
        self.rendered = 0
        self.hits = 0

    def get(self, request: dict[str, Any]) -> Rendered:
        """The render of `request` (keyword arguments of `atelier.render`, or `render_plan` with `plan`): from the
        cache when an entry has it, else rendered now and stored. Raises BlockError for input that cannot be
        rendered; other failures propagate."""
        key = request_key(request)[:KEY_LENGTH]
        entry = self.folder / key
        self.used.add(key)
        manifest_path = entry / "manifest.json"
        if manifest_path.is_file():
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            if all((entry / f["name"]).is_file() for f in manifest["files"]):
                self.hits += 1
                return Rendered(key, entry, manifest, cached=True)
            log.info("atelier: cache entry %s lacks some of its files; rendering it again", key)
        self._render_into(entry, request)
        self.rendered += 1
        return Rendered(key, entry, json.loads(manifest_path.read_text(encoding="utf-8")), cached=False)

    def _render_into(self, entry: Path, request: dict[str, Any]) -> None:
        from .. import InputError, render, render_plan

        self.folder.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{entry.name}-", dir=self.folder))
        try:
            arguments = dict(request)
            if "plan" in arguments:
                render_plan(arguments.pop("plan"), folder=work, **arguments)
            else:
                render(folder=work, **arguments)
            if entry.exists():
                shutil.rmtree(entry)
            work.rename(entry)
        except InputError as exc:
            raise BlockError(str(exc)) from None
        finally:
            if work.exists():
                shutil.rmtree(work, ignore_errors=True)

    def unused(self) -> list[Path]:
        """Entries in the cache folder that no block of this build asked for."""
        if not self.folder.is_dir():
            return []
        return sorted(p for p in self.folder.iterdir() if p.is_dir() and not p.name.startswith(".")
                      and p.name not in self.used)

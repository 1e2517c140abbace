"""What a render store and a board store must do, as Protocols: the seams a cluster fills with other parts.

`server.store.Store` (SQLite and a local folder) and `server.boards.Boards` (the same SQLite file) are the
single-machine parts; `server.cluster` has Postgres and S3 ones. Routes and the render service depend only on these
calls, never on where the rows and files live.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from .manifest import Manifest


class RenderStore(Protocol):
    def workdir(self) -> tuple[str, Path]:
        """A fresh render id and an empty local folder to render into."""
        ...

    def discard(self, workdir: Path) -> None: ...

    def commit(self, render_id: str, workdir: Path, manifest: Manifest) -> bool:
        """Publishes a finished work folder: its files stored, its manifest listed. False when another run of the
        same render was listed first (a cluster runs a dead replica's jobs again): that run is the render."""
        ...

    def get(self, render_id: str) -> Manifest | None: ...

    def folder(self, render_id: str) -> Path:
        """A local folder holding the stored render's files (a cache of them where files live elsewhere)."""
        ...

    def file_path(self, render_id: str, name: str) -> Path | None:
        """A local path of a file the manifest lists (plan.json and manifest.json included); None otherwise."""
        ...

    def url_prefix(self, render_id: str) -> str: ...

    def revise(self, render_id: str, change: Callable[[Manifest], None]) -> Manifest | None: ...

    def delete(self, render_id: str) -> bool: ...

    def list(self, limit: int = 50) -> list[Manifest]: ...

    def count(self) -> int: ...


class BoardStore(Protocol):
    def create(self, name: str) -> dict[str, Any]: ...

    def list(self) -> list[dict[str, Any]]: ...

    def get(self, board_id: str) -> dict[str, Any] | None: ...

    def save(self, board_id: str, base_version: int, scene: dict, answers: dict) -> dict[str, Any]:
        """Replaces the scene and answers if `base_version` is the latest (else StaleBoard; KeyError: no board)."""
        ...

    def summary(self, board_id: str) -> dict[str, Any] | None: ...

    def rename(self, board_id: str, name: str) -> dict[str, Any] | None: ...

    def delete(self, board_id: str) -> bool: ...

    def add_request(self, board_id: str, request: dict[str, Any]) -> str: ...

    def get_request(self, board_id: str, key: str) -> dict[str, Any] | None: ...

    def request_ids(self, board_id: str) -> set[str]: ...

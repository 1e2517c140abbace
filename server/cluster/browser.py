"""The preview browser of a cluster: one Ray actor per node keeps a warm Chromium (server/browser.py's
`WarmBrowser`), restarted by Ray when it dies; `RemoteBrowser` is the `PageCapture` that renders' pending files use.

The page travels to the actor as bytes and the picture comes back as bytes, so the capture works whichever node
the actor is on; it prefers the caller's own node, where the bytes do not cross the network.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import ray
from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

from renderers.base import CaptureError, PageShot

from ..browser import WarmBrowser
from .ray_connect import NAMESPACE


class BrowserActor:
    def __init__(self, executable: str | None):
        self.browser = WarmBrowser(executable)
        self.folder = Path(tempfile.mkdtemp(prefix="atelier-browser-"))

    def capture(self, html: bytes, width: int, max_height: int, scripts: bool, ready: str | None):
        page = self.folder / f"{ray.get_runtime_context().get_task_id()}.html"
        picture = page.with_suffix(".png")
        page.write_bytes(html)
        try:
            shot = self.browser.capture(page, picture, width=width, max_height=max_height, scripts=scripts,
                                        ready=ready)
            return picture.read_bytes(), shot
        except CaptureError as exc:
            return None, str(exc)
        finally:
            page.unlink(missing_ok=True)
            picture.unlink(missing_ok=True)


class RemoteBrowser:
    """A `PageCapture` whose Chromium is this node's browser actor (started on first use, then kept)."""

    def __init__(self, executable: str | None):
        self.executable = executable
        self._actor = None

    def _browser(self):
        if self._actor is None:
            node = ray.get_runtime_context().get_node_id()
            self._actor = ray.remote(BrowserActor).options(
                name=f"atelier-browser-{node}", namespace=NAMESPACE, get_if_exists=True, lifetime="detached",
                max_restarts=-1, max_task_retries=2, max_concurrency=4, num_cpus=0,
                scheduling_strategy=NodeAffinitySchedulingStrategy(node, soft=True),
            ).remote(self.executable)
        return self._actor

    def capture(self, html: Path, png: Path, *, width: int, max_height: int, scripts: bool = True,
                ready: str | None = None) -> PageShot:
        try:
            data, shot = ray.get(self._browser().capture.remote(html.read_bytes(), width, max_height, scripts,
                                                                ready))
        except ray.exceptions.RayError as exc:
            raise CaptureError(f"the cluster's preview browser failed: {exc}") from None
        if data is None:
            raise CaptureError(shot)
        png.write_bytes(data)
        return shot

    def close(self) -> None:
        self._actor = None  # the actor stays for the node's next replica: it is the node's, not ours

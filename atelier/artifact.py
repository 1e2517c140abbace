"""`Artifact`: one finished render, read back from its folder (the files, plan.json and manifest.json)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import weakref
from pathlib import Path
from typing import Any

from renderers.base import RenderWarning


class Artifact:
    """A rendered answer: its files on disk, the plan it was rendered from, and the manifest describing it.

    Attributes:
        modality: the form of the answer ("slides", "infographic", "whiteboard", "widget", "image").
        title: its title.
        plan: the plan it was rendered from, as a dict (edit it and pass it to `atelier.render_plan`).
        manifest: manifest.json as a dict: planner and rationale, files, warnings, timings, details.
        files: every file, by name, in the manifest's order: `files["deck.pptx"]` is a `Path`.
        warnings: what a user should know (text that did not fit, a fallback picture, ...).
        folder: the folder holding the files.

    In a notebook an artifact shows itself: a picture everywhere (GitHub, nbconvert, untrusted notebooks), and
    where HTML runs, a deck's slides with previous/next or a widget working in a sandboxed frame.
    """

    def __init__(self, folder: str | os.PathLike[str], *, temporary: bool = False):
        self.folder = Path(folder)
        self.manifest: dict[str, Any] = json.loads((self.folder / "manifest.json").read_text(encoding="utf-8"))
        self.plan: dict[str, Any] = json.loads((self.folder / "plan.json").read_text(encoding="utf-8"))
        self.files: dict[str, Path] = {f["name"]: self.folder / f["name"] for f in self.manifest["files"]}
        self.warnings: list[RenderWarning] = [RenderWarning.model_validate(w) for w in self.manifest["warnings"]]
        self.temporary = temporary
        if temporary:  # the files live as long as the artifact; save() copies them somewhere lasting
            weakref.finalize(self, shutil.rmtree, str(self.folder), True)

    @property
    def modality(self) -> str:
        return str(self.manifest["modality"])

    @property
    def title(self) -> str:
        return str(self.manifest["title"])

    @property
    def primary(self) -> Path:
        """The main file: deck.pptx, infographic.svg, board.excalidraw, widget.html or image.png."""
        name = next((f["name"] for f in self.manifest["files"] if f["role"] == "primary"),
                    self.manifest["files"][0]["name"])
        return self.files[name]

    def save(self, folder: str | os.PathLike[str]) -> Path:
        """Copies the files, plan.json and manifest.json into `folder` (made if missing); returns the folder."""
        target = Path(folder)
        if target.exists() and not target.is_dir():
            raise ValueError(f"'{target}' exists and is not a folder")
        target.mkdir(parents=True, exist_ok=True)
        if target.resolve() == self.folder.resolve():
            return target
        for path in [*self.files.values(), self.folder / "plan.json", self.folder / "manifest.json"]:
            shutil.copy2(path, target / path.name)
        return target

    def open(self) -> Path:
        """Opens the main file in the program this computer uses for it (PowerPoint, a browser, ...); returns it."""
        path = self.primary
        if sys.platform == "win32":
            os.startfile(path)  # noqa: S606 - Windows' own "open with"
        else:
            opener = "open" if sys.platform == "darwin" else shutil.which("xdg-open")
            if opener is None:
                raise RuntimeError(f"no program to open files with was found (xdg-open); the file is {path}")
            subprocess.Popen([opener, str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return path

    def __repr__(self) -> str:
        others = len(self.files) - 1
        more = f" (+{others} file{'s' if others != 1 else ''})" if others > 0 else ""
        return f"<Artifact {self.modality} {self.title!r}: {self.primary}{more}>"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> tuple[dict[str, Any], dict[str, Any]]:
        """What a notebook shows: a picture (image/png), HTML where it runs (text/html), and text (text/plain)."""
        from .notebook import mimebundle

        return mimebundle(self, include, exclude)

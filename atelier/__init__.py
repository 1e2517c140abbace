"""Atelier from Python: render answers that are not chat text, and show them in notebooks.

    >>> import atelier
    >>> deck = atelier.render("Slides for the team", content=open("notes.md").read())
    >>> deck                      # in a notebook: the slides, with previous/next
    >>> deck.files["deck.pptx"]   # the files, on disk
    >>> deck.save("out/")

`render` plans and renders a request (a prompt, a document, a table); `render_plan` renders a plan as it is. Both
run the same pipeline as `atelier render` and `POST /render`, and return an `Artifact`. Bad input raises
`InputError` with a one-line message. The docs plugins live in `atelier.docs` (MkDocs: `plugins: [atelier]`).
"""

from __future__ import annotations

from .api import Data, PlannerName, modalities, plan_schema, render, render_plan
from .artifact import Artifact
from .errors import InputError

__all__ = ["Artifact", "Data", "InputError", "PlannerName", "modalities", "plan_schema", "render", "render_plan"]

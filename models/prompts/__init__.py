"""The prompts the LLM planner sends, as Jinja templates beside this file, and their version.

Prompts are files so they can be read, diffed and tuned without touching code. The version recorded in each
manifest is the declared `VERSION` plus a digest of the template files, so an edited prompt never passes for the
one a result was measured with.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

VERSION = "1"
HERE = Path(__file__).parent


@lru_cache(maxsize=1)
def _env() -> Environment:
    # Plain text for a model, not HTML: nothing to escape, but a missing variable is an error, not a blank.
    return Environment(loader=FileSystemLoader(str(HERE)), autoescape=False, undefined=StrictUndefined,
                       keep_trailing_newline=False, trim_blocks=True, lstrip_blocks=True)


def render(name: str, **values) -> str:
    """The template `name` (e.g. 'plan.j2') filled in with `values`."""
    return _env().get_template(name).render(**values).strip()


def guide(modality: str) -> str:
    """How to write a good plan of one modality (models/prompts/modalities/<modality>.md)."""
    return (HERE / "modalities" / f"{modality}.md").read_text(encoding="utf-8").strip()


@lru_cache(maxsize=1)
def prompt_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(HERE.rglob("*")):
        if path.suffix in (".j2", ".md"):
            digest.update(path.relative_to(HERE).as_posix().encode())
            digest.update(path.read_bytes())
    return f"{VERSION}+{digest.hexdigest()[:8]}"

"""The prompts the LLM planner sends, as Jinja templates beside this file, and their version.

Prompts are files so they can be read, diffed and tuned without touching code. The version recorded in each
manifest is the declared `VERSION` plus a digest of the template files, so an edited prompt never passes for the
one a result was measured with.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
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


@lru_cache(maxsize=16)
def _env_at(folder: Path) -> Environment:
    return Environment(loader=FileSystemLoader(str(folder)), autoescape=False, undefined=StrictUndefined,
                       keep_trailing_newline=False, trim_blocks=True, lstrip_blocks=True)


def render(name: str, folder: Path | None = None, **values) -> str:
    """The template `name` (e.g. 'plan.j2') filled in with `values`; from `folder` for a modality's own templates
    (e.g. the slides package's outline.j2), else from this folder."""
    env = _env() if folder is None else _env_at(Path(folder))
    return env.get_template(name).render(**values).strip()


def prompt_version(extra: Iterable[Path] = ()) -> str:
    """The templates' version: `VERSION` plus a digest of this folder's templates and the `extra` files (the
    modalities' guides and templates)."""
    return _version(tuple(sorted(Path(p) for p in extra)))


@lru_cache(maxsize=4)
def _version(extra: tuple[Path, ...]) -> str:
    digest = hashlib.sha256()
    files = [p for p in sorted(HERE.rglob("*")) if p.suffix in (".j2", ".md")]
    for path in [*files, *extra]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return f"{VERSION}+{digest.hexdigest()[:8]}"

"""The canvas app's own checks, run through its npm scripts: they need Node and `npm ci` in frontend/."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import ROOT
from tests.parts import need, strict

FRONTEND = ROOT / "frontend"


@pytest.fixture(scope="session")
def npm() -> str:
    """The npm to run frontend/'s scripts with; skips (locally) when Node or the installed packages are missing."""
    need("node")
    if not (FRONTEND / "node_modules").is_dir():
        message = "frontend/node_modules is missing: run `npm ci` in frontend/ (scripts/setup.sh does)"
        pytest.fail(message) if strict() else pytest.skip(message)
    return shutil.which("npm") or "npm"


def run_script(npm: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([npm, "run", "--silent", *args], cwd=FRONTEND, capture_output=True, text=True, timeout=600)

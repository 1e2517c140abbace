"""The canvas app's own checks, run through its npm scripts: they need Node and `npm ci` in frontend/."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import ROOT

FRONTEND = ROOT / "frontend"


@pytest.fixture(scope="session")
def npm() -> str:
    """The npm to run frontend/'s scripts with; skips (locally) when Node or the installed packages are missing."""
    found = shutil.which("npm")
    if found is None or shutil.which("node") is None:
        pytest.skip("Node 20 with npm is needed for the frontend checks (scripts/setup.sh expects it)")
    if not (FRONTEND / "node_modules").is_dir():
        pytest.skip("frontend/node_modules is missing: run `npm ci` in frontend/ (scripts/setup.sh does)")
    return found


def run_script(npm: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([npm, "run", "--silent", *args], cwd=FRONTEND, capture_output=True, text=True, timeout=600)

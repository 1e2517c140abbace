"""The Python code stays clean: ruff (lint and import order) and mypy (types, with the pydantic plugin) report
nothing, run as CI runs them, with the settings in pyproject.toml (files, exclusions, rules)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.parts import need

pytestmark = pytest.mark.slow  # mypy takes a minute or two from a cold cache


def _run(tool: str, *args: str) -> subprocess.CompletedProcess:
    need("linters")
    return subprocess.run([sys.executable, "-m", tool, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=1200)


def _report(result: subprocess.CompletedProcess) -> str:
    return (result.stdout + result.stderr)[-6000:]


def test_ruff_reports_nothing():
    result = _run("ruff", "check", ".", "--output-format", "concise")
    assert result.returncode == 0, _report(result)


def test_mypy_reports_nothing():
    result = _run("mypy")
    assert result.returncode == 0, _report(result)
    assert "Success: no issues found" in result.stdout, _report(result)

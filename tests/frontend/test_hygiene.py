"""The frontend stays clean and its API types cannot drift from the server: `tsc`, ESLint and the unit tests pass,
and the checked-in src/api/schema.ts is exactly what `npm run gen:api` makes from the server's OpenAPI today."""

from __future__ import annotations

import difflib
import subprocess

import pytest

from tests.frontend.conftest import FRONTEND, run_script

pytestmark = pytest.mark.slow  # Node: a few seconds each (ESLint's type-aware rules about 15 s)


def _report(result: subprocess.CompletedProcess) -> str:
    return (result.stdout + result.stderr)[-4000:]


def test_typescript_has_no_type_errors(npm):
    result = run_script(npm, "typecheck")
    assert result.returncode == 0, _report(result)


def test_eslint_reports_nothing(npm):
    result = run_script(npm, "lint")
    assert result.returncode == 0, _report(result)


def test_unit_tests_pass(npm):
    """Vitest: progress, cards and modality labels over test/config.fixture.json (an unknown modality and a video
    card included)."""
    result = run_script(npm, "test")
    assert result.returncode == 0, _report(result)
    assert " passed" in result.stdout, _report(result)


def test_api_types_match_the_servers_openapi(npm, tmp_path):
    fresh = tmp_path / "schema.ts"
    result = subprocess.run(["bash", str(FRONTEND / "scripts" / "gen-api.sh"), str(fresh)], cwd=FRONTEND,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, _report(result)
    checked_in = (FRONTEND / "src" / "api" / "schema.ts").read_text(encoding="utf-8")
    made = fresh.read_text(encoding="utf-8")
    if made != checked_in:
        diff = "".join(difflib.unified_diff(checked_in.splitlines(True), made.splitlines(True), "checked in", "fresh", n=1))
        pytest.fail(f"frontend/src/api/schema.ts is stale: run `npm run gen:api` in frontend/ and commit it\n{diff[:4000]}")

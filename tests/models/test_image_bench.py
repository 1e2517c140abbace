"""bench/image_gpu.py keeps working: its tiny configuration runs here and prints a full table row per batch size.

Only that it runs and what it reports are checked; its speed figures belong in docs/benchmarks.md, never in a test.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # runs the GPU benchmark's tiny configuration: minutes of CPU sampling


def test_the_gpu_benchmark_runs_in_its_tiny_configuration(tmp_path):
    pytest.importorskip("diffusers", reason="the [image] extra (torch, diffusers) is not installed")
    r = subprocess.run([sys.executable, "bench/image_gpu.py", "--tiny", "--no-compile", "--batches", "1",
                        "--json", str(tmp_path / "rows.json")], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    rows = [line for line in r.stdout.splitlines() if line.startswith("| tiny")]
    assert len(rows) == 2 and not any("failed" in row for row in rows), r.stdout
    data = json.loads((tmp_path / "rows.json").read_text())
    assert [row["batch"] for row in data["rows"]] == [1, 1]
    assert all(row["images_per_s"] > 0 and row["gflop_per_image"] > 0 for row in data["rows"])
    assert "matmul" in r.stdout and data["matmul_tflops"] > 0

"""torch is imported only when a picture is generated: never by importing the server, never by a render without
pictures, never when no image model is configured, and at start-up only when preloading is asked for."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, ServerProcess, load_plan_dict
from tests.models.tiny_sd import tiny_sd_folder as _tiny_sd_folder

pytestmark = pytest.mark.slow  # each test starts a Python process that may import torch

HEAVY = ("torch", "diffusers", "transformers")

PROBE = r"""
import json, sys
from pathlib import Path
from server.app import create_app
from server.pipeline import RenderRequest
from server.service import RenderService
from server.settings import Settings

settings = Settings()
create_app(settings)
seen = {}
for i, plan in enumerate(json.loads(sys.argv[1])):
    out = Path(sys.argv[2]) / str(i)
    out.mkdir(parents=True)
    manifest = RenderService.local(settings, out).render(RenderRequest(plan=plan))
    seen[plan["modality"]] = [w.code for w in manifest.warnings]
print(json.dumps({"loaded": [m for m in ("torch", "diffusers", "transformers") if m in sys.modules],
                  "warnings": seen}))
"""


@pytest.fixture(scope="module")
def tiny_sd(tmp_path_factory):
    return _tiny_sd_folder(tmp_path_factory)


def _probe(plans: list[dict], tmp_path: Path, env: dict[str, str]) -> dict:
    r = subprocess.run([sys.executable, "-c", PROBE, json.dumps(plans), str(tmp_path / "out")], cwd=ROOT,
                       capture_output=True, text=True, timeout=300,
                       env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "ATELIER_DATA_DIR": str(tmp_path / "d"),
                            **env})
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def _picture_deck() -> dict:
    return {"modality": "slides", "title": "Harbours", "slides": [
        {"layout": "title", "title": "Harbours", "image": {"prompt": "a harbour at dawn", "alt": "A harbour"}},
        {"layout": "image", "title": "Boats", "image": {"prompt": "fishing boats", "alt": "Boats"}}]}


def test_the_check_is_meaningful_here():
    """torch is installed in this environment, so the tests below would see it if anything imported it."""
    assert all(importlib.util.find_spec(m) is not None for m in HEAVY)


def test_renders_without_pictures_never_import_torch_even_with_a_model_configured(tiny_sd, tmp_path):
    plans = [load_plan_dict(m) for m in ("whiteboard", "widget", "infographic", "slides")]
    result = _probe(plans, tmp_path, {"ATELIER_IMAGE_MODEL": str(tiny_sd)})
    assert result["loaded"] == []
    assert set(result["warnings"]) == {"whiteboard", "widget", "infographic", "slides"}


def test_without_a_model_pictures_are_drawn_offline_without_torch(tmp_path):
    result = _probe([_picture_deck(), load_plan_dict("image")], tmp_path, {})
    assert result["loaded"] == []
    assert result["warnings"]["slides"] == ["image_fallback", "image_fallback"]
    assert result["warnings"]["image"] == ["image_fallback"]


def test_a_picture_is_what_imports_torch(tiny_sd, tmp_path):
    """The other side of the tests above, so they cannot pass by accident."""
    result = _probe([load_plan_dict("whiteboard"), load_plan_dict("image")], tmp_path,
                    {"ATELIER_IMAGE_MODEL": str(tiny_sd), "ATELIER_IMAGE_STEPS": "1"})
    assert set(result["loaded"]) == set(HEAVY)
    assert result["warnings"]["image"] == []


def _maps_torch(pid: int) -> bool:
    """Whether the process has torch's shared library mapped, read from the kernel's view of its memory."""
    return "libtorch" in Path(f"/proc/{pid}/maps").read_text()


@pytest.fixture()
def needs_proc():
    if not Path("/proc/self/maps").exists():
        pytest.skip("needs Linux's /proc to look inside the server process")


def test_a_running_server_loads_torch_on_the_first_picture_only(tiny_sd, tmp_path, needs_proc):
    server = ServerProcess(tmp_path / "data", env={"ATELIER_IMAGE_MODEL": str(tiny_sd),
                                                   "ATELIER_IMAGE_STEPS": "1"}).start()
    try:
        with server.client(timeout=300) as client:
            for modality in ("whiteboard", "infographic"):
                assert client.post("/render", json={"plan": load_plan_dict(modality)}).status_code == 200
            assert not _maps_torch(server.proc.pid)
            r = client.post("/render", json={"plan": load_plan_dict("image")})
            assert r.status_code == 200 and r.json()["warnings"] == []
            assert _maps_torch(server.proc.pid)
    finally:
        server.stop()


def test_preloading_loads_the_model_at_start_up(tiny_sd, tmp_path, needs_proc):
    server = ServerProcess(tmp_path / "data", env={"ATELIER_IMAGE_MODEL": str(tiny_sd),
                                                   "ATELIER_IMAGE_PRELOAD": "1"}).start()
    try:
        deadline = time.monotonic() + 120  # a bound on waiting, not a speed assertion
        while not _maps_torch(server.proc.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _maps_torch(server.proc.pid), "the preloading server never loaded torch"
    finally:
        server.stop()

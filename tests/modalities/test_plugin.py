"""Adding a modality is adding a package: a small third-party modality (tests/fixtures/plugin/atelier_haiku),
registered only through the `atelier.modalities` entry point, renders through the CLI, the HTTP API and /config
with no change anywhere else."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from typing import Literal

import pytest
from fastapi.testclient import TestClient

from modalities import registry
from renderers.plan import PlanModel
from tests.conftest import FIXTURES, ROOT, ServerProcess

PLUGIN = FIXTURES / "plugin"
HAIKU = "an old silent pond / a frog jumps into the pond / splash, silence again"


@pytest.fixture()
def installed():
    """The plugin on the import path (as if pip-installed), the registry collected again; undone afterwards."""
    sys.path.insert(0, str(PLUGIN))
    try:
        yield registry.reload()
    finally:
        sys.path.remove(str(PLUGIN))
        sys.modules.pop("atelier_haiku", None)
        registry.reload()


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PLUGIN), os.environ.get("PYTHONPATH")]))}


def test_the_registry_finds_it_and_derives_everything(installed):
    assert "haiku" in installed and registry.names()[-1] == "haiku"  # its rank puts it last
    plan = registry.parse_plan({"modality": "haiku", "title": "Pond", "lines": ["a", "b", "c"]})
    assert type(plan).__name__ == "HaikuPlan"
    assert "haiku" in registry.plan_schema()["discriminator"]["mapping"]
    assert "txt" in registry.formats()
    from server.app import create_app

    client = TestClient(create_app())
    config = {m["name"]: m for m in client.get("/config").json()["modalities"]}
    assert config["haiku"]["labels"]["zh"]["name"] == "俳句" and config["haiku"]["steps"][0] == "layout"
    schema = client.get("/openapi.json").json()["components"]["schemas"]["RenderRequest"]
    assert "haiku" in schema["properties"]["modality"]["anyOf"][0]["enum"]


def test_without_it_nothing_knows_the_name():
    assert "haiku" not in registry.names()
    with pytest.raises(registry.UnknownModality, match="known modalities: slides"):
        registry.spec("haiku")


def test_a_plan_class_without_a_title_is_refused():
    class UntitledPlan(PlanModel):
        modality: Literal["untitled"] = "untitled"

    spec = dataclasses.replace(registry.spec("image"), name="untitled", plan=UntitledPlan)
    with pytest.raises(TypeError, match="UntitledPlan must have a title"):
        registry._as_spec(spec, "entry point 'untitled'")


@pytest.mark.slow
def test_the_cli_renders_it(tmp_path):
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "server.cli", "render", HAIKU, "-m", "haiku", "-o", str(out), "-q"],
                          cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "haiku:" in done.stdout and (out / "haiku.svg").is_file()
    assert (out / "haiku.txt").read_text(encoding="utf-8").splitlines()[1] == "a frog jumps into the pond"
    listed = subprocess.run([sys.executable, "-m", "server.cli", "schema", "--list"], cwd=ROOT, env=_env(),
                            capture_output=True, text=True, timeout=120)
    assert "haiku" in listed.stdout


@pytest.mark.slow
def test_the_server_renders_it_routes_to_it_and_lists_it(tmp_path):
    server = ServerProcess(tmp_path, env={"PYTHONPATH": _env()["PYTHONPATH"]}).start()
    try:
        with server.client() as c:
            assert "haiku" in [m["name"] for m in c.get("/config").json()["modalities"]]
            chosen = c.post("/render", json={"prompt": f"write a haiku: {HAIKU}"}).json()
            assert chosen["modality"] == "haiku" and chosen["planner"]["rationale"].endswith("('haiku')")
            text = c.post("/render?format=txt", json={"prompt": HAIKU, "modality": "haiku"})
            assert text.status_code == 200 and text.headers["content-type"].startswith("text/plain")
            assert text.text.startswith("an old silent pond")
            embed = c.get(f"/embed/{chosen['id']}")
            assert embed.status_code == 200 and "haiku.svg" in embed.text
    finally:
        server.stop()

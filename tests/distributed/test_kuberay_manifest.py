"""The KubeRay manifest in deploy/kuberay is one Ray Serve accepts: its serveConfigV2 passes Serve's own schema and
names an application builder that builds the image deployment with the settings it gives."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.parts import strict

pytestmark = [pytest.mark.distributed]

# In a process of its own: importing ray reads Ray's settings (token auth among them) once, and this test process
# must import it only after the cluster fixture has set them.
CHECK = """
import importlib, json, os, sys, yaml
from ray.serve.schema import ServeDeploySchema
documents = list(yaml.safe_load_all(open("deploy/kuberay/rayservice.yaml")))
service = next(d for d in documents if d["kind"] == "RayService")
[app] = ServeDeploySchema.model_validate(yaml.safe_load(service["spec"]["serveConfigV2"])).applications
os.environ.update(app.runtime_env["env_vars"])
module, _, builder = app.import_path.partition(":")
deployment = getattr(importlib.import_module(module), builder)({})._bound_deployment
config = deployment.init_args[0]
print(json.dumps({"app": app.name, "expected_app": importlib.import_module("server.cluster.images").APP_NAME,
                  "deployment": deployment.name, "model": config.model, "max_batch": config.max_batch,
                  "env": app.runtime_env["env_vars"]}))
"""


def test_the_rayservice_serve_config_is_valid_and_builds_the_image_app():
    if importlib.util.find_spec("ray") is None:
        if strict():
            pytest.fail("the [distributed] extra is not installed; CI runs every test")
        pytest.skip("the [distributed] extra is not installed (no ray)")
    done = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "RAY_USAGE_STATS_ENABLED": "0"})
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["app"] == found["expected_app"]
    assert found["deployment"] == "ImageModel"
    assert found["model"] == found["env"]["ATELIER_IMAGE_MODEL"]
    assert found["max_batch"] == int(found["env"]["ATELIER_IMAGE_MAX_BATCH"])

"""The KubeRay manifest in deploy/kuberay is one Ray Serve accepts: its serveConfigV2 passes Serve's own schema and
names an application builder that builds the image deployment."""

from __future__ import annotations

import importlib
import importlib.util

import pytest
import yaml

from tests.conftest import ROOT
from tests.parts import strict

pytestmark = [pytest.mark.distributed]


def test_the_rayservice_serve_config_is_valid_and_builds_the_image_app(monkeypatch):
    if importlib.util.find_spec("ray") is None:
        if strict():
            pytest.fail("the [distributed] extra is not installed; CI runs every test")
        pytest.skip("the [distributed] extra is not installed (no ray)")
    from ray.serve.schema import ServeDeploySchema

    documents = list(yaml.safe_load_all((ROOT / "deploy/kuberay/rayservice.yaml").read_text()))
    service = next(d for d in documents if d["kind"] == "RayService")
    config = ServeDeploySchema.model_validate(yaml.safe_load(service["spec"]["serveConfigV2"]))
    [app] = config.applications
    assert app.name == importlib.import_module("server.cluster.images").APP_NAME

    module, _, builder = app.import_path.partition(":")
    for name, value in app.runtime_env["env_vars"].items():
        monkeypatch.setenv(name, value)
    built = getattr(importlib.import_module(module), builder)({})
    deployment = built._bound_deployment
    assert deployment.name == "ImageModel"
    assert deployment.init_args[0].model == app.runtime_env["env_vars"]["ATELIER_IMAGE_MODEL"]
    assert deployment.init_args[0].max_batch == int(app.runtime_env["env_vars"]["ATELIER_IMAGE_MAX_BATCH"])

"""Without any cluster setting, Atelier is the single-machine server it always was: nothing imports ray, psycopg or
boto3 (they need not even be installed); a half-configured cluster says what is missing."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pydantic import ValidationError

from server.settings import Settings
from tests.conftest import ROOT

CHECK = """
import sys
from fastapi.testclient import TestClient
from server.app import create_app
from server.settings import Settings
with TestClient(create_app(Settings(data_dir=sys.argv[1], chromium=None, render_workers=1))) as client:
    assert client.get("/healthz").status_code == 200
    assert client.get("/boards").status_code == 200
loaded = sorted(m for m in ("ray", "psycopg", "boto3", "botocore", "server.cluster") if m in sys.modules)
print(",".join(loaded) or "none")
"""


def test_the_single_machine_server_imports_no_cluster_library(tmp_path):
    done = subprocess.run([sys.executable, "-c", CHECK, str(tmp_path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "none"


def test_no_cluster_setting_means_no_cluster():
    assert not Settings().cluster_configured


@pytest.mark.parametrize("name, value, message", [
    ("files_url", "https://bucket.example/renders", "s3://bucket/prefix"),
    ("database_url", "mysql://db/atelier", "postgresql://"),
    ("executor", "celery", "'local' or 'ray'"),
])
def test_a_wrong_cluster_setting_is_refused_with_what_it_should_look_like(name, value, message):
    with pytest.raises(ValidationError, match=message):
        Settings(**{name: value})


def test_s3_files_without_a_database_say_what_is_missing(tmp_path):
    from server.cluster import ClusterConfigError, open_cluster

    with pytest.raises(ClusterConfigError, match="ATELIER_DATABASE_URL"):
        open_cluster(Settings(data_dir=tmp_path, files_url="s3://bucket/renders"))


def test_atelier_worker_without_a_cluster_to_join_says_how_to_name_one():
    done = subprocess.run([sys.executable, "-m", "server.cli", "worker"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, env={"PATH": "/usr/bin:/bin", "HOME": "/tmp"})
    assert done.returncode == 2
    assert done.stderr.strip() == "atelier: error: no cluster to join: give --address HEAD:6379 or set " \
                                  "ATELIER_RAY_ADDRESS"

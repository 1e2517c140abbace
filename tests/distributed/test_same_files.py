"""Every renderer, run as a Ray task and stored in Postgres and S3, gives the same files as on one machine."""

from __future__ import annotations

import time
import zipfile

import pytest

from modalities import registry
from server.browser import WarmBrowser, find_chromium
from server.pipeline import RenderRequest
from server.service import RenderService
from server.settings import Settings
from tests.conftest import load_plan_dict

pytestmark = [pytest.mark.distributed, pytest.mark.slow]


def _content(path):
    """A file's bytes; for a ZIP package (PPTX) the bytes of each member, since a ZIP records when it was written;
    for a video its encoded packets, since a WebM container carries a random segment id."""
    if path.suffix in (".webm", ".mp4"):
        import av

        with av.open(str(path)) as video:
            return [bytes(packet) for packet in video.demux() if packet.size]
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as package:
            return {info.filename: package.read(info) for info in package.infolist()}
    return path.read_bytes()


def _settled(store, render_id: str):
    """The stored manifest once its pending files (a widget's preview) are made."""
    deadline = time.monotonic() + 60
    while True:
        manifest = store.get(render_id)
        if not manifest.pending or time.monotonic() > deadline:
            return manifest
        time.sleep(0.2)


@pytest.mark.parametrize("modality", registry.names())
def test_cluster_render_gives_the_same_files_as_a_local_one(modality, cluster, services, tmp_path):
    request = RenderRequest(plan=load_plan_dict(modality), pdf=False)
    local_folder = tmp_path / "local"
    local = RenderService.local(Settings(data_dir=tmp_path / "data", chromium=None), local_folder,
                                browser=WarmBrowser(find_chromium()))
    local_events: list[tuple[str, dict]] = []
    try:
        expected = local.render(request, progress=lambda e, d: local_events.append((e, d)))
    finally:
        local.close()

    events: list[tuple[str, dict]] = []
    answered = cluster.service.render(request, progress=lambda e, d: events.append((e, d)))
    stored = _settled(cluster.store, answered.id)

    assert [(f.name, f.role, f.media_type, f.bytes) for f in stored.files] == \
        [(f.name, f.role, f.media_type, f.bytes) for f in expected.files]
    assert stored.warnings == expected.warnings
    # Progress came from the task on its node through Postgres: the same steps and files as in this process
    # (but for files made after the answer, which a server makes in the background without a stream to tell).
    def steps(seen):
        return [(e, d) for e, d in seen if e == "render" or (e == "file" and d["name"] not in answered.pending)]

    assert steps(events) == steps(local_events)
    assert events[0] == ("job", {"id": stored.id, "status": "queued"})
    for name in [f.name for f in expected.files] + ["plan.json"]:
        fetched = cluster.store.file_path(stored.id, name)
        assert fetched is not None, f"{name} is not in the bucket"
        assert _content(fetched) == _content(local_folder / name), f"{name} differs"


def test_ray_alone_renders_into_the_local_store(services, cluster, tmp_path):
    """ATELIER_EXECUTOR=ray without a database: the task's files come back to this machine's store, and its
    progress is relayed when it ends."""
    from server.cluster import open_cluster

    request = RenderRequest(plan=load_plan_dict("whiteboard"))
    parts = open_cluster(services.settings(data_dir=tmp_path / "data", database_url=None, files_url=None))
    events: list[tuple[str, dict]] = []
    try:
        manifest = parts.service.render(request, progress=lambda e, d: events.append((e, d)))
    finally:
        parts.close()
    local = RenderService.local(Settings(data_dir=tmp_path / "local-data", chromium=None), tmp_path / "local")
    try:
        expected = local.render(request)
    finally:
        local.close()
    assert type(parts.store).__name__ == "Store"
    for f in expected.files:
        assert _content(tmp_path / "data" / "renders" / manifest.id / f.name) == _content(tmp_path / "local" / f.name)
    # The answer tells the files it holds; the ones it names pending (the board's PNG) are told on the render's page
    assert [d["name"] for e, d in events if e == "file"] == [f.name for f in manifest.files]
    assert [f.name for f in manifest.files] + manifest.pending == [f.name for f in expected.files]


def test_a_presigned_link_downloads_the_file_from_the_bucket(cluster):
    import httpx

    from server.files import stored_file_redirect

    manifest = cluster.service.render(RenderRequest(plan=load_plan_dict("infographic")))
    primary = manifest.primary()
    cluster.store.presign_s = 60
    try:
        redirect = stored_file_redirect(cluster.store, manifest.id, primary.name)
    finally:
        cluster.store.presign_s = 0
    assert redirect is not None and redirect.status_code == 307
    downloaded = httpx.get(redirect.headers["location"], timeout=30)
    assert downloaded.status_code == 200
    assert downloaded.content == cluster.store.file_path(manifest.id, primary.name).read_bytes()
    assert downloaded.headers["content-type"] == primary.media_type

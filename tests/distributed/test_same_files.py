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
    try:
        expected = local.render(request)
    finally:
        local.close()

    stored = _settled(cluster.store, cluster.service.render(request).id)

    assert [(f.name, f.role, f.media_type, f.bytes) for f in stored.files] == \
        [(f.name, f.role, f.media_type, f.bytes) for f in expected.files]
    assert stored.warnings == expected.warnings
    for name in [f.name for f in expected.files] + ["plan.json"]:
        fetched = cluster.store.file_path(stored.id, name)
        assert fetched is not None, f"{name} is not in the bucket"
        assert _content(fetched) == _content(local_folder / name), f"{name} differs"

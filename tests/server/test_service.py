"""The render service every door calls, in this process (the fast tier): a request becomes a stored render with
its manifest, pending files join it afterwards, a full gate refuses, and bad input is the requester's error."""

from __future__ import annotations

import json
import threading
from functools import partial
from pathlib import Path

import pytest

from renderers.base import PendingFile
from server.errors import UserError
from server.executors import InlineExecutor
from server.gate import Busy, RenderGate
from server.pipeline import Job, Outcome, RenderRequest, run_job
from server.service import RenderService
from server.settings import Settings
from server.store import OutputFolder, Store
from tests.conftest import load_plan_dict


def test_a_local_render_writes_its_files_plan_and_manifest(tmp_path):
    manifest = RenderService.local(Settings(data_dir=tmp_path / "d"), tmp_path / "out").render(
        RenderRequest(plan=load_plan_dict("whiteboard")))
    on_disk = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert on_disk["id"] == manifest.id and on_disk["modality"] == "whiteboard"
    assert [f["url"] for f in on_disk["files"]] == [f["name"] for f in on_disk["files"]]  # relative: no server
    assert (tmp_path / "out" / "plan.json").is_file() and manifest.embed is None


def test_bad_input_is_the_requesters_error(tmp_path):
    service = RenderService.local(Settings(data_dir=tmp_path / "d"), tmp_path / "out")
    with pytest.raises(UserError, match="known modalities: slides"):
        service.render(RenderRequest(prompt="x", modality="poster"))
    with pytest.raises(UserError, match="'prompt' is required"):
        service.render(RenderRequest())


def _slow_extra(folder: Path, browser, *, text: str) -> dict:
    (folder / "notes.txt").write_text(text, encoding="utf-8")
    return {"notes_made": True}


class _WithExtra:
    """An executor whose jobs end with one pending file, to see the service make it after storing the render."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def run(self, job: Job, progress, cancel, started=lambda: None) -> Outcome:
        started()
        outcome = run_job(job, self.settings, progress, cancel)
        outcome.pending.append(PendingFile("notes.txt", "source", partial(_slow_extra, text="made later")))
        outcome.manifest.pending.append("notes.txt")
        return outcome

    def close(self) -> None:
        return None


def test_pending_files_join_the_stored_render(tmp_path):
    settings = Settings(data_dir=tmp_path / "d")
    store = Store(settings.data_dir)
    service = RenderService(settings, store, _WithExtra(settings))
    manifest = service.render(RenderRequest(plan=load_plan_dict("whiteboard")), public_url="http://127.0.0.1:1")
    stored = store.get(manifest.id)
    assert stored.pending == [] and "notes.txt" in [f.name for f in stored.files]
    assert stored.details["notes_made"] is True and stored.embed is not None
    assert store.file_path(manifest.id, "notes.txt").read_text(encoding="utf-8") == "made later"


def test_a_full_gate_refuses_at_once_and_frees_its_places(tmp_path):
    settings = Settings(data_dir=tmp_path / "d")
    release = threading.Event()

    class _Held(InlineExecutor):
        def run(self, job, progress, cancel, started=lambda: None):
            release.wait(10)
            return super().run(job, progress, cancel, started)

    service = RenderService(settings, OutputFolder(tmp_path / "o"), _Held(settings), gate=RenderGate(1, 0))
    first = service.submit(RenderRequest(plan=load_plan_dict("whiteboard")))
    with pytest.raises(Busy) as busy:
        service.submit(RenderRequest(plan=load_plan_dict("whiteboard")))
    assert busy.value.retry_after >= 1
    release.set()
    assert first.future.result(timeout=30).modality == "whiteboard" and first.started.is_set()
    service.submit(RenderRequest(plan=load_plan_dict("whiteboard"))).future.result(timeout=30)
    service.close()

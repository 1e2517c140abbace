"""The store: atomic publication, crash leftovers removed on open, ids validated."""

from __future__ import annotations

from server.manifest import Manifest
from server.store import Store


def _manifest(render_id: str) -> Manifest:
    return Manifest.model_validate({
        "id": render_id, "created": "2026-01-01T00:00:00.000Z", "modality": "image", "title": "t", "theme": "light",
        "schema_version": "1.0", "planner": {"name": "given", "rationale": "r", "alternatives": []},
        "files": [{"name": "image.png", "media_type": "image/png", "role": "primary", "bytes": 3, "url": "u"}],
        "warnings": [], "timings_ms": {"plan": 0, "render": 0, "total": 0},
    })


def test_commit_publishes_and_reopen_cleans_partial_work(tmp_path):
    store = Store(tmp_path)
    rid, work = store.workdir()
    (work / "image.png").write_bytes(b"png")
    assert store.get(rid) is None  # not listed before commit
    store.commit(rid, work, _manifest(rid))
    assert store.get(rid).id == rid and store.file_path(rid, "image.png").read_bytes() == b"png"

    # a crash mid-render leaves a work folder; a crash after the move but before the index row leaves a folder
    _, orphan_work = store.workdir()
    (orphan_work / "half.png").write_bytes(b"x")
    (tmp_path / "renders" / "zzzzzzzzzzzzzzzz").mkdir()
    reopened = Store(tmp_path)
    assert list((tmp_path / "tmp").iterdir()) == []
    assert not (tmp_path / "renders" / "zzzzzzzzzzzzzzzz").exists()
    assert reopened.get(rid).id == rid


def test_ids_and_names_outside_the_manifest_are_refused(tmp_path):
    store = Store(tmp_path)
    rid, work = store.workdir()
    (work / "image.png").write_bytes(b"png")
    store.commit(rid, work, _manifest(rid))
    assert store.get("../../etc") is None
    assert store.file_path(rid, "../index.sqlite3") is None
    assert store.file_path(rid, "other.png") is None
    assert store.file_path(rid, "plan.json") is None  # listed name, but this render wrote none


def test_extras_pending_at_a_restart_are_given_up_with_a_warning(tmp_path):
    store = Store(tmp_path)
    rid, work = store.workdir()
    (work / "image.png").write_bytes(b"png")
    manifest = _manifest(rid)
    manifest.pending = ["preview.png"]
    store.commit(rid, work, manifest)
    reopened = Store(tmp_path)
    after = reopened.get(rid)
    assert after.pending == []
    assert [(w.code, w.where) for w in after.warnings] == [("preview_skipped", "preview.png")]
    assert '"pending": []' in (tmp_path / "renders" / rid / "manifest.json").read_text()

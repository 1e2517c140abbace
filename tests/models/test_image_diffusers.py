"""The diffusers backend on a real (tiny, randomly initialised) Stable Diffusion pipeline that the tests build and
save: real loading with AutoPipelineForText2Image, real sampling, through the backend, the render pipeline, the
CLI and a real server. Nothing is downloaded."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from models.images import ImageConfig
from models.images import diffusers_backend as backend_module
from models.images.diffusers_backend import DiffusersImageBackend
from server.pipeline import RenderRequest
from server.settings import Settings
from tests.conftest import ROOT, ServerProcess, render_request, render_worker_pids
from tests.models.tiny_sd import tiny_sd_folder as _tiny_sd_folder

pytestmark = pytest.mark.slow  # builds and samples a diffusion pipeline

np = pytest.importorskip("numpy", reason="the [image] extra (torch, diffusers, numpy) is not installed")

STEPS = "2"  # the tiny model's pictures are noise at any step count; two keep the tests fast


@pytest.fixture(scope="module")
def tiny_sd(tmp_path_factory):
    return _tiny_sd_folder(tmp_path_factory)


def _pixels(png: bytes) -> np.ndarray:
    with Image.open(io.BytesIO(png)) as im:
        return np.asarray(im.convert("RGB")).astype(int)


def _backend(folder, **kw) -> DiffusersImageBackend:
    return DiffusersImageBackend(ImageConfig(model=str(folder), steps=2, **kw))


# -- the backend on its own ---------------------------------------------------------------------------------------


def test_pictures_come_from_the_model_at_the_requested_size_and_are_reproducible(tiny_sd):
    backend = _backend(tiny_sd)
    a = backend.generate("a lighthouse at dawn", width=300, height=200, seed=3)
    assert not a.fallback and a.model == "tiny-sd" and a.seed == 3
    assert _pixels(a.png).shape == (200, 300, 3)
    assert a.details["backend"] == "diffusers" and a.details["device"] == "cpu" and a.details["dtype"] == "float32"
    w, h = a.details["sampled_size"]
    assert w % 8 == 0 and h % 8 == 0 and w > h  # on the model's grid, in the requested landscape aspect
    assert backend.generate("a lighthouse at dawn", width=300, height=200, seed=3).png == a.png
    assert np.abs(_pixels(backend.generate("a lighthouse at dawn", width=300, height=200, seed=4).png)
                  - _pixels(a.png)).mean() > 1
    backend.close()


def test_variations_are_sampled_in_one_batch_and_match_single_pictures(tiny_sd):
    backend = _backend(tiny_sd)
    many = backend.generate_many("tea ceremony", count=3, width=128, height=128, seed=40)
    assert [m.seed for m in many] == [40, 41, 42]
    assert {m.details["batch_size"] for m in many} == {3}
    alone = backend.generate("tea ceremony", width=128, height=128, seed=41)
    assert alone.details["batch_size"] == 1
    # A picture's seed fixes it whether it was made alone or in a batch (each has its own generator).
    assert np.abs(_pixels(many[1].png) - _pixels(alone.png)).max() <= 2
    backend.close()


def test_concurrent_requests_from_many_threads_are_batched_onto_the_device(tiny_sd):
    backend = _backend(tiny_sd, max_batch=16, batch_window_ms=250)
    backend.load()
    barrier = threading.Barrier(6)

    def one(i):
        barrier.wait()
        return backend.generate(f"picture {i}", width=96, height=96, seed=i)

    with ThreadPoolExecutor(6) as pool:
        images = list(pool.map(one, range(6)))
    assert all(not im.fallback for im in images)
    assert max(im.details["batch_size"] for im in images) > 1
    assert backend._queue.batches_run < 6
    backend.close()


def test_a_batch_out_of_device_memory_is_retried_in_halves(tiny_sd, monkeypatch):
    torch = pytest.importorskip("torch")
    backend = _backend(tiny_sd)
    loaded = backend.load()
    real_pipe = loaded.pipe
    sizes = []

    class SmallMemoryPipe:
        """The real pipeline behind a device that holds at most two pictures at once."""

        def __call__(self, **kwargs):
            sizes.append(len(kwargs["prompt"]))
            if len(kwargs["prompt"]) > 2:
                raise torch.OutOfMemoryError("CUDA out of memory (simulated)")
            return real_pipe(**kwargs)

    monkeypatch.setattr(loaded, "pipe", SmallMemoryPipe())
    monkeypatch.setattr(torch.cuda, "empty_cache", lambda: None)
    images = backend.generate_many("harbour", count=4, width=64, height=64, seed=1)
    assert sizes == [4, 2, 2]
    assert all(not im.fallback for im in images) and len({im.png for im in images}) == 4
    backend.close()


# -- broken configurations: the offline fallback, with the reason -----------------------------------------------


def test_a_missing_folder_falls_back_with_a_warning_naming_it(tmp_path):
    backend = _backend(tmp_path / "no-such-model")
    image = backend.generate("a lighthouse", width=200, height=100, seed=1)
    assert image.fallback and image.model == "offline-illustration"
    assert "no-such-model" in image.note and "does not exist" in image.note
    assert _pixels(image.png).shape == (100, 200, 3)


def test_an_incomplete_download_falls_back_and_recovers_once_fixed(tiny_sd, tmp_path, monkeypatch):
    broken = tmp_path / "half-downloaded"
    shutil.copytree(tiny_sd, broken)
    (broken / "unet" / "diffusion_pytorch_model.safetensors").unlink()
    backend = _backend(broken)
    first = backend.generate("a lighthouse", width=64, height=64, seed=1)
    assert first.fallback and "'unet/'" in first.note and "has no weights" in first.note
    shutil.copy(tiny_sd / "unet" / "diffusion_pytorch_model.safetensors", broken / "unet")
    assert backend.generate("a lighthouse", width=64, height=64, seed=1).fallback  # not retried at once
    monkeypatch.setattr(backend_module, "RETRY_LOAD_S", 0.0)
    assert not backend.generate("a lighthouse", width=64, height=64, seed=1).fallback  # no restart needed
    backend.close()


def test_corrupt_weights_fall_back_with_the_loader_error_in_one_line(tiny_sd, tmp_path):
    broken = tmp_path / "corrupt"
    shutil.copytree(tiny_sd, broken)
    (broken / "vae" / "diffusion_pytorch_model.safetensors").write_bytes(b"\x00" * 64)
    image = _backend(broken).generate("a lighthouse", width=64, height=64, seed=1)
    assert image.fallback and "could not be loaded" in image.note and "\n" not in image.note


@pytest.mark.parametrize(("setting", "message"), [
    ({"device": "cuda"}, "sees no CUDA GPU"),
    ({"dtype": "float16", "device": "cpu"}, "float16 does not run on the CPU"),
])
def test_an_impossible_device_or_precision_is_explained(tiny_sd, setting, message):
    image = _backend(tiny_sd, **setting).generate("x", width=64, height=64)
    assert image.fallback and message in image.note


# -- through the render pipeline, the CLI and a real server ------------------------------------------------------


def _settings(tmp_path, model, **kw) -> Settings:
    return Settings(data_dir=tmp_path / "data", image_model=str(model), image_steps=2, **kw)


def _deck(pictures: int) -> dict:
    slides = [{"layout": "title", "title": "Harbours", "subtitle": "A tour",
               "image": {"prompt": "a harbour at dawn", "alt": "A harbour"}}]
    slides += [{"layout": "image", "title": f"Harbour {i}", "image": {"prompt": f"harbour number {i}", "alt": "x"}}
               for i in range(2, pictures + 1)]
    return {"modality": "slides", "title": "Harbours", "slides": slides}


def test_deck_pictures_come_from_the_model_and_the_render_bound_holds(tiny_sd, tmp_path):
    out = tmp_path / "deck"
    out.mkdir()
    manifest = render_request(RenderRequest(plan=_deck(3)), out, _settings(tmp_path, tiny_sd))
    assert not [w for w in manifest.warnings if w.code == "image_fallback"]
    pictures = [s for slide in Presentation(str(out / "deck.pptx")).slides for s in slide.shapes
                if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 3

    out2 = tmp_path / "deck-bounded"
    out2.mkdir()
    bounded = render_request(RenderRequest(plan=_deck(3)), out2, _settings(tmp_path, tiny_sd, image_max_per_render=2))
    fallbacks = [w for w in bounded.warnings if w.code == "image_fallback"]
    assert len(fallbacks) == 1 and "more than 2 pictures" in fallbacks[0].detail


def test_infographic_hero_comes_from_the_model(tiny_sd, tmp_path):
    plan = json.loads((ROOT / "tests" / "fixtures" / "plans" / "infographic.json").read_text(encoding="utf-8"))
    plan["hero_image"] = {"prompt": "a glass of water", "alt": "A glass of water"}
    out = tmp_path / "info"
    out.mkdir()
    manifest = render_request(RenderRequest(plan=plan), out, _settings(tmp_path, tiny_sd))
    assert not [w for w in manifest.warnings if w.code == "image_fallback"]
    assert "data:image/png;base64," in (out / "infographic.svg").read_text(encoding="utf-8")


def test_the_cli_renders_with_the_model_and_reports_a_broken_one(tiny_sd, tmp_path):
    def atelier(model, out):
        env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "ATELIER_DATA_DIR": str(tmp_path / "data"),
               "ATELIER_IMAGE_MODEL": str(model), "ATELIER_IMAGE_STEPS": STEPS}
        return subprocess.run([sys.executable, "-m", "server.cli", "render", "a lighthouse at dawn", "-m", "image",
                               "-o", str(out), "-q"], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)

    ok = atelier(tiny_sd, tmp_path / "ok")
    assert ok.returncode == 0, ok.stderr
    assert "warning" not in ok.stdout and ok.stderr == ""
    details = json.loads((tmp_path / "ok" / "manifest.json").read_text())["details"]
    assert details["model"] == "tiny-sd" and details["generation"]["backend"] == "diffusers"

    broken = atelier(tmp_path / "missing-model", tmp_path / "broken")
    assert broken.returncode == 0, broken.stderr
    assert "warning [image_fallback] image:" in broken.stdout and "missing-model' does not exist" in broken.stdout
    assert "Traceback" not in broken.stderr


@pytest.fixture(scope="module")
def image_server(tiny_sd, tmp_path_factory):
    proc = ServerProcess(tmp_path_factory.mktemp("image-server"),
                         env={"ATELIER_IMAGE_MODEL": str(tiny_sd), "ATELIER_IMAGE_STEPS": STEPS}).start()
    yield proc
    proc.stop()


def _render_image(client, seed: int, width=320, height=256):
    plan = {"modality": "image", "title": "Lighthouse", "prompt": "a lighthouse at dawn", "alt": "A lighthouse",
            "width": width, "height": height, "seed": seed, "style": "watercolour"}
    r = client.post("/render", json={"plan": plan})
    assert r.status_code == 200, r.text
    manifest = r.json()
    png = client.get(f"/render/{manifest['id']}/image.png")
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    return manifest, png.content


def test_the_server_generates_images_with_the_model(image_server):
    with image_server.client(timeout=300) as client:
        manifest, png = _render_image(client, seed=5)
        assert manifest["warnings"] == []
        details = manifest["details"]
        assert (details["seed"], details["model"], details["prompt"]) == (5, "tiny-sd", "a lighthouse at dawn")
        assert details["size"] == [320, 256] and details["generation"]["steps"] == 2
        assert _pixels(png).shape == (256, 320, 3)
        assert [f["name"] for f in manifest["files"]] == ["image.png", "image.webp"]
        _, same = _render_image(client, seed=5)
        _, other = _render_image(client, seed=6)
        assert same == png and other != png
        too_big = client.post("/render", json={"plan": {"modality": "image", "title": "x", "prompt": "x", "alt": "x",
                                                          "width": 4096}})
        assert too_big.status_code == 422 and "width" in too_big.json()["detail"]


def _has_torch(pid: int) -> bool:
    return "libtorch" in Path(f"/proc/{pid}/maps").read_text()


def test_one_process_holds_the_model_and_draws_every_workers_pictures(image_server):
    """Renders run in worker processes; their pictures are drawn by the server process, where the model lives."""
    with image_server.client(timeout=300) as client:
        manifest, _ = _render_image(client, seed=9)
        assert manifest["details"]["generation"]["backend"] == "diffusers"
        deck = client.post("/render", json={"pdf": False, "plan": _deck(3)})  # three pictures asked for at once
        assert deck.status_code == 200, deck.text
        assert not [w for w in deck.json()["warnings"] if w["code"] == "image_fallback"]
        pptx = client.get(f"/render/{deck.json()['id']}/deck.pptx").content
        pictures = [s for slide in Presentation(io.BytesIO(pptx)).slides for s in slide.shapes
                    if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 3
    workers = render_worker_pids(image_server.proc.pid)
    assert workers and _has_torch(image_server.proc.pid)
    assert not any(_has_torch(pid) for pid in workers), "a render worker loaded torch"

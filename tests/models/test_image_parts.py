"""The image backend's parts that need no model: sizes, families, model-folder checks, the per-render bound and
the offline fallback."""

from __future__ import annotations

import io
import json
import re

import pytest
from PIL import Image

from models.images.budget import RenderImages
from models.images.fallback import FallbackImageBackend, illustration_svg
from models.images.families import UNKNOWN, family_for
from models.images.folder import ImageModelError, inspect_folder, resolve
from models.images.scenes import read
from models.images.sizes import MAX_COUNT, MAX_SIDE, MIN_SIDE, Size, clamp_size, fit, sample_size
from renderers.icons import icon_svg


def _png_size(png: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(png)) as im:
        return im.size


# -- sizes --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("want", "native", "multiple"), [
    (Size(1920, 1080), 512, 64), (Size(720, 1280), 1024, 16), (Size(300, 300), 512, 64), (Size(2048, 256), 512, 64),
    (Size(1000, 700), 64, 8),
])
def test_sample_size_is_on_the_grid_near_the_native_area_and_keeps_the_aspect(want, native, multiple):
    got = sample_size(want, native, multiple)
    assert got.width % multiple == 0 and got.height % multiple == 0
    assert 0.7 < (got.width * got.height) / native**2 < 1.35
    want_aspect = min(3.0, max(1 / 3, want.width / want.height))
    assert abs(got.width / got.height - want_aspect) / want_aspect < 0.25


def test_similar_shapes_share_a_sampled_size_so_they_can_share_a_batch():
    assert sample_size(Size(1280, 720), 512, 64) == sample_size(Size(1200, 700), 512, 64)
    assert sample_size(Size(720, 1280), 512, 64) != sample_size(Size(1280, 720), 512, 64)
    assert sample_size(Size(500, 500), 512, 64) == Size(512, 512)


def test_requests_are_clamped_to_documented_bounds():
    assert clamp_size(10_000, 5) == Size(MAX_SIDE, MIN_SIDE)
    assert clamp_size(640, 480) == Size(640, 480)


def test_fit_crops_the_centre_instead_of_stretching():
    """A 200x100 picture with a green 100x100 centre and red sides, fitted to a square, is all green: stretching
    would have squeezed the red sides in."""
    src = Image.new("RGB", (200, 100), "red")
    src.paste(Image.new("RGB", (100, 100), (0, 200, 0)), (50, 0))
    out = fit(src, Size(64, 64))
    assert out.size == (64, 64)
    r, g, b = out.getpixel((1, 32))
    assert g > 150 and r < 60


# -- families and folders -------------------------------------------------------------------------------------------


def test_few_step_families_get_few_steps_and_no_guidance():
    turbo = family_for("StableDiffusionPipeline", "stabilityai/sd-turbo")
    assert (turbo.steps, turbo.guidance, turbo.native_side) == (1, 0.0, 512)
    schnell = family_for("FluxPipeline", "black-forest-labs/FLUX.1-schnell")
    assert schnell.steps == 4 and schnell.guidance == 0.0 and schnell.multiple == 16
    assert family_for("StableDiffusionXLPipeline", "sdxl-turbo").name == "sdxl-turbo"
    base = family_for("StableDiffusionPipeline", "runwayml/stable-diffusion-v1-5")
    assert base.steps >= 20 and base.guidance > 1 and base.takes_negative
    assert family_for("SomeNewPipeline", "x") is UNKNOWN


def _write_folder(root, components: dict[str, dict[str, str]], index_extra=None):
    index = {"_class_name": "StableDiffusionPipeline", "_diffusers_version": "0.42.1", **(index_extra or {})}
    for name, files in components.items():
        (root / name).mkdir(parents=True)
        for fname, content in files.items():
            (root / name / fname).write_text(content)
    index.update({"unet": ["diffusers", "UNet2DConditionModel"], "vae": ["diffusers", "AutoencoderKL"],
                  "scheduler": ["diffusers", "EulerDiscreteScheduler"], "tokenizer": ["transformers", "CLIPTokenizer"],
                  "safety_checker": [None, None]})
    (root / "model_index.json").write_text(json.dumps(index))
    return root


SD_UNET = json.dumps({"sample_size": 64, "down_block_types": ["CrossAttnDownBlock2D"] * 3 + ["DownBlock2D"]})
SD_VAE = json.dumps({"block_out_channels": [128, 256, 512, 512]})


def test_geometry_is_read_from_the_configs(tmp_path):
    folder = _write_folder(tmp_path / "sd-turbo", {
        "unet": {"config.json": SD_UNET, "diffusion_pytorch_model.safetensors": "w"},
        "vae": {"config.json": SD_VAE, "diffusion_pytorch_model.safetensors": "w"},
        "scheduler": {"scheduler_config.json": "{}"}, "tokenizer": {"vocab.json": "{}"},
    })
    info = inspect_folder(folder, "sd-turbo")
    assert (info.pipeline_class, info.family.name, info.native_side, info.multiple) == \
        ("StableDiffusionPipeline", "sd-turbo", 512, 64)


@pytest.mark.parametrize(("broken", "message"), [
    ("no-index", "has no model_index.json"),
    ("no-unet-folder", "has no 'unet/' folder"),
    ("no-weights", "'unet/' in the image model folder"),
    ("no-tokenizer-files", "'tokenizer/'"),
    ("bad-json", "not readable JSON"),
])
def test_an_incomplete_folder_is_named_precisely(tmp_path, broken, message):
    comps = {
        "unet": {"config.json": SD_UNET, "diffusion_pytorch_model.safetensors": "w"},
        "vae": {"config.json": SD_VAE, "diffusion_pytorch_model.safetensors": "w"},
        "scheduler": {"scheduler_config.json": "{}"}, "tokenizer": {"vocab.json": "{}"},
    }
    if broken == "no-unet-folder":
        del comps["unet"]
    if broken == "no-weights":
        del comps["unet"]["diffusion_pytorch_model.safetensors"]
    if broken == "no-tokenizer-files":
        comps["tokenizer"] = {"README.md": "x"}
    folder = _write_folder(tmp_path / "m", comps)
    if broken == "no-index":
        (folder / "model_index.json").unlink()
    if broken == "bad-json":
        (folder / "model_index.json").write_text("{not json")
    with pytest.raises(ImageModelError, match=message.replace("(", r"\(")):
        inspect_folder(folder, "m")


def test_a_missing_folder_and_an_uncached_hub_id_say_what_to_do(tmp_path, monkeypatch):
    with pytest.raises(ImageModelError, match="does not exist"):
        resolve(str(tmp_path / "nowhere"), allow_download=False)
    pytest.importorskip("huggingface_hub")
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hf-cache"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ImageModelError, match="neither a folder here nor a hub id in the local Hugging Face cache"
                                              ".*ATELIER_IMAGE_ALLOW_DOWNLOAD"):
        resolve("atelier-tests/no-such-model", allow_download=False)


# -- the offline fallback and the per-render bound ------------------------------------------------------------------


def test_fallback_is_exact_size_reproducible_and_varies_with_the_seed():
    backend = FallbackImageBackend()
    a = backend.generate("a lighthouse at dawn", width=300, height=200, seed=1)
    assert _png_size(a.png) == (300, 200) and a.fallback and "ATELIER_IMAGE_MODEL" in a.note
    assert backend.generate("a lighthouse at dawn", width=300, height=200, seed=1).png == a.png
    assert backend.generate("a lighthouse at dawn", width=300, height=200, seed=2).png != a.png
    assert _png_size(backend.generate("x", width=9000, height=10).png) == (MAX_SIDE, MIN_SIDE)
    many = backend.generate_many("tea", count=99, width=64, height=64, seed=10)
    assert [m.seed for m in many] == list(range(10, 10 + MAX_COUNT))
    assert len({m.png for m in many}) == MAX_COUNT


@pytest.mark.parametrize(("prompt", "subject", "setting", "mood"), [
    ("a lighthouse by the sea at dusk", "lighthouse", "sea", "dusk"),
    ("海邊的燈塔", "lighthouse", "sea", "day"),
    ("night-market bubble tea", "cup-soda", "market", "night"),  # the tea, not a moon for "night"
    ("夜市珍珠奶茶", "cup-soda", "market", "night"),
    ("a cup of coffee on a desk", "coffee", "table", "day"),
    ("a robot reading a book", "bot", "table", "day"),
])
def test_fallback_draws_the_prompts_subject_in_its_setting(prompt, subject, setting, mood):
    reading = read(prompt)
    assert (reading.subject, reading.setting, reading.mood) == (subject, setting, mood)
    svg = illustration_svg(prompt, 400, 300, 1)
    assert icon_svg(subject) in svg, "the subject's own icon is drawn"
    assert "<text" not in svg and "href" not in svg
    assert ('id="sea"' in svg) == (setting == "sea"), "water only where the prompt puts the subject by water"


def test_words_of_research_and_captain_do_not_set_the_scene():
    # Whole words only: "research" holds "sea" and "captain" holds "ai".
    assert read("research on plants").setting == "garden"
    assert read("the captain's coffee").subject == "coffee"


def test_style_words_change_the_drawing():
    washed = illustration_svg("a lighthouse by the sea, watercolour", 400, 300, 1)
    assert 'filter id="wash"' in washed and 'filter="url(#wash)"' in washed
    sketch = illustration_svg("a laptop on a kitchen table, sketch", 400, 300, 1)
    assert 'fill="url(#sky)"' not in sketch and 'stroke="#3A3A3A"' in sketch


def test_a_prompt_naming_nothing_drawable_gets_a_card_with_its_own_words():
    prompt = "abstract concept of trust"
    assert read(prompt).subject is None
    svg = illustration_svg(prompt, 400, 300, 1)
    words = "".join(re.findall(r">([^<>]+)</text>", svg))
    assert words.replace(" ", "") == prompt.replace(" ", "")
    image = FallbackImageBackend().generate(prompt, width=400, height=300)
    with Image.open(io.BytesIO(image.png)) as im:
        assert len(im.convert("L").getcolors(1 << 16) or []) > 20, "the words are drawn"


class _CountingBackend:
    name = "counting"

    def __init__(self):
        self.calls = 0

    def generate_many(self, prompt, *, count, width, height, seed=None, negative_prompt=None, style=None):
        self.calls += count
        return FallbackImageBackend().generate_many(prompt, count=count, width=width, height=height, seed=seed)


def test_a_render_cannot_ask_for_more_pictures_than_its_limit():
    inner = _CountingBackend()
    images = RenderImages(inner, limit=3)
    first = images.generate_many("tea", count=2, width=64, height=64, seed=5)
    rest = images.generate_many("tea", count=2, width=64, height=64, seed=7)
    assert inner.calls == 3 and images.used == 3
    assert [i.seed for i in first + rest] == [5, 6, 7, 8]
    assert "more than 3 pictures" in rest[1].note and "ATELIER_IMAGE_MAX_PER_RENDER" in rest[1].note
    assert "more than" not in rest[0].note


def test_a_model_without_torch_installed_falls_back_saying_what_to_install(monkeypatch):
    """Simulates an environment without the [image] extra: find_spec, which the check uses, reports torch missing."""
    import importlib.util

    from models.images import ImageConfig, image_backend

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "torch" else real(name, *a))
    backend = image_backend(ImageConfig(model="/models/without-torch-test"))
    image = backend.generate("a lighthouse", width=64, height=64)
    assert image.fallback and "torch is not installed" in image.note and "atelier[image]" in image.note

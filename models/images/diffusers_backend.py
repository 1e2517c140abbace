"""The diffusers backend: real text-to-image generation with a model loaded once and kept warm.

- Lazy: torch and diffusers are imported on the first picture (or by `warm()` when the server is told to preload),
  never when this module is imported, so a server that only makes decks never pays for them.
- The pipeline is `AutoPipelineForText2Image` from a local folder or a cached hub id (see `folder.py`), on the
  device and in the precision `device.py` picks, with the step count and guidance of its family (`families.py`).
- Every picture has a seed (given, or derived from the prompt) and its own CPU generator, so the same request
  makes the same picture, alone or inside a batch, on any device.
- Concurrent requests go through a `BatchQueue`: one worker thread owns the device and samples compatible requests
  together. Out of GPU memory, a batch is split in halves and retried.
- Failures are never a stack trace for the user. A model that cannot be loaded (missing or incomplete folder, torch
  not installed, no such device) or a picture that fails to sample is drawn by the offline fallback instead, with
  the reason in its note, which renderers turn into an `image_fallback` warning; the server log has the details.
  A failed load is retried after `RETRY_LOAD_S`, so fixing the folder needs no restart.
"""

from __future__ import annotations

import importlib.util
import inspect
import logging
import threading
import time
from dataclasses import dataclass
from typing import Any

from renderers.base import GeneratedImage, ImageBackendBase

from .batching import BatchQueue
from .config import ImageConfig
from .device import choose_device, choose_dtype
from .fallback import FallbackImageBackend
from .families import DEFAULT_NEGATIVE, Family
from .folder import ImageModelError, ModelFolder, inspect_folder, resolve
from .request import MAX_SEED, seed_for, styled
from .sizes import Size, clamp_count, clamp_size, fit, png_bytes, sample_size

log = logging.getLogger("atelier.images")

RETRY_LOAD_S = 30.0


@dataclass(frozen=True)
class _Sample:
    """One picture for the worker: everything that may differ inside a batch."""

    prompt: str
    negative: str | None
    seed: int


@dataclass(frozen=True)
class _BatchKey:
    """What every picture in one device call shares."""

    size: Size
    steps: int
    guidance: float | None


@dataclass
class _Loaded:
    pipe: Any
    folder: ModelFolder
    device: str
    dtype: str
    call_params: frozenset[str]  # the pipeline's __call__ arguments, to pass only what it takes
    load_s: float


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:300]


def _quiet_libraries() -> None:
    """Loading bars and chatty warnings go nowhere near a server log; errors still do."""
    import diffusers.utils.logging as dlog
    import transformers.utils.logging as tlog

    tlog.set_verbosity_error()
    tlog.disable_progress_bar()
    dlog.set_verbosity_error()
    dlog.disable_progress_bar()


class DiffusersImageBackend(ImageBackendBase):
    """Pictures from a diffusers text-to-image pipeline, batched on one device; see the module docstring."""

    def __init__(self, config: ImageConfig):
        if not config.model:
            raise ValueError("DiffusersImageBackend needs a model (ImageConfig.model)")
        self.config = config
        self.model: str = config.model
        self.model_name = display_name(config.model)
        self.name = f"diffusers:{self.model_name}"
        self._fallback = FallbackImageBackend()
        self._lock = threading.Lock()
        self._loaded: _Loaded | None = None
        self._error: ImageModelError | None = None
        self._error_at = 0.0
        self._queue = BatchQueue(self._run_batch, max_batch=max(1, config.max_batch),
                                 window_s=config.batch_window_ms / 1000, name="diffusion")

    # -- loading -------------------------------------------------------------------------------------------------

    def load(self) -> _Loaded:
        """The loaded pipeline, loading it on first use; raises ImageModelError with a readable reason."""
        loaded = self._loaded
        if loaded is not None:
            return loaded
        with self._lock:
            if self._loaded is not None:
                return self._loaded
            if self._error is not None and time.monotonic() - self._error_at < RETRY_LOAD_S:
                raise self._error
            try:
                self._loaded = self._load()
                self._error = None
            except ImageModelError as exc:
                self._error, self._error_at = exc, time.monotonic()
                log.error("image model unavailable: %s", exc)
                raise
            return self._loaded

    def _load(self) -> _Loaded:
        reason = missing_packages()
        if reason:
            raise ImageModelError(reason)
        folder = inspect_folder(resolve(self.model, self.config.allow_download), self.model_name)
        started = time.perf_counter()
        _quiet_libraries()
        import torch
        from diffusers import AutoPipelineForText2Image, DiffusionPipeline

        device = choose_device(self.config.device)
        dtype = choose_dtype(device, self.config.dtype)
        try:
            try:
                pipe = AutoPipelineForText2Image.from_pretrained(folder.path, dtype=dtype)
            except ValueError as exc:
                if "AutoPipeline can't find" not in str(exc):
                    raise
                pipe = DiffusionPipeline.from_pretrained(folder.path, dtype=dtype)  # classes Auto does not map
            pipe.to(device)
        except Exception as exc:  # noqa: BLE001 - a corrupt file or a config mismatch, told in one line
            raise ImageModelError(f"the image model '{self.model_name}' could not be loaded from '{folder.path}': "
                                  f"{_one_line(exc)}") from exc
        pipe.set_progress_bar_config(disable=True)
        denoiser_attr = "unet" if getattr(pipe, "unet", None) is not None else "transformer"
        if device.startswith("cuda"):
            torch.backends.cuda.matmul.allow_tf32 = True
            torch.backends.cudnn.allow_tf32 = True
            if denoiser_attr == "unet":
                pipe.unet.to(memory_format=torch.channels_last)
        if self.config.compile and getattr(pipe, denoiser_attr, None) is not None:
            setattr(pipe, denoiser_attr, torch.compile(getattr(pipe, denoiser_attr)))
        params = frozenset(inspect.signature(pipe.__call__).parameters)
        loaded = _Loaded(pipe, folder, device, str(dtype).removeprefix("torch."), params,
                         round(time.perf_counter() - started, 2))
        log.info("image model %s loaded (%s, %s on %s, %s in %.1f s)", self.model_name, type(pipe).__name__,
                 folder.family.name, device, loaded.dtype, loaded.load_s)
        return loaded

    def warm(self) -> bool:
        """Loads the model and, on an accelerator, samples one picture so the first request finds kernels ready
        (and a compiled denoiser compiled). Returns False (and logs why) when the model cannot be loaded."""
        try:
            loaded = self.load()
        except ImageModelError:
            return False
        if loaded.device != "cpu" or self.config.compile:
            side = loaded.folder.native_side
            self.generate("warm-up", width=side, height=side, seed=0)
        return True

    def close(self) -> None:
        self._queue.close()

    # -- sampling (on the queue's worker thread) -------------------------------------------------------------------

    def _run_batch(self, payloads: list[tuple[_BatchKey, _Sample]]) -> list[tuple[Any, bool]]:
        """The queue's runner: every payload in a batch has the same key (the queue groups by it)."""
        assert self._loaded is not None  # requests are queued only after a successful load
        return self._sample(self._loaded, payloads[0][0], [sample for _, sample in payloads])

    def _sample(self, loaded: _Loaded, key: _BatchKey, samples: list[_Sample]) -> list[tuple[Any, bool]]:
        import torch

        family = loaded.folder.family
        kwargs: dict[str, Any] = {
            "prompt": [s.prompt for s in samples],
            "height": key.size.height,
            "width": key.size.width,
            "num_inference_steps": key.steps,
            "generator": [torch.Generator("cpu").manual_seed(s.seed) for s in samples],
            "output_type": "pil",
            **family.call_options,
        }
        if key.guidance is not None:
            kwargs["guidance_scale"] = key.guidance
        if family.takes_negative and (key.guidance or 0) > 1 and any(s.negative for s in samples):
            kwargs["negative_prompt"] = [s.negative or "" for s in samples]
        kwargs = {k: v for k, v in kwargs.items() if k in loaded.call_params}
        try:
            with torch.inference_mode():
                out = loaded.pipe(**kwargs)
        except torch.OutOfMemoryError:
            if len(samples) == 1:
                raise
            torch.cuda.empty_cache()
            half = len(samples) // 2
            log.warning("out of device memory with a batch of %d pictures; retrying in halves", len(samples))
            return self._sample(loaded, key, samples[:half]) + self._sample(loaded, key, samples[half:])
        flags = getattr(out, "nsfw_content_detected", None) or [False] * len(samples)
        return [(img, bool(flag)) for img, flag in zip(out.images, flags)]

    # -- the ImageBackend interface --------------------------------------------------------------------------------

    def generate_many(self, prompt: str, *, count: int, width: int, height: int, seed: int | None = None,
                      negative_prompt: str | None = None, style: str | None = None) -> list[GeneratedImage]:
        want = clamp_size(width, height)
        count = clamp_count(count)
        text = styled(prompt, style)
        first = seed_for(text, seed)
        seeds = [(first + i) & MAX_SEED for i in range(count)]
        try:
            loaded = self.load()
        except ImageModelError as exc:
            return [self._stand_in(text, want, s, str(exc)) for s in seeds]
        family: Family = loaded.folder.family
        key = _BatchKey(
            size=sample_size(want, loaded.folder.native_side, loaded.folder.multiple),
            steps=self.config.steps or family.steps,
            guidance=self.config.guidance if self.config.guidance is not None else family.guidance,
        )
        negative = negative_prompt or (DEFAULT_NEGATIVE if family.takes_negative else None)
        futures = self._queue.submit_many(key, [(key, _Sample(text, negative, s)) for s in seeds])
        images = []
        for s, future in zip(seeds, futures):
            try:
                (picture, withheld), batch = future.result()
            except Exception as exc:  # noqa: BLE001 - one failed picture must not fail the render
                log.error("image generation failed for seed %d: %s", s, exc, exc_info=exc)
                images.append(self._stand_in(text, want, s, f"image generation failed ({_one_line(exc)})"))
                continue
            if withheld:
                images.append(self._stand_in(text, want, s, "the model's safety checker withheld the picture"))
                continue
            images.append(GeneratedImage(
                png=png_bytes(fit(picture, want)), width=want.width, height=want.height, seed=s,
                model=self.model_name, fallback=False,
                details={"backend": "diffusers", "family": family.name, "steps": key.steps, "guidance": key.guidance,
                         "sampled_size": key.size.as_list(), "device": loaded.device, "dtype": loaded.dtype,
                         "batch_size": batch.size, "queue_ms": batch.waited_ms, "sample_ms": batch.run_ms},
            ))
        return images

    def _stand_in(self, prompt: str, want: Size, seed: int, reason: str) -> GeneratedImage:
        image = self._fallback.generate(prompt, width=want.width, height=want.height, seed=seed)
        image.note = (f"a code-generated illustration stands in for the picture: the image model "
                      f"'{self.model_name}' is unavailable: {reason}")
        return image


def missing_packages() -> str | None:
    """Why the [image] extra cannot run here (a package is not installed), found without importing anything."""
    missing = [m for m in ("torch", "diffusers", "transformers") if importlib.util.find_spec(m) is None]
    if not missing:
        return None
    return (f"ATELIER_IMAGE_MODEL is set, but {', '.join(missing)} {'is' if len(missing) == 1 else 'are'} not "
            "installed (install torch, then pip install 'atelier[image]')")


def display_name(model: str) -> str:
    """How the model is named in manifests: a hub id as is, a local folder by its own name (never a server path)."""
    from pathlib import Path

    from .folder import HUB_ID

    if HUB_ID.match(model) and not Path(model).expanduser().exists():
        return model
    return Path(model).expanduser().resolve().name or model

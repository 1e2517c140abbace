"""How the image backend is configured; the server fills this in from its settings (ATELIER_IMAGE_*).

It is a frozen record so that equal configurations share one backend, and with it one loaded model.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ImageConfig:
    model: str | None = None  # a diffusers folder or a hub id; None: the offline illustration fallback
    device: str = "auto"  # auto | cpu | cuda | cuda:N | mps
    dtype: str = "auto"  # auto | float32 | bfloat16 | float16
    steps: int | None = None  # None: the model family's default
    guidance: float | None = None  # None: the model family's default
    max_batch: int = 8  # most pictures sampled in one call on the device
    batch_window_ms: float = 15.0  # how long the first request waits for others to join its batch
    compile: bool = False  # torch.compile the denoiser (slow first call, faster after)
    allow_download: bool = False  # fetch a hub id that is not in the local cache

"""Choosing where and in what precision a model runs: CUDA in bfloat16 (float16 where the GPU lacks bf16),
Apple's MPS in float16, otherwise the CPU in float32; each choice can be overridden.

Imports torch, so only the diffusers backend's loader calls it, never the server at start-up.
"""

from __future__ import annotations

import re

from .folder import ImageModelError

DEVICES = re.compile(r"^(auto|cpu|mps|cuda(:\d+)?)$")
DTYPES = ("auto", "float32", "bfloat16", "float16")


def choose_device(wanted: str) -> str:
    import torch

    if not DEVICES.match(wanted):
        raise ImageModelError(f"ATELIER_IMAGE_DEVICE is '{wanted}'; use auto, cpu, cuda, cuda:N or mps")
    if wanted == "auto":
        if torch.cuda.is_available():
            return "cuda"
        if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
            return "mps"
        return "cpu"
    if wanted.startswith("cuda"):
        if not torch.cuda.is_available():
            built = "with" if torch.version.cuda else "without"
            raise ImageModelError(f"ATELIER_IMAGE_DEVICE is '{wanted}', but torch sees no CUDA GPU "
                                  f"(torch {torch.__version__}, built {built} CUDA)")
        index = int(wanted.split(":")[1]) if ":" in wanted else 0
        if index >= torch.cuda.device_count():
            raise ImageModelError(f"ATELIER_IMAGE_DEVICE is '{wanted}', but there are only "
                                  f"{torch.cuda.device_count()} CUDA devices")
    if wanted == "mps" and not (getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()):
        raise ImageModelError("ATELIER_IMAGE_DEVICE is 'mps', but this torch has no MPS device")
    return wanted


def choose_dtype(device: str, wanted: str):
    """The torch dtype for `device`; float16 is refused on the CPU, where most kernels lack it."""
    import torch

    if wanted not in DTYPES:
        raise ImageModelError(f"ATELIER_IMAGE_DTYPE is '{wanted}'; use {', '.join(DTYPES)}")
    if wanted == "auto":
        if device.startswith("cuda"):
            return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
        if device == "mps":
            return torch.float16
        return torch.float32
    if wanted == "float16" and device == "cpu":
        raise ImageModelError("ATELIER_IMAGE_DTYPE=float16 does not run on the CPU; use float32 or bfloat16")
    return getattr(torch, wanted)

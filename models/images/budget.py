"""A per-render bound on pictures: one render may ask the image model for at most `limit` pictures.

A plan is written by a model and is untrusted; a deck of 60 picture slides would otherwise hold the GPU for every
other user. Past the limit, pictures come from the offline fallback, each with the reason in its note (so the
renderer reports an `image_fallback` warning), and the render still finishes.
"""

from __future__ import annotations

import threading
from typing import TypedDict

from renderers.base import GeneratedImage, ImageBackend, ImageBackendBase

from .fallback import FallbackImageBackend
from .sizes import clamp_count


class _Picture(TypedDict):
    """What a request for pictures asks besides the prompt and the count."""

    width: int
    height: int
    seed: int | None
    negative_prompt: str | None
    style: str | None


class RenderImages(ImageBackendBase):
    """Wraps the shared backend for one render, counting pictures across threads."""

    def __init__(self, backend: ImageBackend, limit: int):
        self.backend = backend
        self.limit = max(0, limit)
        self.name = backend.name
        self._used = 0
        self._lock = threading.Lock()
        self._fallback = FallbackImageBackend(
            f"this render asked for more than {self.limit} pictures, the most one render may generate "
            "(ATELIER_IMAGE_MAX_PER_RENDER)")

    @property
    def used(self) -> int:
        return self._used

    def _take(self, count: int) -> int:
        with self._lock:
            granted = max(0, min(count, self.limit - self._used))
            self._used += granted
            return granted

    def generate_many(self, prompt: str, *, count: int, width: int, height: int, seed: int | None = None,
                      negative_prompt: str | None = None, style: str | None = None) -> list[GeneratedImage]:
        count = clamp_count(count)
        if isinstance(self.backend, FallbackImageBackend):  # drawing costs nothing worth bounding
            granted = count
        else:
            granted = self._take(count)
        args = _Picture(width=width, height=height, seed=seed, negative_prompt=negative_prompt, style=style)
        images = self.backend.generate_many(prompt, count=granted, **args) if granted else []
        if granted < count:
            rest = self._fallback.generate_many(prompt, count=count, **args)[granted:]
            images.extend(rest)
        return images

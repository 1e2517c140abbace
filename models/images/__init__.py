"""Image backends: where pictures come from.

`image_backend(config)` gives the process-wide backend for a configuration: the diffusers backend when a model is
configured and torch and diffusers are installed, otherwise the offline illustration fallback, whose pictures all
carry the reason in their note. Choosing imports neither torch nor diffusers; the diffusers backend imports them
when it first draws. `RenderImages` bounds the pictures one render may ask for.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from renderers.base import ImageBackend

from .budget import RenderImages
from .config import ImageConfig
from .fallback import FallbackImageBackend
from .folder import ImageModelError

__all__ = ["FallbackImageBackend", "ImageConfig", "ImageModelError", "RenderImages", "image_backend"]

log = logging.getLogger("atelier.images")


@lru_cache(maxsize=4)
def image_backend(config: ImageConfig) -> ImageBackend:
    """The backend for `config`, one per distinct configuration, so a loaded model is shared by every render."""
    if not config.model:
        return FallbackImageBackend()
    from .diffusers_backend import DiffusersImageBackend, missing_packages  # imports neither torch nor diffusers

    reason = missing_packages()
    if reason:
        log.warning("images: %s; pictures come from the offline fallback", reason)
        return FallbackImageBackend(reason)
    return DiffusersImageBackend(config)

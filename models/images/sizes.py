"""Picture sizes: the bounds every backend clamps to, the size a model samples at, and fitting its output to the
size that was asked for.

A caller asks for the pixels it will place (a slide's picture frame, an infographic's hero disc). A diffusion
model, though, draws well only near the resolution it was trained at and only on a grid (multiples of 8, 16 or
64 pixels, depending on its VAE and UNet). So the backend samples at the model's native area in the nearest of a
few standard aspect ratios (1:1, 4:3, 3:2, 16:9, 2:1, 3:1 and their portrait forms), rounded to the model's grid,
then crops the centre to the exact aspect and resizes with Lanczos. The caller always gets exactly the (clamped)
size it asked for, never a stretched picture; and because requests of similar shapes share a sampled size, they
can share a batch on the device.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

from PIL import Image

MIN_SIDE = 64  # smaller pictures carry nothing a model can draw
MAX_SIDE = 2048  # the image plan's own limit; larger requests are clamped
ASPECT_BUCKETS = (1.0, 4 / 3, 3 / 2, 16 / 9, 2.0, 3.0)  # landscape forms; portrait ones are their inverses
MAX_COUNT = 4  # variations per request (`generate_many`)


@dataclass(frozen=True)
class Size:
    width: int
    height: int

    def as_list(self) -> list[int]:
        return [self.width, self.height]


def clamp_size(width: int, height: int) -> Size:
    """The requested size within [MIN_SIDE, MAX_SIDE] on each side (non-numbers are a programming error)."""
    return Size(min(MAX_SIDE, max(MIN_SIDE, int(width))), min(MAX_SIDE, max(MIN_SIDE, int(height))))


def clamp_count(count: int) -> int:
    return min(MAX_COUNT, max(1, int(count)))


def bucket_aspect(width: int, height: int) -> float:
    """The standard aspect ratio nearest to width/height (nearest on a log scale, so 2:1 and 1:2 are alike)."""
    aspect = width / height
    candidates = [*ASPECT_BUCKETS, *(1 / b for b in ASPECT_BUCKETS[1:])]
    return min(candidates, key=lambda b: abs(math.log(aspect / b)))


def sample_size(want: Size, native_side: int, multiple: int) -> Size:
    """The size to sample at: the model's native area (`native_side` squared) in the standard aspect ratio nearest
    the request's, each side rounded to `multiple` and at least one `multiple`."""
    aspect = bucket_aspect(want.width, want.height)
    area = native_side * native_side
    w = math.sqrt(area * aspect)
    h = math.sqrt(area / aspect)

    def snap(v: float) -> int:
        return max(multiple, int(round(v / multiple)) * multiple)

    return Size(snap(w), snap(h))


def fit(image: Image.Image, want: Size) -> Image.Image:
    """Crops the centre of `image` to `want`'s aspect ratio and resizes it to exactly `want` (no stretching)."""
    if image.size == (want.width, want.height):
        return image
    src_w, src_h = image.size
    target = want.width / want.height
    box: tuple[float, float, float, float]  # left, top, right, bottom of the part kept
    if src_w / src_h > target:  # too wide: trim the sides
        crop_w = src_h * target
        box = ((src_w - crop_w) / 2, 0, (src_w + crop_w) / 2, src_h)
    else:  # too tall: trim top and bottom
        crop_h = src_w / target
        box = (0, (src_h - crop_h) / 2, src_w, (src_h + crop_h) / 2)
    return image.resize((want.width, want.height), Image.Resampling.LANCZOS, box=box)


def png_bytes(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.convert("RGB").save(buf, format="PNG", optimize=False, compress_level=6)
    return buf.getvalue()

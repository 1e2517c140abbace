"""A stand-in for an image model that cannot be downloaded here, with the cost shape of a real one on a GPU: a fixed
time per batch, whatever its size. Each picture records the size of the batch it was drawn in."""

from __future__ import annotations

import io
import time

from PIL import Image

from renderers.base import GeneratedImage

BATCH_S = 0.15


class SleepyModel:
    def __init__(self, config):
        self.config = config

    def draw_batch(self, asks: list[dict]) -> list[GeneratedImage]:
        time.sleep(BATCH_S)
        pictures = []
        for ask in asks:
            buffer = io.BytesIO()
            Image.new("RGB", (ask["width"], ask["height"]), (ask["seed"] % 256, 90, 160)).save(buffer, "PNG")
            pictures.append(GeneratedImage(png=buffer.getvalue(), width=ask["width"], height=ask["height"],
                                           seed=ask["seed"], model="sleepy", fallback=False,
                                           details={"batch_size": len(asks)}))
        return pictures

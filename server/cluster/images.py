"""The image model as a Ray Serve deployment: pictures from every render on every node meet in batches on the GPU
machines, and Serve adds replicas of the model as the queue grows (autoscaling).

`@serve.batch` gathers concurrent requests into one call of the model (up to ATELIER_IMAGE_MAX_BATCH pictures,
waiting at most ATELIER_IMAGE_BATCH_WINDOW_MS for company); on a cluster it takes the place of the home-made
queue of models/images/batching.py, which still groups a Serve batch by sampled size and steps inside the diffusers
backend. Renders reach the deployment through `ServeImages`, an image backend like any other.
"""

from __future__ import annotations

import asyncio
import importlib
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from ray import serve

from models.images.config import ImageConfig
from models.images.request import MAX_SEED, seed_for, styled
from models.images.sizes import clamp_count
from renderers.base import GeneratedImage, ImageBackendBase

from ..pipeline import image_config
from ..settings import Settings

APP_NAME = "atelier-images"


class DiffusersBatches:
    """A batch of picture requests drawn by the diffusers backend (models/images/diffusers_backend.py)."""

    def __init__(self, config: ImageConfig):
        from models.images.diffusers_backend import DiffusersImageBackend

        self.backend = DiffusersImageBackend(config)
        self._threads = ThreadPoolExecutor(max_workers=max(2, config.max_batch), thread_name_prefix="atelier-draw")

    def draw_batch(self, asks: list[dict[str, Any]]) -> list[GeneratedImage]:
        # Submitted together, so they meet in the backend's device queue as one (or, by size, a few) device calls.
        return list(self._threads.map(lambda ask: self.backend.generate(**ask), asks))


def _load(path: str):
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


@serve.deployment(name="ImageModel", max_ongoing_requests=128, ray_actor_options={"num_cpus": 1},
                  autoscaling_config={"min_replicas": 1, "max_replicas": 4, "target_ongoing_requests": 16})
class ImageModel:
    """One replica of the model. `model` names another class with `draw_batch(asks)` (an import path), e.g. a
    stand-in for a model that cannot be downloaded here."""

    def __init__(self, config: ImageConfig, model: str | None = None):
        self.model = _load(model)(config) if model else DiffusersBatches(config)
        # Ray types @serve.batch's result as a plain callable; the wrapper it returns has these setters (documented
        # in Ray Serve's dynamic batching guide), which its type hints leave out.
        self.draw_batch.set_max_batch_size(config.max_batch)  # type: ignore[attr-defined]
        self.draw_batch.set_batch_wait_timeout_s(config.batch_window_ms / 1000)  # type: ignore[attr-defined]

    @serve.batch(max_batch_size=8, batch_wait_timeout_s=0.015)
    async def draw_batch(self, asks: list[dict[str, Any]]) -> list[GeneratedImage]:
        return await asyncio.get_running_loop().run_in_executor(None, self.model.draw_batch, asks)

    async def __call__(self, ask: dict[str, Any]) -> GeneratedImage:
        return await self.draw_batch(ask)


def image_app(config: ImageConfig, model: str | None = None, replicas: int | None = None):
    """The Serve application (for `serve.run`, or a RayService's serveConfigV2 through `app_from_settings`)."""
    # @serve.deployment made ImageModel a serve Deployment, but mypy keeps a decorated class's own type
    # (python/mypy#3135), so it does not see the Deployment's options() and bind().
    deployment = ImageModel
    if replicas is not None:
        deployment = ImageModel.options(num_replicas=replicas, autoscaling_config=None)  # type: ignore[attr-defined]
    return deployment.bind(config, model)  # type: ignore[attr-defined]


def app_from_settings(args: dict[str, str]):
    """What a RayService's serveConfigV2 imports (`server.cluster.images:app_from_settings`): the ATELIER_IMAGE_*
    variables of the deployment's runtime environment decide the model."""
    return image_app(image_config(Settings()), args.get("model"))


def ensure_deployed(settings: Settings, model: str | None = None, replicas: int | None = None) -> None:
    """Starts the image application unless it runs already (a RayService may have deployed it)."""
    try:
        serve.get_app_handle(APP_NAME)
        return
    except Exception:  # noqa: BLE001 - not deployed yet (Serve raises RayServeException or KeyError)
        pass
    serve.start(proxy_location="Disabled")
    serve.run(image_app(image_config(settings), model, replicas), name=APP_NAME, route_prefix=None)


class ServeImages(ImageBackendBase):
    """An image backend that asks the Serve deployment, one request per picture so that Serve batches them."""

    def __init__(self, settings: Settings):
        self.name = f"serve:{settings.image_model}"
        self._handle = None

    def _deployment(self):
        if self._handle is None:
            self._handle = serve.get_app_handle(APP_NAME)
        return self._handle

    def generate_many(self, prompt: str, *, count: int, width: int, height: int, seed: int | None = None,
                      negative_prompt: str | None = None, style: str | None = None) -> list[GeneratedImage]:
        text = styled(prompt, style)
        first = seed_for(text, seed)
        asks = [{"prompt": text, "width": width, "height": height, "seed": (first + i) & MAX_SEED,
                 "negative_prompt": negative_prompt} for i in range(clamp_count(count))]
        handle = self._deployment()
        responses = [handle.remote(ask) for ask in asks]
        return [response.result() for response in responses]

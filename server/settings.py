"""Settings from environment variables (ATELIER_*), read when the app or CLI starts, never at import."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ATELIER_", extra="ignore")

    data_dir: Path = Field(default_factory=lambda: Path(user_data_dir("atelier")),
                           description="Where renders and the SQLite index live.")
    theme: str = Field(default="light", description="Theme used when a request names none.")
    max_body_bytes: int = Field(default=4_000_000, description="Largest accepted request body (HTTP 413 above).")
    max_content_chars: int = Field(default=400_000, description="Longest accepted pasted content, in characters.")
    max_prompt_chars: int = Field(default=4_000, description="Longest accepted prompt, in characters.")
    render_workers: int = Field(default=4, description="Renders that run at the same time.")

    # Images (see models/images): unset image_model means offline illustrations, each with an image_fallback warning.
    image_model: str | None = Field(default=None, description="A diffusers model folder or a hub id (in the local "
                                    "Hugging Face cache) for text-to-image generation; unset: offline illustrations.")
    image_device: str = Field(default="auto", pattern=r"^(auto|cpu|mps|cuda(:\d+)?)$",
                              description="auto (CUDA, then MPS, then CPU), cpu, cuda, cuda:N or mps.")
    image_dtype: Literal["auto", "float32", "bfloat16", "float16"] = Field(
        default="auto", description="auto: bfloat16 on CUDA (float16 where unsupported), float16 on MPS, float32 on CPU.")
    image_steps: int | None = Field(default=None, ge=1, le=100, description="Sampling steps; unset: the model family's.")
    image_guidance: float | None = Field(default=None, ge=0, le=30,
                                         description="Guidance scale; unset: the model family's (0 for turbo models).")
    image_max_batch: int = Field(default=8, ge=1, le=64, description="Most pictures sampled together on the device.")
    image_batch_window_ms: float = Field(default=15, ge=0, le=1000,
                                         description="How long a picture waits for others to share its batch.")
    image_max_per_render: int = Field(default=16, ge=0, le=256, description="Most generated pictures in one render; "
                                      "the rest are offline illustrations.")
    image_preload: bool = Field(default=False, description="Load (and warm up) the image model when the server starts.")
    image_compile: bool = Field(default=False, description="torch.compile the denoiser (slow first picture).")
    image_allow_download: bool = Field(default=False, description="Fetch a hub id missing from the local cache.")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

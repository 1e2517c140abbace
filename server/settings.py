"""Settings from environment variables (ATELIER_*), read when the app or CLI starts, never at import."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from .browser import find_chromium


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ATELIER_", extra="ignore", populate_by_name=True,
                                      enable_decoding=False)

    data_dir: Path = Field(default_factory=lambda: Path(user_data_dir("atelier")),
                           description="Where renders and the SQLite index live.")
    theme: str = Field(default="light", description="Theme used when a request names none.")
    max_body_bytes: int = Field(default=4_000_000, description="Largest accepted request body (HTTP 413 above).")
    max_content_chars: int = Field(default=400_000, description="Longest accepted pasted content, in characters.")
    max_prompt_chars: int = Field(default=4_000, description="Longest accepted prompt, in characters.")
    # One more worker than cores: a worker waits while the server hands it the next render and stores the last,
    # and the spare keeps the cores busy meanwhile (bench/load.py: 21 renders/s with 2 workers on 2 cores, 24 with 3).
    render_workers: int = Field(default_factory=lambda: max(2, min(8, (os.cpu_count() or 1) + 1)), ge=1,
                                description="Render worker processes, so renders at the same time (default: one "
                                "more than the cores, 2 to 8).")
    render_queue: int = Field(default=16, ge=0, description="Renders that may wait for a worker; more get HTTP 429.")
    render_timeout_s: float = Field(default=300.0, gt=0, description="Longest a render may take (HTTP 504 after).")
    api_token: SecretStr | None = Field(default=None, description="When set, API calls need "
                                        "'Authorization: Bearer <token>'; embed pages stay public only for renders "
                                        "made with shareable=true.")
    cors_origins: list[str] = Field(default_factory=list, description="Origins allowed to call the API from a "
                                    "browser (comma-separated); none by default.")
    chromium: str | None = Field(default_factory=find_chromium,
                                 description="Chromium for widget previews; empty: no previews (a warning says so).")
    public_url: str | None = Field(default=None, description="This server's address as others reach it, for embed "
                                   "snippets and oEmbed (default: the address each request came to).")

    # The LLM planner. A base URL (or a model, for the OpenAI API itself) turns it on; an API key alone does not,
    # so an OPENAI_API_KEY exported for other tools never sends a user's documents to a hosted model unasked.
    llm_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("ATELIER_LLM_BASE_URL", "OPENAI_BASE_URL"),
        description="An OpenAI-compatible endpoint, e.g. http://127.0.0.1:8000/v1 (vLLM) or "
                    "http://127.0.0.1:11434/v1 (Ollama).")
    llm_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("ATELIER_LLM_API_KEY", "OPENAI_API_KEY"),
        description="API key for the endpoint (local servers usually need none).")
    llm_model: str | None = Field(default=None, description="Model name; omitted: the one model the server lists.")
    llm_timeout_s: float = Field(default=120.0, gt=0, description="Longest wait for the model's next piece of answer.")
    llm_max_retries: int = Field(default=1, ge=0, le=5, description="Retries after connection errors, 429 and 5xx.")
    llm_deadline_s: float = Field(default=600.0, gt=0, description="Longest time for all of one plan's calls.")
    llm_structured: Literal["auto", "json_schema", "json_object", "text"] = Field(
        default="auto", description="How answers are constrained: auto tries a JSON schema, then JSON mode, then none.")
    llm_stream: bool = Field(default=True, description="Stream answers (progress while the model writes).")
    llm_temperature: float | None = Field(default=0.3, ge=0, le=2, description="Sampling temperature.")
    llm_max_output_tokens: int | None = Field(default=None, gt=0, description="Cap on one answer's length.")
    llm_input_tokens: int = Field(default=12_000, ge=1_000,
                                  description="Budget for the user's material in one call; longer is condensed.")
    llm_parallel: int = Field(default=4, ge=1, le=32, description="Calls at once (condensing, slides of long decks).")

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _comma_list(cls, value):
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
        return value

    @field_validator("api_token", mode="before")
    @classmethod
    def _blank_token_is_unset(cls, value):
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("llm_base_url", "llm_model", "llm_api_key", mode="before")
    @classmethod
    def _blank_is_unset(cls, value):
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def llm_configured(self) -> bool:
        return bool(self.llm_base_url or self.llm_model)

    # Images (see models/images): unset image_model means offline illustrations, each with an image_fallback warning.
    image_model: str | None = Field(default=None, description="A diffusers model folder or a hub id (in the local "
                                    "Hugging Face cache) for text-to-image generation; unset: offline illustrations.")
    image_device: str = Field(default="auto", pattern=r"^(auto|cpu|mps|cuda(:\d+)?)$",
                              description="auto (CUDA, then MPS, then CPU), cpu, cuda, cuda:N or mps.")
    image_dtype: Literal["auto", "float32", "bfloat16", "float16"] = Field(
        default="auto",
        description="auto: bfloat16 on CUDA (float16 where unsupported), float16 on MPS, float32 on CPU.")
    image_steps: int | None = Field(
        default=None, ge=1, le=100, description="Sampling steps; unset: the model family's.")
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

    # Beyond one machine (server/cluster, docs/deploy.md; the [distributed] extra). With none of the three set,
    # everything runs in this process tree as above and nothing imports ray, psycopg or boto3.
    executor: Literal["local", "ray"] = Field(default="local", description="Where renders run: local worker "
                                              "processes, or tasks on a Ray cluster (ATELIER_RAY_ADDRESS).")
    ray_address: str | None = Field(default=None, description="The Ray cluster to join, e.g. ray://head:10001 or "
                                    "head:6379; unset: RAY_ADDRESS, else a Ray started in this process.")
    database_url: SecretStr | None = Field(default=None, description="postgresql://user:password@host/db: renders' "
                                           "metadata, boards and the job table in Postgres instead of SQLite.")
    files_url: str | None = Field(default=None, description="s3://bucket/prefix: render files in an S3-compatible "
                                  "store (AWS_* variables, AWS_ENDPOINT_URL for MinIO, R2, SeaweedFS).")
    files_presign_s: int = Field(default=0, ge=0, le=604_800, description="With S3 files: answer file downloads "
                                 "with a redirect to a presigned URL valid this long; 0: the server proxies them.")
    job_heartbeat_s: float = Field(default=2.0, gt=0, description="How often a replica marks its running jobs as "
                                   "alive in the job table.")
    job_timeout_s: float = Field(default=20.0, gt=0, description="A job whose heartbeat is older than this is "
                                 "taken over and run again by another replica.")
    image_service: Literal["auto", "process", "serve"] = Field(
        default="auto", description="Where the image model runs: in the server process, or a Ray Serve "
        "deployment with batching (auto: Serve when the executor is ray).")

    @field_validator("ray_address", "files_url", "database_url", mode="before")
    @classmethod
    def _blank_cluster_part_is_unset(cls, value):
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("files_url")
    @classmethod
    def _s3_url(cls, value):
        if value is not None and not value.startswith("s3://"):
            raise ValueError("ATELIER_FILES_URL must look like s3://bucket/prefix")
        return value

    @field_validator("database_url")
    @classmethod
    def _postgres_url(cls, value):
        if value is not None and not value.get_secret_value().startswith(("postgresql://", "postgres://")):
            raise ValueError("ATELIER_DATABASE_URL must look like postgresql://user:password@host:5432/db")
        return value

    @property
    def cluster_configured(self) -> bool:
        """Whether any part lives beyond this machine (then server/cluster builds the parts)."""
        return self.executor == "ray" or self.database_url is not None or self.files_url is not None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

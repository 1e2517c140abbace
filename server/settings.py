"""Settings from environment variables (ATELIER_*), read when the app or CLI starts, never at import."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from platformdirs import user_data_dir
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from .browser import find_chromium


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ATELIER_", extra="ignore")

    data_dir: Path = Field(default_factory=lambda: Path(user_data_dir("atelier")),
                           description="Where renders and the SQLite index live.")
    theme: str = Field(default="light", description="Theme used when a request names none.")
    max_body_bytes: int = Field(default=4_000_000, description="Largest accepted request body (HTTP 413 above).")
    max_content_chars: int = Field(default=400_000, description="Longest accepted pasted content, in characters.")
    max_prompt_chars: int = Field(default=4_000, description="Longest accepted prompt, in characters.")
    render_workers: int = Field(default=4, description="Renders that run at the same time.")
    chromium: str | None = Field(default_factory=find_chromium,
                                 description="Chromium for widget previews; empty: no previews (a warning says so).")
    public_url: str | None = Field(default=None, description="This server's address as others reach it, for embed "
                                   "snippets and oEmbed (default: the address each request came to).")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

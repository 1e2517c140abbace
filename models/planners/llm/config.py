"""What the LLM planner needs to know about its model server: given by the caller, never read from the environment.

The server builds this from its settings (ATELIER_LLM_*), a test or a benchmark builds it directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

StructuredMode = Literal["auto", "json_schema", "json_object", "text"]


@dataclass(frozen=True)
class LLMConfig:
    base_url: str | None = None  # None: the OpenAI API itself
    api_key: str | None = field(default=None, repr=False)
    model: str | None = None  # None: the one model the server lists
    timeout_s: float = 120.0  # per HTTP request; while streaming, the longest wait for the next piece
    max_retries: int = 1  # for connection errors, 429 and 5xx, with the client's backoff
    deadline_s: float = 600.0  # for all of one plan's calls together
    structured: StructuredMode = "auto"  # auto: json_schema, stepping down to json_object, then plain text
    stream: bool = True  # stream answers: progress while the model writes, and a stall is caught per piece
    temperature: float | None = 0.3
    max_output_tokens: int | None = None  # None: the server's default
    input_tokens: int = 12_000  # budget for the user's document and data in one call (estimated tokens)
    outline_tokens: int = 6_000  # material above this (or a long deck asked for) is planned outline-first
    outline_slides: int = 14  # a deck asked for with this many slides or more is planned outline-first
    parallel: int = 4  # calls at once for condensing chunks and writing slides

    @property
    def server(self) -> str:
        return self.base_url or "https://api.openai.com/v1"

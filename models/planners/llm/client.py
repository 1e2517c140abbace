"""One chat call to an OpenAI-compatible server, streamed, with the answer format the server supports.

Servers differ in how they constrain output: OpenAI, vLLM, SGLang, LM Studio, Ollama and llama.cpp accept a JSON
schema as `response_format`; some only accept JSON mode; some reject both. The client asks with the schema first
and steps down when the server refuses, remembering what worked. Every failure of the server or the network
becomes `LLMUnavailable` with one short cause a person can read in a warning.

`openai` is imported when the first client is made, so importing the planner costs nothing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..base import Cancelled, CancelSignal
from .config import LLMConfig

MODES = ("json_schema", "json_object", "text")
NO_KEY = "not-needed"  # local servers (vLLM, Ollama, llama.cpp) take any key, but the client insists on one


class LLMUnavailable(Exception):
    """The model could not give an answer: `cause` says why in a few words (timeout, connection, HTTP status)."""

    def __init__(self, cause: str):
        super().__init__(cause)
        self.cause = cause


@dataclass
class Completion:
    text: str
    finish_reason: str | None
    mode: str  # how the answer was constrained: json_schema, json_object or text


OnText = Callable[[str], None]  # called with the answer so far, as it streams


class ChatClient:
    def __init__(self, config: LLMConfig):
        self.config = config
        self._lock = threading.Lock()
        self._openai = None
        self._model: str | None = config.model
        start = config.structured if config.structured != "auto" else "json_schema"
        self._mode_floor = MODES.index(start)  # steps down when the server refuses a format

    # -- setup ---------------------------------------------------------------------------------------------------

    def _client(self):
        with self._lock:
            if self._openai is None:
                import openai

                self._openai = openai.OpenAI(
                    base_url=self.config.server,
                    api_key=self.config.api_key or NO_KEY,
                    timeout=self.config.timeout_s,
                    max_retries=self.config.max_retries,
                )
            return self._openai

    def model(self) -> str:
        """The configured model, or the only one the server lists (Ollama and vLLM usually serve one)."""
        if self._model:
            return self._model
        try:
            listed = [m.id for m in self._client().models.list()]
        except Exception as exc:  # noqa: BLE001 - any failure is the server being unusable
            raise LLMUnavailable(describe_error(exc, self.config)) from None
        if len(listed) != 1:
            offered = ", ".join(listed[:8]) + (" ..." if len(listed) > 8 else "")
            raise LLMUnavailable("no model is configured (set ATELIER_LLM_MODEL)"
                                 + (f"; the server offers: {offered}" if listed else " and the server lists none"))
        self._model = listed[0]
        return self._model

    # -- calls ---------------------------------------------------------------------------------------------------

    def complete(
        self,
        messages: list[dict[str, str]],
        *,
        schema: dict[str, Any] | None = None,
        schema_name: str = "answer",
        on_text: OnText | None = None,
        cancel: CancelSignal | None = None,
        deadline: float | None = None,
    ) -> Completion:
        """The model's answer to `messages`; with `schema`, constrained to JSON as far as the server allows."""
        model = self.model()
        while True:
            mode = MODES[self._mode_floor] if schema is not None else "text"
            kwargs: dict[str, Any] = {"model": model, "messages": messages}
            if self.config.temperature is not None:
                kwargs["temperature"] = self.config.temperature
            if self.config.max_output_tokens:
                kwargs["max_tokens"] = self.config.max_output_tokens
            if mode == "json_schema":
                kwargs["response_format"] = {
                    "type": "json_schema",
                    "json_schema": {"name": schema_name, "schema": schema, "strict": False},
                }
            elif mode == "json_object":
                kwargs["response_format"] = {"type": "json_object"}
            try:
                return self._send(kwargs, mode, on_text, cancel, deadline)
            except _FormatRefused as refused:
                if mode == "text" or schema is None:
                    raise LLMUnavailable(refused.cause) from None
                with self._lock:
                    self._mode_floor = max(self._mode_floor, MODES.index(mode) + 1)

    def _send(self, kwargs: dict, mode: str, on_text: OnText | None, cancel: CancelSignal | None,
              deadline: float | None) -> Completion:
        import openai

        if cancel is not None and cancel.is_set():
            raise Cancelled()
        timeout = self.config.timeout_s
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise LLMUnavailable(f"the model did not finish within {self.config.deadline_s:g} s")
            timeout = min(timeout, left)
        client = self._client()
        try:
            if not self.config.stream:
                resp = client.chat.completions.create(**kwargs, timeout=timeout)
                if not resp.choices:
                    raise LLMUnavailable("the model server answered with no choices")
                choice = resp.choices[0]
                text = choice.message.content or ""
                if on_text and text:
                    on_text(text)
                return Completion(text, choice.finish_reason, mode)
            stream = client.chat.completions.create(**kwargs, stream=True, timeout=timeout)
        except (openai.BadRequestError, openai.UnprocessableEntityError) as exc:
            if mode != "text":
                raise _FormatRefused(describe_error(exc, self.config)) from None
            raise LLMUnavailable(describe_error(exc, self.config)) from None
        except LLMUnavailable:
            raise
        except Exception as exc:  # noqa: BLE001 - every transport or server failure is "unavailable"
            raise LLMUnavailable(describe_error(exc, self.config)) from None

        parts: list[str] = []
        finish: str | None = None
        try:
            for chunk in stream:
                if cancel is not None and cancel.is_set():
                    raise Cancelled()  # closing the stream below tells the server to stop generating
                if deadline is not None and time.monotonic() > deadline:
                    raise LLMUnavailable(f"the model did not finish within {self.config.deadline_s:g} s")
                if not chunk.choices:
                    continue
                choice = chunk.choices[0]
                piece = getattr(choice.delta, "content", None)
                if piece:
                    parts.append(piece)
                    if on_text:
                        on_text("".join(parts))
                if choice.finish_reason:
                    finish = choice.finish_reason
        except (Cancelled, LLMUnavailable):
            raise
        except Exception as exc:  # noqa: BLE001
            raise LLMUnavailable(describe_error(exc, self.config, streaming=True)) from None
        finally:
            stream.close()
        if finish is None:
            # Every OpenAI-compatible server ends an answer with a finish reason; a stream that just stops was cut.
            raise LLMUnavailable("the connection to the model server dropped mid-answer (the stream ended early)")
        return Completion("".join(parts), finish, mode)


class _FormatRefused(Exception):
    def __init__(self, cause: str):
        self.cause = cause


def describe_error(exc: BaseException, config: LLMConfig, streaming: bool = False) -> str:
    """A failure as a few words for a warning: what happened, never a stack trace or the API key."""
    import openai

    if isinstance(exc, openai.APITimeoutError):
        return f"the model server did not answer within {config.timeout_s:g} s"
    if isinstance(exc, openai.APIConnectionError):
        inner = exc.__cause__ or exc.__context__
        detail = f" ({type(inner).__name__})" if inner is not None else ""
        return f"could not reach the model server at {config.server}{detail}"
    if isinstance(exc, openai.APIStatusError):
        message = _server_message(exc)
        status = exc.status_code
        if status in (401, 403):
            return f"the model server refused the API key (HTTP {status})"
        if status == 404:
            return f"the model server has no model '{config.model}' or no chat endpoint (HTTP 404{message})"
        if status == 429:
            return f"the model server is rate-limiting requests (HTTP 429{message})"
        return f"the model server failed (HTTP {status}{message})"
    if streaming:
        return f"the connection to the model server dropped mid-answer ({type(exc).__name__})"
    return f"the model server could not be used ({type(exc).__name__}: {str(exc)[:120]})"


def _server_message(exc) -> str:
    body = getattr(exc, "body", None)
    message = None
    if isinstance(body, dict):
        err = body.get("error", body)
        message = err.get("message") if isinstance(err, dict) else err if isinstance(err, str) else None
    if not message:
        message = getattr(exc, "message", "") or ""
    message = " ".join(str(message).split())[:160]
    return f": {message}" if message else ""

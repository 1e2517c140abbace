"""A small OpenAI-compatible chat server on 127.0.0.1 that answers with scripted replies.

It speaks the real protocol over real HTTP (JSON answers, and server-sent-event streams ending in `[DONE]`), so
the `openai` client and its own HTTP stack run exactly as they do against vLLM, Ollama or OpenAI. Each reply can
also misbehave the way servers do: answer slowly, fail with a status, drop the connection mid-answer, or refuse
a `response_format`. It records every request it gets and notices a client that hangs up mid-stream.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    content: str = ""
    status: int = 200
    delay_s: float = 0.0  # before any byte of the answer
    pieces: int = 6  # a streamed answer comes in this many chunks
    piece_delay_s: float = 0.0  # between chunks
    drop: bool = False  # close the connection mid-answer (streamed) or before answering (plain)
    finish_reason: str = "stop"
    refuse_formats: tuple[str, ...] = ()  # answer 400 when the request asks for one of these response formats
    times: int = 1  # how many requests this reply answers (retries see the same failure)


Script = Callable[[dict[str, Any]], Reply]


class FakeOpenAI:
    """Start with `with FakeOpenAI([...]) as llm:`; `llm.base_url` is the URL to configure."""

    def __init__(self, replies: list[Reply] | Script | None = None, models: tuple[str, ...] = ("fake-model",)):
        self.models = models
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.disconnected = threading.Event()
        self._lock = threading.Lock()
        self._queue: list[Reply] = []
        self._script: Script | None = None
        if callable(replies):
            self._script = replies
        elif replies:
            self._queue.extend(replies)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def add(self, *replies: Reply) -> None:
        with self._lock:
            self._queue.extend(replies)

    def _next(self, body: dict[str, Any]) -> Reply | None:
        with self._lock:
            self.requests.append(body)
            if self._script is not None:
                return self._script(body)
            if not self._queue:
                return None
            reply = self._queue[0]
            reply.times -= 1
            if reply.times <= 0:
                self._queue.pop(0)
            return reply

    def user_messages(self) -> list[str]:
        """The last user message of each chat request, in order."""
        return [next(m["content"] for m in reversed(r["messages"]) if m["role"] == "user") for r in self.requests]

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet test output
                return None

            def _json(self, status: int, payload: dict) -> None:
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                if self.path.rstrip("/").endswith("/models"):
                    self._json(200, {"object": "list", "data": [
                        {"id": m, "object": "model", "created": 0, "owned_by": "tests"} for m in fake.models]})
                else:
                    self._json(404, {"error": {"message": "not found"}})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                if not self.path.rstrip("/").endswith("/chat/completions"):
                    self._json(404, {"error": {"message": f"no route {self.path}"}})
                    return
                fake.headers.append({k.lower(): v for k, v in self.headers.items()})
                reply = fake._next(body)
                if reply is None:
                    self._json(500, {"error": {"message": "the test scripted no reply for this request"}})
                    return
                if reply.delay_s:
                    time.sleep(reply.delay_s)
                fmt = (body.get("response_format") or {}).get("type")
                if fmt and fmt in reply.refuse_formats:
                    self._json(400, {"error": {"message": f"response_format type '{fmt}' is not supported",
                                               "type": "invalid_request_error"}})
                    return
                if reply.status != 200:
                    self._json(reply.status, {"error": {"message": "the scripted server failed",
                                                        "type": "server_error"}})
                    return
                try:
                    if body.get("stream"):
                        self._stream(reply, body)
                    elif reply.drop:
                        self.close_connection = True
                        self.connection.shutdown(2)
                    else:
                        self._json(200, {
                            "id": "chatcmpl-test", "object": "chat.completion", "created": 0,
                            "model": body.get("model"),
                            "choices": [{"index": 0, "finish_reason": reply.finish_reason,
                                         "message": {"role": "assistant", "content": reply.content}}],
                            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                        })
                except (BrokenPipeError, ConnectionResetError):
                    fake.disconnected.set()

            def _chunk(self, model: str, delta: dict, finish: str | None) -> bytes:
                payload = {"id": "chatcmpl-test", "object": "chat.completion.chunk", "created": 0, "model": model,
                           "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
                return f"data: {json.dumps(payload)}\n\n".encode()

            def _stream(self, reply: Reply, body: dict) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                self.close_connection = True
                model = body.get("model", "")
                text = reply.content
                n = max(1, min(reply.pieces, len(text) or 1))
                size = -(-len(text) // n) if text else 0
                pieces = [text[i : i + size] for i in range(0, len(text), size)] if text else []
                self.wfile.write(self._chunk(model, {"role": "assistant", "content": ""}, None))
                self.wfile.flush()
                for i, piece in enumerate(pieces):
                    if reply.drop and i >= len(pieces) // 2:
                        self.connection.shutdown(2)
                        return
                    if reply.piece_delay_s:
                        time.sleep(reply.piece_delay_s)
                    self.wfile.write(self._chunk(model, {"content": piece}, None))
                    self.wfile.flush()
                self.wfile.write(self._chunk(model, {}, reply.finish_reason))
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

        return Handler

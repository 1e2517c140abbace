"""Render progress through the cluster: a render task on any node publishes its progress events with Postgres
NOTIFY, and the replica that streams them to the client (server-sent events) LISTENs. Nothing travels through a
replica's memory, so the task may run anywhere and the stream never depends on where.

A notification carries at most about 8 kB; the rare event larger than that is not relayed (it is progress, never
the result, which comes back with the task).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import psycopg

log = logging.getLogger("atelier.cluster")

CHANNEL = "atelier_progress"
MAX_PAYLOAD = 7900
END = "_end"  # the last event a task publishes for a job: everything before it has been sent

_connections: dict[str, psycopg.Connection] = {}
_connections_lock = threading.Lock()


def publish(url: str, render_id: str, event: str, data: dict[str, Any]) -> None:
    """Sends one progress event (from a render task: one connection per worker process, kept)."""
    payload = json.dumps({"id": render_id, "event": event, "data": data}, ensure_ascii=False, default=str)
    if len(payload.encode()) > MAX_PAYLOAD:
        log.debug("progress event %s of %s is too large to relay", event, render_id)
        return
    with _connections_lock:
        con = _connections.get(url)
        if con is None or con.closed:
            con = _connections[url] = psycopg.connect(url, autocommit=True)
        try:
            con.execute("SELECT pg_notify(%s, %s)", (CHANNEL, payload))
        except psycopg.OperationalError:
            _connections.pop(url, None)  # reconnect next time; one lost progress event is harmless
            log.warning("a progress event could not be published", exc_info=True)


class ProgressListener:
    """One LISTEN connection per replica, handing each event to whoever subscribed to its render."""

    def __init__(self, url: str):
        self.url = url
        self._subscribers: dict[str, Callable[[str, dict[str, Any]], None]] = {}
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._ready = threading.Event()
        self._con: psycopg.Connection | None = None
        self._thread = threading.Thread(target=self._listen, name="atelier-progress", daemon=True)
        self._thread.start()
        self._ready.wait(10)

    def subscribe(self, render_id: str, callback: Callable[[str, dict[str, Any]], None]) -> None:
        with self._lock:
            self._subscribers[render_id] = callback

    def unsubscribe(self, render_id: str) -> None:
        with self._lock:
            self._subscribers.pop(render_id, None)

    def _listen(self) -> None:
        while not self._closed.is_set():
            try:
                with psycopg.connect(self.url, autocommit=True) as con:
                    self._con = con
                    con.execute(f"LISTEN {CHANNEL}")
                    self._ready.set()
                    while not self._closed.is_set():  # notifies() returns after a second without news
                        for note in con.notifies(timeout=1.0):
                            self._deliver(note.payload)
            except psycopg.Error:
                if self._closed.is_set():
                    return
                log.warning("the progress listener lost its connection; reconnecting", exc_info=True)
                time.sleep(1.0)

    def _deliver(self, payload: str) -> None:
        try:
            message = json.loads(payload)
        except ValueError:
            return
        with self._lock:
            callback = self._subscribers.get(message.get("id"))
        if callback is not None:
            try:
                callback(message["event"], message["data"])
            except Exception:  # noqa: BLE001 - a subscriber's failure must not stop the listener
                log.exception("a progress subscriber failed")

    def close(self) -> None:
        self._closed.set()
        self._thread.join(timeout=3)

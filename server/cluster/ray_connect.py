"""Joining the Ray cluster, once per process."""

from __future__ import annotations

import logging
import os
import threading

import ray

from ..settings import Settings

NAMESPACE = "atelier"
_lock = threading.Lock()


def connect(settings: Settings) -> None:
    """Connects this process to the cluster at ATELIER_RAY_ADDRESS (else RAY_ADDRESS, else a Ray started here)."""
    with _lock:
        if ray.is_initialized():
            return
        address = settings.ray_address or os.environ.get("RAY_ADDRESS") or None
        ray.init(address=address, namespace=NAMESPACE, log_to_driver=False, logging_level=logging.WARNING,
                 configure_logging=False)

"""The API replica's lifespan when any cluster part is configured: the parts from `open_cluster` on `app.state`,
where routes find them exactly as they find the single-machine ones."""

from __future__ import annotations

from contextlib import asynccontextmanager

import anyio
from fastapi import FastAPI

from ..settings import Settings
from . import open_cluster


@asynccontextmanager
async def cluster_lifespan(app: FastAPI, settings: Settings):
    cluster = await anyio.to_thread.run_sync(open_cluster, settings)  # joining Ray takes a few seconds
    app.state.store, app.state.boards, app.state.renders = cluster.store, cluster.boards, cluster.service
    try:
        async with app.state.mcp.running(app):
            yield
    finally:
        await anyio.to_thread.run_sync(cluster.close)

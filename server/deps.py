"""Request dependencies as Annotated aliases: the stores and settings the app factory put on `app.state`."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from .service import RenderService
from .settings import Settings
from .stores import BoardStore, RenderStore


def _store(request: Request) -> RenderStore:
    return request.app.state.store


def _boards(request: Request) -> BoardStore:
    return request.app.state.boards


def _settings(request: Request) -> Settings:
    return request.app.state.settings


def _renders(request: Request) -> RenderService:
    return request.app.state.renders


def public_base(request: Request) -> str:
    """This server's address as the outside world sees it: ATELIER_PUBLIC_URL, else the request's own."""
    configured = getattr(request.app.state.settings, "public_url", None)
    return (configured or str(request.base_url)).rstrip("/")


StoreDep = Annotated[RenderStore, Depends(_store)]
RendersDep = Annotated[RenderService, Depends(_renders)]
BoardsDep = Annotated[BoardStore, Depends(_boards)]
SettingsDep = Annotated[Settings, Depends(_settings)]

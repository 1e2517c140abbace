"""Request dependencies as Annotated aliases: the stores and settings the app factory put on `app.state`."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from .boards import Boards
from .settings import Settings
from .store import Store


def _store(request: Request) -> Store:
    return request.app.state.store


def _boards(request: Request) -> Boards:
    return request.app.state.boards


def _settings(request: Request) -> Settings:
    return request.app.state.settings


StoreDep = Annotated[Store, Depends(_store)]
BoardsDep = Annotated[Boards, Depends(_boards)]
SettingsDep = Annotated[Settings, Depends(_settings)]

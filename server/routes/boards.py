"""/boards: the canvas app's boards (a saved Excalidraw scene and the renders on it) and the requests behind them.

The routes are plain functions, not coroutines: every one calls the board store, whose database calls block, so
FastAPI runs them on its thread pool instead of on the event loop.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..boards import StaleBoard
from ..deps import BoardsDep
from ..errors import NotFound, UserError
from ..limits import MAX_JSON_DEPTH, nesting_depth
from ..security import require_token
from ..store import ID_PATTERN
from ..stores import BoardStore

router = APIRouter(tags=["boards"], dependencies=[Depends(require_token)],
                   responses={401: {"description": "An API token is configured and the request has not got it"}})

MAX_ELEMENTS = 20_000
MAX_ANSWERS = 2_000
# An element sits 3 levels inside a save (body → scene → elements); Excalidraw's own nest about 3 more (points).
MAX_ELEMENT_DEPTH = MAX_JSON_DEPTH - 3
# The view settings worth restoring; everything else in Excalidraw's appState is per-session (selection, open
# menus, the tool in hand) and would only make a reload feel odd.
KEPT_APP_STATE = {"viewBackgroundColor", "scrollX", "scrollY", "zoom", "gridSize", "gridModeEnabled",
                  "currentItemFontFamily", "currentItemStrokeColor", "currentItemBackgroundColor"}
IMAGE_TYPES = {"image/png", "image/jpeg", "image/svg+xml", "image/gif", "image/webp"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _clean_name(value: str) -> str:
    value = _CONTROL.sub(" ", value).strip()
    if not value:
        raise ValueError("a board needs a name")
    return value


class NewBoard(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(default="My board", max_length=120, description="What the board is called.")

    _name = field_validator("name")(_clean_name)


class Rename(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(max_length=120)

    _name = field_validator("name")(_clean_name)


class Scene(BaseModel):
    """An Excalidraw scene as the app saves it; only its outline is checked, Excalidraw restores the rest."""

    model_config = ConfigDict(extra="ignore")
    elements: list[dict[str, Any]] = Field(default_factory=list, max_length=MAX_ELEMENTS)
    appState: dict[str, Any] = Field(default_factory=dict)
    files: dict[str, dict[str, Any]] = Field(default_factory=dict)

    @field_validator("elements")
    @classmethod
    def _elements(cls, elements: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for i, el in enumerate(elements):
            if not isinstance(el.get("id"), str) or not isinstance(el.get("type"), str):
                raise ValueError(f"element {i} needs a string 'id' and 'type'")
            # What is stored must be servable again: a board whose scene cannot be serialised could never open.
            if nesting_depth(el) > MAX_ELEMENT_DEPTH:
                raise ValueError(f"element {i} is nested more than {MAX_ELEMENT_DEPTH} levels deep; "
                                 f"the limit is {MAX_ELEMENT_DEPTH}")
        return elements

    @field_validator("appState")
    @classmethod
    def _app_state(cls, state: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in state.items() if k in KEPT_APP_STATE}

    @field_validator("files")
    @classmethod
    def _files(cls, files: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        for key, f in files.items():
            url = f.get("dataURL")
            if f.get("mimeType") not in IMAGE_TYPES or not isinstance(url, str) or not url.startswith("data:image/"):
                raise ValueError(f"file '{key[:40]}' must be an image given as a data: URL "
                                 f"({', '.join(sorted(IMAGE_TYPES))})")
        return files


class AnswerRef(BaseModel):
    model_config = ConfigDict(extra="forbid")
    request: str | None = Field(default=None, description="The id of the request (see /boards/{id}/requests) "
                                "the render was made from; 'try as' re-runs it.")


class BoardSave(BaseModel):
    model_config = ConfigDict(extra="forbid")
    base_version: int = Field(ge=1, description="The version this save was made from (409 when it is stale).")
    scene: Scene
    answers: dict[str, AnswerRef] = Field(default_factory=dict, max_length=MAX_ANSWERS,
                                          description="Render id → where it came from, for every answer on the board.")


class SavedRequest(BaseModel):
    """A render request as the canvas sent it, kept so that 'try as' can send it again with another modality."""

    model_config = ConfigDict(extra="forbid")
    prompt: str | None = None
    content: str | None = None
    data: str | list | dict | None = None
    modality: str | None = None
    planner: Literal["auto", "offline", "llm"] = "auto"
    theme: str | None = None


class BoardSummary(BaseModel):
    id: str
    name: str
    created: str
    updated: str
    version: int
    answers: int = Field(description="How many answers are on the board.")


class Board(BaseModel):
    id: str
    name: str
    created: str
    updated: str
    version: int
    scene: dict[str, Any]
    answers: dict[str, AnswerRef]


def _board_or_404(boards: BoardStore, board_id: str) -> dict[str, Any]:
    board = boards.get(board_id)
    if board is None:
        raise NotFound(f"no board with id '{board_id[:40]}'")
    return board


@router.get("/boards", response_model=list[BoardSummary], summary="All boards, most recently changed first")
def list_boards(boards: BoardsDep):
    return boards.list()


@router.post("/boards", response_model=Board, status_code=201, summary="Make a new, empty board")
def create_board(boards: BoardsDep, body: NewBoard | None = None):
    return boards.create((body or NewBoard()).name)


@router.get("/boards/{board_id}", response_model=Board, summary="A board: its scene and the answers on it",
            responses={404: {"description": "No such board"}})
def get_board(board_id: str, boards: BoardsDep):
    return _board_or_404(boards, board_id)


@router.put("/boards/{board_id}", response_model=BoardSummary, summary="Save a board's scene and answers",
            responses={404: {"description": "No such board"}, 409: {"description": "Changed elsewhere meanwhile"},
                       422: {"description": "Not a scene, or answers that are not renders"}})
def save_board(board_id: str, body: BoardSave, boards: BoardsDep):
    _board_or_404(boards, board_id)
    # Only the shape of a render id is checked: a render deleted since it was put on the board stays on it (the
    # canvas shows a "render deleted" card), so deleting a render never stops a board from saving.
    bad = [rid for rid in body.answers if not ID_PATTERN.match(rid)]
    if bad:
        raise UserError(f"answers: {', '.join(repr(b[:40]) for b in bad[:5])} is not a render id", field="answers")
    known = boards.request_ids(board_id)
    missing = sorted({a.request for a in body.answers.values() if a.request and a.request not in known})
    if missing:
        raise UserError(f"answers: this board has no request {', '.join(repr(m[:40]) for m in missing[:5])}",
                        field="answers")
    try:
        return boards.save(board_id, body.base_version, body.scene.model_dump(),
                           {k: v.model_dump() for k, v in body.answers.items()})
    except StaleBoard as exc:
        raise UserError(f"the board was changed elsewhere (it is at version {exc.current}, this save was made "
                        f"from version {body.base_version}); reload it to see the latest", status=409) from None
    except KeyError:  # deleted since the check above
        raise NotFound(f"no board with id '{board_id[:40]}'") from None


@router.patch("/boards/{board_id}", response_model=BoardSummary, summary="Rename a board",
              responses={404: {"description": "No such board"}})
def rename_board(board_id: str, body: Rename, boards: BoardsDep):
    _board_or_404(boards, board_id)
    renamed = boards.rename(board_id, body.name)
    if renamed is None:  # deleted since the check above (routes run on the thread pool, side by side)
        raise NotFound(f"no board with id '{board_id[:40]}'")
    return renamed


@router.delete("/boards/{board_id}", status_code=204, summary="Delete a board (its renders stay)",
               responses={404: {"description": "No such board"}})
def delete_board(board_id: str, boards: BoardsDep):
    if not boards.delete(board_id):
        raise NotFound(f"no board with id '{board_id[:40]}'")
    return Response(status_code=204)


@router.post("/boards/{board_id}/requests", summary="Keep a request that answers on this board come from",
             responses={404: {"description": "No such board"}})
def add_request(board_id: str, body: SavedRequest, boards: BoardsDep) -> dict[str, str]:
    _board_or_404(boards, board_id)
    return {"id": boards.add_request(board_id, body.model_dump(exclude_none=True))}


@router.get("/boards/{board_id}/requests/{request_id}", response_model=SavedRequest,
            summary="A request kept with this board", responses={404: {"description": "No such board or request"}})
def get_request(board_id: str, request_id: str, boards: BoardsDep):
    _board_or_404(boards, board_id)
    saved = boards.get_request(board_id, request_id)
    if saved is None:
        raise NotFound(f"board '{board_id}' has no request '{request_id[:40]}'")
    return saved

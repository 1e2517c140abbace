"""/session: a browser trades the API token for an HttpOnly, same-site cookie, so the canvas's own iframes and
pictures (which cannot send an Authorization header) load on a server that has ATELIER_API_TOKEN set."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response

from ..security import SESSION_COOKIE, bearer_token, require_token

router = APIRouter(tags=["session"])


@router.post("/session", status_code=204, dependencies=[Depends(require_token)], response_class=Response,
             summary="Keep the API token in a same-site cookie for this browser",
             responses={401: {"description": "The request has not got the server's token"}})
async def open_session(request: Request) -> Response:
    response = Response(status_code=204)
    token = bearer_token(request)
    if token:
        response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="strict", path="/",
                            secure=request.url.scheme == "https")
    return response


@router.delete("/session", status_code=204, response_class=Response, summary="Forget this browser's token")
async def close_session() -> Response:
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response

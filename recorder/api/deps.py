"""What every router shares: the recorder behind the app, the token checks, and how a route
declares its refusals in the schema."""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import Depends, Request

from recorder.errors import Unauthorized
from vms_api.errors import ApiErrorBody, ErrorCode


def get_recorder(request: Request):
    """The Recorder this app serves (create_app puts it in app.state)."""
    return request.app.state.recorder


Rec = Annotated[Any, Depends(get_recorder)]


def header_token(request: Request) -> str | None:
    """The token of an 'Authorization: Bearer TOKEN' header (the scheme in any case)."""
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer":
        raise Unauthorized(ErrorCode.AUTH_SCHEME_INVALID, "the Authorization header must be 'Bearer' and the API token")
    return token.strip()


def check_token(request: Request, given: str | None) -> None:
    if not given:
        raise Unauthorized(ErrorCode.TOKEN_MISSING, "missing or wrong API token")
    if not hmac.compare_digest(given.encode(), get_recorder(request).token.encode()):
        raise Unauthorized(ErrorCode.TOKEN_WRONG, "missing or wrong API token")


def require_token(request: Request) -> None:
    check_token(request, header_token(request))


def require_token_or_url(request: Request) -> None:
    """A player (libVLC) or an image URL cannot set a header: ?token= too, only on those
    routes, since a URL ends up in logs and histories."""
    given = header_token(request)
    check_token(request, given if given is not None else request.query_params.get("token"))


AUTH = [Depends(require_token)]
URL_AUTH = [Depends(require_token_or_url)]

_WHY = {400: "Refused: the input breaks a rule", 401: "No token, or a wrong one", 403: "Not allowed by the plan",
        404: "No such thing", 409: "Not in this state", 413: "Too large", 422: "The request's shape is wrong",
        507: "Not enough free disk"}


def refusals(*statuses: int) -> dict[int | str, dict]:
    """The schema's answers for a route's refusals, each an ApiErrorBody."""
    return {status: {"model": ApiErrorBody, "description": _WHY[status]} for status in statuses}


# Besides JSON: pictures, a live stream, a clip's file.
PICTURE = {200: {"content": {"image/jpeg": {}, "image/png": {}}, "description": "The picture"}}

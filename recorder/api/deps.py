"""What every router shares: the recorder behind the app, the token checks, and how a route
declares its refusals in the schema."""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import Depends, Request

from recorder.errors import Unauthorized
from recorder.users.accounts import SERVICE, Principal
from vms_api.enums import AuditAction
from vms_api.errors import ApiErrorBody, ErrorCode
from vms_api.roles import Permission


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


def authenticate(request: Request, given: str | None) -> Principal:
    """Who the request is: the service's own token (the local administration), or a session
    a login opened. Kept on request.state for the route and the audit trail."""
    if not given:
        raise Unauthorized(ErrorCode.TOKEN_MISSING, "missing or wrong API token")
    recorder = get_recorder(request)
    if hmac.compare_digest(given.encode(), recorder.token.encode()):
        if request.url.scheme == "https":  # the machine's own token never works from the network
            raise Unauthorized(ErrorCode.TOKEN_MISSING, "from the site's network, log in as a user")
        who = SERVICE
    else:
        who = recorder.accounts.principal(given)
    request.state.principal = who
    return who


def require_token(request: Request) -> Principal:
    return authenticate(request, header_token(request))


def require_token_or_url(request: Request) -> Principal:
    """A player (libVLC) or an image URL cannot set a header: ?token= too, only on those
    routes, since a URL ends up in logs and histories."""
    given = header_token(request)
    return authenticate(request, given if given is not None else request.query_params.get("token"))


def client_address(request: Request) -> str | None:
    return request.client.host if request.client else None


def audit(request: Request, action: AuditAction, who: Principal | None = None, *, once: tuple = (), seconds: float = 0,
          **fields) -> None:
    """An entry in the audit trail for this request: who (the route's principal unless given)
    from which address. With once, the same key again within seconds is not written twice (a
    timeline asking for the same day again, a player's range requests for one clip)."""
    who = who or request.state.principal
    once_per = ((action, who.name, who.session_id, *once), seconds) if once else None
    get_recorder(request).audit.record(who.name, str(who.role), action, address=client_address(request),
                                       once_per=once_per, **fields)


def need(permission: Permission, url: bool = False) -> list:
    """A route's dependencies: logged in (by header, or also ?token= with url) and holding permission."""
    def check(request: Request) -> None:
        who = require_token_or_url(request) if url else require_token(request)
        who.require(permission)
    return [Depends(check)]


def current(request: Request) -> Principal:
    """The principal the route's own dependencies authenticated (they run first)."""
    return getattr(request.state, "principal", None) or require_token(request)


Who = Annotated[Principal, Depends(current)]
AUTH = [Depends(require_token)]
URL_AUTH = [Depends(require_token_or_url)]

_WHY = {400: "Refused: the input breaks a rule", 401: "No token, a wrong one, or a session that ended",
        403: "Not allowed to this user (role, cameras) or by the plan",
        404: "No such thing", 409: "Not in this state", 413: "Too large", 422: "The request's shape is wrong",
        429: "Too soon after wrong passwords", 507: "Not enough free disk"}


def refusals(*statuses: int) -> dict[int | str, dict]:
    """The schema's answers for a route's refusals, each an ApiErrorBody."""
    return {status: {"model": ApiErrorBody, "description": _WHY[status]} for status in statuses}


# Besides JSON: pictures, a live stream, a clip's file.
PICTURE = {200: {"content": {"image/jpeg": {}, "image/png": {}}, "description": "The picture"}}

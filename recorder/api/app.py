"""The control API the client talks to: 127.0.0.1, a per-install token, input validated. Its
routes live in a router per resource; this assembles them, answers every refusal with an
ApiErrorBody, and keeps foreign Host headers out."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException

from recorder.api import (
    alarms,
    audit,
    bookmarks,
    cameras,
    clips,
    events,
    live,
    recordings,
    site,
    storage,
    system,
    users,
)
from recorder.api.deps import AUTH
from recorder.api.deps import audit as audit_entry
from recorder.errors import RecorderError
from vms_api import __version__
from vms_api.enums import AuditAction
from vms_api.errors import ApiErrorBody, ErrorCode

log = logging.getLogger(__name__)

# What the schema promises besides each route's own: any refusal is an ApiErrorBody (a request
# of the wrong shape, a missing token, a foreign Host header reach every route).
DENIALS = (ErrorCode.PERMISSION_MISSING, ErrorCode.CAMERA_NOT_ALLOWED)
REFUSALS = {"4XX": {"model": ApiErrorBody, "description": "Refused: the code says why, the detail in words"}}


def error(http_status: int, code: ErrorCode, detail: str, params: dict, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"code": code, "params": params, "detail": detail}, status_code=http_status, headers=headers)


class OwnHostOnly:
    """Answers only requests whose Host header names an address the API listens on. A web
    page may point a name of its own at 127.0.0.1 (DNS rebinding) and reach the API through
    the browser: the Host header is then that name. Plain ASGI, so the live streams pass
    through untouched."""

    def __init__(self, app, listen_host: str, port: int | None):
        self.app = app
        names = {"127.0.0.1", "localhost", "[::1]", f"[{listen_host}]" if ":" in listen_host else listen_host}
        self.names = {n.lower() for n in names}
        self.port = port  # None: not bound to a socket (in-process use), any port

    def allowed(self, host: str) -> bool:
        host = host.lower()
        if host.endswith("]") or ":" not in host:  # no port: "localhost", "[::1]"
            name, port = host, ""
        else:
            name, _, port = host.rpartition(":")
        if name not in self.names:
            return False
        if self.port is None:
            return port == "" or port.isdigit()
        return port == str(self.port) or (port == "" and self.port == 80)

    async def __call__(self, scope, receive, send):
        # The TLS socket is reached by whatever name or address the site uses; a page that
        # rebinds a name gets a certificate no browser trusts, and the API wants a login there.
        if scope["type"] in ("http", "websocket") and scope.get("scheme") not in ("https", "wss"):
            host = Headers(scope=scope).get("host", "")
            if not self.allowed(host):
                response = error(400, ErrorCode.HOST_NOT_ALLOWED, f"the Host header {host!r} does not name this "
                                 "recorder's address (such as 127.0.0.1 and its port)", {"host": host})
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RecorderError)
    async def refused(req: Request, exc: RecorderError):
        if exc.code in DENIALS and getattr(req.state, "principal", None) is not None:
            # a user reaching past their role or cameras is on record, once a minute per kind of try
            await run_in_threadpool(audit_entry, req, AuditAction.PERMISSION_DENIED,
                                    camera_id=exc.params.get("camera_id"), once=(req.method, req.url.path, exc.code),
                                    seconds=60, detail={"refused": str(exc.code), "method": req.method,
                                                        "path": req.url.path, **exc.params})
        return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers)

    @app.exception_handler(LookupError)
    async def not_found(req: Request, exc: LookupError):  # a lookup of ours without a code of its own
        return error(404, ErrorCode.NOT_FOUND, str(exc).strip("'\""), {"path": req.url.path})

    @app.exception_handler(RequestValidationError)
    async def invalid(_req, exc: RequestValidationError):
        # never the input itself: it may be a password
        found = [{"field": ".".join(str(p) for p in e["loc"][1:]) or str(e["loc"][0]), "message": e["msg"],
                  "type": e["type"]} for e in exc.errors()]
        return error(422, ErrorCode.INVALID_REQUEST, "; ".join(f"{f['field']}: {f['message']}" for f in found),
                     {"field": found[0]["field"] if found else None, "errors": found})

    @app.exception_handler(StarletteHTTPException)
    async def http_refusal(req: Request, exc: StarletteHTTPException):
        if exc.status_code == 404:
            code, params = ErrorCode.NOT_FOUND, {"path": req.url.path}
        elif exc.status_code == 405:
            code, params = ErrorCode.METHOD_NOT_ALLOWED, {"method": req.method}
        elif exc.status_code == 400:  # FastAPI's own: a body that is not JSON, or not UTF-8
            code, params = ErrorCode.INVALID_REQUEST, {"field": "body", "errors": [
                {"field": "body", "message": str(exc.detail), "type": "body_unreadable"}]}
        else:
            code, params = ErrorCode.HTTP_ERROR, {"status": exc.status_code}
        return error(exc.status_code, code, str(exc.detail), params, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def failed(_req, exc: Exception):
        log.exception("API request failed")
        return error(500, ErrorCode.INTERNAL_ERROR, "the recorder could not do that; see its log", {})


def create_app(recorder, port: int | None = None) -> FastAPI:
    """port: where the API listens, once bound; requests must name it in their Host header."""
    # The schema is served below, behind the token; no /docs.
    app = FastAPI(title="VMS recorder", version=__version__, docs_url=None, redoc_url=None, openapi_url=None,
                  responses=REFUSALS)
    app.state.recorder = recorder
    app.add_middleware(OwnHostOnly, listen_host=recorder.api.host, port=port)
    add_error_handlers(app)

    @app.get("/openapi.json", dependencies=AUTH, include_in_schema=False)
    def openapi() -> dict:
        return app.openapi()

    for module in (system, users, site, cameras, live, recordings, events, storage, clips, bookmarks, alarms, audit):
        app.include_router(module.router)
    return app

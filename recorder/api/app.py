"""The control API the client talks to: 127.0.0.1, a per-install token, input validated."""

from __future__ import annotations

import asyncio
import hmac
import logging
from dataclasses import asdict
from datetime import date, datetime, timedelta
from typing import Annotated, Literal

from annotated_types import Ge, Le
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from pydantic import AfterValidator, BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers

from recorder import __version__
from recorder.cameras.config import InputError, add_camera, check_url, get_camera, public, remove_camera, update_camera
from recorder.cameras.credentials import origin, split_credentials, with_credentials
from recorder.capture.ffmpeg import CameraError, probe_stream
from recorder.clips.maker import ClipBusy, ClipLimit, NoSpace
from recorder.events import store as events_module
from recorder.index import queries
from recorder.index.models import Event

log = logging.getLogger(__name__)

# Every id is an SQLite integer: a bigger number cannot name a row, it only overflows the
# driver (a 500). Ids start at 1.
MAX_ID = 2**63 - 1
Id = Annotated[int, Ge(1), Le(MAX_ID)]
# Times and days outside queries.FIRST_YEAR..LAST_YEAR are refused with the field's name.
When = Annotated[datetime, AfterValidator(queries.in_range)]
Day = Annotated[date, AfterValidator(queries.in_range)]
# A live view waits this long for the first video before telling the viewer there is none
# (the camera is down, or not recorded): a player must not hang on a stream that never comes.
LIVE_FIRST_DATA_SECONDS = 10.0


class CameraIn(BaseModel):
    name: str = Field(max_length=120)
    url: str = Field(max_length=2000)
    sub_url: str | None = Field(None, max_length=2000)
    username: str | None = Field(None, max_length=120)
    password: str | None = Field(None, max_length=200)
    retention_days: int | None = None
    enabled: bool = True
    compress_after_days: int | None = None
    motion_enabled: bool | None = None
    motion_sensitivity: int | None = None
    motion_mask: list | None = Field(None, max_length=1000)  # the camera rules give the precise message


class CameraPatch(BaseModel):
    name: str | None = Field(None, max_length=120)
    url: str | None = Field(None, max_length=2000)
    sub_url: str | None = Field(None, max_length=2000)
    username: str | None = Field(None, max_length=120)
    password: str | None = Field(None, max_length=200)
    retention_days: int | None = None
    enabled: bool | None = None
    compress_after_days: int | None = None
    motion_enabled: bool | None = None
    motion_sensitivity: int | None = None
    motion_mask: list | None = Field(None, max_length=1000)


class ProbeIn(BaseModel):
    url: str = Field(max_length=2000)
    username: str | None = Field(None, max_length=120)
    password: str | None = Field(None, max_length=200)
    camera_id: Id | None = None  # editing: a blank password means the stored one


class ClipIn(BaseModel):
    camera_id: Id
    start: When
    end: When
    name: str = Field(max_length=1000)  # the clip rules give the precise message
    notes: str | None = Field(None, max_length=10_000)
    created_by: str | None = Field(None, max_length=1000)


class EventPost(BaseModel):
    camera_id: Id
    time: When
    end: When | None = None
    kind: str = Field(max_length=100)
    label: str | None = Field(None, max_length=1000)
    confidence: float | None = None
    snapshot: str | None = Field(None, max_length=16_000_000)  # base64; the 1 MB limit gives a 413


class ClipPatch(BaseModel):
    name: str | None = Field(None, max_length=1000)
    notes: str | None = Field(None, max_length=10_000)


class Refusal(BaseModel):
    """Every 4xx: a sentence for the user."""
    detail: str


# What the schema promises besides JSON, so a client (or a fuzzer) knows what to expect.
REFUSALS = {"4XX": {"model": Refusal, "description": "Refused: the detail says why"}}
PICTURE = {200: {"content": {"image/jpeg": {}, "image/png": {}}, "description": "The picture"}}


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
        if scope["type"] in ("http", "websocket"):
            host = Headers(scope=scope).get("host", "")
            if not self.allowed(host):
                response = JSONResponse({"detail": f"the Host header {host!r} does not name this recorder's "
                                                   "address (such as 127.0.0.1 and its port)"}, status_code=400)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def create_app(recorder, port: int | None = None) -> FastAPI:
    """port: where the API listens, once bound; requests must name it in their Host header."""
    # The schema is served below, behind the token; no /docs.
    app = FastAPI(title="VMS recorder", version=__version__, docs_url=None, redoc_url=None, openapi_url=None,
                  responses=REFUSALS)
    app.add_middleware(OwnHostOnly, listen_host=recorder.api.host, port=port)

    def header_token(request: Request) -> str | None:
        """The token of an 'Authorization: Bearer TOKEN' header (the scheme in any case)."""
        header = request.headers.get("authorization")
        if header is None:
            return None
        scheme, _, token = header.strip().partition(" ")
        if scheme.lower() != "bearer":
            raise HTTPException(401, "the Authorization header must be 'Bearer' and the API token",
                                headers={"WWW-Authenticate": "Bearer"})
        return token.strip()

    def check_token(given: str | None) -> None:
        if not given or not hmac.compare_digest(given.encode(), recorder.token.encode()):
            raise HTTPException(401, "missing or wrong API token", headers={"WWW-Authenticate": "Bearer"})

    def require_token(request: Request) -> None:
        check_token(header_token(request))

    def require_token_or_url(request: Request) -> None:
        """A player (libVLC) or an image URL cannot set a header: ?token= too, only on those
        routes, since a URL ends up in logs and histories."""
        given = header_token(request)
        check_token(given if given is not None else request.query_params.get("token"))

    auth = [Depends(require_token)]
    url_auth = [Depends(require_token_or_url)]

    @app.get("/openapi.json", dependencies=auth, include_in_schema=False)
    def openapi() -> dict:
        return app.openapi()

    @app.exception_handler(InputError)
    async def bad_input(_req, exc: InputError):
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(LookupError)
    async def not_found(_req, exc: LookupError):
        return JSONResponse({"detail": str(exc).strip("'\"")}, status_code=404)

    for exc_type, code in ((ClipLimit, 403), (ClipBusy, 409), (NoSpace, 507), (events_module.TooLarge, 413)):
        app.add_exception_handler(exc_type, lambda _req, exc, code=code:
                                  JSONResponse({"detail": str(exc)}, status_code=code))

    @app.exception_handler(RequestValidationError)
    async def invalid(_req, exc: RequestValidationError):
        msgs = [f"{'.'.join(str(p) for p in e['loc'][1:]) or e['loc'][0]}: {e['msg']}" for e in exc.errors()]
        return JSONResponse({"detail": "; ".join(msgs)}, status_code=422)

    @app.exception_handler(Exception)
    async def failed(_req, exc: Exception):
        log.exception("API request failed")
        return JSONResponse({"detail": "the recorder could not do that; see its log"}, status_code=500)

    @app.get("/api/health")
    def health() -> dict:
        return {"ok": True, "version": __version__}

    @app.get("/api/status", dependencies=auth)
    def status() -> dict:
        return recorder.status()

    @app.get("/api/cameras", dependencies=auth)
    def cameras() -> list[dict]:
        return [row for row in recorder.status()["cameras"]]

    @app.post("/api/cameras", dependencies=auth, status_code=201)
    def create_camera(body: CameraIn) -> dict:
        with recorder.sessions.begin() as s:
            cam = add_camera(s, recorder.vault, **body.model_dump())
            out = public(cam)
        recorder.poke()
        return out

    @app.get("/api/cameras/{camera_id}", dependencies=auth)
    def camera(camera_id: Id) -> dict:
        with recorder.sessions() as s:
            return public(get_camera(s, camera_id))

    @app.patch("/api/cameras/{camera_id}", dependencies=auth)
    def change_camera(camera_id: Id, body: CameraPatch) -> dict:
        with recorder.sessions.begin() as s:
            cam = update_camera(s, recorder.vault, get_camera(s, camera_id), **body.model_dump(exclude_unset=True))
            out = public(cam)
        recorder.poke()
        return out

    @app.delete("/api/cameras/{camera_id}", dependencies=auth)
    def delete_camera(camera_id: Id) -> dict:
        with recorder.sessions.begin() as s:
            out = public(remove_camera(s, camera_id))
        recorder.poke()
        return out

    def set_enabled(camera_id: int, enabled: bool) -> dict:
        with recorder.sessions.begin() as s:
            cam = get_camera(s, camera_id)
            cam.enabled = enabled
            out = public(cam)
        recorder.poke()
        return out

    @app.post("/api/cameras/{camera_id}/start", dependencies=auth)
    def start(camera_id: Id) -> dict:
        return set_enabled(camera_id, True)

    @app.post("/api/cameras/{camera_id}/stop", dependencies=auth)
    def stop(camera_id: Id) -> dict:
        return set_enabled(camera_id, False)

    @app.get("/api/cameras/{camera_id}/live", dependencies=url_auth,
             responses={200: {"content": {"video/mp2t": {}}, "description": "The live stream"}})
    async def live(camera_id: Id, stream: Literal["main", "sub"] = "main") -> StreamingResponse:
        """The camera's live MPEG-TS, relayed: libVLC plays this URL (with ?token=)."""
        def which() -> str:
            with recorder.sessions() as s:
                cam = get_camera(s, camera_id)
                has_sub, enabled = bool(cam.sub_url), cam.enabled
            if stream == "sub" and not has_sub:
                raise LookupError(f"camera {camera_id} has no substream")
            if not enabled:  # nothing records it or fetches it: no video would ever come
                raise HTTPException(409, f"camera {camera_id} is disabled")
            # such a camera records without a live copy: its main stream is fetched while watched
            return "main-fetched" if stream == "main" and has_sub else stream
        feed = recorder.live.feed(camera_id, await run_in_threadpool(which))
        video = feed.watch()
        try:  # the status line waits for the first video, so a dead feed can still be refused
            first = await asyncio.wait_for(anext(video), LIVE_FIRST_DATA_SECONDS)
        except TimeoutError:
            await video.aclose()
            # a 4xx, not a gateway error: the camera's state, not the recorder, is at fault
            raise HTTPException(409, f"camera {camera_id} sent no live video within "
                                     f"{LIVE_FIRST_DATA_SECONDS:.0f} s (is it offline?)") from None

        async def relay():
            try:
                yield first
                async for chunk in video:
                    yield chunk
            finally:
                await video.aclose()
        return StreamingResponse(relay(), media_type="video/mp2t", headers={"Cache-Control": "no-store"})

    @app.get("/api/cameras/{camera_id}/snapshot", dependencies=url_auth, responses=PICTURE)
    def snapshot(camera_id: Id) -> FileResponse:
        """The camera's last recorded picture, shown while it is down."""
        with recorder.sessions() as s:
            get_camera(s, camera_id)
        path = recorder.data.snapshot_file(camera_id)
        if not path.exists():
            raise LookupError(f"no picture of camera {camera_id} yet")
        return FileResponse(path, media_type="image/jpeg", headers={"Cache-Control": "no-store"})

    @app.post("/api/probe", dependencies=auth)
    def probe(body: ProbeIn) -> dict:
        """'Test connection': what the camera sends, or why it cannot be reached, within 10 s."""
        clean, url_user, url_password = split_credentials(check_url(body.url))
        username, password = body.username or url_user, body.password or url_password
        if body.camera_id is not None and not password:
            with recorder.sessions() as s:
                cam = get_camera(s, body.camera_id)
                own = [u for u in (cam.url, cam.sub_url) if u and origin(u) == origin(clean)]
                stored_user, stored = cam.username, recorder.vault.decrypt(cam.password_enc)
            # The stored credentials go only where the camera is: anyone holding the token
            # could otherwise name their own server and read the password. Refused rather than
            # tried without it, which would pass a camera that needs it off as a wrong password.
            if stored and not own:
                raise InputError(f"the stored password of camera {body.camera_id} is only sent to its own "
                                 "address; type the password to test another address")
            if own:
                username, password = username or stored_user, stored
        try:
            info = probe_stream(with_credentials(clean, username, password), recorder.data.private_dir, timeout=8.0)
        except CameraError as e:
            return {"ok": False, "error": str(e)}
        return {"ok": True, "description": info.describe(), **asdict(info)}

    @app.post("/api/shutdown", dependencies=auth)
    def shutdown() -> dict:
        """'Quit and stop recording' from the client: FFmpeg is finalised as on SIGTERM."""
        recorder.request_stop()
        return {"stopping": True}

    @app.get("/api/recordings", dependencies=auth)
    def recordings(camera_id: Id, start: Annotated[When | None, Query()] = None,
                   end: Annotated[When | None, Query()] = None,
                   limit: Annotated[int, Query(ge=1, le=100_000)] = 10_000) -> list[dict]:
        start, end = queries.period(start, end, default=timedelta(days=1))
        with recorder.sessions() as s:
            get_camera(s, camera_id)
            return [queries.segment_row(seg) for seg in queries.segments(s, camera_id, start, end, limit)]

    @app.get("/api/recordings/days", dependencies=auth)
    def days(camera_id: Id) -> dict:
        with recorder.sessions() as s:
            return queries.recorded_days(s, get_camera(s, camera_id))

    @app.get("/api/events", dependencies=auth)
    def events(camera_id: Id | None = None, kind: str | None = None, q: str | None = None,
               start: Annotated[When | None, Query()] = None,
               end: Annotated[When | None, Query()] = None,
               limit: Annotated[int, Query(ge=1, le=100_000)] = 10_000,
               order: Annotated[str, Query(pattern="^(oldest|newest)$")] = "oldest") -> list[dict]:
        """Events in a period (a day by default), of some kinds, whose label contains q;
        order=newest lists (and limits) from the most recent."""
        start, end = queries.period(start, end, default=timedelta(days=1))
        with recorder.sessions() as s:
            if camera_id is not None:
                get_camera(s, camera_id)
            return [queries.event_row(e) for e in
                    queries.events(s, camera_id, kind, start, end, limit, q, newest_first=order == "newest")]

    @app.post("/api/events", dependencies=auth, status_code=201)
    def post_event(body: EventPost) -> dict:
        """A detection from another system: a plate, a person, a vehicle, ..."""
        ev = events_module.EventIn(body.camera_id, body.time, body.kind, body.label, body.confidence, body.end,
                                   events_module.decode_snapshot(body.snapshot))
        with recorder.sessions.begin() as s:
            row, = events_module.store(s, recorder.data, [events_module.check(ev, s)])
            return queries.event_row(row)

    @app.get("/api/events/{event_id}/snapshot", dependencies=url_auth, responses=PICTURE)
    def event_snapshot(event_id: Id) -> FileResponse:
        with recorder.sessions() as s:
            ev = s.get(Event, event_id)
            if ev is None or not ev.snapshot:
                raise LookupError(f"event {event_id} has no picture")
            path = recorder.data.absolute(ev.snapshot)
        return FileResponse(path, media_type="image/png" if path.suffix == ".png" else "image/jpeg")

    @app.get("/api/storage", dependencies=auth)
    def storage() -> dict:
        return recorder.retention.view()

    @app.get("/api/storage/cleanup", dependencies=auth)
    def cleanup(camera_id: Id | None = None, start: Annotated[When | None, Query()] = None,
                end: Annotated[When | None, Query()] = None,
                limit: Annotated[int, Query(ge=1, le=100_000)] = 1000) -> list[dict]:
        """The cleanup log, newest first: what was deleted, when, and why."""
        return recorder.retention.cleanup_log(camera_id, start and queries.aware(start),
                                              end and queries.aware(end), limit)

    @app.post("/api/storage/sweep", dependencies=auth)
    def sweep() -> dict:
        return recorder.retention.sweep()

    @app.delete("/api/recordings/day", dependencies=auth)
    def delete_day(camera_id: Id, day: Day) -> dict:
        """The administrator's bulk action: one camera's footage of one local day (logged)."""
        with recorder.sessions() as s:
            get_camera(s, camera_id)
        return recorder.retention.delete_day(camera_id, day)

    @app.post("/api/clips", dependencies=auth, status_code=202)
    def create_clip(body: ClipIn) -> dict:
        """Queue a clip; its row says how far extraction is (GET with ?wait= to follow it)."""
        return recorder.clips.request(**body.model_dump())

    @app.get("/api/clips", dependencies=auth)
    def clips(camera_id: Id | None = None) -> list[dict]:
        return recorder.clips.list(camera_id)

    @app.get("/api/clips/{clip_id}", dependencies=auth)
    def clip(clip_id: Id, wait: Annotated[float, Query(ge=0, le=60)] = 0) -> dict:
        return recorder.clips.get(clip_id, wait)

    @app.patch("/api/clips/{clip_id}", dependencies=auth)
    def change_clip(clip_id: Id, body: ClipPatch) -> dict:
        return recorder.clips.change(clip_id, **body.model_dump(exclude_unset=True))

    @app.delete("/api/clips/{clip_id}", dependencies=auth)
    def delete_clip(clip_id: Id) -> dict:
        recorder.clips.delete(clip_id)
        return {"deleted": clip_id}

    @app.get("/api/clips/{clip_id}/file", dependencies=url_auth,
             responses={200: {"content": {"video/mp4": {}}, "description": "The clip"}})
    def clip_file(clip_id: Id) -> FileResponse:
        row = recorder.clips.get(clip_id)
        if row["state"] != "ready":
            raise LookupError(f"clip {clip_id} has no file ({row['state']})")
        return FileResponse(recorder.data.absolute(row["path"]), media_type="video/mp4",
                            filename=f"clip_{clip_id}.mp4")

    return app

"""Recordings: a camera's segments in a period, its recorded days, deleting a day."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse

from recorder.api.deps import Rec, Who, audit, need, refusals
from recorder.api.windows import PiecesResponse, VideoFileResponse, window_pieces, window_starts
from recorder.cameras.config import get_camera
from recorder.errors import InputError, NotFound
from recorder.index import queries
from recorder.index.models import Segment
from vms_api import models as api
from vms_api.enums import AuditAction
from vms_api.errors import ErrorCode
from vms_api.models import Day, Id, When
from vms_api.roles import Permission

router = APIRouter(prefix="/api/recordings", tags=["recordings"])
PLAYBACK = need(Permission.PLAYBACK)
PLAYER = need(Permission.PLAYBACK, url=True)  # a player opens these: ?token= too


@router.get("", dependencies=PLAYBACK, response_model=list[api.Segment], responses=refusals(400, 401, 403, 404, 422))
def recordings(recorder: Rec, request: Request, who: Who, camera_id: Id, start: Annotated[When | None, Query()] = None,
               end: Annotated[When | None, Query()] = None,
               limit: Annotated[int, Query(ge=1, le=100_000)] = 10_000) -> list[dict]:
    """A camera's segments overlapping the period (the last day by default), oldest first."""
    who.require_camera(camera_id)
    start, end = queries.period(start, end, default=timedelta(days=1))
    with recorder.sessions() as s:
        get_camera(s, camera_id)
        rows = [queries.segment_row(seg) for seg in queries.segments(s, camera_id, start, end, limit)]
    for row in rows:  # where a player may open each file without walking all of it (api/windows.py)
        path = recorder.data.absolute(row["path"])
        row["windows"] = window_starts(path) if path.exists() else []
    # The period asked for is what the user may now play: that is the viewing on record. A
    # timeline asking for the same day again within minutes is the same viewing.
    audit(request, AuditAction.PLAYBACK, camera_id=camera_id, start=start, end=end,
          once=(camera_id, start, end), seconds=900)
    return rows


@router.get("/days", dependencies=PLAYBACK, response_model=api.RecordedDays, responses=refusals(401, 403, 404, 422))
def days(recorder: Rec, who: Who, camera_id: Id) -> dict:
    who.require_camera(camera_id)
    with recorder.sessions() as s:
        return queries.recorded_days(s, get_camera(s, camera_id))


@router.delete("/day", dependencies=need(Permission.DELETE), response_model=api.DayDeleted,
               responses=refusals(401, 403, 404, 422))
def delete_day(recorder: Rec, request: Request, who: Who, camera_id: Id, day: Day) -> dict:
    """The administrator's bulk action: one camera's footage of one local day (logged)."""
    who.require_camera(camera_id)
    with recorder.sessions() as s:
        get_camera(s, camera_id)
    result = recorder.retention.delete_day(camera_id, day)
    audit(request, AuditAction.RECORDINGS_DELETED, camera_id=camera_id, detail={"day": str(day), **result})
    return result


VIDEO = {200: {"content": {"video/mp4": {}}, "description": "The file, whole or the byte range asked for"}}
WINDOW = Query(ge=0, le=1_000_000, description="only this window of the file (see Segment.windows), as an MP4 of "
               "its own: what a player opens")


def _served(path, window: int | None, request: Request):
    """The file, or one window of it (a player's), with byte ranges."""
    if window is None:
        return VideoFileResponse(path, media_type="video/mp4")
    pieces = window_pieces(path, window)
    if pieces is None:
        raise NotFound(ErrorCode.SEGMENT_NOT_FOUND, f"{path.name} has no window {window}", segment_id=0)
    return PiecesResponse(path, pieces, request.headers.get("range"))


@router.get("/current/windows", dependencies=PLAYER, response_model=api.FileWindows,
            responses=refusals(401, 403, 404, 422))
def current_windows(recorder: Rec, who: Who, camera_id: Id,
                    name: Annotated[str, Query(max_length=100, description="the file's name (current_file)")]
                    ) -> dict:
    """Where each window of the file being written begins, in seconds from its start."""
    who.require_camera(camera_id)
    path = _current_path(recorder, camera_id, name)
    if path is None:
        raise NotFound(ErrorCode.NOT_RECORDING_NOW, f"camera {camera_id} is not writing {name!r} now",
                       camera_id=camera_id)
    return {"windows": window_starts(path)}


def _current_path(recorder, camera_id: int, name: str):
    """The file being written by that name, or the segment it became lately; None when neither."""
    rec = recorder.cameras.get(camera_id)
    path = rec.current_file if rec is not None else None
    if path is not None and path.name == name and path.exists():
        return path
    segment_id = recorder.store.became.get((camera_id, name))
    if segment_id is None:
        return None
    with recorder.sessions() as s:
        seg = s.get(Segment, segment_id)
        rel = seg.path if seg is not None and not seg.deleting else None
    return recorder.data.absolute(rel) if rel else None


@router.get("/current", dependencies=PLAYER, response_class=FileResponse, responses=VIDEO | refusals(401, 403, 404, 422))
def current_file(recorder: Rec, request: Request, who: Who, camera_id: Id,
                 name: Annotated[str, Query(max_length=100, description="the file's name, as in the camera's "
                                            "status (current_file): once it is a segment, this answers 404")],
                 window: Annotated[int | None, WINDOW] = None) -> FileResponse:
    """The file the camera is writing, as far as it is written: playback at the live edge. Once
    closed, the segment it became (lately: a player reaching the end of what was written goes
    on, even if the camera was stopped or removed meanwhile)."""
    who.require_camera(camera_id)
    rec = recorder.cameras.get(camera_id)
    path = rec.current_file if rec is not None else None
    if path is None or path.name != name or not path.exists():
        segment_id = recorder.store.became.get((camera_id, name))
        if segment_id is not None:
            return segment_file(recorder, request, who, segment_id, window=window)
        raise NotFound(ErrorCode.NOT_RECORDING_NOW, f"camera {camera_id} is not writing {name!r} now",
                       camera_id=camera_id)
    if window is not None:  # the fragments written when asked: a window ends where the file ended
        return _served(path, window, request)
    if "range" not in request.headers:
        # Starlette reads a whole file to its end, which moves on while it is sent, past the
        # length it announced; a range ends where the file ended when asked.
        request.scope["headers"] = [*request.scope["headers"], (b"range", b"bytes=0-")]
    return VideoFileResponse(path, media_type="video/mp4")


@router.get("/{segment_id}/file", dependencies=PLAYER, response_class=FileResponse,
            responses=VIDEO | refusals(401, 403, 404, 422))
def segment_file(recorder: Rec, request: Request, who: Who, segment_id: Id,
                 reason: Annotated[str | None, Query(max_length=1000, description="a copy, not a player: why the "
                                                     "footage leaves the recorder (a day exported), on record")] = None,
                 window: Annotated[int | None, WINDOW] = None) -> FileResponse:
    """A segment's file, with byte ranges: the player seeks in it as in a local file. A player's
    viewing is on record when the period is listed (GET /api/recordings), not once per file; a
    copy (with ?reason=, as a clip's download) is on record per file, with its reason."""
    with recorder.sessions() as s:
        seg = s.get(Segment, segment_id)
        found = seg is not None and not seg.deleting
        camera_id, rel = (seg.camera_id, seg.path) if found else (None, None)
        start, end = (seg.start, seg.end) if found else (None, None)
    path = recorder.data.absolute(rel) if rel else None
    if path is None or not path.exists():
        raise NotFound(ErrorCode.SEGMENT_NOT_FOUND, f"no recording {segment_id}", segment_id=segment_id)
    who.require_camera(camera_id)
    if reason is None:
        return _served(path, window, request)
    if not reason.strip():
        raise InputError(ErrorCode.REASON_MISSING, "copying a recording needs a reason (?reason=): a police report, "
                         "a court order, a data subject's request")
    audit(request, AuditAction.RECORDING_DOWNLOADED, camera_id=camera_id, start=start, end=end, reason=reason.strip(),
          detail={"segment": segment_id, "file": path.name}, once=(segment_id, reason), seconds=600)
    return VideoFileResponse(path, media_type="video/mp4", filename=path.name)

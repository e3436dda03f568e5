"""Recordings: a camera's segments in a period, its recorded days, deleting a day."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request

from recorder.api.deps import Rec, Who, audit, need, refusals
from recorder.cameras.config import get_camera
from recorder.index import queries
from vms_api import models as api
from vms_api.enums import AuditAction
from vms_api.models import Day, Id, When
from vms_api.roles import Permission

router = APIRouter(prefix="/api/recordings", tags=["recordings"])
PLAYBACK = need(Permission.PLAYBACK)


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

"""Events: outages, motion, the disk's alerts, and detections posted by other systems."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse

from recorder.api.deps import PICTURE, Rec, Who, need, refusals
from recorder.cameras.config import get_camera
from recorder.errors import NotFound
from recorder.events import store as events_module
from recorder.index import queries
from recorder.index.models import Event
from vms_api import models as api
from vms_api.enums import EventOrder
from vms_api.errors import ErrorCode
from vms_api.models import Id, When
from vms_api.roles import Permission

router = APIRouter(prefix="/api/events", tags=["events"])
EVENTS = need(Permission.EVENTS)


@router.get("", dependencies=EVENTS, response_model=list[api.Event], responses=refusals(400, 401, 403, 404, 422))
def events(recorder: Rec, who: Who, camera_id: Id | None = None, kind: str | None = None, q: str | None = None,
           start: Annotated[When | None, Query()] = None,
           end: Annotated[When | None, Query()] = None,
           limit: Annotated[int, Query(ge=1, le=100_000)] = 10_000,
           order: EventOrder = EventOrder.OLDEST) -> list[dict]:
    """Events in a period (a day by default), of some kinds (comma-separated), whose label
    contains q; order=newest lists (and limits) from the most recent. A user limited to some
    cameras sees theirs and the site's own events (the disk's alerts)."""
    start, end = queries.period(start, end, default=timedelta(days=1))
    if camera_id is not None:
        who.require_camera(camera_id)
    with recorder.sessions() as s:
        if camera_id is not None:
            get_camera(s, camera_id)
        return [queries.event_row(e) for e in
                queries.events(s, camera_id, kind, start, end, limit, q, newest_first=order == EventOrder.NEWEST)
                if e.camera_id is None or who.sees(e.camera_id)]


@router.post("", dependencies=EVENTS, status_code=201, response_model=api.Event,
             responses=refusals(400, 401, 403, 404, 413, 422))
def post_event(recorder: Rec, who: Who, body: api.EventPost) -> dict:
    """A detection from another system: a plate, a person, a vehicle, ..."""
    if body.camera_id is not None:
        who.require_camera(body.camera_id)
    ev = events_module.EventIn(body.camera_id, body.time, body.kind, body.label, body.confidence, body.end,
                               events_module.decode_snapshot(body.snapshot))
    with recorder.sessions.begin() as s:
        row, = events_module.store(s, recorder.data, [events_module.check(ev, s)])
        return queries.event_row(row)


@router.get("/{event_id}/snapshot", dependencies=need(Permission.EVENTS, url=True), response_class=FileResponse,
            responses=PICTURE | refusals(401, 403, 404, 422))
def event_snapshot(recorder: Rec, who: Who, event_id: Id) -> FileResponse:
    with recorder.sessions() as s:
        ev = s.get(Event, event_id)
        if ev is None or not ev.snapshot:
            raise NotFound(ErrorCode.EVENT_SNAPSHOT_NOT_FOUND, f"event {event_id} has no picture", event_id=event_id)
        if ev.camera_id is not None:
            who.require_camera(ev.camera_id)
        path = recorder.data.absolute(ev.snapshot)
    return FileResponse(path, media_type="image/png" if path.suffix == ".png" else "image/jpeg")

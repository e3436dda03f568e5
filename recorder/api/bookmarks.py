"""Bookmarks: moments and ranges marked for the next shift; a protected one holds its footage."""

from __future__ import annotations

from fastapi import APIRouter, Request

from recorder.api.deps import Rec, Who, audit, need, refusals
from recorder.bookmarks import protected_hours
from recorder.cameras.config import get_camera
from recorder.errors import InputError
from recorder.index.db import get_plan
from vms_api import models as api
from vms_api.enums import AuditAction, Plan
from vms_api.errors import ErrorCode
from vms_api.models import Id, When, utc
from vms_api.roles import PROTECTED_HOURS, Permission

router = APIRouter(prefix="/api/bookmarks", tags=["bookmarks"])
# Marking footage is part of watching it: whoever may play it back may bookmark it.
PLAYBACK = need(Permission.PLAYBACK)


def _entry(request: Request, action: AuditAction, row: dict, **detail) -> None:
    audit(request, action, camera_id=row["camera_id"], start=utc(row["start"]), end=utc(row["end"]),
          detail={"bookmark": row["id"], "title": row["title"], "protect": row["protect"], **detail})


@router.get("", dependencies=PLAYBACK, response_model=list[api.Bookmark], responses=refusals(401, 403, 422))
def bookmarks(recorder: Rec, who: Who, camera_id: Id | None = None, start: When | None = None,
              end: When | None = None, protected: bool | None = None) -> list[dict]:
    """The bookmarks overlapping the period (all of them without one), of this user's cameras."""
    if start and end and start > end:
        raise InputError(ErrorCode.PERIOD_START_AFTER_END, "the period starts after it ends")
    if camera_id is not None:
        who.require_camera(camera_id)
    cameras = [camera_id] if camera_id is not None else (sorted(who.cameras) if who.cameras is not None else None)
    return recorder.bookmarks.list(cameras, start, end, protected)


@router.get("/protection", dependencies=PLAYBACK, response_model=api.ProtectionUse, responses=refusals(401, 403))
def protection(recorder: Rec) -> dict:
    """Footage held by protected bookmarks against the plan's hours."""
    with recorder.sessions() as s:
        plan = Plan(get_plan(s))
        return {"plan": plan, "limit_hours": PROTECTED_HOURS[plan], "used_hours": round(protected_hours(s), 2)}


@router.post("", dependencies=PLAYBACK, status_code=201, response_model=api.Bookmark,
             responses=refusals(400, 401, 403, 404, 422))
def add_bookmark(recorder: Rec, request: Request, who: Who, body: api.BookmarkIn) -> dict:
    who.require_camera(body.camera_id)
    with recorder.sessions() as s:
        get_camera(s, body.camera_id)
    row = recorder.bookmarks.add(body.camera_id, body.start, body.end, body.title, body.note, body.protect, who.name)
    _entry(request, AuditAction.BOOKMARK_CREATED, row)
    return row


@router.patch("/{bookmark_id}", dependencies=PLAYBACK, response_model=api.Bookmark,
              responses=refusals(400, 401, 403, 404, 422))
def change_bookmark(recorder: Rec, request: Request, who: Who, bookmark_id: Id, body: api.BookmarkPatch) -> dict:
    who.require_camera(recorder.bookmarks.get(bookmark_id)["camera_id"])
    sent = body.model_dump(exclude_unset=True)
    before, row = recorder.bookmarks.change(bookmark_id, who.can(Permission.DELETE), who.name, **sent)
    _entry(request, AuditAction.BOOKMARK_CHANGED, row, was={k: before[k] for k in sent})
    return row


@router.delete("/{bookmark_id}", dependencies=PLAYBACK, response_model=api.BookmarkDeleted,
               responses=refusals(401, 403, 404, 422))
def delete_bookmark(recorder: Rec, request: Request, who: Who, bookmark_id: Id) -> dict:
    who.require_camera(recorder.bookmarks.get(bookmark_id)["camera_id"])
    row = recorder.bookmarks.delete(bookmark_id, who.can(Permission.DELETE), who.name)
    _entry(request, AuditAction.BOOKMARK_DELETED, row)
    return {"deleted": bookmark_id}


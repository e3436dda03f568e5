"""Clips: a range of footage copied into a file of its own, which retention never touches."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse

from recorder.api.deps import Rec, Who, audit, need, refusals
from recorder.api.windows import VideoFileResponse
from recorder.errors import InputError, NotFound
from vms_api import models as api
from vms_api.enums import AuditAction, ClipState
from vms_api.errors import ErrorCode
from vms_api.models import Id, utc
from vms_api.roles import Permission

router = APIRouter(prefix="/api/clips", tags=["clips"])
CLIPS = need(Permission.CLIPS)


def seen_clip(recorder, who, clip_id: int, wait: float = 0) -> dict:
    """A clip's row, if its camera is among this user's."""
    row = recorder.clips.get(clip_id, wait)
    who.require_camera(row["camera_id"])
    return row


@router.post("", dependencies=CLIPS, status_code=202, response_model=api.Clip,
             responses=refusals(400, 401, 403, 404, 422, 507))
def create_clip(recorder: Rec, request: Request, who: Who, body: api.ClipIn) -> dict:
    """Queue a clip; its row says how far extraction is (GET with ?wait= to follow it)."""
    who.require_camera(body.camera_id)
    fields = body.model_dump(exclude={"reason"})
    if who.session_id is not None:  # a logged-in user is who made it, whatever the body says
        fields["created_by"] = who.name
    row = recorder.clips.request(**fields)
    audit(request, AuditAction.CLIP_CREATED, camera_id=body.camera_id, start=body.start, end=body.end,
          reason=body.reason, detail={"clip": row["id"], "name": row["name"]})
    return row


@router.get("", dependencies=CLIPS, response_model=list[api.Clip], responses=refusals(401, 403, 422))
def clips(recorder: Rec, who: Who, camera_id: Id | None = None) -> list[dict]:
    if camera_id is not None:
        who.require_camera(camera_id)
    return [c for c in recorder.clips.list(camera_id) if who.sees(c["camera_id"])]


@router.get("/{clip_id}", dependencies=CLIPS, response_model=api.Clip, responses=refusals(401, 403, 404, 422))
def clip(recorder: Rec, who: Who, clip_id: Id, wait: Annotated[float, Query(ge=0, le=60)] = 0) -> dict:
    """A clip's row; with wait, up to that many seconds for its extraction to end."""
    seen_clip(recorder, who, clip_id)
    return recorder.clips.get(clip_id, wait)


@router.patch("/{clip_id}", dependencies=CLIPS, response_model=api.Clip, responses=refusals(400, 401, 403, 404, 422))
def change_clip(recorder: Rec, request: Request, who: Who, clip_id: Id, body: api.ClipPatch) -> dict:
    seen = seen_clip(recorder, who, clip_id)
    sent = body.model_dump(exclude_unset=True)
    row = recorder.clips.change(clip_id, **sent)
    audit(request, AuditAction.CLIP_CHANGED, camera_id=seen["camera_id"], detail={"clip": clip_id, **sent})
    return row


@router.delete("/{clip_id}", dependencies=need(Permission.DELETE), response_model=api.ClipDeleted,
               responses=refusals(401, 403, 404, 409, 422))
def delete_clip(recorder: Rec, request: Request, who: Who, clip_id: Id) -> dict:
    row = seen_clip(recorder, who, clip_id)
    recorder.clips.delete(clip_id)
    audit(request, AuditAction.CLIP_DELETED, camera_id=row["camera_id"], start=utc(row["start"]), end=utc(row["end"]),
          detail={"clip": clip_id, "name": row["name"], "sha256": row.get("sha256")})
    return {"deleted": clip_id}


@router.get("/{clip_id}/file", dependencies=need(Permission.CLIPS, url=True), response_class=FileResponse,
            responses={200: {"content": {"video/mp4": {}}, "description": "The clip"}} | refusals(400, 401, 403, 404, 422))
def clip_file(recorder: Rec, request: Request, who: Who, clip_id: Id,
              reason: Annotated[str | None, Query(max_length=1000, description="why the footage is copied: "
                                                  "a police report, a court order, a data subject's request")] = None,
              view: Annotated[bool, Query(description="a player shows the clip: viewing (the playback permission), "
                                          "not a copy, so no reason")] = False
              ) -> FileResponse:
    row = seen_clip(recorder, who, clip_id)
    if row["state"] != ClipState.READY:
        raise NotFound(ErrorCode.CLIP_NO_FILE, f"clip {clip_id} has no file ({row['state']})",
                       clip_id=clip_id, state=row["state"])
    path = recorder.data.absolute(row["path"])
    if view:
        who.require(Permission.PLAYBACK)
        # on record as the viewing of the clip's period; a player's range requests are one viewing
        audit(request, AuditAction.PLAYBACK, camera_id=row["camera_id"], start=utc(row["start"]),
              end=utc(row["end"]), detail={"clip": clip_id, "name": row["name"]}, once=(clip_id, "view"), seconds=900)
        return VideoFileResponse(path, media_type="video/mp4")
    if who.session_id is not None and not (reason or "").strip():
        # A user's copy leaves the recorder only with a reason on record; the local
        # administration's token (the machine's owner, who reads the files anyway) is exempt.
        raise InputError(ErrorCode.REASON_MISSING, "downloading a clip needs a reason (?reason=): a police report, "
                         "a court order, a data subject's request")
    # a download may come in many ranges: one entry per user, clip and reason a while
    audit(request, AuditAction.CLIP_DOWNLOADED, camera_id=row["camera_id"], start=utc(row["start"]),
          end=utc(row["end"]), reason=reason.strip() if reason else None,
          detail={"clip": clip_id, "name": row["name"], "sha256": row.get("sha256")}, once=(clip_id, reason), seconds=600)
    return VideoFileResponse(path, media_type="video/mp4", filename=f"clip_{clip_id}.mp4")

"""Clips: a range of footage copied into a file of its own, which retention never touches."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse

from recorder.api.deps import AUTH, URL_AUTH, Rec, refusals
from recorder.errors import NotFound
from vms_api import models as api
from vms_api.enums import ClipState
from vms_api.errors import ErrorCode
from vms_api.models import Id

router = APIRouter(prefix="/api/clips", tags=["clips"])


@router.post("", dependencies=AUTH, status_code=202, response_model=api.Clip,
             responses=refusals(400, 401, 403, 404, 422, 507))
def create_clip(recorder: Rec, body: api.ClipIn) -> dict:
    """Queue a clip; its row says how far extraction is (GET with ?wait= to follow it)."""
    return recorder.clips.request(**body.model_dump())


@router.get("", dependencies=AUTH, response_model=list[api.Clip], responses=refusals(401, 422))
def clips(recorder: Rec, camera_id: Id | None = None) -> list[dict]:
    return recorder.clips.list(camera_id)


@router.get("/{clip_id}", dependencies=AUTH, response_model=api.Clip, responses=refusals(401, 404, 422))
def clip(recorder: Rec, clip_id: Id, wait: Annotated[float, Query(ge=0, le=60)] = 0) -> dict:
    """A clip's row; with wait, up to that many seconds for its extraction to end."""
    return recorder.clips.get(clip_id, wait)


@router.patch("/{clip_id}", dependencies=AUTH, response_model=api.Clip, responses=refusals(400, 401, 404, 422))
def change_clip(recorder: Rec, clip_id: Id, body: api.ClipPatch) -> dict:
    return recorder.clips.change(clip_id, **body.model_dump(exclude_unset=True))


@router.delete("/{clip_id}", dependencies=AUTH, response_model=api.ClipDeleted, responses=refusals(401, 404, 409, 422))
def delete_clip(recorder: Rec, clip_id: Id) -> dict:
    recorder.clips.delete(clip_id)
    return {"deleted": clip_id}


@router.get("/{clip_id}/file", dependencies=URL_AUTH, response_class=FileResponse,
            responses={200: {"content": {"video/mp4": {}}, "description": "The clip"}} | refusals(401, 404, 422))
def clip_file(recorder: Rec, clip_id: Id) -> FileResponse:
    row = recorder.clips.get(clip_id)
    if row["state"] != ClipState.READY:
        raise NotFound(ErrorCode.CLIP_NO_FILE, f"clip {clip_id} has no file ({row['state']})",
                       clip_id=clip_id, state=row["state"])
    return FileResponse(recorder.data.absolute(row["path"]), media_type="video/mp4", filename=f"clip_{clip_id}.mp4")

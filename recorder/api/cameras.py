"""Cameras: their settings (never a password), start and stop, the last picture."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse

from recorder.api.deps import AUTH, PICTURE, Rec, Who, audit, need, refusals
from recorder.cameras.config import add_camera, get_camera, public, remove_camera, update_camera
from recorder.errors import NotFound
from vms_api import models as api
from vms_api.enums import AuditAction
from vms_api.errors import ErrorCode
from vms_api.models import Id
from vms_api.roles import Permission

router = APIRouter(prefix="/api/cameras", tags=["cameras"])
SETTINGS = need(Permission.SETTINGS)


@router.get("", dependencies=AUTH, response_model=list[api.CameraStatus], responses=refusals(401))
def cameras(recorder: Rec, who: Who) -> list[dict]:
    """The state of every camera this user may see, as in GET /api/status."""
    return [c for c in recorder.status()["cameras"] if who.sees(c["id"])]


@router.post("", dependencies=SETTINGS, status_code=201, response_model=api.Camera, responses=refusals(400, 401, 403, 422))
def create_camera(recorder: Rec, request: Request, body: api.CameraIn) -> dict:
    with recorder.sessions.begin() as s:
        cam = add_camera(s, recorder.vault, **body.model_dump())
        out = public(cam)
    recorder.poke()
    audit(request, AuditAction.CAMERA_ADDED, camera_id=out["id"], detail={"name": out["name"]})
    return out


@router.get("/{camera_id}", dependencies=AUTH, response_model=api.Camera, responses=refusals(401, 403, 404, 422))
def camera(recorder: Rec, who: Who, camera_id: Id) -> dict:
    who.require_camera(camera_id)
    with recorder.sessions() as s:
        return public(get_camera(s, camera_id))


@router.patch("/{camera_id}", dependencies=SETTINGS, response_model=api.Camera, responses=refusals(400, 401, 403, 404, 422))
def change_camera(recorder: Rec, request: Request, camera_id: Id, body: api.CameraPatch) -> dict:
    sent = body.model_dump(exclude_unset=True)
    with recorder.sessions.begin() as s:
        cam = update_camera(s, recorder.vault, get_camera(s, camera_id), **sent)
        out = public(cam)
    recorder.poke()
    # the new values, but never a password nor an address that may carry one
    shown = {k: out[k] for k in sent if k in out and k not in ("url", "sub_url", "password")}
    audit(request, AuditAction.CAMERA_CHANGED, camera_id=camera_id, detail={"changed": sorted(sent), **shown})
    return out


@router.delete("/{camera_id}", dependencies=SETTINGS, response_model=api.Camera, responses=refusals(401, 403, 404, 422))
def delete_camera(recorder: Rec, request: Request, camera_id: Id) -> dict:
    with recorder.sessions.begin() as s:
        out = public(remove_camera(s, camera_id))
    recorder.poke()
    audit(request, AuditAction.CAMERA_REMOVED, camera_id=camera_id, detail={"name": out["name"]})
    return out


def set_enabled(recorder, request: Request, camera_id: int, enabled: bool) -> dict:
    with recorder.sessions.begin() as s:
        cam = get_camera(s, camera_id)
        cam.enabled = enabled
        out = public(cam)
    recorder.poke()
    audit(request, AuditAction.CAMERA_CHANGED, camera_id=camera_id, detail={"changed": ["enabled"], "enabled": enabled})
    return out


@router.post("/{camera_id}/start", dependencies=SETTINGS, response_model=api.Camera, responses=refusals(401, 403, 404, 422))
def start(recorder: Rec, request: Request, camera_id: Id) -> dict:
    return set_enabled(recorder, request, camera_id, True)


@router.post("/{camera_id}/stop", dependencies=SETTINGS, response_model=api.Camera, responses=refusals(401, 403, 404, 422))
def stop(recorder: Rec, request: Request, camera_id: Id) -> dict:
    return set_enabled(recorder, request, camera_id, False)


@router.get("/{camera_id}/snapshot", dependencies=need(Permission.LIVE, url=True), response_class=FileResponse,
            responses=PICTURE | refusals(401, 403, 404, 422))
def snapshot(recorder: Rec, request: Request, who: Who, camera_id: Id) -> FileResponse:
    """The camera's last recorded picture, shown while it is down."""
    who.require_camera(camera_id)
    with recorder.sessions() as s:
        get_camera(s, camera_id)
    path = recorder.data.snapshot_file(camera_id)
    if not path.exists():
        raise NotFound(ErrorCode.NO_CAMERA_SNAPSHOT, f"no picture of camera {camera_id} yet", camera_id=camera_id)
    audit(request, AuditAction.SNAPSHOT_VIEWED, camera_id=camera_id, once=(camera_id,), seconds=300)
    return FileResponse(path, media_type="image/jpeg", headers={"Cache-Control": "no-store"})

"""The recorder itself: alive, its status, testing a camera's address, stopping."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Request

from recorder.api.deps import AUTH, Rec, Who, audit, need, refusals
from recorder.cameras.config import check_url, get_camera
from recorder.cameras.credentials import origin, split_credentials, with_credentials
from recorder.capture.ffmpeg import CameraError, probe_stream
from recorder.errors import InputError
from vms_api import __version__
from vms_api import models as api
from vms_api.enums import AuditAction
from vms_api.errors import ErrorCode
from vms_api.roles import Permission

router = APIRouter(prefix="/api", tags=["system"])


@router.get("/health", response_model=api.Health)
def health(recorder: Rec) -> dict:
    """Alive, which version, and whether it still waits for its first administrator (no token
    needed: the login screen asks it before anyone has logged in)."""
    return {"ok": True, "version": __version__, "setup_needed": recorder.accounts.count() == 0}


@router.get("/status", dependencies=AUTH, response_model=api.Status, responses=refusals(401))
def status(recorder: Rec, who: Who) -> dict:
    """The recorder, the disk, and the cameras this user may see."""
    out = recorder.status()
    out["cameras"] = [c for c in out["cameras"] if who.sees(c["id"])]
    return out


@router.post("/probe", dependencies=need(Permission.SETTINGS), response_model=api.ProbeResult,
             responses=refusals(400, 401, 403, 404, 422))
def probe(recorder: Rec, body: api.ProbeIn) -> dict:
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
            raise InputError(ErrorCode.STORED_PASSWORD_ELSEWHERE,
                             f"the stored password of camera {body.camera_id} is only sent to its own "
                             "address; type the password to test another address", camera_id=body.camera_id)
        if own:
            username, password = username or stored_user, stored
    try:
        info = probe_stream(with_credentials(clean, username, password), recorder.data.private_dir, timeout=8.0)
    except CameraError as e:
        return {"ok": False, "error": e.detail, "error_code": e.code, "error_params": e.params}
    return {"ok": True, "description": info.describe(), **asdict(info)}


@router.post("/shutdown", dependencies=need(Permission.SETTINGS), response_model=api.Stopping, responses=refusals(401, 403))
def shutdown(recorder: Rec, request: Request) -> dict:
    """'Quit and stop recording' from the client: FFmpeg is finalised as on SIGTERM."""
    audit(request, AuditAction.RECORDER_STOPPED, detail={"from": "api"})
    recorder.request_stop()
    return {"stopping": True}

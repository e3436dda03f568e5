"""Adding, changing and removing cameras: one set of rules for the CLI and the API."""

from __future__ import annotations

import json
import math
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from recorder.cameras.credentials import Vault, split_credentials
from recorder.errors import InputError, NotFound, has_controls
from recorder.index.models import Camera, utcnow
from vms_api.errors import ErrorCode

URL_SCHEMES = {"rtsp", "rtsps"}
MAX_RETENTION_DAYS = 3650
MAX_MASK_AREAS = 32
MAX_NAME = 120
MOTION_FIELDS = ("motion_enabled", "motion_sensitivity", "motion_mask")
# How a URL field is named in sentences; the params name the field as the API does.
URL_FIELDS = {"url": "URL", "sub_url": "substream URL"}


def check_url(url: str, field: str = "url") -> str:
    """field: "url" or "sub_url"."""
    url = (url or "").strip()
    words = URL_FIELDS[field]
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise InputError(ErrorCode.URL_INVALID, f"the {words} is not a valid address: {url!r}", field=field) from None
    if parts.scheme.lower() not in URL_SCHEMES:
        scheme = url.split(':')[0]
        raise InputError(ErrorCode.URL_SCHEME_INVALID, f"the {words} must start with rtsp:// (got {scheme!r})",
                         field=field, scheme=scheme)
    if not parts.hostname:
        raise InputError(ErrorCode.URL_NO_HOST, f"the {words} has no camera address after rtsp://", field=field)
    if port == 0:
        raise InputError(ErrorCode.URL_PORT_INVALID, f"the {words} has an invalid port", field=field)
    return url


def check_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise InputError(ErrorCode.CAMERA_NAME_REQUIRED, "the camera needs a name")
    if len(name) > MAX_NAME:
        raise InputError(ErrorCode.CAMERA_NAME_TOO_LONG, f"the camera name is longer than {MAX_NAME} characters",
                         max=MAX_NAME)
    if has_controls(name):
        raise InputError(ErrorCode.CAMERA_NAME_CONTROL_CHARACTERS, "the camera name has control characters")
    return name


def check_retention(days: int | None) -> int | None:
    if days is None:
        return None
    if not 1 <= days <= MAX_RETENTION_DAYS:
        raise InputError(ErrorCode.RETENTION_OUT_OF_RANGE, f"retention must be between 1 and {MAX_RETENTION_DAYS} days",
                         min=1, max=MAX_RETENTION_DAYS)
    return days


def check_sensitivity(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
        raise InputError(ErrorCode.MOTION_SENSITIVITY_OUT_OF_RANGE,
                         "motion sensitivity must be a whole number from 1 to 100", min=1, max=100)
    return value


def check_mask(areas) -> list[list[float]]:
    """Ignored areas as [x, y, w, h] fractions of the picture, each kept inside it."""
    if areas is None:
        return []
    if not isinstance(areas, list) or len(areas) > MAX_MASK_AREAS:
        raise InputError(ErrorCode.MOTION_MASK_TOO_MANY, f"the motion mask must be a list of at most {MAX_MASK_AREAS} areas",
                         max=MAX_MASK_AREAS)
    clean = []
    for n, area in enumerate(areas, 1):
        if not isinstance(area, (list, tuple)) or len(area) != 4 or not all(
                isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in area):
            raise InputError(ErrorCode.MOTION_MASK_AREA_INVALID, f"mask area {n} must be four numbers: x, y, width, height",
                             area=n)
        x, y, w, h = (float(v) for v in area)
        if not (0 <= x < 1 and 0 <= y < 1 and 0 < w and 0 < h and x + w <= 1.0001 and y + h <= 1.0001):
            raise InputError(ErrorCode.MOTION_MASK_AREA_OUTSIDE, f"mask area {n} must lie inside the picture "
                             "(fractions from 0 to 1, with a width and a height)", area=n)
        clean.append([round(x, 4), round(y, 4), round(min(w, 1 - x), 4), round(min(h, 1 - y), 4)])
    return clean


def mask_of(cam: Camera) -> list[list[float]]:
    return json.loads(cam.motion_mask) if cam.motion_mask else []


def _apply_motion(cam: Camera, changes: dict) -> None:
    """Motion settings, all checked before any is set."""
    enabled = changes.get("motion_enabled", cam.motion_enabled)
    if enabled is None:
        enabled = True
    sensitivity = check_sensitivity(changes.get("motion_sensitivity", cam.motion_sensitivity or 50))
    mask = check_mask(changes["motion_mask"]) if "motion_mask" in changes else mask_of(cam)
    cam.motion_enabled, cam.motion_sensitivity = bool(enabled), sensitivity
    cam.motion_mask = json.dumps(mask) if mask else None


def add_camera(s: Session, vault: Vault, *, name: str, url: str, sub_url: str | None = None,
               username: str | None = None, password: str | None = None,
               retention_days: int | None = None, enabled: bool = True,
               compress_after_days: int | None = None, **motion) -> Camera:
    cam = Camera(enabled=enabled, created_at=utcnow())
    _apply_motion(cam, {k: v for k, v in motion.items() if k in MOTION_FIELDS and v is not None})
    url_password = _apply(cam, name=name, url=url, sub_url=sub_url, username=username,
                          retention_days=retention_days, compress_after_days=compress_after_days)
    _set_password(cam, vault, password or url_password)
    s.add(cam)
    s.flush()
    return cam


def update_camera(s: Session, vault: Vault, cam: Camera, *, password: str | None = None,
                  enabled: bool | None = None, **changes) -> Camera:
    """Fields not given stay as they are; no password keeps the stored one."""
    fields = {"name": cam.name, "url": cam.url, "sub_url": cam.sub_url, "username": cam.username,
              "retention_days": cam.retention_days, "compress_after_days": cam.compress_after_days}
    fields.update({k: v for k, v in changes.items() if k in fields})
    _apply_motion(cam, {k: v for k, v in changes.items() if k in MOTION_FIELDS and (v is not None or k == "motion_mask")})
    url_password = _apply(cam, **fields)
    if password or url_password:
        _set_password(cam, vault, password or url_password)
    if enabled is not None:
        cam.enabled = enabled
    return cam


def _apply(cam: Camera, *, name, url, sub_url, username, retention_days, compress_after_days) -> str | None:
    """Checks every field before touching the camera, so a refusal changes nothing."""
    name = check_name(name)
    clean, url_user, url_password = split_credentials(check_url(url))
    sub_clean = split_credentials(check_url(sub_url, "sub_url"))[0] if sub_url else None
    retention_days = check_retention(retention_days)
    if compress_after_days is not None and not 1 <= compress_after_days <= MAX_RETENTION_DAYS:
        raise InputError(ErrorCode.COMPRESSION_OUT_OF_RANGE, f"compression must start after 1 to {MAX_RETENTION_DAYS} days",
                         min=1, max=MAX_RETENTION_DAYS)
    cam.name, cam.url, cam.sub_url, cam.retention_days = name, clean, sub_clean, retention_days
    cam.compress_after_days = compress_after_days
    cam.username = (username or "").strip() or url_user
    return url_password


def _set_password(cam: Camera, vault: Vault, password: str | None) -> None:
    cam.password_enc = vault.encrypt(password) if cam.username else None


def get_camera(s: Session, camera_id: int) -> Camera:
    cam = s.get(Camera, camera_id)
    if cam is None or cam.removed_at is not None:
        raise NotFound(ErrorCode.CAMERA_NOT_FOUND, f"there is no camera {camera_id}", camera_id=camera_id)
    return cam


def active_cameras(s: Session) -> list[Camera]:
    return list(s.scalars(select(Camera).where(Camera.removed_at.is_(None)).order_by(Camera.id)))


def remove_camera(s: Session, camera_id: int) -> Camera:
    cam = get_camera(s, camera_id)
    cam.removed_at = utcnow()
    cam.enabled = False
    return cam


def public(cam: Camera) -> dict:
    """What may be shown: never the password."""
    return {"id": cam.id, "name": cam.name, "url": cam.url, "sub_url": cam.sub_url,
            "username": cam.username, "has_password": bool(cam.password_enc),
            "enabled": cam.enabled, "retention_days": cam.retention_days,
            "compress_after_days": cam.compress_after_days, "motion_enabled": cam.motion_enabled,
            "motion_sensitivity": cam.motion_sensitivity, "motion_mask": mask_of(cam)}

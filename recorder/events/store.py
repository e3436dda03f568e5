"""Detections from other systems (a licence plate camera, an analytics box): checked, stored
in the index with an optional picture, one at a time from the API or in bulk from a CSV."""

from __future__ import annotations

import base64
import binascii
import csv
import io
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from recorder.cameras.config import get_camera
from recorder.errors import InputError, TooLarge, has_controls
from recorder.index.models import Event, utcnow
from recorder.index.queries import aware
from recorder.paths import DataDir
from vms_api.enums import RECORDER_KINDS
from vms_api.errors import ErrorCode

KIND = re.compile(r"[a-z][a-z0-9_]{0,31}")
MAX_SNAPSHOT = 1024 * 1024
CLOCK_SKEW = timedelta(minutes=1)  # the sender's clock may run a little ahead of ours
IMAGE_TYPES = {b"\xff\xd8\xff": "jpg", b"\x89PNG": "png"}
MAX_LABEL = 200


@dataclass
class EventIn:
    camera_id: int
    time: datetime
    kind: str
    label: str | None = None
    confidence: float | None = None
    end: datetime | None = None
    snapshot: bytes | None = None


def decode_snapshot(text: str | None) -> bytes | None:
    if not text:
        return None
    if len(text) > MAX_SNAPSHOT * 4 // 3 + 4:
        raise _too_large()
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise InputError(ErrorCode.SNAPSHOT_NOT_BASE64, "the snapshot is not valid base64") from None
    if len(data) > MAX_SNAPSHOT:
        raise _too_large()
    return data


def _too_large() -> TooLarge:
    return TooLarge(ErrorCode.SNAPSHOT_TOO_LARGE, f"the snapshot is larger than {MAX_SNAPSHOT // 1024} KB",
                    max_kb=MAX_SNAPSHOT // 1024)


def check(ev: EventIn, s: Session) -> EventIn:
    """The event as it will be stored, or InputError / LookupError / TooLarge saying why not."""
    get_camera(s, ev.camera_id)
    kind = (ev.kind or "").strip().lower()
    if not KIND.fullmatch(kind):
        raise InputError(ErrorCode.EVENT_KIND_INVALID,
                         "the kind must be a short word of letters, digits or '_' (e.g. plate, person)")
    if kind in RECORDER_KINDS:
        raise InputError(ErrorCode.EVENT_KIND_RESERVED,
                         f"the kind '{kind}' is the recorder's own; use another (e.g. plate, person, vehicle)", kind=kind)
    time = aware(ev.time)
    if time > utcnow() + CLOCK_SKEW:
        raise InputError(ErrorCode.EVENT_TIME_IN_FUTURE, f"the event's time {time.isoformat()} is in the future",
                         time=time.isoformat())
    end = aware(ev.end) if ev.end else None
    if end is not None and end < time:
        raise InputError(ErrorCode.EVENT_END_BEFORE_START, "the event's end is before its start")
    label = (ev.label or "").strip() or None
    if label and (len(label) > MAX_LABEL or has_controls(label)):
        raise InputError(ErrorCode.EVENT_LABEL_INVALID,
                         f"the label must be at most {MAX_LABEL} characters, without control characters", max=MAX_LABEL)
    if ev.confidence is not None and not 0.0 <= ev.confidence <= 1.0:
        raise InputError(ErrorCode.EVENT_CONFIDENCE_OUT_OF_RANGE, "the confidence must be between 0 and 1", min=0, max=1)
    if ev.snapshot is not None and len(ev.snapshot) > MAX_SNAPSHOT:
        raise _too_large()
    if ev.snapshot is not None and _image_type(ev.snapshot) is None:
        raise InputError(ErrorCode.SNAPSHOT_NOT_IMAGE, "the snapshot must be a JPEG or PNG picture")
    return EventIn(ev.camera_id, time, kind, label, ev.confidence, end, ev.snapshot)


def _image_type(data: bytes) -> str | None:
    return next((ext for magic, ext in IMAGE_TYPES.items() if data.startswith(magic)), None)


def store(s: Session, data: DataDir, events: list[EventIn]) -> list[Event]:
    """Add checked events (and their pictures) in the caller's transaction."""
    rows = []
    for ev in events:
        row = Event(camera_id=ev.camera_id, kind=ev.kind, start=ev.time, end=ev.end, label=ev.label,
                    confidence=ev.confidence)
        s.add(row)
        s.flush()
        if ev.snapshot is not None:
            path = data.root / "events" / f"cam_{ev.camera_id}" / f"{row.id}.{_image_type(ev.snapshot)}"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(ev.snapshot)
            row.snapshot = data.relative(path)
        rows.append(row)
    return rows


def read_csv(s: Session, text: str) -> list[EventIn]:
    """Rows of camera,time,kind,label[,confidence] under a header line, each checked; every
    bad row is reported with its line number, and then nothing is imported."""
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not {"camera", "time", "kind"} <= {f.strip().lower() for f in reader.fieldnames}:
        raise InputError(ErrorCode.CSV_HEADER_MISSING,
                         "the CSV needs a header line with at least: camera,time,kind (and label, confidence)")
    out, errors = [], []
    for line, row in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        try:
            ev = EventIn(int(row["camera"]), datetime.fromisoformat(row["time"]), row["kind"],
                         row.get("label") or None, float(row["confidence"]) if row.get("confidence") else None)
            out.append(check(ev, s))
        except (ValueError, TypeError, LookupError, TooLarge) as e:
            errors.append(f"line {line}: {str(e).strip(chr(39))}")
    if errors:
        more = f"; and {len(errors) - 10} more" if len(errors) > 10 else ""
        raise InputError(ErrorCode.CSV_REJECTED, "nothing imported: " + "; ".join(errors[:10]) + more,
                         errors=errors[:10], more=max(len(errors) - 10, 0))
    return out

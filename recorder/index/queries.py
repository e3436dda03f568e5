"""Read-only questions to the index: recordings in a period, recorded days, events."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from recorder.errors import InputError
from recorder.index.db import get_plan
from recorder.index.models import PLANS, Camera, Event, Segment, utcnow
from vms_api.errors import ErrorCode
from vms_api.models import FIRST_YEAR, LAST_YEAR, in_range  # noqa: F401 (the times one may ask about, found here too)


def aware(t: datetime) -> datetime:
    """A time given without a zone is the site's local time (what a guard types)."""
    return t if t.tzinfo else t.astimezone()


def period(start: datetime | None, end: datetime | None, default: timedelta) -> tuple[datetime, datetime]:
    end = aware(end) if end else utcnow()
    start = aware(start) if start else end - default
    if start >= end:
        raise InputError(ErrorCode.PERIOD_START_AFTER_END, "the start of the period must be before its end")
    return start, end


def segments(s: Session, camera_id: int, start: datetime, end: datetime, limit: int = 10_000) -> list[Segment]:
    q = (select(Segment)
         .where(Segment.camera_id == camera_id, Segment.start < end, Segment.end > start,
                Segment.deleting.is_(False))
         .order_by(Segment.start).limit(limit))
    return list(s.scalars(q))


def last_recorded(s: Session, camera_id: int) -> datetime | None:
    """When the camera's last segment ends (the ids grow with time, and so do the ends)."""
    return s.scalar(select(Segment.end).where(Segment.camera_id == camera_id).order_by(Segment.id.desc()).limit(1))


def segment_row(seg: Segment) -> dict:
    return {"id": seg.id, "camera_id": seg.camera_id, "start": seg.start.isoformat(),
            "end": seg.end.isoformat(), "duration": round(seg.duration, 3), "path": seg.path,
            "bytes": seg.bytes, "video_codec": seg.video_codec, "audio_codec": seg.audio_codec,
            "width": seg.width, "height": seg.height}


def events(s: Session, camera_id: int | None, kind: str | None, start: datetime, end: datetime,
           limit: int = 10_000, text: str | None = None, newest_first: bool = False) -> list[Event]:
    """Events overlapping the period; kind may list several (comma-separated); text matches
    part of the label, whatever the case (a plate typed as 'abc1d' finds 'ABC1D23'). The limit
    keeps the oldest, or the newest when newest_first."""
    q = select(Event).where(Event.start < end, (Event.end.is_(None)) | (Event.end > start))
    if camera_id is not None:
        q = q.where(Event.camera_id == camera_id)
    if kind:
        q = q.where(Event.kind.in_([k.strip() for k in kind.split(",") if k.strip()]))
    if text:
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        q = q.where(Event.label.ilike(pattern, escape="\\"))
    return list(s.scalars(q.order_by(Event.start.desc() if newest_first else Event.start).limit(limit)))


def event_row(ev: Event) -> dict:
    return {"id": ev.id, "camera_id": ev.camera_id, "kind": ev.kind, "start": ev.start.isoformat(),
            "end": ev.end.isoformat() if ev.end else None, "label": ev.label, "confidence": ev.confidence,
            "has_snapshot": bool(ev.snapshot)}


def retention_days(s: Session, cam: Camera) -> tuple[int, str]:
    plan = get_plan(s)
    return (cam.retention_days or PLANS[plan]), plan


def recorded_days(s: Session, cam: Camera, today: date | None = None) -> dict:
    """Local days with footage, how much, and how many days each has before retention takes it."""
    keep, plan = retention_days(s, cam)
    today = today or datetime.now().astimezone().date()
    per_day: dict[date, list[float]] = defaultdict(lambda: [0.0, 0])
    rows = s.execute(select(Segment.start, Segment.end, Segment.bytes)
                     .where(Segment.camera_id == cam.id, Segment.deleting.is_(False)))
    for start, end, size in rows:
        day = per_day[start.astimezone().date()]
        day[0] += (end - start).total_seconds()
        day[1] += size
    days = [{"date": d.isoformat(), "recorded_seconds": round(sec, 1), "bytes": int(size),
             "expires_on": (d + timedelta(days=keep)).isoformat(),
             "days_left": (d + timedelta(days=keep) - today).days}
            for d, (sec, size) in sorted(per_day.items())]
    return {"camera_id": cam.id, "plan": plan, "retention_days": keep, "days": days}

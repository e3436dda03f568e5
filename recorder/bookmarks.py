"""Bookmarks: a moment or a range of one camera's footage with a title and a note, for the next
shift. A protected bookmark holds the recordings under its range: retention, the disk guard
and a deleted day pass them by until it is released or deleted (evidence kept without a copy),
within the plan's hours (vms_api.roles.PROTECTED_HOURS)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, sessionmaker

from recorder.clips.plan import check_notes
from recorder.errors import Forbidden, InputError, NotFound, has_controls
from recorder.index.db import get_plan
from recorder.index.models import Bookmark, Segment, utcnow
from vms_api.enums import Plan
from vms_api.errors import ErrorCode
from vms_api.roles import PROTECTED_HOURS


def as_dict(b: Bookmark) -> dict:
    return {"id": b.id, "camera_id": b.camera_id, "start": b.start.isoformat(), "end": b.end.isoformat(),
            "title": b.title, "note": b.note, "protect": b.protect, "created_by": b.created_by,
            "created_at": b.created_at.isoformat()}


def check_title(title: str | None) -> str:
    title = (title or "").strip()
    if not title:
        raise InputError(ErrorCode.BOOKMARK_TITLE_REQUIRED, "the bookmark needs a title")
    if has_controls(title):
        raise InputError(ErrorCode.BOOKMARK_TITLE_CONTROL_CHARACTERS, "the bookmark's title has control characters")
    return title


def held(camera_id=Segment.camera_id, start=Segment.start, end=Segment.end):
    """SQL: a protected bookmark of that camera overlaps [start, end] (by default a segment's)."""
    return exists().where(Bookmark.protect.is_(True), Bookmark.camera_id == camera_id,
                          Bookmark.start <= end, Bookmark.end >= start)


def protected_hours(s: Session, but: int | None = None) -> float:
    """Hours of footage held by protected bookmarks, all cameras (overlaps counted twice: a
    simple, safe upper bound of what retention cannot reuse)."""
    rows = s.execute(select(Bookmark.start, Bookmark.end).where(Bookmark.protect.is_(True), Bookmark.id != (but or 0)))
    return sum((end - start).total_seconds() for start, end in rows) / 3600


class Bookmarks:
    def __init__(self, sessions: sessionmaker[Session]):
        self.sessions = sessions

    def list(self, camera_ids: list[int] | None = None, start: datetime | None = None,
             end: datetime | None = None, protected: bool | None = None) -> list[dict]:
        """Bookmarks overlapping [start, end], oldest first."""
        q = select(Bookmark).order_by(Bookmark.start, Bookmark.id)
        if camera_ids is not None:
            q = q.where(Bookmark.camera_id.in_(camera_ids))
        if start is not None:
            q = q.where(Bookmark.end >= start)
        if end is not None:
            q = q.where(Bookmark.start <= end)
        if protected is not None:
            q = q.where(Bookmark.protect.is_(protected))
        with self.sessions() as s:
            return [as_dict(b) for b in s.scalars(q.limit(10_000))]

    def get(self, bookmark_id: int) -> dict:
        with self.sessions() as s:
            return as_dict(self._row(s, bookmark_id))

    def add(self, camera_id: int, start: datetime, end: datetime | None, title: str, note: str | None,
            protect: bool, created_by: str | None) -> dict:
        end = end or start
        if start > end:
            raise InputError(ErrorCode.BOOKMARK_START_AFTER_END, "the bookmark starts after it ends")
        with self.sessions.begin() as s:
            row = Bookmark(camera_id=camera_id, start=start, end=end, title=check_title(title), note=check_notes(note),
                           protect=protect, created_by=created_by, created_at=utcnow())
            if protect:
                self._within_quota(s, row)
            s.add(row)
            s.flush()
            return as_dict(row)

    def change(self, bookmark_id: int, may_others: bool, by: str | None, **sent) -> tuple[dict, dict]:
        """(the bookmark before, after): title, note and protect as sent. Only its author, or a
        user who may delete footage, changes another's."""
        with self.sessions.begin() as s:
            row = self._row(s, bookmark_id)
            self._may_change(row, may_others, by)
            before = as_dict(row)
            if "title" in sent:
                row.title = check_title(sent["title"])
            if "note" in sent:
                row.note = check_notes(sent["note"])
            if sent.get("protect") is not None:
                if sent["protect"] and not row.protect:
                    self._within_quota(s, row)
                row.protect = sent["protect"]
            return before, as_dict(row)

    def delete(self, bookmark_id: int, may_others: bool, by: str | None) -> dict:
        with self.sessions.begin() as s:
            row = self._row(s, bookmark_id)
            self._may_change(row, may_others, by)
            gone = as_dict(row)
            s.delete(row)
            return gone

    @staticmethod
    def _row(s: Session, bookmark_id: int) -> Bookmark:
        row = s.get(Bookmark, bookmark_id)
        if row is None:
            raise NotFound(ErrorCode.BOOKMARK_NOT_FOUND, f"no bookmark {bookmark_id}", bookmark_id=bookmark_id)
        return row

    @staticmethod
    def _may_change(row: Bookmark, may_others: bool, by: str | None) -> None:
        if not may_others and row.created_by != by:
            raise Forbidden(ErrorCode.BOOKMARK_NOT_YOURS, f"bookmark {row.id} is {row.created_by}'s; only its author "
                            "or a user who may delete footage changes it", bookmark_id=row.id,
                            created_by=row.created_by)

    @staticmethod
    def _within_quota(s: Session, row: Bookmark) -> None:
        plan = Plan(get_plan(s))
        limit, used = PROTECTED_HOURS[plan], protected_hours(s, but=row.id)
        asked = (row.end - row.start).total_seconds() / 3600
        if used + asked > limit:
            raise Forbidden(ErrorCode.PROTECTION_QUOTA_REACHED,
                            f"the {plan} plan holds up to {limit:g} hours of protected footage; {used:.1f} are held "
                            f"and this bookmark asks {asked:.1f} more: release a bookmark or move to a bigger plan",
                            plan=str(plan), limit_hours=limit, used_hours=round(used, 2), asked_hours=round(asked, 2))

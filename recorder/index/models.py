"""The index: SQLAlchemy 2.0 typed models. Every instant is stored as UTC."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

PLANS = {"basic": 7, "pro": 15, "premium": 30}
DEFAULT_PLAN = "basic"


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out; stored naive UTC so SQLite sorts them."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the index; times must carry a zone")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    pass


class Camera(Base):
    __tablename__ = "cameras"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    # URLs never hold credentials: those live in username / password_enc.
    url: Mapped[str] = mapped_column(Text)
    sub_url: Mapped[str | None] = mapped_column(Text)
    username: Mapped[str | None] = mapped_column(String(120))
    password_enc: Mapped[str | None] = mapped_column(Text)
    enabled: Mapped[bool] = mapped_column(default=True)
    retention_days: Mapped[int | None] = mapped_column(Integer)
    # Segments older than this many days are re-encoded to H.265 to save space; None: never.
    compress_after_days: Mapped[int | None] = mapped_column(Integer)
    motion_enabled: Mapped[bool] = mapped_column(default=True, server_default=true())
    motion_sensitivity: Mapped[int] = mapped_column(Integer, default=50, server_default="50")
    # Areas where motion is ignored: JSON list of [x, y, w, h] in fractions of the picture.
    motion_mask: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Removed cameras keep their footage until retention takes it.
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Segment(Base):
    __tablename__ = "segments"
    __table_args__ = (Index("ix_segments_camera_start", "camera_id", "start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    camera_id: Mapped[int] = mapped_column(ForeignKey("cameras.id"))
    start: Mapped[datetime] = mapped_column(UTCDateTime)
    end: Mapped[datetime] = mapped_column(UTCDateTime)
    path: Mapped[str] = mapped_column(Text, unique=True)  # relative to the data dir
    bytes: Mapped[int] = mapped_column(Integer)
    video_codec: Mapped[str] = mapped_column(String(32))
    audio_codec: Mapped[str | None] = mapped_column(String(32))
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    # Set before the file is unlinked, so a crash mid-deletion is finished at the next start.
    deleting: Mapped[bool] = mapped_column(default=False)
    # The camera's original bytes when the file was re-encoded to save space (None: as recorded).
    original_bytes: Mapped[int | None] = mapped_column(Integer)

    @property
    def duration(self) -> float:
        return (self.end - self.start).total_seconds()


class Event(Base):
    """Something that happened on a camera: an outage, an error, later motion or a plate."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_camera_start", "camera_id", "start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    camera_id: Mapped[int | None] = mapped_column(ForeignKey("cameras.id"))
    kind: Mapped[str] = mapped_column(String(32))
    start: Mapped[datetime] = mapped_column(UTCDateTime)
    end: Mapped[datetime | None] = mapped_column(UTCDateTime)
    label: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float | None] = mapped_column(Float)
    snapshot: Mapped[str | None] = mapped_column(Text)  # relative to the data dir: a posted picture


class User(Base):
    """An operator's account. The name is matched without regard to case (name_key)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    name_key: Mapped[str] = mapped_column(String(64), unique=True)  # name.casefold()
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(Text)  # argon2id, with its parameters and salt
    # The cameras this user may see, as a JSON list of ids; None: all of them.
    cameras: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class UserSession(Base):
    """A logged-in client. Only the token's SHA-256 is kept: a copy of the index logs no one in."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # logged out or revoked
    address: Mapped[str | None] = mapped_column(String(64))


class Setting(Base):
    """Site-wide settings as key/value text: the plan, and whatever comes later."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


CLIP_LIMITS = {"basic": 10, "pro": 50, "premium": None}  # None: unlimited


class Clip(Base):
    """A saved range of one camera's footage, with its own copy of the video: retention
    never touches it."""

    __tablename__ = "clips"
    __table_args__ = (Index("ix_clips_camera_start", "camera_id", "start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    camera_id: Mapped[int] = mapped_column(ForeignKey("cameras.id"))
    requested_start: Mapped[datetime] = mapped_column(UTCDateTime)
    requested_end: Mapped[datetime] = mapped_column(UTCDateTime)
    # What the file holds: from the keyframe at or before the requested start.
    start: Mapped[datetime] = mapped_column(UTCDateTime)
    end: Mapped[datetime] = mapped_column(UTCDateTime)
    name: Mapped[str] = mapped_column(String(120))
    notes: Mapped[str | None] = mapped_column(Text)
    path: Mapped[str] = mapped_column(Text)  # relative to the data dir
    bytes: Mapped[int] = mapped_column(Integer, default=0)
    sha256: Mapped[str | None] = mapped_column(String(64))
    created_by: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    state: Mapped[str] = mapped_column(String(16), default="extracting")  # ready, failed, deleting
    error: Mapped[str | None] = mapped_column(Text)
    missing: Mapped[str | None] = mapped_column(Text)  # JSON [[start, end], ...]: no recording there


class Bookmark(Base):
    """A moment or range of one camera's footage with a title and a note, for the next shift.
    protect holds the recordings under its range against retention and the disk guard."""

    __tablename__ = "bookmarks"
    __table_args__ = (Index("ix_bookmarks_camera_start", "camera_id", "start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    camera_id: Mapped[int] = mapped_column(ForeignKey("cameras.id"))
    start: Mapped[datetime] = mapped_column(UTCDateTime)
    end: Mapped[datetime] = mapped_column(UTCDateTime)  # the start, for a moment
    title: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    protect: Mapped[bool] = mapped_column(default=False, index=True)
    created_by: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AlarmRule(Base):
    """Which events are alarms: a kind of event, on some cameras, in armed hours (local time)."""

    __tablename__ = "alarm_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16))
    cameras: Mapped[str | None] = mapped_column(Text)  # a JSON list of ids; None: every camera
    days: Mapped[str] = mapped_column(String(32))  # a JSON list of weekdays, Monday 0
    start: Mapped[str] = mapped_column(String(5))  # HH:MM
    end: Mapped[str] = mapped_column(String(5))
    escalate_after_s: Mapped[int] = mapped_column(Integer)
    enabled: Mapped[bool] = mapped_column(default=True)
    created_by: Mapped[str | None] = mapped_column(String(200))


class WatchedPlate(Base):
    """A plate on the watch list, kept as compared: letters and digits, upper case."""

    __tablename__ = "watched_plates"

    plate: Mapped[str] = mapped_column(String(20), primary_key=True)
    note: Mapped[str | None] = mapped_column(Text)


class Alarm(Base):
    """An alarm raised by a rule: open until a user acknowledges it with a comment. seq is the
    queue's change counter, bumped on every change, so workstations ask for what changed."""

    __tablename__ = "alarms"
    __table_args__ = (Index("ix_alarms_state_rule_camera", "state", "rule_id", "camera_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    rule_id: Mapped[int | None] = mapped_column(Integer)  # no foreign key: the alarm outlives its rule
    rule_name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16))
    camera_id: Mapped[int | None] = mapped_column(Integer)
    event_id: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_at: Mapped[datetime] = mapped_column(UTCDateTime)
    count: Mapped[int] = mapped_column(Integer, default=1)
    label: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16))
    escalate_at: Mapped[datetime] = mapped_column(UTCDateTime)
    acknowledged_by: Mapped[str | None] = mapped_column(String(200))
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    comment: Mapped[str | None] = mapped_column(Text)


class Deletion(Base):
    """The cleanup log: every segment removed, when and why (retention, disk_full, manual)."""

    __tablename__ = "deletions"
    __table_args__ = (Index("ix_deletions_at", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    camera_id: Mapped[int] = mapped_column(Integer)
    path: Mapped[str] = mapped_column(Text)
    start: Mapped[datetime] = mapped_column(UTCDateTime)
    end: Mapped[datetime] = mapped_column(UTCDateTime)
    bytes: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(16))


class AuditRow(Base):
    """One entry of the audit trail, append-only (the index refuses UPDATE and DELETE on it).
    Times are kept as the ISO text the hash covers, so a read gives back the bytes that were
    hashed. The unique prev_hash lets two writers (the service and the command line) race
    safely: the loser's insert fails and it chains after the winner."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(40), index=True)
    user: Mapped[str] = mapped_column(String(200), index=True)
    role: Mapped[str | None] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(32), index=True)
    camera_id: Mapped[int | None] = mapped_column(Integer, index=True)  # no foreign key: outlives the camera
    start: Mapped[str | None] = mapped_column(String(40))
    end: Mapped[str | None] = mapped_column(String(40))
    reason: Mapped[str | None] = mapped_column(Text)
    address: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text)  # JSON
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64))

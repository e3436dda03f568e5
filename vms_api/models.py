"""The request and response bodies of every route. Field names are the JSON keys on the wire.
Times are sent as ISO 8601 text with their offset (as Python's isoformat() writes them, e.g.
2026-01-31T09:00:00.123456+00:00) and kept as such here, so the wire stays what it was; a
client parses them with datetime.fromisoformat."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

from annotated_types import Ge, Le
from pydantic import AfterValidator, BaseModel, Field

from vms_api.enums import AlarmKind, AlarmState, AuditAction, CameraState, ClipState, DeletionReason, Plan
from vms_api.errors import ErrorCode
from vms_api.roles import Permission, Role

# Every id is an SQLite integer: a bigger number cannot name a row, it only overflows the
# driver. Ids start at 1.
MAX_ID = 2**63 - 1
Id = Annotated[int, Ge(1), Le(MAX_ID)]
# Times a person or a script may ask about. Outside these, Python's dates overflow when
# moved between zones (year 1, year 9999) and no footage can exist anyway.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def in_range(value: date) -> date:
    """A date or time within FIRST_YEAR..LAST_YEAR, else ValueError (the API's 422) saying so."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"must be between the years {FIRST_YEAR} and {LAST_YEAR}")
    return value


When = Annotated[datetime, AfterValidator(in_range)]
Day = Annotated[date, AfterValidator(in_range)]
Time = Annotated[str, Field(description="ISO 8601 date and time with offset")]
DayText = Annotated[str, Field(description="ISO 8601 date (a local day)")]


def utc(text: str | None) -> datetime | None:
    """A Time of the contract as an aware datetime in UTC (None stays None). A time without
    an offset is UTC, as the index keeps it."""
    if not text:
        return None
    t = datetime.fromisoformat(text)
    return (t if t.tzinfo else t.replace(tzinfo=UTC)).astimezone(UTC)


# -- requests ------------------------------------------------------------------------------------

class CameraIn(BaseModel):
    name: str = Field(max_length=120)
    url: str = Field(max_length=2000)
    sub_url: str | None = Field(None, max_length=2000)
    username: str | None = Field(None, max_length=120)
    password: str | None = Field(None, max_length=200)
    retention_days: int | None = None
    enabled: bool = True
    compress_after_days: int | None = None
    motion_enabled: bool | None = None
    motion_sensitivity: int | None = None
    motion_mask: list | None = Field(None, max_length=1000)  # the camera rules give the precise message


class CameraPatch(BaseModel):
    """Fields not sent stay as they are; no password keeps the stored one."""
    name: str | None = Field(None, max_length=120)
    url: str | None = Field(None, max_length=2000)
    sub_url: str | None = Field(None, max_length=2000)
    username: str | None = Field(None, max_length=120)
    password: str | None = Field(None, max_length=200)
    retention_days: int | None = None
    enabled: bool | None = None
    compress_after_days: int | None = None
    motion_enabled: bool | None = None
    motion_sensitivity: int | None = None
    motion_mask: list | None = Field(None, max_length=1000)


class ProbeIn(BaseModel):
    url: str = Field(max_length=2000)
    username: str | None = Field(None, max_length=120)
    password: str | None = Field(None, max_length=200)
    camera_id: Id | None = None  # editing: a blank password means the stored one


class ClipIn(BaseModel):
    camera_id: Id
    start: When
    end: When
    name: str = Field(max_length=1000)  # the clip rules give the precise message
    notes: str | None = Field(None, max_length=10_000)
    created_by: str | None = Field(None, max_length=1000)
    # why footage is copied (a police report, a court order, a data subject's request): in the audit trail
    reason: str | None = Field(None, max_length=1000)


class ClipPatch(BaseModel):
    name: str | None = Field(None, max_length=1000)
    notes: str | None = Field(None, max_length=10_000)


class EventPost(BaseModel):
    camera_id: Id
    time: When
    end: When | None = None
    kind: str = Field(max_length=100)
    label: str | None = Field(None, max_length=1000)
    confidence: float | None = None
    snapshot: str | None = Field(None, max_length=16_000_000)  # base64; the 1 MB limit gives a 413


# -- system --------------------------------------------------------------------------------------

class Health(BaseModel):
    ok: bool
    version: str
    setup_needed: bool = Field(False, description="no account yet: the first administrator is made "
                               "(POST /api/setup) on the recorder's own machine")


class Stopping(BaseModel):
    stopping: bool


class ProbeResult(BaseModel):
    """'Test connection': ok with what the camera sends, or not ok with why (error_code)."""
    ok: bool
    error: str | None = None
    error_code: ErrorCode | None = None
    error_params: dict[str, Any] | None = None
    description: str | None = None
    video_codec: str | None = None
    width: int | None = None
    height: int | None = None
    fps: float | None = None
    audio_codec: str | None = None


class RecorderInfo(BaseModel):
    pid: int
    version: str
    started_at: Time
    data_dir: str
    lan_url: str | None = Field(None, description="where workstations reach it (https://ADDRESS:PORT); "
                                "None: this machine only")
    tls_fingerprint: str | None = Field(None, description="SHA-256 of the certificate of lan_url, as AB:CD:…")


class PlanInfo(BaseModel):
    name: Plan
    days: int


class SitePlan(PlanInfo):
    """The site's plan (GET /api/plan): footage kept, and how many accounts it allows."""
    users: int  # accounts the plan allows
    user_count: int  # accounts there are


class PlanIn(BaseModel):
    name: Plan


# The idle lock: the longest is a shift (12 h), as a session's; 0 turns it off.
LockMinutes = Annotated[int, Ge(0), Le(720)]


class SiteSettings(BaseModel):
    """Settings every client of the site follows (GET /api/settings)."""
    lock_minutes: LockMinutes = Field(description="minutes without input before the client locks; 0: never")


class SiteSettingsPatch(BaseModel):
    lock_minutes: LockMinutes | None = None


class FrameLoss(BaseModel):
    """Over the last minute of a camera's stream."""
    percent: float
    frames: int
    expected: int
    seconds: float
    full: bool
    warning: bool


class CameraStatus(BaseModel):
    id: int
    name: str
    state: CameraState
    error: str | None = None  # in English; error_code and error_params say it as data
    error_code: ErrorCode | None = None
    error_params: dict[str, Any] | None = None
    stream: str | None = None
    current_file: str | None = None
    current_start: Time | None = None
    last_segment: str | None = None
    frame_loss: FrameLoss | None = None
    recording_stopped_since: Time | None = None
    recording_stopped: bool = False
    enabled: bool
    has_substream: bool
    recorded_bytes: int
    motion_enabled: bool | None = None
    motion_active: bool


class LiveViewers(BaseModel):
    viewers: int
    skipped_bytes: int


class Disk(BaseModel):
    total: int
    used: int
    free: int
    percent: float
    level: int  # the alert level reached: 0, 80, 90 or 95 (% used)
    floor: int  # bytes kept free: below it the oldest footage goes early
    bandwidth: float  # bytes a second, all cameras
    days_until_full: float | None = None
    trouble: str | None = None  # recording is in danger, in English; trouble_code and trouble_params as data
    trouble_code: ErrorCode | None = None
    trouble_params: dict[str, Any] | None = None


class StatusDisk(Disk):
    recordings: int  # bytes of indexed footage


class Status(BaseModel):
    recorder: RecorderInfo
    plan: PlanInfo
    cameras: list[CameraStatus]
    live_viewers: dict[str, LiveViewers]
    disk: StatusDisk


# -- cameras -------------------------------------------------------------------------------------

class Camera(BaseModel):
    """A camera's settings as shown: never its password."""
    id: int
    name: str
    url: str
    sub_url: str | None = None
    username: str | None = None
    has_password: bool
    enabled: bool
    retention_days: int | None = None
    compress_after_days: int | None = None
    motion_enabled: bool | None = None
    motion_sensitivity: int | None = None
    motion_mask: list[list[float]]


# -- recordings ----------------------------------------------------------------------------------

class Segment(BaseModel):
    id: int
    camera_id: int
    start: Time
    end: Time
    duration: float
    path: str
    bytes: int
    video_codec: str
    audio_codec: str | None = None
    width: int | None = None
    height: int | None = None
    windows: list[float] = Field([], description="where each window of the file begins (seconds from its start): "
                                 "a player opens ?window=N, a small MP4 of its own, rather than the whole file")


class FileWindows(BaseModel):
    windows: list[float]  # where each window of the file begins, seconds from its start (Segment.windows)


class RecordedDay(BaseModel):
    date: DayText
    recorded_seconds: float
    bytes: int
    expires_on: DayText
    days_left: int


class RecordedDays(BaseModel):
    camera_id: int
    plan: Plan
    retention_days: int
    days: list[RecordedDay]


class DayDeleted(BaseModel):
    deleted: int
    bytes: int
    kept: int = 0  # segments a protected bookmark holds, left in place


# -- events --------------------------------------------------------------------------------------

class Event(BaseModel):
    id: int
    camera_id: int | None = None  # None: the recorder's own (the disk)
    kind: str = Field(description="an EventKind, or a kind another system posted")
    start: Time
    end: Time | None = None
    label: str | None = None
    confidence: float | None = None
    has_snapshot: bool


# -- storage -------------------------------------------------------------------------------------

class StorageCamera(BaseModel):
    id: int
    name: str
    removed: bool
    bytes: int
    bandwidth: float
    retention_days: int
    days: list[RecordedDay]
    frame_loss: FrameLoss | None = None


class Expiring(BaseModel):
    """A camera's footage the next sweep deletes."""
    camera_id: int
    camera_name: str
    date: DayText
    bytes: int
    deleted_at: Time


class Sweep(BaseModel):
    at: Time
    deleted: int
    bytes: int
    seconds: float


class Storage(BaseModel):
    disk: Disk
    cameras: list[StorageCamera]
    expiring: list[Expiring]
    last_sweep: Sweep | None = None
    next_sweep: Time


class Deletion(BaseModel):
    at: Time
    camera_id: int
    path: str
    start: Time
    end: Time
    bytes: int
    reason: DeletionReason


# -- clips ---------------------------------------------------------------------------------------

class Clip(BaseModel):
    id: int
    camera_id: int
    camera_name: str | None = None
    start: Time
    end: Time
    requested_start: Time
    requested_end: Time
    duration: float
    name: str
    notes: str | None = None
    path: str
    bytes: int
    sha256: str | None = None
    created_by: str | None = None
    created_at: Time
    state: ClipState
    progress: float
    error: str | None = None
    missing: list[list[Time]] = Field(description="the parts of the range with no recording: [start, end] pairs")


class ClipDeleted(BaseModel):
    deleted: int


class BookmarkIn(BaseModel):
    """A moment (no end) or a range of one camera's footage, marked for the next shift; protect
    holds the range's recordings against retention until released."""
    camera_id: Id
    start: When
    end: When | None = None
    title: str = Field(max_length=200)
    note: str | None = Field(None, max_length=10_000)
    protect: bool = False


class BookmarkPatch(BaseModel):
    title: str | None = Field(None, max_length=200)
    note: str | None = Field(None, max_length=10_000)
    protect: bool | None = None


class Bookmark(BaseModel):
    id: int
    camera_id: int
    start: Time
    end: Time  # the start, for a moment
    title: str
    note: str | None
    protect: bool
    created_by: str | None
    created_at: Time


class BookmarkDeleted(BaseModel):
    deleted: int


class ProtectionUse(BaseModel):
    """Footage held by protected bookmarks against the plan's quota (all cameras together)."""
    plan: Plan
    limit_hours: float
    used_hours: float


# -- alarms --------------------------------------------------------------------------------------

HourMinute = Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$", description="local time, HH:MM (24 h)")]
Weekday = Annotated[int, Ge(0), Le(6)]


class AlarmRuleIn(BaseModel):
    """Which events are alarms: a kind, on some cameras (null: all), in armed hours. start equal
    to end arms the whole day; a window past midnight (22:00-06:00) belongs to the day it starts."""
    name: str = Field(min_length=1, max_length=100)
    kind: AlarmKind
    camera_ids: list[Id] | None = Field(None, max_length=1000)
    days: list[Weekday] = Field(default_factory=lambda: list(range(7)), max_length=7,
                                description="weekdays armed, Monday is 0")
    start: HourMinute = "00:00"
    end: HourMinute = "00:00"
    escalate_after_s: int = Field(120, ge=10, le=86_400, description="unacknowledged this long, it escalates")
    enabled: bool = True


class AlarmRule(AlarmRuleIn):
    id: int
    created_by: str | None


class WatchedPlate(BaseModel):
    plate: str = Field(min_length=1, max_length=20, description="compared as letters and digits, upper case")
    note: str | None = Field(None, max_length=500)


class WatchList(BaseModel):
    """The plates watched for (a stolen-vehicle list, a banned visitor), replaced as a whole."""
    plates: list[WatchedPlate] = Field(max_length=100_000)


class AcknowledgeIn(BaseModel):
    comment: str = Field(max_length=2000, description="what was done: required, it goes to the audit trail")


class Alarm(BaseModel):
    id: int
    seq: int = Field(description="the alarm queue's change counter when this alarm last changed")
    rule_id: int | None
    rule_name: str
    kind: AlarmKind
    camera_id: int | None  # None: the recorder's own (the disk)
    event_id: int | None
    at: Time  # the first event's time
    last_at: Time  # the latest event's, when the same rule fired again before an acknowledgement
    count: int
    label: str
    state: AlarmState
    escalate_at: Time
    acknowledged_by: str | None
    acknowledged_at: Time | None
    comment: str | None


class AlarmChanges(BaseModel):
    """Alarms raised or changed after a change counter; ask again with seq."""
    seq: int
    alarms: list[Alarm]


# -- operators -----------------------------------------------------------------------------------

UserName = Annotated[str, Field(min_length=1, max_length=64)]
Password = Annotated[str, Field(max_length=1024)]  # long enough for a passphrase, short of a hash's DoS
CameraList = Annotated[list[Id] | None, Field(None, max_length=1000,
                                              description="the cameras this user may see; null: all of them")]


class LoginIn(BaseModel):
    username: str = Field(max_length=200)
    password: Password


class SetupIn(BaseModel):
    """The first administrator, on a recorder with no accounts yet."""
    username: UserName
    password: Password


class UserIn(BaseModel):
    name: UserName
    role: Role
    password: Password
    cameras: CameraList


class UserPatch(BaseModel):
    role: Role | None = None
    password: Password | None = None
    cameras: CameraList  # sent as null: all cameras; left out: unchanged


class User(BaseModel):
    id: int
    name: str
    role: Role
    cameras: list[int] | None
    created_at: Time
    locked_until: Time | None = None  # after repeated wrong passwords


class SessionUser(BaseModel):
    """Who a session is, and what the client may show them."""
    name: str
    role: Role
    cameras: list[int] | None
    permissions: list[Permission]


class Session(BaseModel):
    token: str | None = None  # only in the answer to a login
    expires_at: Time | None  # None: the service's own token, which does not expire
    user: SessionUser


class SessionsEnded(BaseModel):
    ended: int  # how many sessions a logout (or an administrator) ended


class AuditEntry(BaseModel):
    """One entry of the audit trail. Each entry's hash covers its fields and the hash of the one
    before, so an edited, removed or inserted entry breaks the chain (GET /api/audit/verify)."""
    id: int
    at: Time
    user: str  # the user name; for a failed login, the name typed
    role: str | None  # at the time; None when no one was logged in (a failed login)
    action: AuditAction
    camera_id: int | None
    start: Time | None  # the period of footage concerned (playback, clips, deletions)
    end: Time | None
    reason: str | None  # given for copying footage
    address: str | None  # the client's network address
    detail: dict[str, Any]
    hash: str


class AuditCheck(BaseModel):
    """What a walk over the whole chain found."""
    ok: bool
    entries: int
    first_broken_id: int | None = None  # the first entry that does not follow from the one before
    problem: str | None = None  # in words: "entry 17 was changed", "entries before 18 are missing"

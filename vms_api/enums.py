"""The states and kinds the API names. StrEnum members equal their strings, so code written
against the bare strings (and the wire) stays as it is."""

from __future__ import annotations

from enum import StrEnum


class CameraState(StrEnum):
    """What a camera's recorder is doing (GET /api/status, GET /api/cameras)."""
    STARTING = "starting"
    CONNECTING = "connecting"
    RECORDING = "recording"
    RETRYING = "retrying"  # waiting before the next attempt, after an error
    ERROR = "error"  # the error fields say why
    STOPPED = "stopped"
    DISABLED = "disabled"


class EventKind(StrEnum):
    """Event kinds. The recorder's own kinds are in RECORDER_KINDS; other systems post kinds
    of their own (any short word), so an event's kind is a string, of which these are known."""
    OFFLINE = "offline"  # an outage: from when the camera stopped recording to when it resumed
    ONLINE = "online"
    ERROR = "error"
    DISK_ALERT = "disk_alert"
    DISK_FULL = "disk_full"
    EARLY_DELETION = "early_deletion"
    MOTION = "motion"
    RECORDER_STOPPED = "recorder_stopped"
    FRAME_LOSS = "frame_loss"
    # posted by other systems (examples the API names; any other short word is allowed)
    PLATE = "plate"
    PERSON = "person"
    VEHICLE = "vehicle"


# Kinds only the recorder writes: an event posted with one of them is refused.
RECORDER_KINDS = frozenset({EventKind.OFFLINE, EventKind.ONLINE, EventKind.ERROR, EventKind.DISK_ALERT,
                            EventKind.DISK_FULL, EventKind.EARLY_DELETION, EventKind.MOTION,
                            EventKind.RECORDER_STOPPED, EventKind.FRAME_LOSS})


class ClipState(StrEnum):
    EXTRACTING = "extracting"
    READY = "ready"
    FAILED = "failed"  # the error field says why
    DELETING = "deleting"  # never shown: the row goes once its file is gone


class DeletionReason(StrEnum):
    """Why footage left the disk (the cleanup log)."""
    RETENTION = "retention"
    DISK_FULL = "disk_full"
    MANUAL = "manual"


class Plan(StrEnum):
    BASIC = "basic"
    PRO = "pro"
    PREMIUM = "premium"


class LiveStream(StrEnum):
    MAIN = "main"
    SUB = "sub"


class EventOrder(StrEnum):
    OLDEST = "oldest"
    NEWEST = "newest"


class AlarmKind(StrEnum):
    """What an alarm rule watches for (recorder.alarms.rules.KIND_EVENTS: the events of each)."""
    OFFLINE = "offline"  # a camera stopped sending
    RECORDING = "recording"  # recording stopped or failed: the recorder down, a file moved aside, frames lost
    DISK = "disk"  # the recordings disk almost full, full, or footage deleted early
    MOTION = "motion"  # motion, in the rule's armed hours
    PLATE = "plate"  # a posted plate on the watch list (one character may be misread)


class AlarmState(StrEnum):
    OPEN = "open"  # in every workstation's queue until someone acknowledges it
    ACKNOWLEDGED = "acknowledged"


class AuditAction(StrEnum):
    """What an audit trail entry records (GET /api/audit?action=)."""
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"  # a wrong password or an unknown name (the name typed is kept)
    LOGIN_LOCKED = "login_locked"  # too many wrong passwords: the name is locked for a while
    LOGOUT = "logout"
    SESSIONS_ENDED = "sessions_ended"  # an administrator logged a user out everywhere
    LIVE_STARTED = "live_started"
    LIVE_STOPPED = "live_stopped"
    PLAYBACK = "playback"  # the period of a camera's footage a user asked to play
    SNAPSHOT_VIEWED = "snapshot_viewed"
    CLIP_CREATED = "clip_created"
    CLIP_CHANGED = "clip_changed"
    CLIP_DOWNLOADED = "clip_downloaded"
    RECORDING_DOWNLOADED = "recording_downloaded"  # a segment's file copied out (a day exported), with the reason
    CLIP_DELETED = "clip_deleted"
    BOOKMARK_CREATED = "bookmark_created"
    BOOKMARK_CHANGED = "bookmark_changed"  # title, note, or its footage protected or released
    BOOKMARK_DELETED = "bookmark_deleted"
    RECORDINGS_DELETED = "recordings_deleted"  # a camera's day, by an administrator
    CAMERA_ADDED = "camera_added"
    CAMERA_CHANGED = "camera_changed"  # settings, retention, started, stopped
    CAMERA_REMOVED = "camera_removed"
    SETTINGS_CHANGED = "settings_changed"
    USER_ADDED = "user_added"
    USER_CHANGED = "user_changed"
    USER_REMOVED = "user_removed"
    PERMISSION_DENIED = "permission_denied"
    AUDIT_EXPORTED = "audit_exported"
    RECORDER_STARTED = "recorder_started"
    RECORDER_STOPPED = "recorder_stopped"  # asked from the API (who asked), and once stopped
    ALARM_ACKNOWLEDGED = "alarm_acknowledged"  # with the user's comment
    ALARM_RULE_ADDED = "alarm_rule_added"
    ALARM_RULE_CHANGED = "alarm_rule_changed"
    ALARM_RULE_REMOVED = "alarm_rule_removed"
    WATCHLIST_CHANGED = "watchlist_changed"  # the plates watched for, replaced (how many before and after)

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

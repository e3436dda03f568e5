"""The recorder speaks English and, for everything the operator must read, a code with its
params (vms_api.errors.ErrorCode): the client words the code in its own language here (pt-BR
ships with the app). The English sentence is shown only for a code this client does not know."""

from __future__ import annotations

import re
import string

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from vms_api import models as m
from vms_api.client import CERTIFICATE_CHANGED, NOT_TLS, RECORDER_NOT_RUNNING, ApiError
from vms_api.errors import ErrorCode

CONTEXT = "RecorderMessage"
# The client's own codes, beside the recorder's (vms_api.errors.ErrorCode)
RECORDER_NOT_STARTED = "recorder_not_started"
RECORDER_STOP_TIMEOUT = "recorder_stop_timeout"


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


# code -> translatable template; {params} come from the error's params, by name
# (vms_api.errors.PARAMS says which each code carries; a template may leave some out)
MESSAGES: dict[str, str] = {
    RECORDER_NOT_RUNNING: QT_TRANSLATE_NOOP("RecorderMessage", "the recorder is not running"),
    RECORDER_NOT_STARTED: QT_TRANSLATE_NOOP("RecorderMessage", "the recorder could not start; see {log}"),
    RECORDER_STOP_TIMEOUT: QT_TRANSLATE_NOOP("RecorderMessage", "the recorder did not stop in time"),
    CERTIFICATE_CHANGED: QT_TRANSLATE_NOOP(
        "RecorderMessage", "the recorder at {url} presents another certificate than the one trusted before "
        "(now {found}, before {pinned}): another machine may be answering at its address; ask the administrator"),
    NOT_TLS: QT_TRANSLATE_NOOP("RecorderMessage", "{url} must begin with https://"),
    ErrorCode.TOKEN_MISSING: QT_TRANSLATE_NOOP("RecorderMessage", "the API token is missing"),
    ErrorCode.TOKEN_WRONG: QT_TRANSLATE_NOOP("RecorderMessage", "wrong API token"),
    ErrorCode.AUTH_SCHEME_INVALID: QT_TRANSLATE_NOOP(
        "RecorderMessage", "the Authorization header must be 'Bearer' and the API token"),
    ErrorCode.HOST_NOT_ALLOWED: QT_TRANSLATE_NOOP("RecorderMessage", "the recorder does not answer to the name {host}"),
    ErrorCode.SESSION_EXPIRED: QT_TRANSLATE_NOOP("RecorderMessage", "your session has ended; log in again"),
    ErrorCode.PERMISSION_MISSING: QT_TRANSLATE_NOOP(
        "RecorderMessage", "your role does not allow this (it needs the permission '{permission}')"),
    ErrorCode.CAMERA_NOT_ALLOWED: QT_TRANSLATE_NOOP("RecorderMessage", "camera {camera_id} is not among your cameras"),
    ErrorCode.LOGIN_FAILED: QT_TRANSLATE_NOOP("RecorderMessage", "wrong user name or password"),
    ErrorCode.LOGIN_TOO_SOON: QT_TRANSLATE_NOOP(
        "RecorderMessage", "after wrong passwords, wait {seconds} s before trying again"),
    ErrorCode.LOGIN_LOCKED: QT_TRANSLATE_NOOP(
        "RecorderMessage", "too many wrong passwords: this account is locked for {minutes} minutes"),
    ErrorCode.SETUP_DONE: QT_TRANSLATE_NOOP("RecorderMessage", "the administrator account exists already; log in"),
    ErrorCode.SETUP_NOT_LOCAL: QT_TRANSLATE_NOOP(
        "RecorderMessage", "the first administrator account is made on the recorder's own computer"),
    ErrorCode.USER_NOT_FOUND: QT_TRANSLATE_NOOP("RecorderMessage", "no user named {name}"),
    ErrorCode.USER_EXISTS: QT_TRANSLATE_NOOP("RecorderMessage", "there is a user named {name} already"),
    ErrorCode.USER_NAME_INVALID: QT_TRANSLATE_NOOP(
        "RecorderMessage", "a user name has 1 to {max} letters, digits or . _ - @ and no spaces"),
    ErrorCode.USER_LIMIT_REACHED: QT_TRANSLATE_NOOP(
        "RecorderMessage", "the {plan} plan allows {limit} users and there are {count}; remove one or move to a "
        "bigger plan"),
    ErrorCode.USER_LAST_ADMIN: QT_TRANSLATE_NOOP(
        "RecorderMessage", "{name} is the last administrator; make another one first"),
    ErrorCode.PASSWORD_TOO_SHORT: QT_TRANSLATE_NOOP("RecorderMessage", "the password needs at least {min} characters"),
    ErrorCode.REASON_MISSING: QT_TRANSLATE_NOOP(
        "RecorderMessage", "say why the footage is copied (a police report, a court order, a person's request)"),
    ErrorCode.INVALID_REQUEST: QT_TRANSLATE_NOOP("RecorderMessage", "the request is not valid ({field})"),
    ErrorCode.INVALID_INPUT: QT_TRANSLATE_NOOP("RecorderMessage", "the recorder refused this: {detail}"),
    ErrorCode.NOT_FOUND: QT_TRANSLATE_NOOP("RecorderMessage", "not found: {path}"),
    ErrorCode.METHOD_NOT_ALLOWED: QT_TRANSLATE_NOOP("RecorderMessage", "the recorder does not accept {method} here"),
    ErrorCode.HTTP_ERROR: QT_TRANSLATE_NOOP("RecorderMessage", "the recorder refused the request (HTTP {status})"),
    ErrorCode.INTERNAL_ERROR: QT_TRANSLATE_NOOP("RecorderMessage", "the recorder could not do that; see its log"),
    ErrorCode.CAMERA_NOT_FOUND: QT_TRANSLATE_NOOP("RecorderMessage", "there is no camera {camera_id}"),
    ErrorCode.CAMERA_DISABLED: QT_TRANSLATE_NOOP("RecorderMessage", "camera {camera_id} is disabled"),
    ErrorCode.NO_SUBSTREAM: QT_TRANSLATE_NOOP("RecorderMessage", "camera {camera_id} has no substream"),
    ErrorCode.NO_LIVE_VIDEO: QT_TRANSLATE_NOOP("RecorderMessage", "camera {camera_id} sent no live video within {seconds} s"),
    ErrorCode.NO_CAMERA_SNAPSHOT: QT_TRANSLATE_NOOP("RecorderMessage", "camera {camera_id} has no picture yet"),
    ErrorCode.URL_INVALID: QT_TRANSLATE_NOOP("RecorderMessage", "the {field} is not a valid address"),
    ErrorCode.URL_SCHEME_INVALID: QT_TRANSLATE_NOOP("RecorderMessage", "the {field} must start with rtsp:// (got {scheme})"),
    ErrorCode.URL_NO_HOST: QT_TRANSLATE_NOOP("RecorderMessage", "the {field} has no camera address after rtsp://"),
    ErrorCode.URL_PORT_INVALID: QT_TRANSLATE_NOOP("RecorderMessage", "the {field} has an invalid port"),
    ErrorCode.CAMERA_NAME_REQUIRED: QT_TRANSLATE_NOOP("RecorderMessage", "the camera needs a name"),
    ErrorCode.CAMERA_NAME_TOO_LONG: QT_TRANSLATE_NOOP("RecorderMessage", "the camera name is longer than {max} characters"),
    ErrorCode.CAMERA_NAME_CONTROL_CHARACTERS: QT_TRANSLATE_NOOP("RecorderMessage", "the camera name has control characters"),
    ErrorCode.RETENTION_OUT_OF_RANGE: QT_TRANSLATE_NOOP("RecorderMessage", "retention must be between {min} and {max} days"),
    ErrorCode.COMPRESSION_OUT_OF_RANGE: QT_TRANSLATE_NOOP("RecorderMessage", "compression must start after {min} to {max} days"),
    ErrorCode.MOTION_SENSITIVITY_OUT_OF_RANGE: QT_TRANSLATE_NOOP(
        "RecorderMessage", "the motion sensitivity goes from {min} to {max}"),
    ErrorCode.MOTION_MASK_TOO_MANY: QT_TRANSLATE_NOOP("RecorderMessage", "the motion mask must be a list of at most {max} areas"),
    ErrorCode.MOTION_MASK_AREA_INVALID: QT_TRANSLATE_NOOP(
        "RecorderMessage", "mask area {area} must be four numbers: x, y, width, height"),
    ErrorCode.MOTION_MASK_AREA_OUTSIDE: QT_TRANSLATE_NOOP(
        "RecorderMessage", "mask area {area} must lie inside the picture (fractions from 0 to 1, with a width and a height)"),
    ErrorCode.STORED_PASSWORD_ELSEWHERE: QT_TRANSLATE_NOOP(
        "RecorderMessage", "camera {camera_id}'s saved password is only sent to its own address: type the password"),
    ErrorCode.PERIOD_START_AFTER_END: QT_TRANSLATE_NOOP("RecorderMessage", "the period starts after it ends"),
    ErrorCode.EVENT_KIND_INVALID: QT_TRANSLATE_NOOP("RecorderMessage", "the event's kind is not valid"),
    ErrorCode.EVENT_KIND_RESERVED: QT_TRANSLATE_NOOP("RecorderMessage", "the kind {kind} is the recorder's own"),
    ErrorCode.EVENT_TIME_IN_FUTURE: QT_TRANSLATE_NOOP("RecorderMessage", "the event's time {time} is in the future"),
    ErrorCode.EVENT_END_BEFORE_START: QT_TRANSLATE_NOOP("RecorderMessage", "the event ends before it starts"),
    ErrorCode.EVENT_LABEL_INVALID: QT_TRANSLATE_NOOP(
        "RecorderMessage", "the event's label is longer than {max} characters or has control characters"),
    ErrorCode.EVENT_CONFIDENCE_OUT_OF_RANGE: QT_TRANSLATE_NOOP("RecorderMessage", "the confidence goes from {min} to {max}"),
    ErrorCode.SNAPSHOT_NOT_BASE64: QT_TRANSLATE_NOOP("RecorderMessage", "the event's picture is not base64"),
    ErrorCode.SNAPSHOT_NOT_IMAGE: QT_TRANSLATE_NOOP("RecorderMessage", "the event's picture is not a JPEG or PNG"),
    ErrorCode.SNAPSHOT_TOO_LARGE: QT_TRANSLATE_NOOP("RecorderMessage", "the event's picture is larger than {max_kb} KB"),
    ErrorCode.EVENT_SNAPSHOT_NOT_FOUND: QT_TRANSLATE_NOOP("RecorderMessage", "event {event_id} has no picture"),
    ErrorCode.CSV_HEADER_MISSING: QT_TRANSLATE_NOOP("RecorderMessage", "the CSV file has no header line"),
    ErrorCode.CSV_REJECTED: QT_TRANSLATE_NOOP("RecorderMessage", "the CSV file was refused ({more} more problems)"),
    ErrorCode.CLIP_NOT_FOUND: QT_TRANSLATE_NOOP("RecorderMessage", "no clip {clip_id}"),
    ErrorCode.SEGMENT_NOT_FOUND: QT_TRANSLATE_NOOP(
        "RecorderMessage", "the recording {segment_id} is no longer on the recorder (removed by retention?)"),
    ErrorCode.NOT_RECORDING_NOW: QT_TRANSLATE_NOOP("RecorderMessage", "camera {camera_id} is not recording now"),
    ErrorCode.CLIP_NO_FILE: QT_TRANSLATE_NOOP("RecorderMessage", "clip {clip_id} has no file ({state})"),
    ErrorCode.CLIP_BUSY: QT_TRANSLATE_NOOP("RecorderMessage", "clip {clip_id} is still being made; delete it when it is done"),
    ErrorCode.CLIP_LIMIT_REACHED: QT_TRANSLATE_NOOP(
        "RecorderMessage",
        "the {plan} plan keeps up to {limit} clips and {count} are saved; delete a clip or move to a "
        "bigger plan"),
    ErrorCode.CLIP_NO_SPACE: QT_TRANSLATE_NOOP(
        "RecorderMessage", "not enough free disk for this clip: it needs {need_bytes} bytes and {usable_bytes} can be used"),
    ErrorCode.CLIP_NAME_REQUIRED: QT_TRANSLATE_NOOP("RecorderMessage", "the clip needs a name"),
    ErrorCode.CLIP_NAME_TOO_LONG: QT_TRANSLATE_NOOP("RecorderMessage", "the clip name is longer than {max} characters"),
    ErrorCode.CLIP_NAME_PATH_CHARACTERS: QT_TRANSLATE_NOOP("RecorderMessage", "the clip name may not contain '/', '\\' or '..'"),
    ErrorCode.CLIP_NAME_CONTROL_CHARACTERS: QT_TRANSLATE_NOOP("RecorderMessage", "the clip name has control characters"),
    ErrorCode.CLIP_NOTES_TOO_LONG: QT_TRANSLATE_NOOP("RecorderMessage", "the notes are longer than {max} characters"),
    ErrorCode.CLIP_NOTES_CONTROL_CHARACTERS: QT_TRANSLATE_NOOP("RecorderMessage", "the notes have control characters"),
    ErrorCode.CLIP_CREATED_BY_INVALID: QT_TRANSLATE_NOOP(
        "RecorderMessage", "who made the clip is longer than {max} characters or has control characters"),
    ErrorCode.CLIP_START_AFTER_END: QT_TRANSLATE_NOOP("RecorderMessage", "the clip starts after it ends"),
    ErrorCode.CLIP_TOO_LONG: QT_TRANSLATE_NOOP("RecorderMessage", "a clip may be at most {max_hours} hours long"),
    ErrorCode.CLIP_NO_RECORDING: QT_TRANSLATE_NOOP(
        "RecorderMessage", "camera {camera_id} has no recording from {start} to {end}"),
    ErrorCode.CLIP_RECORDING_UNREADABLE: QT_TRANSLATE_NOOP("RecorderMessage", "the recording {file} could not be read: {reason}"),
    ErrorCode.CLIP_FORMAT_CHANGED: QT_TRANSLATE_NOOP(
        "RecorderMessage", "the camera's video format changed at {at}: make two clips"),
    ErrorCode.BOOKMARK_NOT_FOUND: QT_TRANSLATE_NOOP("RecorderMessage", "no bookmark {bookmark_id}"),
    ErrorCode.BOOKMARK_START_AFTER_END: QT_TRANSLATE_NOOP("RecorderMessage", "the bookmark starts after it ends"),
    ErrorCode.BOOKMARK_TITLE_REQUIRED: QT_TRANSLATE_NOOP("RecorderMessage", "the bookmark needs a title"),
    ErrorCode.BOOKMARK_TITLE_CONTROL_CHARACTERS: QT_TRANSLATE_NOOP(
        "RecorderMessage", "the bookmark's title has control characters"),
    ErrorCode.BOOKMARK_NOT_YOURS: QT_TRANSLATE_NOOP(
        "RecorderMessage", "this bookmark is {created_by}'s: only its author or a supervisor changes it"),
    ErrorCode.PROTECTION_QUOTA_REACHED: QT_TRANSLATE_NOOP(
        "RecorderMessage",
        "the {plan} plan holds up to {limit_hours} hours of protected footage; {used_hours} are held and this "
        "asks {asked_hours} more: release a bookmark or move to a bigger plan"),
    ErrorCode.ALARM_NOT_FOUND: QT_TRANSLATE_NOOP("RecorderMessage", "no alarm {alarm_id}"),
    ErrorCode.ALARM_ALREADY_ACKNOWLEDGED: QT_TRANSLATE_NOOP(
        "RecorderMessage", "{by} has acknowledged this alarm already"),
    ErrorCode.ALARM_COMMENT_REQUIRED: QT_TRANSLATE_NOOP(
        "RecorderMessage", "say what was done: an acknowledgement needs a comment"),
    ErrorCode.ALARM_RULE_NOT_FOUND: QT_TRANSLATE_NOOP("RecorderMessage", "no alarm rule {rule_id}"),
    ErrorCode.ALARM_RULE_NAME_INVALID: QT_TRANSLATE_NOOP(
        "RecorderMessage", "the rule needs a name without control characters"),
    ErrorCode.ALARM_RULE_NO_DAYS: QT_TRANSLATE_NOOP("RecorderMessage", "the rule is armed on no day: pick at least one"),
    ErrorCode.WATCHLIST_PLATE_INVALID: QT_TRANSLATE_NOOP(
        "RecorderMessage", "\"{plate}\" is not a plate (4 to 20 letters and digits)"),
    ErrorCode.CAMERA_AUTH_FAILED: QT_TRANSLATE_NOOP("RecorderMessage", "wrong username or password"),
    ErrorCode.CAMERA_NO_STREAM: QT_TRANSLATE_NOOP(
        "RecorderMessage", "the camera has no stream at this address (check the path in the URL)"),
    ErrorCode.CAMERA_REFUSED: QT_TRANSLATE_NOOP(
        "RecorderMessage", "{host} refused the connection (is the camera on, and the port right?)"),
    ErrorCode.CAMERA_TIMEOUT: QT_TRANSLATE_NOOP("RecorderMessage", "no answer from {host}"),
    ErrorCode.CAMERA_UNREACHABLE: QT_TRANSLATE_NOOP("RecorderMessage", "{host} cannot be reached on the network"),
    ErrorCode.CAMERA_HOST_NOT_FOUND: QT_TRANSLATE_NOOP("RecorderMessage", "the camera address {host} could not be found"),
    ErrorCode.DISK_FULL: QT_TRANSLATE_NOOP("RecorderMessage", "the recording disk is full"),
    ErrorCode.RECORDINGS_PERMISSION_DENIED: QT_TRANSLATE_NOOP(
        "RecorderMessage", "cannot write to the recordings folder (permission denied)"),
    ErrorCode.CAMERA_CLOSED_CONNECTION: QT_TRANSLATE_NOOP("RecorderMessage", "the camera closed the connection"),
    ErrorCode.CAMERA_BAD_ANSWER: QT_TRANSLATE_NOOP(
        "RecorderMessage", "the camera's answer could not be understood (is this an RTSP address?)"),
    ErrorCode.CAMERA_NO_VIDEO: QT_TRANSLATE_NOOP("RecorderMessage", "the camera sends no video"),
    ErrorCode.CAMERA_UNSUPPORTED_CODEC: QT_TRANSLATE_NOOP(
        "RecorderMessage", "the camera sends {codec} video, which cannot be recorded; set the camera to H.264 or H.265"),
    ErrorCode.CAMERA_STALLED: QT_TRANSLATE_NOOP("RecorderMessage", "the camera stopped sending video"),
    ErrorCode.CAMERA_NOTHING_WRITTEN: QT_TRANSLATE_NOOP("RecorderMessage", "nothing was written for {seconds} s"),
    ErrorCode.CAMERA_FAILED: QT_TRANSLATE_NOOP("RecorderMessage", "the camera failed: {message}"),
    ErrorCode.CAMERA_UNKNOWN_FAILURE: QT_TRANSLATE_NOOP("RecorderMessage", "the camera failed for an unknown reason"),
    ErrorCode.CAMERA_URL_LINE_BREAK: QT_TRANSLATE_NOOP("RecorderMessage", "the camera's address has a line break"),
    ErrorCode.PRIVATE_DIR_UNWRITABLE: QT_TRANSLATE_NOOP("RecorderMessage", "cannot write to {folder}: {reason}"),
    ErrorCode.RECORDER_FAILED: QT_TRANSLATE_NOOP("RecorderMessage", "the recorder failed: {message}"),
    ErrorCode.RECORDING_DISK_FULL: QT_TRANSLATE_NOOP(
        "RecorderMessage",
        "The recording disk is full ({free_mb} MB free) and no old footage is left to delete ({clips} clips are "
        "kept, never deleted): recording has stopped; free space or add a disk"),
    ErrorCode.RECORDING_DISK_ALMOST_FULL: QT_TRANSLATE_NOOP(
        "RecorderMessage",
        "The disk is almost full ({free_mb} MB free, {need_mb} MB needed) and no old footage is left to delete "
        "({clips} clips are kept, never deleted): free space or add a disk, or recording will stop"),
    ErrorCode.RECORDING_DISK_CANNOT_DELETE: QT_TRANSLATE_NOOP(
        "RecorderMessage",
        "The recording disk is full ({free_mb} MB free) and old recordings could not be deleted to make room: "
        "recording has stopped; free space on the disk"),
}


def message(code: str | None, params: dict | None = None, fallback: str = "") -> str:
    """The code's message in the user's language, its {params} filled in; the fallback (the
    recorder's English) for a code this client does not know, or params that do not fit."""
    template = MESSAGES.get(code or "")
    if template is None:
        return translate(fallback)
    try:  # {detail}: the recorder's own words, for a rule that has no code of its own
        return _t(template).format(**{"detail": fallback, **(params or {})})
    except (KeyError, IndexError, ValueError):
        return translate(fallback) or _t(template)


COPY_REASON = QT_TRANSLATE_NOOP(
    "CopyReason", "Why is this footage copied? (a police report, a court order, a data subject's request)")


def ask_copy_reason(parent, title: str) -> str | None:
    """The reason footage leaves the recorder (LGPD), asked before anything is copied; None
    when the operator gives none."""
    from PySide6.QtWidgets import QInputDialog

    reason, ok = QInputDialog.getText(parent, title, QCoreApplication.translate("CopyReason", COPY_REASON))
    return reason.strip() if ok and reason.strip() else None


def error_text(error: Exception) -> str:
    """What went wrong, for the user: the recorder's refusal by its code, anything else as it says."""
    if isinstance(error, ApiError):
        return message(error.code, error.params, error.detail)
    return str(error)


def camera_error(cam: m.CameraStatus | m.ProbeResult) -> str:
    """Why a camera (in the recorder's status, or a probe's answer) does not record; "" when it does."""
    return message(cam.error_code, cam.error_params, cam.error or "")


def disk_trouble(disk: m.Disk) -> str:
    """Why the disk puts recording in danger (the status's or storage's disk); "" when it does not."""
    return message(disk.trouble_code, disk.trouble_params, disk.trouble or "")


def placeholders(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


# Sentences the recorder keeps in its index and disk report (event labels, the disk's trouble),
# which carry no code: matched whole. {names} come from the match.
_SENTENCES: list[tuple[str, str]] = [
    (r"(?P<n>\d+) of the oldest recordings deleted early: the disk was nearly full \((?P<free>[\d.]+) GB free\)",
     QT_TRANSLATE_NOOP("RecorderMessage", "{n} of the oldest recordings deleted early: "
                                          "the disk was nearly full ({free} GB free)")),
    (r"The disk is almost full \((?P<free>\d+) MB free, (?P<need>\d+) MB needed\) and only clips are left "
     r"\((?P<clips>\d+)\), and clips are never deleted: free space or add a disk, or recording will stop",
     QT_TRANSLATE_NOOP("RecorderMessage", "The disk is almost full ({free} MB free, {need} MB needed) and only clips "
                                          "are left ({clips}), and clips are never deleted: free space or add a disk, "
                                          "or recording will stop")),
    (r"The disk is almost full \((?P<free>\d+) MB free, (?P<need>\d+) MB needed\) and there is no old footage "
     r"left: free space or add a disk, or recording will stop",
     QT_TRANSLATE_NOOP("RecorderMessage", "The disk is almost full ({free} MB free, {need} MB needed) and there is "
                                          "no old footage left: free space or add a disk, or recording will stop")),
    (r"the recordings disk is (?P<pct>\d+) % full", QT_TRANSLATE_NOOP("RecorderMessage", "the recordings disk is {pct} % full")),
    # the audit trail's verify (GET /api/audit/verify: problem)
    (r"entry (?P<id>\d+) was changed after it was written",
     QT_TRANSLATE_NOOP("RecorderMessage", "entry {id} was changed after it was written")),
    (r"entry (?P<id>\d+) is missing", QT_TRANSLATE_NOOP("RecorderMessage", "entry {id} is missing")),
    (r"entries (?P<first>\d+) to (?P<last>\d+) are missing",
     QT_TRANSLATE_NOOP("RecorderMessage", "entries {first} to {last} are missing")),
    (r"entry (?P<id>\d+) does not follow entry (?P<prev>\d+): one was removed, changed or put in",
     QT_TRANSLATE_NOOP("RecorderMessage", "entry {id} does not follow entry {prev}: one was removed, changed "
                                          "or put in")),
    (r"(?P<pct>[\d.]+) % of frames lost over (?P<s>\d+) s \((?P<lost>\d+) of (?P<n>\d+)\)",
     QT_TRANSLATE_NOOP("RecorderMessage", "{pct} % of frames lost over {s} s ({lost} of {n})")),
]


def translate(text: str | None) -> str:
    """A sentence of the recorder's that has no code (an event's label, the disk's trouble) in the
    user's language; any other passes through as it is."""
    if not text:
        return ""
    for pattern, template in _SENTENCES:
        found = re.fullmatch(pattern, text.strip())
        if found:
            return _t(template).format(**found.groupdict())
    return text

"""Errors as data: every refusal of the API, and every reason a camera is not recording, has a
code and named params, so the client can say it in the user's language. The English sentence
(detail) stays beside them, for people and scripts reading the API directly."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field


class ErrorCode(StrEnum):
    # -- the request itself --------------------------------------------------------------------
    TOKEN_MISSING = "token_missing"
    TOKEN_WRONG = "token_wrong"
    AUTH_SCHEME_INVALID = "auth_scheme_invalid"  # an Authorization header that is not "Bearer TOKEN"
    SESSION_EXPIRED = "session_expired"  # the session ended (timed out, logged out, revoked): log in again
    PERMISSION_MISSING = "permission_missing"  # permission: the user's role does not hold it
    CAMERA_NOT_ALLOWED = "camera_not_allowed"  # camera_id: outside the user's cameras

    # -- operators ---------------------------------------------------------------------------
    LOGIN_FAILED = "login_failed"  # an unknown user and a wrong password answer alike
    LOGIN_TOO_SOON = "login_too_soon"  # seconds: after wrong passwords, attempts are spaced out
    LOGIN_LOCKED = "login_locked"  # minutes: too many wrong passwords
    SETUP_DONE = "setup_done"  # the first administrator exists already
    SETUP_NOT_LOCAL = "setup_not_local"  # the first administrator is made on the recorder's machine
    USER_NOT_FOUND = "user_not_found"  # name
    USER_EXISTS = "user_exists"  # name
    USER_NAME_INVALID = "user_name_invalid"  # max
    USER_LIMIT_REACHED = "user_limit_reached"  # plan limit count
    USER_LAST_ADMIN = "user_last_admin"  # name: the site would have no administrator left
    PASSWORD_TOO_SHORT = "password_too_short"  # min
    REASON_MISSING = "reason_missing"  # footage leaves the recorder only with a reason on record (LGPD)
    HOST_NOT_ALLOWED = "host_not_allowed"  # host
    INVALID_REQUEST = "invalid_request"  # field, errors: the request's shape (types, ranges, sizes)
    INVALID_INPUT = "invalid_input"  # a rule without a code of its own (the command line's)
    NOT_FOUND = "not_found"  # path: no such route
    METHOD_NOT_ALLOWED = "method_not_allowed"  # method
    HTTP_ERROR = "http_error"  # status: any other refusal of the HTTP layer
    INTERNAL_ERROR = "internal_error"  # a 500: the recorder's log says more

    # -- cameras -------------------------------------------------------------------------------
    CAMERA_NOT_FOUND = "camera_not_found"  # camera_id
    CAMERA_DISABLED = "camera_disabled"  # camera_id
    NO_SUBSTREAM = "no_substream"  # camera_id
    NO_LIVE_VIDEO = "no_live_video"  # camera_id, seconds
    NO_CAMERA_SNAPSHOT = "no_camera_snapshot"  # camera_id
    URL_INVALID = "url_invalid"  # field ("url" or "sub_url")
    URL_SCHEME_INVALID = "url_scheme_invalid"  # field, scheme
    URL_NO_HOST = "url_no_host"  # field
    URL_PORT_INVALID = "url_port_invalid"  # field
    CAMERA_NAME_REQUIRED = "camera_name_required"
    CAMERA_NAME_TOO_LONG = "camera_name_too_long"  # max
    CAMERA_NAME_CONTROL_CHARACTERS = "camera_name_control_characters"
    RETENTION_OUT_OF_RANGE = "retention_out_of_range"  # min, max
    COMPRESSION_OUT_OF_RANGE = "compression_out_of_range"  # min, max
    MOTION_SENSITIVITY_OUT_OF_RANGE = "motion_sensitivity_out_of_range"  # min, max
    MOTION_MASK_TOO_MANY = "motion_mask_too_many"  # max
    MOTION_MASK_AREA_INVALID = "motion_mask_area_invalid"  # area (1-based)
    MOTION_MASK_AREA_OUTSIDE = "motion_mask_area_outside"  # area (1-based)
    STORED_PASSWORD_ELSEWHERE = "stored_password_elsewhere"  # camera_id: a probe of another address

    # -- recordings ----------------------------------------------------------------------------
    PERIOD_START_AFTER_END = "period_start_after_end"
    SEGMENT_NOT_FOUND = "segment_not_found"  # segment_id: never recorded, or deleted by retention
    NOT_RECORDING_NOW = "not_recording_now"  # camera_id: no file is being written

    # -- events --------------------------------------------------------------------------------
    EVENT_KIND_INVALID = "event_kind_invalid"
    EVENT_KIND_RESERVED = "event_kind_reserved"  # kind
    EVENT_TIME_IN_FUTURE = "event_time_in_future"  # time
    EVENT_END_BEFORE_START = "event_end_before_start"
    EVENT_LABEL_INVALID = "event_label_invalid"  # max
    EVENT_CONFIDENCE_OUT_OF_RANGE = "event_confidence_out_of_range"  # min, max
    SNAPSHOT_NOT_BASE64 = "snapshot_not_base64"
    SNAPSHOT_NOT_IMAGE = "snapshot_not_image"
    SNAPSHOT_TOO_LARGE = "snapshot_too_large"  # max_kb
    EVENT_SNAPSHOT_NOT_FOUND = "event_snapshot_not_found"  # event_id
    CSV_HEADER_MISSING = "csv_header_missing"
    CSV_REJECTED = "csv_rejected"  # errors (one sentence a bad line), more

    # -- clips ---------------------------------------------------------------------------------
    CLIP_NOT_FOUND = "clip_not_found"  # clip_id
    CLIP_NO_FILE = "clip_no_file"  # clip_id, state
    CLIP_BUSY = "clip_busy"  # clip_id
    CLIP_LIMIT_REACHED = "clip_limit_reached"  # plan, limit, count
    CLIP_NO_SPACE = "clip_no_space"  # need_bytes, usable_bytes (a 507)
    CLIP_NAME_REQUIRED = "clip_name_required"
    CLIP_NAME_TOO_LONG = "clip_name_too_long"  # max
    CLIP_NAME_PATH_CHARACTERS = "clip_name_path_characters"
    CLIP_NAME_CONTROL_CHARACTERS = "clip_name_control_characters"
    CLIP_NOTES_TOO_LONG = "clip_notes_too_long"  # max
    CLIP_NOTES_CONTROL_CHARACTERS = "clip_notes_control_characters"
    CLIP_CREATED_BY_INVALID = "clip_created_by_invalid"  # max
    CLIP_START_AFTER_END = "clip_start_after_end"
    CLIP_TOO_LONG = "clip_too_long"  # max_hours
    CLIP_NO_RECORDING = "clip_no_recording"  # camera_id, start, end (ISO times)
    CLIP_RECORDING_UNREADABLE = "clip_recording_unreadable"  # file, reason
    CLIP_FORMAT_CHANGED = "clip_format_changed"  # at (ISO time)

    # -- bookmarks -----------------------------------------------------------------------------
    BOOKMARK_NOT_FOUND = "bookmark_not_found"  # bookmark_id
    BOOKMARK_START_AFTER_END = "bookmark_start_after_end"
    BOOKMARK_TITLE_REQUIRED = "bookmark_title_required"
    BOOKMARK_TITLE_CONTROL_CHARACTERS = "bookmark_title_control_characters"
    BOOKMARK_NOT_YOURS = "bookmark_not_yours"  # bookmark_id, created_by: another's, without the delete permission
    PROTECTION_QUOTA_REACHED = "protection_quota_reached"  # plan, limit_hours, used_hours, asked_hours

    # -- alarms --------------------------------------------------------------------------------
    ALARM_NOT_FOUND = "alarm_not_found"  # alarm_id
    ALARM_ALREADY_ACKNOWLEDGED = "alarm_already_acknowledged"  # alarm_id, by
    ALARM_COMMENT_REQUIRED = "alarm_comment_required"  # an acknowledgement says what was done
    ALARM_RULE_NOT_FOUND = "alarm_rule_not_found"  # rule_id
    ALARM_RULE_NAME_INVALID = "alarm_rule_name_invalid"  # blank, or control characters
    ALARM_RULE_NO_DAYS = "alarm_rule_no_days"  # armed on no weekday
    WATCHLIST_PLATE_INVALID = "watchlist_plate_invalid"  # plate: not 4 to 20 letters and digits

    # -- why a camera is not recording (a camera's status, a probe's answer) -------------------
    CAMERA_AUTH_FAILED = "camera_auth_failed"
    CAMERA_NO_STREAM = "camera_no_stream"  # nothing at this path
    CAMERA_REFUSED = "camera_refused"  # host
    CAMERA_TIMEOUT = "camera_timeout"  # host
    CAMERA_UNREACHABLE = "camera_unreachable"  # host
    CAMERA_HOST_NOT_FOUND = "camera_host_not_found"  # host
    DISK_FULL = "disk_full"
    RECORDINGS_PERMISSION_DENIED = "recordings_permission_denied"
    CAMERA_CLOSED_CONNECTION = "camera_closed_connection"
    CAMERA_BAD_ANSWER = "camera_bad_answer"
    CAMERA_NO_VIDEO = "camera_no_video"
    CAMERA_UNSUPPORTED_CODEC = "camera_unsupported_codec"  # codec (upper case, as shown)
    CAMERA_STALLED = "camera_stalled"  # the camera stopped sending video
    CAMERA_NOTHING_WRITTEN = "camera_nothing_written"  # seconds
    CAMERA_FAILED = "camera_failed"  # message: FFmpeg's own last line (secrets removed), in English
    CAMERA_UNKNOWN_FAILURE = "camera_unknown_failure"
    CAMERA_URL_LINE_BREAK = "camera_url_line_break"
    PRIVATE_DIR_UNWRITABLE = "private_dir_unwritable"  # folder, reason
    RECORDER_FAILED = "recorder_failed"  # message

    # -- why the disk puts recording in danger (the status's disk: trouble_code, trouble_params) --
    # clips: how many clips are left, which are never deleted (0: there is no old footage left)
    RECORDING_DISK_FULL = "recording_disk_full"  # free_mb, clips: recording has stopped
    RECORDING_DISK_ALMOST_FULL = "recording_disk_almost_full"  # free_mb, need_mb, clips
    RECORDING_DISK_CANNOT_DELETE = "recording_disk_cannot_delete"  # free_mb: the index could not be written


# The params each code carries (names only; the values are numbers or strings, or a list for
# invalid_request's errors and csv_rejected's errors). A translation may use any of them.
PARAMS: dict[ErrorCode, frozenset[str]] = {code: frozenset() for code in ErrorCode} | {
    code: frozenset(names.split()) for code, names in {
        ErrorCode.HOST_NOT_ALLOWED: "host",
        ErrorCode.PERMISSION_MISSING: "permission",
        ErrorCode.CAMERA_NOT_ALLOWED: "camera_id",
        ErrorCode.LOGIN_TOO_SOON: "seconds",
        ErrorCode.LOGIN_LOCKED: "minutes",
        ErrorCode.USER_NOT_FOUND: "name",
        ErrorCode.USER_EXISTS: "name",
        ErrorCode.USER_NAME_INVALID: "max",
        ErrorCode.USER_LIMIT_REACHED: "plan limit count",
        ErrorCode.USER_LAST_ADMIN: "name",
        ErrorCode.PASSWORD_TOO_SHORT: "min",
        ErrorCode.INVALID_REQUEST: "field errors",
        ErrorCode.NOT_FOUND: "path",
        ErrorCode.METHOD_NOT_ALLOWED: "method",
        ErrorCode.HTTP_ERROR: "status",
        ErrorCode.CAMERA_NOT_FOUND: "camera_id",
        ErrorCode.CAMERA_DISABLED: "camera_id",
        ErrorCode.NO_SUBSTREAM: "camera_id",
        ErrorCode.NO_LIVE_VIDEO: "camera_id seconds",
        ErrorCode.NO_CAMERA_SNAPSHOT: "camera_id",
        ErrorCode.URL_INVALID: "field",
        ErrorCode.URL_SCHEME_INVALID: "field scheme",
        ErrorCode.URL_NO_HOST: "field",
        ErrorCode.URL_PORT_INVALID: "field",
        ErrorCode.CAMERA_NAME_TOO_LONG: "max",
        ErrorCode.RETENTION_OUT_OF_RANGE: "min max",
        ErrorCode.COMPRESSION_OUT_OF_RANGE: "min max",
        ErrorCode.MOTION_SENSITIVITY_OUT_OF_RANGE: "min max",
        ErrorCode.MOTION_MASK_TOO_MANY: "max",
        ErrorCode.MOTION_MASK_AREA_INVALID: "area",
        ErrorCode.MOTION_MASK_AREA_OUTSIDE: "area",
        ErrorCode.STORED_PASSWORD_ELSEWHERE: "camera_id",
        ErrorCode.SEGMENT_NOT_FOUND: "segment_id",
        ErrorCode.NOT_RECORDING_NOW: "camera_id",
        ErrorCode.EVENT_KIND_RESERVED: "kind",
        ErrorCode.EVENT_TIME_IN_FUTURE: "time",
        ErrorCode.EVENT_LABEL_INVALID: "max",
        ErrorCode.EVENT_CONFIDENCE_OUT_OF_RANGE: "min max",
        ErrorCode.SNAPSHOT_TOO_LARGE: "max_kb",
        ErrorCode.EVENT_SNAPSHOT_NOT_FOUND: "event_id",
        ErrorCode.CSV_REJECTED: "errors more",
        ErrorCode.CLIP_NOT_FOUND: "clip_id",
        ErrorCode.CLIP_NO_FILE: "clip_id state",
        ErrorCode.CLIP_BUSY: "clip_id",
        ErrorCode.CLIP_LIMIT_REACHED: "plan limit count",
        ErrorCode.CLIP_NO_SPACE: "need_bytes usable_bytes",
        ErrorCode.CLIP_NAME_TOO_LONG: "max",
        ErrorCode.CLIP_NOTES_TOO_LONG: "max",
        ErrorCode.CLIP_CREATED_BY_INVALID: "max",
        ErrorCode.CLIP_TOO_LONG: "max_hours",
        ErrorCode.CLIP_NO_RECORDING: "camera_id start end",
        ErrorCode.CLIP_RECORDING_UNREADABLE: "file reason",
        ErrorCode.CLIP_FORMAT_CHANGED: "at",
        ErrorCode.BOOKMARK_NOT_FOUND: "bookmark_id",
        ErrorCode.BOOKMARK_NOT_YOURS: "bookmark_id created_by",
        ErrorCode.PROTECTION_QUOTA_REACHED: "plan limit_hours used_hours asked_hours",
        ErrorCode.ALARM_NOT_FOUND: "alarm_id",
        ErrorCode.ALARM_ALREADY_ACKNOWLEDGED: "alarm_id by",
        ErrorCode.ALARM_RULE_NOT_FOUND: "rule_id",
        ErrorCode.WATCHLIST_PLATE_INVALID: "plate",
        ErrorCode.CAMERA_REFUSED: "host",
        ErrorCode.CAMERA_TIMEOUT: "host",
        ErrorCode.CAMERA_UNREACHABLE: "host",
        ErrorCode.CAMERA_HOST_NOT_FOUND: "host",
        ErrorCode.CAMERA_UNSUPPORTED_CODEC: "codec",
        ErrorCode.CAMERA_NOTHING_WRITTEN: "seconds",
        ErrorCode.CAMERA_FAILED: "message",
        ErrorCode.PRIVATE_DIR_UNWRITABLE: "folder reason",
        ErrorCode.RECORDER_FAILED: "message",
        ErrorCode.RECORDING_DISK_FULL: "free_mb clips",
        ErrorCode.RECORDING_DISK_ALMOST_FULL: "free_mb need_mb clips",
        ErrorCode.RECORDING_DISK_CANNOT_DELETE: "free_mb",
    }.items()}


class ApiErrorBody(BaseModel):
    """The body of every refusal (4xx) and failure (5xx) of the API."""
    code: ErrorCode
    params: dict[str, Any] = Field(default_factory=dict, description="named values the sentence is made of")
    detail: str = Field(description="the refusal in English, for people and scripts")

"""The recorder speaks English and, for everything the operator must read, a code with its
params (vms_api.errors.ErrorCode): the client words the code in its own language here (pt-BR
ships with the app). The English sentence is shown only for a code this client does not know."""

from __future__ import annotations

import re
import string

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from vms_api.client import ApiError

CONTEXT = "RecorderMessage"


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


# code -> translatable template; {params} come from the error's params, by name
MESSAGES: dict[str, str] = {
    # the recorder itself
    "recorder_not_running": QT_TRANSLATE_NOOP("RecorderMessage", "the recorder is not running"),
    "recorder_not_started": QT_TRANSLATE_NOOP("RecorderMessage", "the recorder could not start; see {log}"),
    "recorder_stop_timeout": QT_TRANSLATE_NOOP("RecorderMessage", "the recorder did not stop in time"),
    "internal_error": QT_TRANSLATE_NOOP("RecorderMessage", "the recorder could not do that; see its log"),
    "unauthorized": QT_TRANSLATE_NOOP("RecorderMessage", "missing or wrong API token"),
    "not_found": QT_TRANSLATE_NOOP("RecorderMessage", "not found: {what}"),
    "invalid_request": QT_TRANSLATE_NOOP("RecorderMessage", "the request was refused: {detail}"),
    # a camera's connection and recording
    "camera_auth_failed": QT_TRANSLATE_NOOP("RecorderMessage", "wrong username or password"),
    "camera_no_stream": QT_TRANSLATE_NOOP(
        "RecorderMessage", "the camera has no stream at this address (check the path in the URL)"),
    "camera_refused": QT_TRANSLATE_NOOP(
        "RecorderMessage", "{host} refused the connection (is the camera on, and the port right?)"),
    "camera_no_answer": QT_TRANSLATE_NOOP("RecorderMessage", "no answer from {host}"),
    "camera_unreachable": QT_TRANSLATE_NOOP("RecorderMessage", "{host} cannot be reached on the network"),
    "camera_host_not_found": QT_TRANSLATE_NOOP("RecorderMessage", "the camera address {host} could not be found"),
    "camera_closed_connection": QT_TRANSLATE_NOOP("RecorderMessage", "the camera closed the connection"),
    "camera_bad_answer": QT_TRANSLATE_NOOP(
        "RecorderMessage", "the camera's answer could not be understood (is this an RTSP address?)"),
    "camera_stopped_sending": QT_TRANSLATE_NOOP("RecorderMessage", "the camera stopped sending video"),
    "camera_no_video": QT_TRANSLATE_NOOP("RecorderMessage", "the camera sends no video"),
    "camera_codec_unsupported": QT_TRANSLATE_NOOP(
        "RecorderMessage", "the camera sends {codec} video, which cannot be recorded; set the camera to H.264 or H.265"),
    "camera_disabled": QT_TRANSLATE_NOOP("RecorderMessage", "camera {camera_id} is disabled"),
    "camera_no_live_video": QT_TRANSLATE_NOOP("RecorderMessage", "camera {camera_id} sent no live video in time"),
    # the disk
    "disk_full": QT_TRANSLATE_NOOP("RecorderMessage", "the recording disk is full"),
    "recordings_not_writable": QT_TRANSLATE_NOOP(
        "RecorderMessage", "cannot write to the recordings folder (permission denied)"),
    # clips
    "clip_limit": QT_TRANSLATE_NOOP(
        "RecorderMessage", "the plan keeps up to {limit} clips and {count} are saved; delete a clip or move to a bigger plan"),
    "clip_busy": QT_TRANSLATE_NOOP("RecorderMessage", "clip {clip_id} is still being made; delete it when it is done"),
    "clip_no_space": QT_TRANSLATE_NOOP(
        "RecorderMessage", "not enough free disk for this clip: it needs about {need_mb} MB and {free_mb} MB can be used"),
}


def message(code: str | None, params: dict | None = None, fallback: str = "") -> str:
    """The code's message in the user's language, its {params} filled in; the fallback (the
    recorder's English) for a code this client does not know, or params that do not fit."""
    template = MESSAGES.get(code or "")
    if template is None:
        return translate(fallback)
    try:
        return _t(template).format(**(params or {}))
    except (KeyError, IndexError, ValueError):
        return translate(fallback) or _t(template)


def error_text(error: Exception) -> str:
    """What went wrong, for the user: the recorder's refusal by its code, anything else as it says."""
    if isinstance(error, ApiError):
        return message(error.code, error.params, error.detail)
    return str(error)


def camera_error(cam: dict) -> str:
    """Why a camera (in the recorder's status, or a probe's answer) does not record; "" when it does."""
    return message(cam.get("error_code"), cam.get("error_params"), cam.get("error") or "")


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
    (r"(?P<pct>[\d.]+) % of frames lost over (?P<s>\d+) s \((?P<lost>\d+) of (?P<n>\d+)\)",
     QT_TRANSLATE_NOOP("RecorderMessage", "{pct} % of frames lost over {s} s ({lost} of {n})")),
]


def translate(text: str | None) -> str:
    """A sentence of the recorder's that has no code (an event's label, the disk's trouble) in the
    user's language; any other passes through as it is."""
    if not text:
        return ""
    for pattern, template in _SENTENCES:
        m = re.fullmatch(pattern, text.strip())
        if m:
            return _t(template).format(**m.groupdict())
    return text

"""The recorder speaks English; the operator reads it in the client's language. Each known
recorder message is matched here and translated (pt-BR ships with the app)."""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("RecorderMessage", text)


# (pattern, translatable template); {host} and {codec} come from the match
_KNOWN: list[tuple[str, str]] = [
    (r"wrong username or password", QT_TRANSLATE_NOOP("RecorderMessage", "wrong username or password")),
    (r"the camera has no stream at this address.*", QT_TRANSLATE_NOOP("RecorderMessage", "the camera has no stream at this address (check the path in the URL)")),
    (r"(?P<host>\S+) refused the connection.*", QT_TRANSLATE_NOOP("RecorderMessage", "{host} refused the connection (is the camera on, and the port right?)")),
    (r"no answer from (?P<host>\S+)", QT_TRANSLATE_NOOP("RecorderMessage", "no answer from {host}")),
    (r"(?P<host>\S+) cannot be reached on the network", QT_TRANSLATE_NOOP("RecorderMessage", "{host} cannot be reached on the network")),
    (r"the camera address (?P<host>\S+) could not be found", QT_TRANSLATE_NOOP("RecorderMessage", "the camera address {host} could not be found")),
    (r"the recording disk is full", QT_TRANSLATE_NOOP("RecorderMessage", "the recording disk is full")),
    (r"cannot write to the recordings folder.*", QT_TRANSLATE_NOOP("RecorderMessage", "cannot write to the recordings folder (permission denied)")),
    (r"the camera closed the connection", QT_TRANSLATE_NOOP("RecorderMessage", "the camera closed the connection")),
    (r"the camera's answer could not be understood.*", QT_TRANSLATE_NOOP("RecorderMessage", "the camera's answer could not be understood (is this an RTSP address?)")),
    (r"the camera stopped sending video", QT_TRANSLATE_NOOP("RecorderMessage", "the camera stopped sending video")),
    (r"the camera sends no video", QT_TRANSLATE_NOOP("RecorderMessage", "the camera sends no video")),
    (r"the camera sends (?P<codec>\S+) video, which cannot be recorded.*",
     QT_TRANSLATE_NOOP("RecorderMessage", "the camera sends {codec} video, which cannot be recorded; set the camera to H.264 or H.265")),
    (r"the recorder is not running", QT_TRANSLATE_NOOP("RecorderMessage", "the recorder is not running")),
    (r"(?P<n>\d+) of the oldest recordings deleted early: the disk was nearly full \((?P<free>[\d.]+) GB free\)",
     QT_TRANSLATE_NOOP("RecorderMessage", "{n} of the oldest recordings deleted early: the disk was nearly full ({free} GB free)")),
    (r"The disk is almost full \((?P<free>\d+) MB free, (?P<need>\d+) MB needed\) and only clips are left "
     r"\((?P<clips>\d+)\), and clips are never deleted: free space or add a disk, or recording will stop",
     QT_TRANSLATE_NOOP("RecorderMessage", "The disk is almost full ({free} MB free, {need} MB needed) and only clips are left ({clips}), and clips are never deleted: free space or add a disk, or recording will stop")),
    (r"The disk is almost full \((?P<free>\d+) MB free, (?P<need>\d+) MB needed\) and there is no old footage "
     r"left: free space or add a disk, or recording will stop",
     QT_TRANSLATE_NOOP("RecorderMessage", "The disk is almost full ({free} MB free, {need} MB needed) and there is no old footage left: free space or add a disk, or recording will stop")),
    (r"the recordings disk is (?P<pct>\d+) % full", QT_TRANSLATE_NOOP("RecorderMessage", "the recordings disk is {pct} % full")),
    (r"(?P<pct>[\d.]+) % of frames lost over (?P<s>\d+) s \((?P<lost>\d+) of (?P<n>\d+)\)",
     QT_TRANSLATE_NOOP("RecorderMessage", "{pct} % of frames lost over {s} s ({lost} of {n})")),
]


def translate(message: str | None) -> str:
    """The recorder's message in the user's language; unknown ones pass through as they are."""
    if not message:
        return ""
    for pattern, template in _KNOWN:
        m = re.fullmatch(pattern, message.strip())
        if m:
            return _t(template).format(**m.groupdict())
    return message

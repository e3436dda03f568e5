"""Which events are alarms: the events each alarm kind answers to, a rule's armed hours, and a
posted plate against the watch list, tolerant of one misread character. Pure: no database."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from vms_api.enums import AlarmKind, EventKind

# The events each kind of alarm answers to.
KIND_EVENTS: dict[AlarmKind, frozenset[str]] = {
    AlarmKind.OFFLINE: frozenset({EventKind.OFFLINE}),
    AlarmKind.RECORDING: frozenset({EventKind.RECORDER_STOPPED, EventKind.ERROR, EventKind.FRAME_LOSS}),
    AlarmKind.DISK: frozenset({EventKind.DISK_ALERT, EventKind.DISK_FULL, EventKind.EARLY_DELETION}),
    AlarmKind.MOTION: frozenset({EventKind.MOTION}),
    AlarmKind.PLATE: frozenset({EventKind.PLATE}),
}
ALL_DAYS = (0, 1, 2, 3, 4, 5, 6)  # Monday is 0, as datetime.weekday()


def parse_hhmm(text: str) -> time:
    """'HH:MM' (24 h) to a time; ValueError otherwise."""
    if not re.fullmatch(r"\d{2}:\d{2}", text or ""):
        raise ValueError(text)
    return time(int(text[:2]), int(text[3:]))


def armed(at: datetime, days: list[int] | tuple[int, ...], start: str, end: str) -> bool:
    """Whether a rule armed on these weekdays from start to end (local 'HH:MM') holds at the
    local time at. start == end: the whole day. A window past midnight (22:00-06:00) belongs to
    the day it starts on: Friday's night watch still holds at 03:00 on Saturday."""
    a, b = parse_hhmm(start), parse_hhmm(end)
    t = at.time()
    if a == b:
        return at.weekday() in days
    if a < b:
        return a <= t < b and at.weekday() in days
    if t >= a:
        return at.weekday() in days
    if t < b:
        return (at - timedelta(days=1)).weekday() in days
    return False


def normalize_plate(text: str) -> str:
    """A plate as compared: letters and digits only, upper case ('abc-1d23' is 'ABC1D23')."""
    return re.sub(r"[^0-9A-Z]", "", (text or "").upper())


def within_one_edit(a: str, b: str) -> bool:
    """At most one character misread, missed or extra between a and b (Levenshtein distance <= 1)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]


def watched(read: str, plates: dict[str, str | None]) -> tuple[str, str | None] | None:
    """The watch list's plate a reading matches, and its note: exactly if listed, else within one
    character. plates: normalized plate -> note."""
    plate = normalize_plate(read)
    if len(plate) < 4:  # a fragment matches too much to be worth an alarm
        return None
    if plate in plates:
        return plate, plates[plate]
    for listed, note in plates.items():
        if within_one_edit(plate, listed):
            return listed, note
    return None

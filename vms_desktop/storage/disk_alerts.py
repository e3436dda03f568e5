"""What the storage alerts remember, and how storage numbers are written. No Qt here: the main
window and the storage view word the results for the operator in their language.

- A disk alert is announced once when use crosses 80, 90 or 95 % upwards, and cleared when use
  falls back below 80 %; going down a level quietly lowers it, so the next climb is news again.
- The recorder's "disk short, nothing may go" sentence is announced once per new message (its
  figures change every minute; the words are what counts).
- The recorder's early deletions are told once each (the last event id told is remembered).
- Footage deleted by retention tomorrow is told once per camera and day, remembered across
  restarts (a string the caller keeps, e.g. in QSettings).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from vms_api import models as m

LEVELS = (80, 90, 95)  # percent of the recordings disk in use


def level_of(percent: float) -> int:
    """The highest alert level reached (0: none)."""
    return max((lvl for lvl in LEVELS if percent >= lvl), default=0)


@dataclass
class LevelWatch:
    """Feeds on the disk's use; says which level to announce, once per upward crossing."""

    level: int = 0

    def update(self, percent: float) -> tuple[int | None, int]:
        """(level to announce now or None, the level now)."""
        now = level_of(percent)
        fired = now if now > self.level else None
        self.level = now
        return fired, now


def trouble_key(message: str | None) -> str:
    """The sentence without its changing figures ('almost full (12 MB free, ...)')."""
    return re.sub(r"\d+(?:[.,]\d+)?", "#", (message or "").strip())


@dataclass
class TroubleWatch:
    """The recorder's loud message: announce a new one once; None clears it."""

    key: str = ""

    def update(self, message: str | None) -> bool:
        key = trouble_key(message)
        fired = bool(key) and key != self.key
        self.key = key
        return fired


@dataclass
class EventMemory:
    """Events told once each: those with an id above the last one told."""

    last_id: int = 0

    def new(self, events: list[m.Event]) -> list[m.Event]:
        fresh = sorted((e for e in events if e.id > self.last_id), key=lambda e: e.id)
        if fresh:
            self.last_id = fresh[-1].id
        return fresh


@dataclass
class ExpiryMemory:
    """Which camera's expiring day was told on which day: {camera_id: "told-on|footage-date"}."""

    told: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, text: str | None) -> ExpiryMemory:
        try:
            told = json.loads(text or "{}")
        except ValueError:
            told = {}
        return cls({str(k): str(v) for k, v in told.items()} if isinstance(told, dict) else {})

    def dump(self) -> str:
        return json.dumps(self.told, sort_keys=True)

    def due(self, expiring: list[m.Expiring], today: date) -> list[m.Expiring]:
        """The notices not told yet today; marks them told. Older memories are forgotten."""
        stamp = today.isoformat()
        self.told = {k: v for k, v in self.told.items() if v.split("|")[0] == stamp}
        out = []
        for item in expiring:
            key = str(item.camera_id)
            if key not in self.told:
                self.told[key] = f"{stamp}|{item.date}"
                out.append(item)
        return out


# -- numbers in words ------------------------------------------------------------------------

def human_bytes(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if n < 1024 or unit == "TB":
            return f"{n:.0f} {unit}" if unit in ("B", "KB") else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TB"


def mbits(bytes_per_second: float | None) -> str:
    """A camera's rate in Mbit/s, as the camera's own settings page writes it."""
    value = 8 * (bytes_per_second or 0) / 1e6
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def hours_minutes(seconds: float) -> str:
    minutes = round(seconds / 60)
    return f"{minutes // 60} h {minutes % 60:02d} min"


def short_date(iso_day: str) -> str:
    """'2025-01-14' as the notices write it: '14/01'."""
    d = date.fromisoformat(iso_day)
    return f"{d:%d/%m}"


def full_date(iso_day: str) -> str:
    d = date.fromisoformat(iso_day)
    return f"{d:%d/%m/%Y}"


def local_time(iso: str, tz=None) -> datetime:
    """An ISO instant from the recorder, in the site's local time."""
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(tz)


def days_text(days: float | None) -> str:
    """Days until the disk is full: '—' when nothing records, whole days past a week."""
    if days is None:
        return "—"
    if days >= 1000:
        return "1000+"
    return f"{days:.1f}" if days < 7 else f"{days:.0f}"


def day_folder(camera_part: str, iso_day: str) -> str:
    return f"{camera_part}_{iso_day}"

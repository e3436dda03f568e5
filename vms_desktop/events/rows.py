"""An event as the client's lists and timeline hold it: the contract's Event with its times
parsed once (a day can hold ten thousand motion events, painted again on every zoom)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from vms_api import models as m


@dataclass(frozen=True, slots=True)
class EventRow:
    id: int
    camera_id: int | None  # None: the recorder's own (the disk)
    kind: str
    start: datetime  # aware, UTC
    end: datetime | None
    label: str | None
    confidence: float | None
    has_snapshot: bool


def parse_rows(events: list[m.Event]) -> list[EventRow]:
    """The API's events with their times as aware datetimes."""
    return [EventRow(e.id, e.camera_id, e.kind, m.utc(e.start), m.utc(e.end), e.label, e.confidence, e.has_snapshot)
            for e in events]
